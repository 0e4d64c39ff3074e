-- The content calendar (issue 3): the link as published on each channel.
-- UTM tags depend on the channel's platform (utm_source), so a post's one
-- link becomes one tagged link per channel when the post is approved.
ALTER TABLE post_channels ADD COLUMN link TEXT;

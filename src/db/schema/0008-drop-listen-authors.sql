-- listen_authors kept all-time totals per author that no report read: the
-- ambassadors and detractors of `koers listen authors` are counted from the
-- mentions of the period and query asked for. Keeping it up to date cost
-- the ingest an upsert per matched mention at random places in its index
-- (about a tenth of a one-thread ingest), so it goes.
DROP TABLE listen_authors;

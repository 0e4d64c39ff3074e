#!/usr/bin/env python3
"""Run one section of twitter-text's conformance suite against the real koers.

usage: twitter-text-conformance.py KOERS CONFORMANCE_DIR FILE SECTION...

FILE is validate or extract (the upstream YAML, read at test time as the
suite's README asks). Every case of the section goes through one `koers post
check --batch` or `koers post entities --batch` process; each mismatch is
printed and the exit status is 1 when any case fails. Cases listed in
DEVIATIONS are expected to differ, with the reason; there are none.
"""
import json
import subprocess
import sys

import yaml

# (file, section, description) -> why koers deliberately differs. Empty: koers
# follows every case.
DEVIATIONS = {}

# validate.yml sections about weighted length, and the configuration each uses
# (upstream js/test/conformance: v2, v3 with emoji parsing, the default v3).
VALIDATE = {
    "WeightedTweetsCounterTest": "v2",
    "WeightedTweetsWithDiscountedEmojiCounterTest": "v3",
    "UnicodeDirectionalMarkerCounterTest": "v3",
}
PARSE_FIELDS = {
    "weightedLength": "weighted_length",
    "valid": "valid",
    "permillage": "permillage",
    "displayRangeStart": "display_range_start",
    "displayRangeEnd": "display_range_end",
    "validRangeStart": "valid_range_start",
    "validRangeEnd": "valid_range_end",
}

# extract.yml sections: which extractor, and how to turn koers' entities into
# the expected value.
def names(kinds, key=None):
    def conv(ents):
        out = []
        for e in ents:
            if e["kind"] not in kinds:
                continue
            if key is None:
                out.append(e["text"])
                continue
            d = {key: e["text"], "indices": [e["start"], e["end"]]}
            if key == "screen_name":
                name, _, slug = e["text"].partition("/")
                d["screen_name"] = name
                if "list" in kinds:
                    d["list_slug"] = "/" + slug if slug else ""
            out.append(d)
        return out
    return conv

EXTRACT = {
    "mentions": ("mention", names({"mention"})),
    "mentions_with_indices": ("mention", names({"mention"}, "screen_name")),
    "mentions_or_lists_with_indices": ("mention", names({"mention", "list"}, "screen_name")),
    "urls": ("url", names({"url"})),
    "urls_with_indices": ("url", names({"url"}, "url")),
    "urls_with_directional_markers": ("url", names({"url"}, "url")),
    "tco_urls_with_params": ("url", names({"url"})),
    "hashtags": ("hashtag", names({"hashtag"})),
    "hashtags_from_astral": ("hashtag", names({"hashtag"})),
    "hashtags_with_indices": ("hashtag", names({"hashtag"}, "hashtag")),
    "cashtags": ("cashtag", names({"cashtag"})),
    "cashtags_with_indices": ("cashtag", names({"cashtag"}, "cashtag")),
}


def run(cmd, texts):
    data = "".join(json.dumps(t) + "\n" for t in texts)
    p = subprocess.run(cmd, input=data.encode(), stdout=subprocess.PIPE, check=False)
    lines = p.stdout.decode().splitlines()
    if len(lines) != len(texts):
        sys.exit("koers gave %d results for %d texts (exit %d)" % (len(lines), len(texts), p.returncode))
    return [json.loads(l) for l in lines]


def check(koers, suite, file, section):
    cases = suite[section]
    texts = [c["text"] for c in cases]
    if file == "validate":
        results = run([koers, "post", "check", "--platform", "x", "--x-config", VALIDATE[section], "--batch"], texts)
        got = [{k: r[v] for k, v in PARSE_FIELDS.items()} for r in results]
        want = [{k: c["expected"][k] for k in PARSE_FIELDS} for c in cases]
    else:
        kind, conv = EXTRACT[section]
        results = run([koers, "post", "entities", "--only", kind, "--batch"], texts)
        got = [conv(r) for r in results]
        want = [c["expected"] for c in cases]
    failed = deviating = 0
    for c, g, w in zip(cases, got, want):
        why = DEVIATIONS.get((file, section, c["description"]))
        if g == w:
            if why:
                print("case now passes, remove it from DEVIATIONS: %s" % c["description"])
                failed += 1
            continue
        if why:
            deviating += 1
            continue
        failed += 1
        print("FAIL %s: %s\n  text:     %.300r\n  expected: %.500r\n  got:      %.500r" % (section, c["description"], c["text"], w, g))
    print("%s/%s: %d cases, %d failed, %d deviations" % (file, section, len(cases), failed, deviating))
    return failed


def main():
    koers, folder, file = sys.argv[1:4]
    with open("%s/%s.yml" % (folder, file), encoding="utf-8") as f:
        suite = yaml.safe_load(f)["tests"]
    failed = sum(check(koers, suite, file, section) for section in sys.argv[4:])
    sys.exit(1 if failed else 0)


main()

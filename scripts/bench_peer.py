#!/usr/bin/env python3
"""The script a team would write instead of LogTriage: error classes of a gzip JSON-lines
export, counted with gzip and orjson. `make bench` runs it on the same input as a peer."""
import collections
import gzip
import sys

import orjson

counts = collections.Counter()
for path in sys.argv[1:]:
    with gzip.open(path, "rb") as lines:
        for line in lines:
            try:
                record = orjson.loads(line)
            except orjson.JSONDecodeError:
                continue
            level = str(record.get("level") or record.get("log.level") or "").upper()
            if level == "ERROR" or "error.class" in record:
                counts[record.get("error.class") or (record.get("message") or "")[:40]] += 1
for name, count in counts.most_common(20):
    print(f"{count:>10} {name}")

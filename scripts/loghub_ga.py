#!/usr/bin/env python3
"""Grouping Accuracy of `logtriage patterns` on the Loghub-2k benchmark.

Feeds each system's `Content` column, in file order, as the `message` of a JSON-lines file
through `logtriage patterns --assignments`, then scores the pattern of every line against the
labelled `EventId` (the benchmark README's definition: a line is correct when the set of lines
in its pattern is exactly the set of lines sharing its EventId). One default configuration for
every system. Usage: scripts/loghub_ga.py [--systems A,B,...] [--labels corrected|original] [LOGHUB_DIR]
(default ../shared/loghub-2k).
`--systems` scores only the named systems (their mean included), for leave-one-out checks: tune on
some systems, then score the others once. `--labels original` reads `<S>_2k.log_structured.csv`
(the labels of Zhu et al., as in github.com/logpai/loghub) instead of the corrected
`<S>_2k.log_structured_corrected.csv` (Khan et al., as in ../shared and in
github.com/logpai/logparser's data/loghub_2k_corrected).
"""
import argparse
import collections
import csv
import json
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.environ.get("LOGTRIAGE", os.path.join(ROOT, ".build", "release", "logtriage"))


def grouping_accuracy(truth, predicted):
    truth_sizes = collections.Counter(truth)
    groups = collections.defaultdict(list)
    for index, label in enumerate(predicted):
        groups[label].append(index)
    correct = 0
    for members in groups.values():
        labels = {truth[i] for i in members}
        if len(labels) == 1 and truth_sizes[truth[members[0]]] == len(members):
            correct += len(members)
    return correct / len(truth)


LABEL_FILES = {"corrected": "_2k.log_structured_corrected.csv", "original": "_2k.log_structured.csv"}


def score(system_dir, name, workdir, labels):
    rows = list(csv.DictReader(open(os.path.join(system_dir, name + LABEL_FILES[labels]),
                                    newline="", encoding="utf-8")))
    source = os.path.join(workdir, f"{name}.jsonl")
    with open(source, "w", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps({"message": row["Content"]}) + "\n")
    assignments = os.path.join(workdir, f"{name}-assignments.csv")
    subprocess.run([BIN, "patterns", source, "--out", os.path.join(workdir, name), "--assignments", assignments,
                    "--quiet"], check=True, stderr=subprocess.DEVNULL)
    by_line = {int(r["line"]): r["cluster"] for r in csv.DictReader(open(assignments, newline="", encoding="utf-8"))}
    predicted = [by_line[i + 1] for i in range(len(rows))]
    return grouping_accuracy([r["EventId"] for r in rows], predicted)


def main():
    parser = argparse.ArgumentParser(description="Grouping Accuracy of logtriage patterns on Loghub-2k.")
    parser.add_argument("loghub", nargs="?", default=os.path.join(ROOT, "..", "shared", "loghub-2k"))
    parser.add_argument("--systems", help="comma-separated system names to score (default: every system)")
    parser.add_argument("--labels", choices=sorted(LABEL_FILES), default="corrected",
                        help="which labels to score against (default: corrected)")
    arguments = parser.parse_args()
    loghub = arguments.loghub
    systems = sorted(d for d in os.listdir(loghub) if os.path.isdir(os.path.join(loghub, d)))
    if arguments.systems:
        wanted = [name.strip() for name in arguments.systems.split(",") if name.strip()]
        missing = [name for name in wanted if name not in systems]
        if missing:
            sys.exit(f"no such system in {loghub}: {', '.join(missing)}")
        systems = sorted(wanted)
    results = {}
    with tempfile.TemporaryDirectory() as workdir:
        for name in systems:
            results[name] = score(os.path.join(loghub, name), name, workdir, arguments.labels)
    print(f"{'system':<12}{'GA':>8}")
    for name, value in results.items():
        print(f"{name:<12}{value:>8.4f}")
    mean = sum(results.values()) / len(results)
    print(f"{'mean':<12}{mean:>8.4f}")


if __name__ == "__main__":
    main()

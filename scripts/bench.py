#!/usr/bin/env python3
"""Ingest benchmark: LogTriage against zcat and igzip on the same generated export.

Generates (once, under bench-data/) a gzip JSON-lines export of at least 1 GB uncompressed
with `logtriage sample`, and a 4 GB one by concatenating it four times (gzip members
concatenate into a valid file). Each command runs `--runs` times and the best time counts,
since these machines are noisy; ratios compare runs made in this same invocation.
"""
import argparse
import json
import os
import resource
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, ".build", "release", "logtriage")
DATA = os.path.join(ROOT, "bench-data")


def measured(command):
    """Runs `command` (stdout discarded) in a fresh child; returns (seconds, peak RSS in MB)."""
    wrapper = (
        "import resource,subprocess,sys,time\n"
        "t=time.perf_counter()\n"
        "subprocess.run(sys.argv[1:],check=True,stdout=subprocess.DEVNULL,stderr=subprocess.DEVNULL)\n"
        "print(time.perf_counter()-t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    )
    out = subprocess.run([sys.executable, "-c", wrapper] + command, check=True, capture_output=True, text=True)
    seconds, rss_kb = out.stdout.split()
    return float(seconds), int(rss_kb) / 1024


def best(command, runs):
    results = [measured(command) for _ in range(runs)]
    return min(r[0] for r in results), max(r[1] for r in results)


def ensure_inputs(scale):
    os.makedirs(DATA, exist_ok=True)
    one = os.path.join(DATA, "week-1g.json.gz")
    four = os.path.join(DATA, "week-4g.json.gz")
    if not os.path.exists(one):
        generated = os.path.join(DATA, "generated")
        print(f"generating the export (logtriage sample --scale {scale}) ...", flush=True)
        subprocess.run([BIN, "sample", "--out", generated, "--scale", str(scale), "--seed", "7", "--no-damage"],
                       check=True)
        manifest = json.load(open(os.path.join(generated, "manifest.json")))
        parts = [os.path.join(generated, f["relativePath"]) for f in manifest["files"]
                 if f["compression"] == "gzip" and f["framing"] == "jsonl" and not f["truncated"]]
        with open(one + ".partial", "wb") as out:
            for part in sorted(parts):
                with open(part, "rb") as source:
                    while chunk := source.read(1 << 22):
                        out.write(chunk)
        os.rename(one + ".partial", one)
        subprocess.run(["rm", "-rf", generated], check=True)
    if not os.path.exists(four):
        with open(four + ".partial", "wb") as out:
            for _ in range(4):
                with open(one, "rb") as source:
                    while chunk := source.read(1 << 22):
                        out.write(chunk)
        os.rename(four + ".partial", four)
    return one, four


def ingest(path, runs, clusters=False, alerts=False):
    out = os.path.join(DATA, "out")
    command = [BIN, "analyze", path, "--out", out, "--quiet"] + ([] if clusters else ["--ingest-only"])
    if alerts:
        command += ["--alerts", os.path.join(ROOT, "Samples", "alerts.yml")]
    seconds, rss = best(command, runs)
    summary = json.load(open(os.path.join(out, "summary.json")))
    decompressed = sum(f["decompressedBytes"] for f in summary["files"])
    return seconds, rss, decompressed, summary["records"]


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5, help="runs per command; the best time counts")
    parser.add_argument("--scale", type=int, default=36, help="sample scale for the 1 GB export")
    args = parser.parse_args()
    one, four = ensure_inputs(args.scale)

    seconds, rss, size, records = ingest(one, args.runs)
    mb = size / 1e6
    zcat, _ = best(["zcat", one], args.runs)
    igzip, _ = best(["igzip", "-dc", one], args.runs)
    print(f"\ninput: {os.path.relpath(one, ROOT)}: {os.path.getsize(one) / 1e6:,.0f} MB gzip, "
          f"{mb:,.0f} MB of JSON lines, {records:,} records")
    print(f"{'command':<28}{'seconds':>9}{'MB/s':>9}")
    for name, value in [("zcat > /dev/null", zcat), ("igzip -dc > /dev/null", igzip), ("logtriage analyze (ingest)", seconds)]:
        print(f"{name:<28}{value:>9.2f}{mb / value:>9.0f}")
    print(f"\nlogtriage vs zcat:  {zcat / seconds:.2f}x the throughput (target >= 3x)")
    print(f"logtriage vs igzip: {seconds / igzip:.2f}x the time (target <= 1.5x)")

    clustered, full_rss, _, _ = ingest(one, args.runs, clusters=True)
    summary = json.load(open(os.path.join(DATA, "out", "summary.json")))
    print(f"\nfull analysis (clusters and categories, stale invoices, billers, services, dead letters; "
          f"{summary['errorRecords']:,} errors, {summary['warningRecords']:,} warnings, {summary['clusters']} clusters): "
          f"{clustered:.2f} s, {mb / clustered:.0f} MB/s ({clustered / seconds:.2f}x the ingest-only time)")

    alerted, alert_rss, _, _ = ingest(one, args.runs, clusters=True, alerts=True)
    print(f"full analysis with the alert review (--alerts Samples/alerts.yml, {len(open(os.path.join(ROOT, 'Samples', 'alerts.yml')).read().split('- name:')) - 1} conditions): "
          f"{alerted:.2f} s, {mb / alerted:.0f} MB/s ({alerted / clustered:.2f}x the full analysis without it)")

    seconds4, rss4, size4, records4 = ingest(four, 1)
    print(f"\npeak RSS, ingest only: {rss:.0f} MB at {mb / 1000:.1f} GB, {rss4:.0f} MB at {size4 / 1e9:.1f} GB "
          f"({records4:,} records, {size4 / 1e6 / seconds4:.0f} MB/s)")
    full4, full_rss4, _, _ = ingest(four, 1, clusters=True)
    print(f"peak RSS, full analysis: {full_rss:.0f} MB at {mb / 1000:.1f} GB, {full_rss4:.0f} MB at {size4 / 1e9:.1f} GB "
          f"({size4 / 1e6 / full4:.0f} MB/s)")
    alerted4, alert_rss4, _, _ = ingest(four, 1, clusters=True, alerts=True)
    print(f"peak RSS, with the alert review: {alert_rss:.0f} MB at {mb / 1000:.1f} GB, {alert_rss4:.0f} MB at {size4 / 1e9:.1f} GB "
          f"({size4 / 1e6 / alerted4:.0f} MB/s)")


if __name__ == "__main__":
    main()

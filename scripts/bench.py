#!/usr/bin/env python3
"""`make bench`: LogTriage against zcat, igzip and a Python peer on the same generated export.

Generates (once, under bench-data/) a gzip JSON-lines export of at least 1 GB uncompressed
with `logtriage sample`, and a 4 GB one by concatenating it four times (gzip members
concatenate into a valid file). The commands of the main table run in `--runs` rounds, each
round running every command once in turn, and each command's best time counts: these
machines are noisy, and a slow spell then slows one run of every command rather than all the
runs of one, so the ratios (all made in this same invocation) compare like with like.

Hostile text (issue 13's targets): one 8 MB message, 10,000 error records with distinct
5.6 KB messages and 2 GiB of blank lines, through `analyze` and `patterns`, with time and
peak memory beside each target (`--only hostile` runs these alone).
"""
import argparse
import gzip
import json
import os
import random
import resource
import subprocess
import sys
import time
import zlib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, ".build", "release", "logtriage")
DATA = os.path.join(ROOT, "bench-data")


def measured(command, cpu=False):
    """Runs `command` (stdout discarded) in a fresh child; returns (seconds, peak RSS in MiB:
    Linux gives `ru_maxrss` in KiB),
    and with `cpu` the child's user + system CPU seconds too (what a busy machine does not inflate)."""
    wrapper = (
        "import resource,subprocess,sys,time\n"
        "t=time.perf_counter()\n"
        "subprocess.run(sys.argv[1:],check=True,stdout=subprocess.DEVNULL,stderr=subprocess.DEVNULL)\n"
        "u=resource.getrusage(resource.RUSAGE_CHILDREN)\n"
        "print(time.perf_counter()-t, u.ru_maxrss, u.ru_utime+u.ru_stime)\n"
    )
    out = subprocess.run([sys.executable, "-c", wrapper] + command, check=True, capture_output=True, text=True)
    seconds, rss_kb, cpu_seconds = out.stdout.split()
    result = (float(seconds), int(rss_kb) / 1024)
    return result + (float(cpu_seconds),) if cpu else result


def best_of(results, cpu=False):
    """The best time (and CPU time) of a command's runs, with the largest peak RSS."""
    best = (min(r[0] for r in results), max(r[1] for r in results))
    return best + (min(r[2] for r in results),) if cpu else best


def best(command, runs, cpu=False):
    return best_of([measured(command, cpu) for _ in range(runs)], cpu)


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


def analyze_command(path, out, clusters=False, alerts=False, jobs=None):
    """`jobs` None runs with the default (every core)."""
    command = [BIN, "analyze", path, "--out", out, "--quiet"] + ([] if clusters else ["--ingest-only"])
    if alerts:
        command += ["--alerts", os.path.join(ROOT, "Samples", "alerts.yml")]
    if jobs is not None:
        command += ["--jobs", str(jobs)]
    return command


def patterns_command(path, jobs=None):
    """`logtriage patterns` over every message; `jobs` None runs with the default (every core)."""
    command = [BIN, "patterns", path, "--out", os.path.join(DATA, "out-patterns"), "--quiet"]
    if jobs is not None:
        command += ["--jobs", str(jobs)]
    return command


def peer_command(path):
    """The Python script a team would write instead (gzip + orjson), installing orjson if needed."""
    try:
        import orjson  # noqa: F401
    except ImportError:
        subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "orjson"], check=True)
    return [sys.executable, os.path.join(ROOT, "scripts", "bench_peer.py"), path]


def in_rounds(commands, runs):
    """Each of `commands` (name → command) run once per round, in turn, for `runs` rounds;
    name → (best seconds, largest peak RSS in MiB)."""
    results = {name: [] for name in commands}
    for _ in range(runs):
        for name, command in commands.items():
            results[name].append(measured(command))
    return {name: best_of(runs_of_one) for name, runs_of_one in results.items()}


def read_size(out):
    """The decompressed bytes and the records of the run that wrote `out`."""
    summary = json.load(open(os.path.join(out, "summary.json")))
    return sum(f["decompressedBytes"] for f in summary["files"]), summary["records"]


def hostile_inputs():
    """Generates (once, deterministically) the inputs of issue 13's targets for hostile text:
    one 8 MB message, 10,000 error records with distinct 5.6 KB messages, 2 GiB of blank lines."""
    os.makedirs(DATA, exist_ok=True)
    rng = random.Random(13)
    letters = "abcdefghijklmnopqrstuvwxyz"
    # Words without digits, so masking cannot make two messages alike.
    vocabulary = ["".join(rng.choice(letters) for _ in range(rng.randint(3, 10))) for _ in range(50_000)]
    start = 1_794_182_400_000
    long_message = os.path.join(DATA, "message-8mb.json.gz")
    if not os.path.exists(long_message):
        words, size = [], 0
        while size < 8 * 1024 * 1024:
            word = rng.choice(vocabulary)
            words.append(word)
            size += len(word) + 1
        with gzip.open(long_message + ".partial", "wt") as out:
            out.write(json.dumps({"timestamp": start, "level": "ERROR", "service.name": "pump",
                                  "message": "Payment failed: " + " ".join(words)}) + "\n")
            for index in range(10):
                out.write(json.dumps({"timestamp": start + index, "level": "INFO", "service.name": "pump",
                                      "message": f"ok {index}"}) + "\n")
        os.rename(long_message + ".partial", long_message)
    distinct = os.path.join(DATA, "distinct-10k.json.gz")
    if not os.path.exists(distinct):
        with gzip.open(distinct + ".partial", "wt") as out:
            for index in range(10_000):
                text = "Payment failed: " + " ".join(rng.choice(vocabulary) for _ in range(800))
                out.write(json.dumps({"timestamp": start + index * 1000, "level": "ERROR", "service.name": "pump",
                                      "message": text[:5600]}) + "\n")
        os.rename(distinct + ".partial", distinct)
    blank = os.path.join(DATA, "blank-2gib.json.gz")
    if not os.path.exists(blank):
        compressor = zlib.compressobj(6, zlib.DEFLATED, 31)
        chunk = b"\n" * (64 << 20)
        with open(blank + ".partial", "wb") as out:
            out.write(compressor.compress(json.dumps({"timestamp": start, "level": "ERROR", "message": "first"}).encode() + b"\n"))
            for _ in range(32):
                out.write(compressor.compress(chunk))
            out.write(compressor.compress(json.dumps({"timestamp": start, "level": "ERROR", "message": "last"}).encode() + b"\n"))
            out.write(compressor.flush())
        os.rename(blank + ".partial", blank)
    return long_message, distinct, blank


def hostile(runs):
    """Time and peak memory of `analyze` and `patterns` on hostile text, beside issue 13's
    targets, and `zcat` of the same file as the reference."""
    long_message, distinct, blank = hostile_inputs()
    out = os.path.join(DATA, "out-hostile")
    cases = [
        ("one 8 MB message", long_message, 1.0, None),
        ("10,000 distinct 5.6 KB messages", distinct, 3.0, 256),
        ("2 GiB of blank lines", blank, 5.0, None),
    ]
    print(f"\nhostile text (best of {runs}; seconds are wall clock, cpu s the process's user + system time; "
          f"target beside each):")
    print(f"{'input':<34}{'command':<10}{'seconds':>9}{'cpu s':>8}{'peak MiB':>10}{'x zcat':>8}  target")
    for name, path, seconds_target, memory_target in cases:
        zcat, _ = best(["zcat", path], runs)
        for command in ["analyze", "patterns"]:
            seconds, rss, cpu = best([BIN, command, path, "--out", out, "--quiet"], runs, cpu=True)
            target = f"<= {seconds_target:g} s" + (f", <= {memory_target} MiB" if memory_target else "")
            met = seconds <= seconds_target and (memory_target is None or rss <= memory_target)
            print(f"{name:<34}{command:<10}{seconds:>9.2f}{cpu:>8.2f}{rss:>10.0f}{seconds / zcat:>8.1f}  "
                  f"{target}: {'met' if met else 'NOT MET'}")


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3, help="runs per command; the best time counts")
    parser.add_argument("--scale", type=int, default=36, help="sample scale for the 1 GB export")
    parser.add_argument("--only", choices=["all", "ingest", "hostile"], default="all",
                        help="ingest: the 1 GB and 4 GB exports; hostile: long messages, distinct messages, blank lines")
    args = parser.parse_args()
    if args.only in ("all", "hostile"):
        hostile(min(args.runs, 3))
    if args.only == "hostile":
        return
    one, four = ensure_inputs(args.scale)
    conditions = len(open(os.path.join(ROOT, "Samples", "alerts.yml")).read().split("- name:")) - 1

    out = os.path.join(DATA, "out")
    ingest_out = os.path.join(DATA, "out-ingest")
    commands = {
        "ingest": analyze_command(one, ingest_out),
        "zcat": ["zcat", one],
        "igzip": ["igzip", "-dc", one],
        "full": analyze_command(one, out, clusters=True),
        "alerts": analyze_command(one, out, clusters=True, alerts=True),
        "full1": analyze_command(one, out, clusters=True, jobs=1),
        "alerts1": analyze_command(one, out, clusters=True, alerts=True, jobs=1),
        "patterns": patterns_command(one),
        "patterns1": patterns_command(one, jobs=1),
        "peer": peer_command(one),
    }
    timed = in_rounds(commands, args.runs)
    size, records = read_size(ingest_out)
    mb = size / 1e6
    ingest_s, ingest_rss = timed["ingest"]
    zcat, igzip = timed["zcat"][0], timed["igzip"][0]
    full_s, full_rss = timed["full"]
    alerts_s, alerts_rss = timed["alerts"]
    full1_s, full1_rss = timed["full1"]
    alerts1_s, alerts1_rss = timed["alerts1"]
    patterns_s, patterns_rss = timed["patterns"]
    patterns1_s, patterns1_rss = timed["patterns1"]
    peer_s, peer_rss = timed["peer"]
    cores = os.cpu_count()
    print(f"\ninput: {os.path.relpath(one, ROOT)}: {os.path.getsize(one) / 1e6:,.0f} MB gzip, "
          f"{mb:,.0f} MB of JSON lines, {records:,} records; best of {args.runs} rounds, the commands in turn\n")
    print(f"| {'command':<66} | {'seconds':>7} | {'MB/s':>6} | {'vs zcat':>7} | {'peak RSS':>8} |")
    print(f"|{'-' * 68}|{'-' * 9}|{'-' * 8}|{'-' * 9}|{'-' * 10}|")
    rows = [("zcat > /dev/null", zcat, None), ("igzip -dc > /dev/null", igzip, None),
            ("logtriage analyze --ingest-only", ingest_s, ingest_rss),
            (f"logtriage analyze (full analysis and report, {cores} jobs)", full_s, full_rss),
            ("logtriage analyze --jobs 1", full1_s, full1_rss),
            (f"logtriage analyze --alerts Samples/alerts.yml ({conditions} conditions, {cores} jobs)", alerts_s, alerts_rss),
            ("logtriage analyze --alerts Samples/alerts.yml --jobs 1", alerts1_s, alerts1_rss),
            (f"logtriage patterns (every message, {cores} jobs)", patterns_s, patterns_rss),
            ("logtriage patterns --jobs 1", patterns1_s, patterns1_rss),
            ("Python peer: gzip + orjson counting error classes", peer_s, peer_rss)]
    for name, seconds, rss in rows:
        memory = f"{rss:.0f} MiB" if rss is not None else ""
        print(f"| {name:<66} | {seconds:>7.2f} | {mb / seconds:>6.0f} | {zcat / seconds:>6.2f}x | {memory:>8} |")

    four_out = os.path.join(DATA, "out-4g")
    _, alerts4_rss = measured(analyze_command(four, four_out, clusters=True, alerts=True))
    size4, _ = read_size(four_out)
    print(f"\n| {'target (issue 11)':<66} | {'measured':>12} | {'met':>4} |")
    print(f"|{'-' * 68}|{'-' * 14}|{'-' * 6}|")
    checks = [
        ("full analyze >= 3x zcat throughput", f"{zcat / full_s:.2f}x", zcat / full_s >= 3),
        (f"analyze --alerts ({conditions} conditions) >= 2x zcat", f"{zcat / alerts_s:.2f}x", zcat / alerts_s >= 2),
        ("ingest alone <= 1.5x the time of igzip -dc", f"{ingest_s / igzip:.2f}x", ingest_s / igzip <= 1.5),
        (f"analyze --jobs {cores} vs --jobs 1 >= 1.6x faster", f"{full1_s / full_s:.2f}x", full1_s / full_s >= 1.6),
        (f"analyze --alerts --jobs {cores} vs --jobs 1 >= 1.6x faster", f"{alerts1_s / alerts_s:.2f}x",
         alerts1_s / alerts_s >= 1.6),
        (f"patterns --jobs {cores} vs --jobs 1 >= 1.6x faster", f"{patterns1_s / patterns_s:.2f}x",
         patterns1_s / patterns_s >= 1.6),
        (f"peak RSS with --alerts <= 256 MiB (at {mb / 1000:.1f} GB)", f"{alerts_rss:.0f} MiB", alerts_rss <= 256),
        (f"peak RSS with --alerts, {size4 / 1e9:.1f} GB vs {mb / 1000:.1f} GB <= 1.2x",
         f"{alerts4_rss / alerts_rss:.2f}x", alerts4_rss / alerts_rss <= 1.2),
    ]
    for name, measured_value, met in checks:
        print(f"| {name:<66} | {measured_value:>12} | {'yes' if met else 'no':>4} |")


if __name__ == "__main__":
    main()

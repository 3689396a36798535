#!/usr/bin/env bash
# Runs each libFuzzer harness of logtriage-fuzz for SECONDS (default 600) and prints, per
# target, the runs made, the corpus size and whether anything was found. Corpora grow in
# .build-fuzz/corpus/TARGET from the committed seeds in Fuzz/Seeds/TARGET; a crash, leak or
# hang is saved under Fuzz/Regressions/TARGET/ (commit it: the test suite replays it).
# Leak detection is off: Swift 6.3.1's Foundation leaks 4 KiB reading an empty file
# (String(contentsOfFile:) → readBytesFromFile), which stopped every YAML harness at once.
# AddressSanitizer's memory-error checks stay on.
# Usage: scripts/fuzz.sh [SECONDS] [TARGET...]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-600}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(json reader nrql conditions config)
binary=.build-fuzz/debug/logtriage-fuzz
[ -x "$binary" ] || { echo "build it first: make fuzz-build" >&2; exit 1; }
status=0
printf '%-12s %12s %8s  %s\n' target runs corpus result
for target in "${targets[@]}"; do
    corpus=.build-fuzz/corpus/$target
    mkdir -p "$corpus" "Fuzz/Regressions/$target"
    log=.build-fuzz/fuzz-$target.log
    if ASAN_OPTIONS=detect_leaks=0 LOGTRIAGE_FUZZ_TARGET=$target "$binary" "$corpus" "Fuzz/Seeds/$target" \
        -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 \
        -detect_leaks=0 \
        -artifact_prefix="Fuzz/Regressions/$target/" >"$log" 2>&1; then
        result=clean
    else
        result="FOUND (see $log)"
        status=1
    fi
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1 || echo "?")
    entries=$(find "$corpus" -type f | wc -l)
    printf '%-12s %12s %8s  %s\n' "$target" "$runs" "$entries" "$result"
done
exit $status

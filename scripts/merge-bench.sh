#!/usr/bin/env bash
# `make bench-merge`: one analyze of a generated 1 GB week against the merge of its daily
# partials (7 days + the rest), alternating with `zcat -f` of the same files as the
# reference (one file of the week is plain JSON under a .gz name), three rounds; then checks
# that the merged report is byte-identical and prints the partials' size.
# `scripts/merge-bench.sh alerts` does the same with --alerts Samples/alerts.yml.
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-plain}
BIN=.build/release/logtriage
WEEK=bench-data/week-1g-dir
IN=$WEEK/logs
WORK=$(mktemp -d "${TMPDIR:-/tmp}/logtriage-merge-bench.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
if [ ! -d "$IN" ]; then
  echo "generating the week (logtriage sample --scale 36 --seed 7 --no-damage) ..."
  "$BIN" sample --out "$WEEK" --scale 36 --seed 7 --no-damage
fi
alerts=()
[ "$mode" = alerts ] && alerts=(--alerts Samples/alerts.yml)
partials=()
for day in "$IN"/export/*; do
  "$BIN" analyze "$day" "${alerts[@]}" --partial "$WORK/$(basename "$day").partial" --quiet 2>/dev/null
  partials+=("$WORK/$(basename "$day").partial")
done
"$BIN" analyze "$IN/historical" "$IN/logapi" "${alerts[@]}" --partial "$WORK/rest.partial" --quiet 2>/dev/null
partials+=("$WORK/rest.partial")
mapfile -t exports < <(find "$IN" -name '*.gz' | sort)
# Prints "LABEL seconds, peak KB" of a command, its own output discarded.
timed() {
  local label=$1
  shift
  /usr/bin/time -f "$label %e s, %M KB" -o "$WORK/time" "$@" >/dev/null 2>&1
  cat "$WORK/time"
}
for round in 1 2 3; do
  timed "round $round: zcat -f" zcat -f "${exports[@]}"
  timed "round $round: analyze" "$BIN" analyze "$IN" "${alerts[@]}" --out "$WORK/full"
  timed "round $round: merge" "$BIN" merge "${partials[@]}" --out "$WORK/merged"
done
diff -r -q "$WORK/full" "$WORK/merged" && echo "$mode: the merged report is byte-identical to the single run's"
echo "partials: $(du -cb "${partials[@]}" | tail -1 | cut -f1) bytes; export: $(du -cb "${exports[@]}" | tail -1 | cut -f1) bytes"

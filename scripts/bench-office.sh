#!/usr/bin/env bash
# Office benchmark (`make bench`, after `make build`): whole-process time per Office file on
# ../shared/corpus/office, the way an analyst runs olevba on one file at a time.
#  - every file: one `lureguard scan --jobs 1` process each, best of N runs per file;
#  - the VBA-bearing files (those whose olevba report in ../shared/corpus/office-expected lists
#    macros) are summarized on their own, against olevba's whole-process time on this machine
#    (0.4-0.6 s a file, LG_OLEVBA_SECONDS, default 0.5: olevba is a PyPI program, not a
#    Debian package, so it is not run here);
#  - linear growth is measured by lg_bench (bench/office_bench.cpp: a module with 100,000
#    string literals, a 48 MB compound document, with Google Benchmark's complexity fit).
# Timings are reported, never asserted.
#
# usage: scripts/bench-office.sh [OFFICE_DIR]
# env:   LG_BUILD_DIR (default build), LG_BENCH_RUNS (3), LG_OLEVBA_SECONDS (0.5)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
build=${LG_BUILD_DIR:-$root/build}
office=${1:-$root/../shared/corpus/office}
expected=$root/../shared/corpus/office-expected
runs=${LG_BENCH_RUNS:-3}
olevba=${LG_OLEVBA_SECONDS:-0.5}
cli=$build/lureguard

if [ ! -x "$cli" ]; then
  echo "bench-office: $cli not built; run \`make build\` first" >&2
  exit 1
fi
if [ ! -d "$office" ]; then
  echo "bench-office: $office not found; skipped"
  exit 0
fi
pin=()
if command -v taskset >/dev/null 2>&1 && taskset -c 0 true 2>/dev/null; then pin=(taskset -c 0); fi

work=$(mktemp -d "${TMPDIR:-/tmp}/lg-bench-office.XXXXXX")
trap 'rm -rf "$work"' EXIT

# best_ns FILE: the best of $runs whole-process scans of FILE, in nanoseconds.
best_ns() {
  local best="" t0 t1 i
  for ((i = 0; i < runs; i++)); do
    t0=$(date +%s%N)
    "${pin[@]}" "$cli" scan --jobs 1 --format json "$1" >/dev/null 2>&1 || true
    t1=$(date +%s%N)
    if [ -z "$best" ] || [ $((t1 - t0)) -lt "$best" ]; then best=$((t1 - t0)); fi
  done
  echo "$best"
}

# has_macros FILE: true when olevba's report for FILE lists VBA modules.
has_macros() {
  local rel=${1#"$office"/}
  local report=$expected/${rel//\//_}.olevba.json
  [ -f "$report" ] && grep -q '"vba_filename"' "$report"
}

all_ns=0 all_n=0 vba_ns=0 vba_n=0 worst_ns=0 worst=""
while IFS= read -r -d '' f; do
  ns=$(best_ns "$f")
  all_ns=$((all_ns + ns))
  all_n=$((all_n + 1))
  if has_macros "$f"; then
    vba_ns=$((vba_ns + ns))
    vba_n=$((vba_n + 1))
    if [ "$ns" -gt "$worst_ns" ]; then worst_ns=$ns worst=$f; fi
  fi
done < <(find "$office" -type f ! -name '*.zip' -print0 | sort -z)

ms() { awk -v ns="$1" -v n="$2" 'BEGIN { printf "%.1f", n ? ns / n / 1e6 : 0 }'; }
echo "== Office files, one whole process each, ${pin[*]:-unpinned}, best of $runs"
echo "all files:        $all_n files, $(ms "$all_ns" "$all_n") ms a file"
if [ "$vba_n" -gt 0 ]; then
  per=$(ms "$vba_ns" "$vba_n")
  ratio=$(awk -v s="$olevba" -v ms="$per" 'BEGIN { printf "%.0f", s * 1000 / ms }')
  echo "VBA-bearing files: $vba_n files, $per ms a file (slowest $(ms "$worst_ns" 1) ms: ${worst#"$office"/})"
  echo "olevba reference: ${olevba} s a file -> lureguard ${ratio}x faster (goal >= 50x, < 10 ms a file)"
fi

echo "(linear growth: see BM_VbaStringLiterals and BM_LargeCompoundDocument in lg_bench, whose"
echo " complexity fit must read O(N))"

#!/usr/bin/env bash
# Office benchmark (`make bench`, after `make build`): whole-process time per Office file on
# ../shared/corpus/office, the way an analyst runs olevba on one file at a time.
#  - every file: one `lureguard scan --jobs 1` process each, best of N runs per file, as CPU
#    time (user + sys, which other work on the machine does not inflate much) and wall time;
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

# best_us FILE: the best of $runs whole-process scans of FILE, "CPU wall" in microseconds
# (bash's `time`: user + sys from getrusage, the wall clock).
best_us() {
  local best_cpu="" best_wall="" t r u s cpu wall i
  for ((i = 0; i < runs; i++)); do
    t=$({ TIMEFORMAT='%3R %3U %3S'; time "${pin[@]}" "$cli" scan --jobs 1 --format json "$1" \
      >/dev/null 2>&1; } 2>&1 | tail -n 1) || true
    read -r r u s <<<"$t"
    cpu=$(awk -v u="$u" -v s="$s" 'BEGIN { printf "%d", (u + s) * 1e6 }')
    wall=$(awk -v r="$r" 'BEGIN { printf "%d", r * 1e6 }')
    if [ -z "$best_cpu" ] || [ "$cpu" -lt "$best_cpu" ]; then best_cpu=$cpu; fi
    if [ -z "$best_wall" ] || [ "$wall" -lt "$best_wall" ]; then best_wall=$wall; fi
  done
  echo "$best_cpu $best_wall"
}

# has_macros FILE: true when olevba's report for FILE lists VBA modules.
has_macros() {
  local rel=${1#"$office"/}
  local report=$expected/${rel//\//_}.olevba.json
  [ -f "$report" ] && grep -q '"vba_filename"' "$report"
}

all_cpu=0 all_wall=0 all_n=0 vba_cpu=0 vba_wall=0 vba_n=0 worst_us=0 worst=""
while IFS= read -r -d '' f; do
  read -r cpu wall <<<"$(best_us "$f")"
  all_cpu=$((all_cpu + cpu)) all_wall=$((all_wall + wall))
  all_n=$((all_n + 1))
  if has_macros "$f"; then
    vba_cpu=$((vba_cpu + cpu)) vba_wall=$((vba_wall + wall))
    vba_n=$((vba_n + 1))
    if [ "$cpu" -gt "$worst_us" ]; then worst_us=$cpu worst=$f; fi
  fi
done < <(find "$office" -type f ! -name '*.zip' -print0 | sort -z)

ms() { awk -v us="$1" -v n="$2" 'BEGIN { printf "%.1f", n ? us / n / 1e3 : 0 }'; }
echo "== Office files, one whole process each, ${pin[*]:-unpinned}, best of $runs (CPU = user + sys)"
echo "all files:        $all_n files, $(ms "$all_cpu" "$all_n") ms CPU, $(ms "$all_wall" "$all_n") ms wall a file"
if [ "$vba_n" -gt 0 ]; then
  per=$(ms "$vba_cpu" "$vba_n")
  ratio=$(awk -v s="$olevba" -v ms="$per" 'BEGIN { printf "%.0f", s * 1000 / ms }')
  echo "VBA-bearing files: $vba_n files, $per ms CPU, $(ms "$vba_wall" "$vba_n") ms wall a file" \
    "(slowest $(ms "$worst_us" 1) ms CPU: ${worst#"$office"/})"
  echo "olevba reference: ${olevba} s a file -> lureguard ${ratio}x faster in CPU time" \
    "(goal >= 50x, < 10 ms a file)"
fi

echo "(linear growth: see BM_VbaStringLiterals and BM_LargeCompoundDocument in lg_bench, whose"
echo " complexity fit must read O(N))"

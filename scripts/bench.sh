#!/usr/bin/env bash
# Benchmarks (`make bench`, after `make build`):
#  1. build/bench/lg_bench, the Google Benchmark programs (decoders, HTML, identify, mail
#     analyzer, Engine::scan), with a short minimum time per benchmark;
#  2. the whole-run comparison on the ham corpus (../shared/corpus/mail/ham, 2,500 real
#     messages): `lureguard scan --jobs 1` against `clamscan` with a one-line local signature
#     database (no download), one process each, pinned to one core, best of 3 runs each;
#  3. per container format: each container of Debian's clamav-testfiles copied N times into a
#     folder (N chosen so a lureguard run lasts about LG_BENCH_FORMAT_SECONDS), then files/s of
#     `lureguard scan --jobs 1` and of clamscan (same database) side by side, with whether each
#     opens the container (finds the embedded clam.exe: lureguard by SHA-256 in its report,
#     clamscan with a one-line MD5 signature of clam.exe).
# Timings are reported, never asserted: the script exits 0 even when the goal is missed.
#
# usage: scripts/bench.sh [CORPUS_DIR]
# env:   LG_BUILD_DIR (default build), LG_BENCH_RUNS (3), LG_BENCH_MIN_TIME (0.2 seconds),
#        LG_BENCH_FILTER (a --benchmark_filter regex), LG_BENCH_SKIP_MICRO=1 (only the runs),
#        LG_BENCH_FORMATS_DIR (/usr/share/clamav-testfiles), LG_BENCH_FORMAT_SECONDS (1.5),
#        LG_BENCH_SKIP_FORMATS=1, LG_BENCH_SKIP_HAM=1
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
build=${LG_BUILD_DIR:-$root/build}
corpus=${1:-$root/../shared/corpus/mail/ham}
runs=${LG_BENCH_RUNS:-3}
goal=5
cli=$build/lureguard
micro=$build/bench/lg_bench

# One core, so the comparison measures work, not parallelism.
pin=()
if command -v taskset >/dev/null 2>&1 && taskset -c 0 true 2>/dev/null; then
  pin=(taskset -c 0)
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/lg-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT

if [ "${LG_BENCH_SKIP_MICRO:-0}" != 1 ]; then
  if [ -x "$micro" ]; then
    echo "== Google Benchmark ($micro)"
    "${pin[@]}" "$micro" --benchmark_min_time="${LG_BENCH_MIN_TIME:-0.2}" \
      ${LG_BENCH_FILTER:+--benchmark_filter="$LG_BENCH_FILTER"} || echo "bench: lg_bench failed ($?)"
    echo
  else
    echo "bench: $micro not built (LG_BENCH=OFF?); skipping the micro-benchmarks"
  fi
fi

now_ns() { date +%s%N; }

# Per-format section: one row per container of clamav-testfiles.
formats_dir=${LG_BENCH_FORMATS_DIR:-/usr/share/clamav-testfiles}
if [ "${LG_BENCH_SKIP_FORMATS:-0}" != 1 ] && [ -d "$formats_dir" ] && [ -x "$cli" ]; then
  "$root/scripts/bench_formats.sh" "$cli" "$formats_dir" "$work" "${LG_BENCH_FORMAT_SECONDS:-1.5}" \
    "${pin[@]}" || echo "bench: per-format section failed ($?)"
  echo
fi

if [ "${LG_BENCH_SKIP_HAM:-0}" = 1 ]; then exit 0; fi
if [ ! -d "$corpus" ]; then
  echo "bench: corpus $corpus not found; whole-run comparison skipped"
  exit 0
fi
if [ ! -x "$cli" ]; then
  echo "bench: $cli not built; run \`make build\` first" >&2
  exit 1
fi
messages=$(find "$corpus" -type f | wc -l)
echo "== Whole run: $messages messages in $corpus, ${pin[*]:-unpinned}, best of $runs"

# best_of CMD...: runs CMD $runs times (output discarded), prints the best wall time in
# nanoseconds; an exit status above 3 (lureguard) or 1 (clamscan) is checked by the caller.
best_of() {
  local best="" t0 t1 i
  for ((i = 0; i < runs; i++)); do
    t0=$(now_ns)
    "$@" >/dev/null 2>"$work/stderr" || true
    t1=$(now_ns)
    if [ -z "$best" ] || [ $((t1 - t0)) -lt "$best" ]; then best=$((t1 - t0)); fi
  done
  echo "$best"
}

# lureguard: check once that it really scans every message (one JSON line each, exit <= 2).
rc=0
"${pin[@]}" "$cli" scan --jobs 1 --format jsonl "$corpus" >"$work/lg.jsonl" 2>"$work/lg.err" || rc=$?
lg_reports=$(grep -c '^{' "$work/lg.jsonl" || true)
lg_note=""
if [ "$rc" -gt 2 ] || [ "$lg_reports" -ne "$messages" ]; then
  lg_note=" (check: exit $rc, $lg_reports reports for $messages messages)"
  head -5 "$work/lg.err" >&2 || true
fi
lg_ns=$(best_of "${pin[@]}" "$cli" scan --jobs 1 --format jsonl "$corpus")

# clamscan with a one-line local hash database (a made-up MD5 no file has), so it loads in
# milliseconds, needs no download and still parses every message (mail scanning is on by
# default). Check once that it scanned every file.
have_clam=1
if ! command -v clamscan >/dev/null 2>&1; then
  have_clam=0
  echo "bench: clamscan not installed (apt-get install clamav); comparison skipped"
fi
if [ "$have_clam" = 1 ]; then
  db=$work/lureguard-bench.hdb
  echo "00000000000000000000000000000000:1:LureguardBench.NoSuchFile" >"$db"
  rc=0
  "${pin[@]}" clamscan -r -d "$db" "$corpus" >"$work/clam.out" 2>"$work/clam.err" || rc=$?
  clam_scanned=$(sed -n 's/^Scanned files: *//p' "$work/clam.out")
  clam_note=""
  if [ "$rc" -gt 1 ] || [ "${clam_scanned:-0}" -ne "$messages" ]; then
    clam_note=" (check: exit $rc, scanned ${clam_scanned:-?} of $messages)"
    head -5 "$work/clam.err" >&2 || true
  fi
  clam_ns=$(best_of "${pin[@]}" clamscan --no-summary -r -d "$db" "$corpus")
fi

rate() { awk -v n="$messages" -v ns="$1" 'BEGIN { printf "%.0f", n / (ns / 1e9) }'; }
secs() { awk -v ns="$1" 'BEGIN { printf "%.2f", ns / 1e9 }'; }

echo "lureguard: $(secs "$lg_ns") s, $(rate "$lg_ns") msg/s$lg_note"
if [ "$have_clam" = 1 ]; then
  echo "clamscan:  $(secs "$clam_ns") s, $(rate "$clam_ns") msg/s$clam_note"
  ratio=$(awk -v a="$lg_ns" -v b="$clam_ns" 'BEGIN { printf "%.1f", b / a }')
  verdict=$(awk -v r="$ratio" -v g="$goal" 'BEGIN { print (r >= g) ? "goal met" : "below goal" }')
  echo "ham corpus: lureguard $(rate "$lg_ns") msg/s, clamscan $(rate "$clam_ns") msg/s," \
    "ratio ${ratio}x (goal >= ${goal}x): $verdict"
fi
exit 0

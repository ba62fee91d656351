#!/usr/bin/env bash
# Runs every libFuzzer target of the fuzz preset (build-fuzz/, `make fuzz` builds it first)
# for SECONDS / number-of-targets seconds each, at most LG_FUZZ_JOBS (2) at a time, then
# merges the inputs that found new coverage into fuzz/corpus/NAME (libFuzzer -merge=1).
# Crashes, timeouts, leaks and OOMs are kept under fuzz/crashes/NAME/; then the script prints
# how to replay them and exits 1.
#
# usage: scripts/fuzz.sh [SECONDS] [TARGET...]      (default 60 s, all targets)
#        scripts/fuzz.sh minimize [TARGET...]       shrink fuzz/corpus/NAME to a minimal set
#                                                   with the same coverage (keeps seed-* and
#                                                   crash-* files as they are)
# env:   LG_FUZZ_DIR  where the fuzz_NAME programs are (default build-fuzz/fuzz)
#        LG_FUZZ_JOBS targets run at once (default 2)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
bin_dir=${LG_FUZZ_DIR:-$root/build-fuzz/fuzz}
jobs=${LG_FUZZ_JOBS:-2}
mode=fuzz
if [ "${1:-}" = minimize ]; then
  mode=minimize
  shift
fi
seconds=60
if [ "$mode" = fuzz ] && [ $# -gt 0 ]; then
  seconds=$1
  shift
fi
all_targets=(mail mbox engine transfer_encoding html_text charset file_type)
if [ $# -gt 0 ]; then targets=("$@"); else targets=("${all_targets[@]}"); fi

# The longest input each target is given: whole messages need room, decoders less.
max_len_of() {
  case "$1" in
    file_type) echo 40960 ;;  # ISO 9660 descriptors sit at 32 KiB
    fs_volume) echo 16384 ;;  # a sparse volume description: the APFS seed is 5.6 KiB
    mail | mbox | engine | html_text) echo 8192 ;;
    *) echo 4096 ;;
  esac
}
timeout_s=10  # per input; a slower one is kept as a timeout-* artifact
# Merges keep an input only when it reaches a new edge (not a new hit count), so the saved
# corpus stays small (~2 MB in all) while every edge found stays covered.
merge_flags=(-merge=1 -use_counters=0)
rss_mb=2048

per=$((seconds / ${#targets[@]}))
[ "$per" -ge 1 ] || per=1

for t in "${targets[@]}"; do
  if [ ! -x "$bin_dir/fuzz_$t" ]; then
    echo "fuzz: $bin_dir/fuzz_$t missing; build it with: cmake --preset fuzz && cmake --build --preset fuzz" >&2
    exit 2
  fi
done

# UBSan findings must stop the run as ASan's do (the fuzz preset compiles UBSan recoverable).
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}

work=$(mktemp -d "${TMPDIR:-/tmp}/lg-fuzz.XXXXXX")
touch "$work/.start"
trap 'rm -rf "$work"' EXIT

# One target: fuzz into a scratch corpus (reading the saved one), then merge what is new.
run_target() {
  local t=$1 exe=$bin_dir/fuzz_$1 corpus=$root/fuzz/corpus/$1 crashes=$root/fuzz/crashes/$1
  local new=$work/$t.new log=$work/$t.log max_len
  max_len=$(max_len_of "$t")
  mkdir -p "$corpus" "$crashes" "$new"
  local rc=0
  "$exe" -max_total_time="$per" -max_len="$max_len" -timeout="$timeout_s" \
    -rss_limit_mb="$rss_mb" -artifact_prefix="$crashes/" -print_final_stats=1 \
    "$new" "$corpus" >"$log" 2>&1 || rc=$?
  # Merge even after a crash: the inputs found before it are still worth keeping.
  "$exe" "${merge_flags[@]}" -max_len="$max_len" -timeout="$timeout_s" -rss_limit_mb="$rss_mb" \
    -artifact_prefix="$crashes/" "$corpus" "$new" >"$work/$t.merge.log" 2>&1 || true
  local runs cov added
  # A crash on a saved input happens before any statistics: a missing line is not an error.
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1) || true
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | cut -d' ' -f2) || true
  added=$(grep -o 'MERGE-OUTER: [0-9]* new files' "$work/$t.merge.log" | grep -o '[0-9]*' |
    head -1) || true
  if [ "$rc" -ne 0 ]; then
    echo "fuzz: $t FAILED after ${runs:-?} runs (exit $rc); log tail:"
    grep -v '^#[0-9]' "$log" | tail -40 | sed 's/^/    /'
    echo "$t" >>"$work/failed"
  else
    echo "fuzz: $t ok: ${runs:-?} runs in ${per}s, coverage ${cov:-?}, ${added:-0} new inputs kept"
  fi
}

# Minimize: seeds and kept crash inputs first, then only what adds coverage to them.
minimize_target() {
  local t=$1 corpus=$root/fuzz/corpus/$1 min=$work/$1.min before after
  mkdir -p "$min"
  find "$corpus" -maxdepth 1 -type f \( -name 'seed-*' -o -name 'crash-*' \) -exec cp {} "$min/" \;
  # The longest saved input as -max_len: a merge reads its inputs cut to -max_len and keeps
  # them so, and the replay test runs them whole.
  local longest
  longest=$(find "$corpus" -maxdepth 1 -type f -printf '%s\n' | sort -n | tail -1)
  "$bin_dir/fuzz_$t" "${merge_flags[@]}" -max_len="${longest:-4096}" -timeout="$timeout_s" \
    -rss_limit_mb="$rss_mb" "$min" "$corpus" >"$work/$t.min.log" 2>&1 || {
    echo "fuzz: minimizing $t failed:"
    tail -20 "$work/$t.min.log"
    return 1
  }
  before=$(find "$corpus" -type f | wc -l)
  find "$corpus" -maxdepth 1 -type f -delete
  cp "$min"/* "$corpus/"
  after=$(find "$corpus" -type f | wc -l)
  echo "fuzz: $t minimized: $before -> $after inputs"
}
if [ "$mode" = minimize ]; then
  for t in "${targets[@]}"; do minimize_target "$t"; done
  echo "fuzz: corpus now $(($(du -sb "$root/fuzz/corpus" | cut -f1) / 1024)) KiB"
  exit 0
fi

echo "fuzz: ${#targets[@]} targets, ${per}s each, $jobs at a time"
running=0
for t in "${targets[@]}"; do
  if [ "$running" -ge "$jobs" ]; then
    wait -n || true
    running=$((running - 1))
  fi
  run_target "$t" &
  running=$((running + 1))
done
wait

kept=$(find "$root/fuzz/corpus" -type f | wc -l)
size=$(($(du -sb "$root/fuzz/corpus" | cut -f1) / 1024))
echo "fuzz: corpus now $kept inputs, ${size} KiB (fuzz/corpus/)"
if [ "$size" -gt 2048 ]; then
  echo "fuzz: the corpus passed 2 MiB; shrink it with: scripts/fuzz.sh minimize"
fi

if [ -s "$work/failed" ]; then
  echo
  echo "fuzz: failing inputs were kept:"
  while read -r t; do
    find "$root/fuzz/crashes/$t" -type f -newer "$work/.start" | while read -r f; do
      echo "  ${f#"$root"/}"
    done
  done <"$work/failed"
  cat <<EOT

Replay one with libFuzzer:       build-fuzz/fuzz/fuzz_NAME fuzz/crashes/NAME/FILE
or without it (release / asan):  build-asan/fuzz/fuzz_NAME fuzz/crashes/NAME/FILE
Keep it as a regression input:   cp fuzz/crashes/NAME/FILE fuzz/corpus/NAME/
(then \`make test\` replays it as the ctest test fuzz.replay.NAME)
EOT
  exit 1
fi

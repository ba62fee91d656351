#!/usr/bin/env bash
# Per-format throughput, lureguard against clamscan (called by scripts/bench.sh).
#
# usage: scripts/bench_formats.sh LUREGUARD FORMATS_DIR WORK_DIR SECONDS [PIN_COMMAND...]
# For each container in FORMATS_DIR (Debian's clamav-testfiles: every one wraps the same
# harmless clam.exe; the executables are left out), copies it N times into a folder, N chosen
# from a 50-copy calibration run so that lureguard without its cache takes about SECONDS, then
# times `lureguard scan --jobs 1` and `clamscan -r` (a one-line database no file matches) over
# that folder, once each, and prints files/s for both and the speedup (clamscan time /
# lureguard time: above 1x lureguard is faster). The copies are identical, and both tools keep
# what they found for content seen before: clamscan the MD5 of every clean file and unpacked
# member, lureguard the report of each input by SHA-256 ([cache] in the config). After the first
# copy both mostly look their cache up (clam_cache_emax.tgz, nine nested archives, is
# clamscan's test of its cache). So both run a second time without their caches (lureguard
# with `[cache] results = 0`, clamscan with --disable-cache), which measures the work per file;
# both speedups are printed. "opens" says whether each tool reaches the embedded clam.exe
# (lureguard: its SHA-256 among the report's objects; clamscan: a one-line MD5 signature of
# clam.exe reports it). Timings are printed, never asserted.
set -euo pipefail

cli=$1
dir=$2
work=$3
seconds=$4
shift 4
pin=("$@")

clam_exe_sha256=71e7b604d18aefd839e51a39c88df8383bb4c071dc31f87f00a2b5df580d4495
min_copies=50
max_copies=20000

have_clam=1
command -v clamscan >/dev/null 2>&1 || have_clam=0
nomatch_db=$work/formats-nomatch.hdb
echo "00000000000000000000000000000000:1:LureguardBench.NoSuchFile" >"$nomatch_db"
nocache_config=$work/formats-nocache.toml
printf '[cache]\nresults = 0\n' >"$nocache_config"
clam_db=$work/formats-clam.hdb
if [ -f "$dir/clam.exe" ]; then
  echo "$(md5sum "$dir/clam.exe" | cut -d' ' -f1):$(stat -c %s "$dir/clam.exe"):ClamExe" >"$clam_db"
fi

now_ns() { date +%s%N; }
elapsed() {  # elapsed CMD...: wall nanoseconds of one run, output discarded
  local t0 t1
  t0=$(now_ns)
  "$@" >/dev/null 2>&1 || true
  t1=$(now_ns)
  echo $((t1 - t0))
}
rate() { awk -v n="$1" -v ns="$2" 'BEGIN { printf "%.0f", n / (ns / 1e9) }'; }

# Containers only: not the payload itself, not the packed or installer executables.
mapfile -t files < <(find "$dir" -maxdepth 1 -type f -name 'clam*' ! -name '*.exe' | sort)
echo "== Per format: ${#files[@]} containers from $dir, ${pin[*]:-unpinned}, one run each" \
  "(~${seconds} s of lureguard per row)"
printf '%-22s %6s %12s %12s %7s %12s %12s %7s  %s\n' "container" "copies" "lureguard/s" \
  "clamscan/s" "speedup" "lg-nocache/s" "cl-nocache/s" "speedup" "opens (lureguard, clamscan)"
faster=0
faster_nocache=0
both=0
for f in "${files[@]}"; do
  name=$(basename "$f")
  folder=$work/fmt-$name
  mkdir -p "$folder"
  # Does each tool reach clam.exe inside it?
  lg_opens=no
  report=$("$cli" scan -f json "$f" 2>/dev/null || true)
  if [[ "$report" == *"$clam_exe_sha256"* ]]; then
    # The input's own digest is clam.exe's only for clam.exe itself (not listed here).
    lg_opens=yes
  fi
  clam_opens=-
  if [ "$have_clam" = 1 ] && [ -f "$clam_db" ]; then
    clam_opens=no
    verdict=$(clamscan --no-summary -d "$clam_db" "$f" 2>/dev/null || true)
    if [[ "$verdict" == *"ClamExe"*"FOUND"* ]]; then
      clam_opens=yes
    fi
  fi
  # Calibrate on min_copies, then fill the folder to N copies.
  for ((i = 0; i < min_copies; i++)); do cp "$f" "$folder/$i-$name"; done
  t=$(elapsed "${pin[@]}" "$cli" scan -c "$nocache_config" --jobs 1 --format jsonl "$folder")
  n=$(awk -v t="$t" -v s="$seconds" -v lo="$min_copies" -v hi="$max_copies" \
    'BEGIN { n = int(lo * s * 1e9 / (t > 0 ? t : 1)); if (n < lo) n = lo; if (n > hi) n = hi; print n }')
  for ((i = min_copies; i < n; i++)); do cp "$f" "$folder/$i-$name"; done
  lg_ns=$(elapsed "${pin[@]}" "$cli" scan --jobs 1 --format jsonl "$folder")
  lg_rate=$(rate "$n" "$lg_ns")
  lg_nocache_ns=$(elapsed "${pin[@]}" "$cli" scan -c "$nocache_config" --jobs 1 --format jsonl \
    "$folder")
  lg_nocache_rate=$(rate "$n" "$lg_nocache_ns")
  clam_rate=-
  ratio=-
  nocache_rate=-
  nocache_ratio=-
  if [ "$have_clam" = 1 ]; then
    clam_ns=$(elapsed "${pin[@]}" clamscan --no-summary -r -d "$nomatch_db" "$folder")
    clam_rate=$(rate "$n" "$clam_ns")
    ratio=$(awk -v a="$lg_ns" -v b="$clam_ns" 'BEGIN { printf "%.1fx", b / a }')
    nocache_ns=$(elapsed "${pin[@]}" clamscan --disable-cache --no-summary -r -d "$nomatch_db" \
      "$folder")
    nocache_rate=$(rate "$n" "$nocache_ns")
    nocache_ratio=$(awk -v a="$lg_nocache_ns" -v b="$nocache_ns" 'BEGIN { printf "%.1fx", b / a }')
    if [ "$lg_opens" = yes ] && [ "$clam_opens" = yes ]; then
      both=$((both + 1))
      if [ "$lg_ns" -lt "$clam_ns" ]; then faster=$((faster + 1)); fi
      if [ "$lg_nocache_ns" -lt "$nocache_ns" ]; then faster_nocache=$((faster_nocache + 1)); fi
    fi
  fi
  printf '%-22s %6s %12s %12s %7s %12s %12s %7s  %s, %s\n' "$name" "$n" "$lg_rate" "$clam_rate" \
    "$ratio" "$lg_nocache_rate" "$nocache_rate" "$nocache_ratio" "$lg_opens" "$clam_opens"
  rm -rf "$folder"
done
if [ "$have_clam" = 1 ]; then
  echo "lureguard faster on $faster of the $both containers both open (goal: all)," \
    "with caches, on $faster_nocache without (lureguard results = 0, clamscan --disable-cache)"
else
  echo "clamscan not installed: lureguard rates only"
fi

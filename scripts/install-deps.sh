#!/usr/bin/env bash
# Installs the Debian packages that lureguard's build, tests and benchmarks need,
# only those missing, without questions. Safe to run again; a no-op when all are present.
set -euo pipefail

packages=(
  # build
  build-essential cmake ninja-build pkg-config git
  # libraries
  libssl-dev libicu-dev zlib1g-dev libtomlplusplus-dev libcli11-dev libarchive-dev
  libvectorscan-dev libpugixml-dev libpsl-dev libmspack-dev libsqlite3-dev libbz2-dev
  # static archives the CLI links (cmake/third_party.cmake): libarchive's and libpsl's own
  libacl1-dev libzstd-dev liblz4-dev liblzma-dev libxml2-dev nettle-dev libidn2-dev
  libunistring-dev
  # NTFS and HFS+ volumes in disk images
  libfsntfs-dev libfshfs-dev libbfio-dev
  # APFS containers in disk images
  libfsapfs-dev
  # PNG icons in programs' resources
  libpng-dev
  # data embedded at build time (BIP-39 word lists)
  python3-mnemonic
  # tests, fuzzing, benchmarks
  ccache
  libgtest-dev libgmock-dev libbenchmark-dev clang libclang-rt-14-dev
  python3 python3-jsonschema clamav clamav-testfiles
  # tests: reading the reference tools' JSON beside the shared corpus
  nlohmann-json3-dev
  # tests: DKIM signing in the whole-program DNS test
  python3-cryptography
  # NTFS test volumes (mkntfs, ntfscp on an image file)
  ntfs-3g
  # APFS test containers (mkapfs on an image file; it cannot add files)
  apfsprogs
  # test data for the own decoders: ARJ archives (methods 0-4), deflate64 ZIP entries
  arj 7zip
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "install-deps: missing packages: ${missing[*]}" >&2
  echo "install-deps: run as root (or install them) and try again" >&2
  exit 1
fi

echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null

#include "detect/keccak.h"

#include <cstddef>

namespace lg {
namespace {

// Round constants and rotation offsets of Keccak-f[1600] (The Keccak reference, v3.0, 1.2).
constexpr std::uint64_t kRoundConstants[24] = {
    0x0000000000000001ULL, 0x0000000000008082ULL, 0x800000000000808aULL, 0x8000000080008000ULL,
    0x000000000000808bULL, 0x0000000080000001ULL, 0x8000000080008081ULL, 0x8000000000008009ULL,
    0x000000000000008aULL, 0x0000000000000088ULL, 0x0000000080008009ULL, 0x000000008000000aULL,
    0x000000008000808bULL, 0x800000000000008bULL, 0x8000000000008089ULL, 0x8000000000008003ULL,
    0x8000000000008002ULL, 0x8000000000000080ULL, 0x000000000000800aULL, 0x800000008000000aULL,
    0x8000000080008081ULL, 0x8000000000008080ULL, 0x0000000080000001ULL, 0x8000000080008008ULL,
};
// rho offsets and pi lane order, in the usual combined walk starting at lane 1.
constexpr int kRho[24] = {1,  3,  6,  10, 15, 21, 28, 36, 45, 55, 2,  14,
                          27, 41, 56, 8,  25, 43, 62, 18, 39, 61, 20, 44};
constexpr int kPi[24] = {10, 7,  11, 17, 18, 3, 5,  16, 8,  21, 24, 4,
                         15, 23, 19, 13, 12, 2, 20, 14, 22, 9,  6,  1};

constexpr std::uint64_t rotl(std::uint64_t x, int n) { return (x << n) | (x >> (64 - n)); }

void keccak_f1600(std::uint64_t a[25]) {
  for (std::uint64_t rc : kRoundConstants) {
    std::uint64_t c[5];
    for (int x = 0; x < 5; ++x) c[x] = a[x] ^ a[x + 5] ^ a[x + 10] ^ a[x + 15] ^ a[x + 20];
    for (int x = 0; x < 5; ++x) {  // theta
      std::uint64_t d = c[(x + 4) % 5] ^ rotl(c[(x + 1) % 5], 1);
      for (int y = 0; y < 25; y += 5) a[y + x] ^= d;
    }
    std::uint64_t t = a[1];  // rho and pi
    for (int i = 0; i < 24; ++i) {
      std::uint64_t next = a[kPi[i]];
      a[kPi[i]] = rotl(t, kRho[i]);
      t = next;
    }
    for (int y = 0; y < 25; y += 5) {  // chi
      for (int x = 0; x < 5; ++x) c[x] = a[y + x];
      for (int x = 0; x < 5; ++x) a[y + x] = c[x] ^ (~c[(x + 1) % 5] & c[(x + 2) % 5]);
    }
    a[0] ^= rc;  // iota
  }
}

void absorb(std::uint64_t state[25], const std::uint8_t* block, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i)
    state[i / 8] ^= static_cast<std::uint64_t>(block[i]) << (8 * (i % 8));
}

Keccak256Digest sponge_256(std::string_view data, std::uint8_t domain) {
  constexpr std::size_t kRate = 136;  // (1600 - 2 * 256) / 8
  std::uint64_t state[25] = {};
  const auto* p = reinterpret_cast<const std::uint8_t*>(data.data());
  std::size_t left = data.size();
  while (left >= kRate) {
    absorb(state, p, kRate);
    keccak_f1600(state);
    p += kRate;
    left -= kRate;
  }
  std::uint8_t last[kRate] = {};
  for (std::size_t i = 0; i < left; ++i) last[i] = p[i];
  last[left] ^= domain;  // domain bits, then pad10*1
  last[kRate - 1] ^= 0x80;
  absorb(state, last, kRate);
  keccak_f1600(state);

  Keccak256Digest out;
  for (std::size_t i = 0; i < out.size(); ++i)
    out[i] = static_cast<std::uint8_t>(state[i / 8] >> (8 * (i % 8)));
  return out;
}

}  // namespace

Keccak256Digest keccak256(std::string_view data) { return sponge_256(data, 0x01); }
Keccak256Digest sha3_256(std::string_view data) { return sponge_256(data, 0x06); }

}  // namespace lg

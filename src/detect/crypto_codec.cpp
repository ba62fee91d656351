#include "detect/crypto_codec.h"

#include <array>

#include "core/hash.h"
#include "detect/keccak.h"

namespace lg::crypto_codec {
namespace {

std::array<std::uint8_t, 32> sha256(const std::uint8_t* p, std::size_t n) {
  return lg::sha256(ByteView(p, n));
}

std::array<std::uint8_t, 32> double_sha256(const std::uint8_t* p, std::size_t n) {
  auto first = sha256(p, n);
  return sha256(first.data(), first.size());
}

int alphabet_index(std::string_view alphabet, char c) {
  auto at = alphabet.find(c);
  return at == std::string_view::npos ? -1 : static_cast<int>(at);
}

constexpr std::string_view kBech32Charset = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";

int bech32_value(char c) {
  char l = (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
  auto at = kBech32Charset.find(l);
  return at == std::string_view::npos ? -1 : static_cast<int>(at);
}

// BIP-173 "Checksum": generator polynomial over GF(32).
std::uint32_t bech32_polymod(const ByteVec& values) {
  constexpr std::uint32_t kGen[5] = {0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3};
  std::uint32_t chk = 1;
  for (std::uint8_t v : values) {
    std::uint32_t top = chk >> 25;
    chk = ((chk & 0x1ffffff) << 5) ^ v;
    for (int i = 0; i < 5; ++i)
      if ((top >> i) & 1) chk ^= kGen[i];
  }
  return chk;
}

// cashaddr "Checksum": a 40-bit BCH code.
std::uint64_t cashaddr_polymod(const ByteVec& values) {
  constexpr std::uint64_t kGen[5] = {0x98f2bc8e61, 0x79b76d99e2, 0xf33e5fb3c4, 0xae2eabe2a8,
                                     0x1e4f43e470};
  std::uint64_t c = 1;
  for (std::uint8_t d : values) {
    std::uint8_t c0 = static_cast<std::uint8_t>(c >> 35);
    c = ((c & 0x07ffffffffULL) << 5) ^ d;
    for (int i = 0; i < 5; ++i)
      if ((c0 >> i) & 1) c ^= kGen[i];
  }
  return c ^ 1;
}

// One case only (BIP-173: "Decoders MUST NOT accept strings where some characters are
// uppercase and some are lowercase").
bool mixed_case(std::string_view s) {
  bool lower = false, upper = false;
  for (char c : s) {
    lower |= c >= 'a' && c <= 'z';
    upper |= c >= 'A' && c <= 'Z';
  }
  return lower && upper;
}

}  // namespace

std::optional<ByteVec> base58_decode(std::string_view text, std::string_view alphabet) {
  if (text.empty() || text.size() > kMaxBase58Chars) return std::nullopt;
  // Big-endian base-256 accumulator; at most 128 * log(58)/log(256) < 94 bytes.
  ByteVec num;
  std::size_t zeros = 0;
  while (zeros < text.size() && text[zeros] == alphabet[0]) ++zeros;
  for (std::size_t i = zeros; i < text.size(); ++i) {
    int v = alphabet_index(alphabet, text[i]);
    if (v < 0) return std::nullopt;
    unsigned carry = static_cast<unsigned>(v);
    for (auto it = num.rbegin(); it != num.rend(); ++it) {
      carry += 58u * *it;
      *it = static_cast<std::uint8_t>(carry & 0xff);
      carry >>= 8;
    }
    while (carry) {
      num.insert(num.begin(), static_cast<std::uint8_t>(carry & 0xff));
      carry >>= 8;
    }
  }
  ByteVec out(zeros, 0);
  out.insert(out.end(), num.begin(), num.end());
  return out;
}

std::optional<ByteVec> base58check_decode(std::string_view text, std::string_view alphabet) {
  auto raw = base58_decode(text, alphabet);
  if (!raw || raw->size() < 5) return std::nullopt;
  std::size_t n = raw->size() - 4;
  auto check = double_sha256(raw->data(), n);
  for (int i = 0; i < 4; ++i)
    if ((*raw)[n + i] != check[i]) return std::nullopt;
  raw->resize(n);
  return raw;
}

std::string base58check_encode(const ByteVec& payload, std::string_view alphabet) {
  ByteVec data = payload;
  auto check = double_sha256(payload.data(), payload.size());
  data.insert(data.end(), check.begin(), check.begin() + 4);
  std::size_t zeros = 0;
  while (zeros < data.size() && data[zeros] == 0) ++zeros;
  std::vector<int> digits;  // little-endian base 58
  for (std::size_t i = zeros; i < data.size(); ++i) {
    int carry = data[i];
    for (int& d : digits) {
      carry += d * 256;
      d = carry % 58;
      carry /= 58;
    }
    while (carry) {
      digits.push_back(carry % 58);
      carry /= 58;
    }
  }
  std::string out(zeros, alphabet[0]);
  for (auto it = digits.rbegin(); it != digits.rend(); ++it) out += alphabet[*it];
  return out;
}

std::optional<Bech32Decoded> bech32_decode(std::string_view text) {
  if (text.size() < 8 || text.size() > 90 || mixed_case(text)) return std::nullopt;
  auto sep = text.rfind('1');
  if (sep == std::string_view::npos || sep == 0 || sep > 83 || sep + 7 > text.size())
    return std::nullopt;
  Bech32Decoded d;
  for (std::size_t i = 0; i < sep; ++i) {
    char c = text[i];
    if (c < 33 || c > 126) return std::nullopt;
    d.hrp += (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
  }
  ByteVec values;  // hrp expansion, then data
  for (char c : d.hrp) values.push_back(static_cast<std::uint8_t>(c >> 5));
  values.push_back(0);
  for (char c : d.hrp) values.push_back(static_cast<std::uint8_t>(c & 31));
  for (std::size_t i = sep + 1; i < text.size(); ++i) {
    int v = bech32_value(text[i]);
    if (v < 0) return std::nullopt;
    values.push_back(static_cast<std::uint8_t>(v));
    d.data.push_back(static_cast<std::uint8_t>(v));
  }
  std::uint32_t pm = bech32_polymod(values);
  if (pm == 1)
    d.variant = Bech32Variant::kBech32;
  else if (pm == 0x2bc830a3)
    d.variant = Bech32Variant::kBech32m;
  else
    return std::nullopt;
  d.data.resize(d.data.size() - 6);
  return d;
}

std::optional<ByteVec> convert_bits(const ByteVec& in, int from, int to, bool pad) {
  ByteVec out;
  unsigned acc = 0;
  int bits = 0;
  const unsigned maxv = (1u << to) - 1;
  for (std::uint8_t v : in) {
    if (v >> from) return std::nullopt;
    acc = (acc << from) | v;
    bits += from;
    while (bits >= to) {
      bits -= to;
      out.push_back(static_cast<std::uint8_t>((acc >> bits) & maxv));
    }
  }
  if (pad) {
    if (bits) out.push_back(static_cast<std::uint8_t>((acc << (to - bits)) & maxv));
  } else if (bits >= from || ((acc << (to - bits)) & maxv)) {
    return std::nullopt;
  }
  return out;
}

std::optional<SegwitAddress> segwit_decode(std::string_view expected_hrp, std::string_view text) {
  auto d = bech32_decode(text);
  if (!d || d->hrp != expected_hrp || d->data.empty()) return std::nullopt;
  SegwitAddress a;
  a.version = d->data[0];
  if (a.version > 16) return std::nullopt;
  auto prog = convert_bits(ByteVec(d->data.begin() + 1, d->data.end()), 5, 8, false);
  if (!prog || prog->size() < 2 || prog->size() > 40) return std::nullopt;
  if (a.version == 0 && prog->size() != 20 && prog->size() != 32) return std::nullopt;
  // BIP-350: version 0 keeps Bech32, every later version uses Bech32m.
  if ((a.version == 0) != (d->variant == Bech32Variant::kBech32)) return std::nullopt;
  a.program = std::move(*prog);
  return a;
}

std::optional<CashAddr> cashaddr_decode(std::string_view text) {
  constexpr std::string_view kPrefix = "bitcoincash";
  if (text.size() > kPrefix.size() + 1 + 112 || mixed_case(text)) return std::nullopt;
  auto colon = text.find(':');
  if (colon != std::string_view::npos) {
    std::string p;
    for (char c : text.substr(0, colon))
      p += (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
    if (p != kPrefix) return std::nullopt;
    text.remove_prefix(colon + 1);
  }
  if (text.size() < 8 + 34) return std::nullopt;  // 160-bit hash: 42 characters
  ByteVec values;
  for (char c : kPrefix) values.push_back(static_cast<std::uint8_t>(c & 31));
  values.push_back(0);
  ByteVec payload;
  for (char c : text) {
    int v = bech32_value(c);
    if (v < 0) return std::nullopt;
    values.push_back(static_cast<std::uint8_t>(v));
    payload.push_back(static_cast<std::uint8_t>(v));
  }
  if (cashaddr_polymod(values) != 0) return std::nullopt;
  payload.resize(payload.size() - 8);
  auto bytes = convert_bits(payload, 5, 8, false);
  if (!bytes || bytes->empty()) return std::nullopt;
  CashAddr a;
  a.version = (*bytes)[0];
  if (a.version & 0x80) return std::nullopt;  // reserved bit
  static constexpr std::size_t kSizes[8] = {20, 24, 28, 32, 40, 48, 56, 64};
  a.hash.assign(bytes->begin() + 1, bytes->end());
  if (a.hash.size() != kSizes[a.version & 7]) return std::nullopt;
  return a;
}

std::optional<ByteVec> monero_base58check_decode(std::string_view text) {
  // Full blocks: 11 characters for 8 bytes; a short last block maps by this table.
  constexpr int kBytesForChars[12] = {0, -1, 1, 2, -1, 3, 4, 5, -1, 6, 7, 8};
  if (text.empty() || text.size() > 2 * kMaxBase58Chars) return std::nullopt;
  ByteVec out;
  for (std::size_t pos = 0; pos < text.size(); pos += 11) {
    std::string_view block = text.substr(pos, 11);
    int nbytes = kBytesForChars[block.size()];
    if (nbytes < 0) return std::nullopt;
    unsigned __int128 num = 0;
    for (char c : block) {
      int v = alphabet_index(kBitcoinAlphabet, c);
      if (v < 0) return std::nullopt;
      num = num * 58 + static_cast<unsigned>(v);
    }
    if (nbytes < 8 && (num >> (8 * nbytes)) != 0) return std::nullopt;
    if (num >> 64) return std::nullopt;
    for (int i = nbytes - 1; i >= 0; --i) out.push_back(static_cast<std::uint8_t>(num >> (8 * i)));
  }
  if (out.size() < 5) return std::nullopt;
  std::size_t n = out.size() - 4;
  auto check = keccak256(std::string_view(reinterpret_cast<const char*>(out.data()), n));
  for (int i = 0; i < 4; ++i)
    if (out[n + i] != check[i]) return std::nullopt;
  out.resize(n);
  return out;
}

}  // namespace lg::crypto_codec

// [MS-OFFCRYPTO] ECMA-376 document encryption: password key derivation and verification for
// Standard (2.3.4.7, 2.3.4.9) and Agile (2.3.4.11, 2.3.4.13) encryption, and the decryption of
// the EncryptedPackage stream (2.3.4.4, 2.3.4.8, 2.3.4.15).
#include <algorithm>
#include <array>

#include "core/ascii.h"
#include "core/reader.h"
#include "formats/office_crypto/crypto_primitives.h"
#include "formats/office_crypto/encryption_info.h"

namespace lg {
namespace {

constexpr std::uint32_t kStandardSpinCount = 50'000;  // 2.3.4.7
constexpr std::uint32_t kStopCheckEvery = 8192;       // spins between deadline checks
constexpr std::size_t kAgileSegment = 4096;           // 2.3.4.15
constexpr std::size_t kMaxPasswordChars = 255;        // 2.3.4.7 / 2.3.4.11: at most 255

// 2.3.4.13 block keys.
constexpr std::array<std::uint8_t, 8> kVerifierInputBlock = {0xfe, 0xa7, 0xd2, 0x76,
                                                             0x3b, 0x4b, 0x9e, 0x79};
constexpr std::array<std::uint8_t, 8> kVerifierValueBlock = {0xd7, 0xaa, 0x0f, 0x6d,
                                                             0x30, 0x61, 0x34, 0x4e};
constexpr std::array<std::uint8_t, 8> kKeyValueBlock = {0x14, 0x6e, 0x0b, 0xe7,
                                                        0xab, 0xac, 0xd0, 0xd6};

std::array<std::uint8_t, 4> le32(std::uint32_t v) {
  return {static_cast<std::uint8_t>(v), static_cast<std::uint8_t>(v >> 8),
          static_cast<std::uint8_t>(v >> 16), static_cast<std::uint8_t>(v >> 24)};
}

// Truncated to `n`, or padded with 0x36 ([MS-OFFCRYPTO] 2.3.4.11/2.3.4.12).
Bytes fit(Bytes b, std::size_t n) {
  b.resize(n, 0x36);
  return b;
}

// H0 = H(salt + password); Hn = H(iterator + Hn-1) for `spins` rounds (2.3.4.7, 2.3.4.11).
Result<Bytes> spin_hash(Hasher& h, ByteView salt, ByteView password, std::uint32_t spins,
                        const StopFn& stop) {
  Bytes cur;
  if (!h.digest_into(salt, password, cur)) return Status::error(ErrorCode::kInternal, "hash");
  for (std::uint32_t i = 0; i < spins; i += kStopCheckEvery) {
    if (stop && stop())
      return Status::error(ErrorCode::kCancelled, "deadline during key derivation");
    if (!h.iterate(cur, i, std::min(kStopCheckEvery, spins - i)))
      return Status::error(ErrorCode::kInternal, "hash");
  }
  return cur;
}

bool is_aes(const AgileParams& p) {
  return iequals(p.cipher, "AES") &&
         (p.key_bits == 128 || p.key_bits == 192 || p.key_bits == 256) && p.block_size == 16 &&
         (p.chaining.empty() || p.chaining == "ChainingModeCBC");
}

Result<std::optional<Bytes>> standard_key(const StandardHeader& s, ByteView pw,
                                          const StopFn& stop) {
  const bool aes = s.alg_id == 0x660E || s.alg_id == 0x660F || s.alg_id == 0x6610 ||
                   (s.alg_id == 0 && (s.flags & 0x20));
  if (!aes || (s.alg_id_hash != 0x8004 && s.alg_id_hash != 0) ||
      (s.key_bits != 128 && s.key_bits != 192 && s.key_bits != 256))
    return Status::error(ErrorCode::kUnsupported, "Standard encryption other than AES/SHA-1");
  Hasher h(office_hash("SHA1"));
  auto hn = spin_hash(h, s.salt, pw, kStandardSpinCount, stop);
  if (!hn) return hn.status();
  const Bytes hfinal = h.digest(*hn, le32(0));
  // 2.3.4.7: X1 = H(0x36 x 64 XOR Hfinal), X2 = H(0x5C x 64 XOR Hfinal), key = (X1 + X2)[..].
  Bytes b1(64, 0x36), b2(64, 0x5C);
  for (std::size_t i = 0; i < hfinal.size(); ++i) {
    b1[i] ^= hfinal[i];
    b2[i] ^= hfinal[i];
  }
  Bytes key = h.digest(b1);
  Bytes x2 = h.digest(b2);
  key.insert(key.end(), x2.begin(), x2.end());
  key.resize(s.key_bits / 8);
  // 2.3.4.9: SHA-1 of the decrypted verifier equals the decrypted verifier hash.
  auto verifier = aes_decrypt(key, {}, s.encrypted_verifier);
  auto vhash = aes_decrypt(key, {}, s.encrypted_verifier_hash);
  if (!verifier || !vhash || vhash->size() < 20) return std::optional<Bytes>();
  const Bytes want = h.digest(*verifier);
  if (!std::equal(want.begin(), want.end(), vhash->begin())) return std::optional<Bytes>();
  return std::optional<Bytes>(std::move(key));
}

Result<std::optional<Bytes>> agile_key(const AgileInfo& a, ByteView pw, const StopFn& stop) {
  if (!a.has_password)
    return Status::error(ErrorCode::kUnsupported, "no password key encryptor (certificate only)");
  const AgileParams& p = a.password;
  const char* md = office_hash(p.hash);
  if (!is_aes(p) || !is_aes(a.key_data) || !md || !office_hash(a.key_data.hash))
    return Status::error(ErrorCode::kUnsupported,
                         "Agile encryption with " + p.cipher + "/" + p.hash);
  if (a.spin_count > kMaxSpinCount)
    return Status::error(ErrorCode::kLimit,
                         "spin count " + std::to_string(a.spin_count) + " over the cap");
  if (p.salt.empty()) return Status::error(ErrorCode::kMalformed, "empty password salt");
  Hasher h(md);
  auto hn = spin_hash(h, p.salt, pw, a.spin_count, stop);
  if (!hn) return hn.status();
  const std::size_t key_bytes = p.key_bits / 8;
  auto block_key = [&](ByteView block) { return fit(h.digest(*hn, block), key_bytes); };
  const Bytes iv = fit(p.salt, p.block_size);
  auto dec = [&](ByteView block, const Bytes& data) -> std::optional<Bytes> {
    if (data.empty() || data.size() % 16 != 0) return std::nullopt;
    return aes_decrypt(block_key(block), iv, data);
  };
  auto input = dec(kVerifierInputBlock, a.encrypted_verifier_hash_input);
  auto value = dec(kVerifierValueBlock, a.encrypted_verifier_hash_value);
  if (!input || !value) return std::optional<Bytes>();
  input->resize(std::min(input->size(), p.salt.size()));
  const Bytes want = h.digest(*input);
  if (value->size() < want.size() || !std::equal(want.begin(), want.end(), value->begin()))
    return std::optional<Bytes>();
  auto key = dec(kKeyValueBlock, a.encrypted_key_value);
  if (!key || key->size() < a.key_data.key_bits / 8) return std::optional<Bytes>();
  key->resize(a.key_data.key_bits / 8);
  return std::optional<Bytes>(std::move(*key));
}

}  // namespace

Result<std::optional<Bytes>> derive_package_key(const EncryptionInfo& info,
                                                std::string_view password, const StopFn& stop) {
  Bytes pw = password_utf16le(password);
  if (pw.size() > 2 * kMaxPasswordChars) return std::optional<Bytes>();  // Office refuses it
  switch (info.scheme) {
    case OfficeEncryption::kStandard:
      return standard_key(info.standard, pw, stop);
    case OfficeEncryption::kAgile:
      return agile_key(info.agile, pw, stop);
    default:
      break;
  }
  return Status::error(ErrorCode::kUnsupported,
                       std::string(office_encryption_name(info.scheme)) + " not handled");
}

Result<Bytes> decrypt_package(const EncryptionInfo& info, ByteView key, ByteView encrypted_package,
                              std::size_t max_bytes) {
  Reader r(encrypted_package);
  auto declared = r.u64le(0);
  if (!declared) return Status::error(ErrorCode::kTruncated, "EncryptedPackage too short");
  ByteView cipher = encrypted_package.subspan(8);
  cipher = cipher.first(cipher.size() - cipher.size() % 16);
  const std::size_t want =
      static_cast<std::size_t>(std::min<std::uint64_t>({*declared, max_bytes, cipher.size()}));
  Bytes out;
  if (info.scheme == OfficeEncryption::kStandard) {
    // 2.3.4.8: AES-ECB over the whole package; decrypt only the blocks the size needs.
    auto plain = aes_decrypt(key, {}, cipher.first((want + 15) / 16 * 16));
    if (!plain) return Status::error(ErrorCode::kMalformed, "AES-ECB failed");
    out = std::move(*plain);
  } else if (info.scheme == OfficeEncryption::kAgile) {
    const AgileParams& kd = info.agile.key_data;
    Hasher h(office_hash(kd.hash));
    out.reserve(want);
    for (std::uint32_t seg = 0; out.size() < want; ++seg) {
      const std::size_t off = std::size_t{seg} * kAgileSegment;
      const ByteView part = cipher.subspan(off, std::min(kAgileSegment, cipher.size() - off));
      // 2.3.4.15: IV = H(keyData salt + segment number), fitted to the block size.
      const Bytes iv = fit(h.digest(kd.salt, le32(seg)), kd.block_size);
      auto plain = aes_decrypt(key, iv, part);
      if (!plain) return Status::error(ErrorCode::kMalformed, "AES-CBC failed");
      out.insert(out.end(), plain->begin(), plain->end());
    }
  } else {
    return Status::error(ErrorCode::kUnsupported, "not a package encryption");
  }
  if (out.size() > want) out.resize(want);
  return out;
}

}  // namespace lg

// Office binary document RC4 and RC4 CryptoAPI ([MS-OFFCRYPTO] 2.3.5, 2.3.6) and where Excel
// and Word apply it ([MS-XLS] 2.2.10, [MS-DOC] 2.2.6.2).
#include "formats/office_crypto/rc4_document.h"

#include <algorithm>
#include <array>

#include "core/reader.h"

namespace lg {
namespace {

constexpr std::size_t kMaxRc4KeyBits = 128;
constexpr std::size_t kMaxBiffRecords = 1u << 22;  // more than any stream can hold at 4 bytes

std::array<std::uint8_t, 4> le32(std::uint32_t v) {
  return {static_cast<std::uint8_t>(v), static_cast<std::uint8_t>(v >> 8),
          static_cast<std::uint8_t>(v >> 16), static_cast<std::uint8_t>(v >> 24)};
}

Status malformed(std::string what) {
  return Status::error(ErrorCode::kMalformed, "RC4 encryption header: " + std::move(what));
}

// [MS-XLS] 2.2.10: records never encrypted.
bool clear_record(std::uint16_t type) {
  switch (type) {
    case 0x0809:  // BOF
    case 0x002F:  // FilePass
    case 0x0194:  // UsrExcl
    case 0x0195:  // FileLock
    case 0x00E1:  // InterfaceHdr
    case 0x0196:  // RRDInfo
    case 0x0138:  // RRDHead
      return true;
    default:
      return false;
  }
}
constexpr std::uint16_t kBoundSheet8 = 0x0085;
constexpr std::uint16_t kFilePass = 0x002F;
constexpr std::uint16_t kEof = 0x000A;

}  // namespace

std::string Rc4Encryption::describe() const {
  return std::string(office_encryption_name(scheme)) + ", " + std::to_string(key_bits) + "-bit key";
}

Result<Rc4Encryption> parse_rc4_encryption(ByteView header) {
  Reader r(header);
  auto major = r.u16le(0), minor = r.u16le(2);
  if (!major || !minor) return malformed("truncated version");
  Rc4Encryption e;
  if (*major == 1 && *minor == 1) {
    // 2.3.6.1: Salt, EncryptedVerifier, EncryptedVerifierHash (16 bytes each).
    auto salt = r.subspan(4, 16), v = r.subspan(20, 16), h = r.subspan(36, 16);
    if (!salt || !v || !h) return malformed("truncated");
    e.scheme = OfficeEncryption::kRc4;
    e.key_bits = 128;
    e.salt.assign(salt->begin(), salt->end());
    e.encrypted_verifier.assign(v->begin(), v->end());
    e.encrypted_verifier_hash.assign(h->begin(), h->end());
    return e;
  }
  if ((*major == 2 || *major == 3 || *major == 4) && *minor == 2) {
    auto flags = r.u32le(4);
    if (!flags) return malformed("truncated flags");
    auto h = parse_standard_header(header.subspan(8), *flags, 20);
    if (!h) return h.status();
    if ((h->alg_id != 0x6801 && h->alg_id != 0) || (h->alg_id_hash != 0x8004 && h->alg_id_hash))
      return Status::error(ErrorCode::kUnsupported, "CryptoAPI header names another cipher");
    e.scheme = OfficeEncryption::kRc4CryptoApi;
    // 2.3.5.1: KeySize 0 means 40 bits; 40 to 128 in steps of 8.
    e.key_bits = h->key_bits == 0 ? 40 : h->key_bits;
    if (e.key_bits < 40 || e.key_bits > kMaxRc4KeyBits || e.key_bits % 8 != 0)
      return malformed("key size " + std::to_string(e.key_bits));
    e.salt = std::move(h->salt);
    e.encrypted_verifier = std::move(h->encrypted_verifier);
    e.encrypted_verifier_hash = std::move(h->encrypted_verifier_hash);
    return e;
  }
  return Status::error(ErrorCode::kUnsupported, "RC4 header version " + std::to_string(*major) +
                                                    "." + std::to_string(*minor));
}

Bytes Rc4Document::block_key(std::uint32_t block) const {
  if (enc_->scheme == OfficeEncryption::kRc4CryptoApi) {
    // 2.3.5.2: SHA-1(H0 + block), cut to the key size; a 40-bit key is padded to 128 bits.
    Hasher h(office_hash("SHA1"));
    Bytes k = h.digest(h_, le32(block));
    k.resize(enc_->key_bits / 8);
    if (enc_->key_bits == 40) k.resize(16, 0);
    return k;
  }
  // 2.3.6.2: MD5(truncated H1 + block), 128 bits.
  Hasher h(office_hash("MD5"));
  return h.digest(h_, le32(block));
}

std::optional<Rc4Document> Rc4Document::open(const Rc4Encryption& enc, std::string_view password,
                                             const Rc4Cipher& cipher) {
  const Bytes pw = password_utf16le(password);
  Bytes h0;
  std::size_t hash_bytes = 20;
  if (enc.scheme == OfficeEncryption::kRc4CryptoApi) {
    h0 = Hasher(office_hash("SHA1")).digest(enc.salt, pw);
  } else {
    // 2.3.6.2: H0 = MD5(password); 16 copies of (H0[0..5] + salt); H1 = MD5(that), cut to 5.
    Hasher md5(office_hash("MD5"));
    const Bytes first = md5.digest(pw);
    if (first.size() < 5) return std::nullopt;
    Bytes buf;
    for (int i = 0; i < 16; ++i) {
      buf.insert(buf.end(), first.begin(), first.begin() + 5);
      buf.insert(buf.end(), enc.salt.begin(), enc.salt.end());
    }
    h0 = md5.digest(buf);
    h0.resize(5);
    hash_bytes = 16;
  }
  if (h0.empty()) return std::nullopt;
  Rc4Document doc(enc, std::move(h0), cipher);
  // 2.3.5.6 / 2.3.6.3: verifier and its hash decrypt as one RC4 stream with the block-0 key.
  Bytes v = enc.encrypted_verifier;
  v.insert(v.end(), enc.encrypted_verifier_hash.begin(), enc.encrypted_verifier_hash.end());
  if (v.size() != 16 + hash_bytes || !cipher.apply(doc.block_key(0), v)) return std::nullopt;
  Hasher check(office_hash(hash_bytes == 20 ? "SHA1" : "MD5"));
  const Bytes want = check.digest(ByteView(v).first(16));
  if (want.size() != hash_bytes || !std::equal(want.begin(), want.end(), v.begin() + 16))
    return std::nullopt;
  return doc;
}

bool Rc4Document::apply(std::span<std::uint8_t> data, std::size_t block) const {
  for (std::size_t off = 0; off < data.size(); off += block) {
    const std::size_t n = std::min(block, data.size() - off);
    if (!cipher_->apply(block_key(static_cast<std::uint32_t>(off / block)), data.subspan(off, n)))
      return false;
  }
  return true;
}

bool Rc4Document::apply_block(std::span<std::uint8_t> data, std::uint32_t block) const {
  return cipher_->apply(block_key(block), data);
}

std::optional<FilePass> find_filepass(ByteView workbook) {
  Reader r(workbook);
  std::size_t off = 0;
  for (std::size_t n = 0; n < kMaxBiffRecords; ++n) {
    auto type = r.u16le(off), len = r.u16le(off + 2);
    if (!type || !len) return std::nullopt;
    if (*type == kFilePass) {
      auto body = r.subspan(off + 4, *len);
      if (!body || body->size() < 2) return std::nullopt;
      return FilePass{off, Reader(*body).u16le(0).value_or(0), body->subspan(2)};
    }
    if (*type == kEof) return std::nullopt;
    off += 4 + *len;
  }
  return std::nullopt;
}

bool decrypt_workbook(Bytes& workbook, const Rc4Document& doc) {
  // The keystream for the whole stream, XORed into the bytes that are encrypted.
  Bytes ks(workbook.size(), 0);
  if (!doc.apply(ks, kExcelRc4Block)) return false;
  transform_workbook(workbook, [&ks](std::uint8_t b, std::size_t pos, std::size_t) {
    return static_cast<std::uint8_t>(b ^ ks[pos]);
  });
  return true;
}

void transform_workbook(
    Bytes& workbook,
    const std::function<std::uint8_t(std::uint8_t, std::size_t, std::size_t)>& decrypt) {
  Reader r(workbook);
  std::size_t off = 0;
  for (std::size_t n = 0; n < kMaxBiffRecords; ++n) {
    auto type = r.u16le(off), len = r.u16le(off + 2);
    if (!type || !len) break;
    const std::size_t body = off + 4;
    const std::size_t end = std::min(workbook.size(), body + *len);
    if (*type == kFilePass) {
      // Neutralised: type 0, content zeroed, length kept so every offset stays valid.
      workbook[off] = 0;
      workbook[off + 1] = 0;
      std::fill(workbook.begin() + static_cast<std::ptrdiff_t>(body),
                workbook.begin() + static_cast<std::ptrdiff_t>(end), 0);
    } else if (!clear_record(*type)) {
      const std::size_t from = *type == kBoundSheet8 ? std::min(end, body + 4) : body;
      for (std::size_t i = from; i < end; ++i) workbook[i] = decrypt(workbook[i], i, *len);
    }
    off = body + *len;
  }
}

bool decrypt_word(Bytes& word_document, Bytes& table, std::size_t header_bytes, Bytes* data,
                  const Rc4Document& doc) {
  if (word_document.size() < kFibBaseBytes) return false;
  auto xor_from = [&doc](Bytes& s, std::size_t from) {
    Bytes ks(s.size(), 0);
    if (!doc.apply(ks, kWordRc4Block)) return false;
    for (std::size_t i = from; i < s.size(); ++i) s[i] ^= ks[i];
    return true;
  };
  if (!xor_from(word_document, kFibBaseBytes) || !xor_from(table, header_bytes) ||
      (data && !xor_from(*data, 0)))
    return false;
  clear_fib_encryption(word_document);
  return true;
}

void clear_fib_encryption(Bytes& word_document) {
  word_document[kFibFlagsOffset + 1] &=
      static_cast<std::uint8_t>(~((kFibEncrypted | kFibObfuscated) >> 8));
  std::fill_n(word_document.begin() + kFibLKeyOffset, 4, 0);
}

}  // namespace lg

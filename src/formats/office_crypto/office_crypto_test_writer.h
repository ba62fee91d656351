#pragma once
/// Test helper (header-only, never linked into the product): encrypts an OOXML package the way
/// Office does, with ECMA-376 Standard ([MS-OFFCRYPTO] 2.3.4.5-2.3.4.9) or Agile (2.3.4.10-
/// 2.3.4.15) encryption, written from the spec independently of the decryptor, with OpenSSL.
#include <openssl/evp.h>

#include <algorithm>
#include <array>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/bytes.h"
#include "core/transfer_encoding.h"
#include "formats/cfb/cfb_builder.h"
#include "formats/office_crypto/crypto_primitives.h"

namespace lg::testing {

struct EncryptedOoxml {
  Bytes encryption_info;
  Bytes encrypted_package;
};

inline Bytes md_of(const EVP_MD* md, ByteView a, ByteView b = {}) {
  Bytes out(EVP_MAX_MD_SIZE);
  unsigned int n = 0;
  EVP_MD_CTX* c = EVP_MD_CTX_new();
  EVP_DigestInit_ex(c, md, nullptr);
  EVP_DigestUpdate(c, a.data(), a.size());
  EVP_DigestUpdate(c, b.data(), b.size());
  EVP_DigestFinal_ex(c, out.data(), &n);
  EVP_MD_CTX_free(c);
  out.resize(n);
  return out;
}

/// AES encryption without padding: ECB when `iv` is empty, else CBC; `data` is zero-padded to
/// a whole block.
inline Bytes aes_encrypt(ByteView key, ByteView iv, ByteView data) {
  Bytes in(data.begin(), data.end());
  in.resize((in.size() + 15) / 16 * 16, 0);
  const EVP_CIPHER* c = key.size() == 32   ? (iv.empty() ? EVP_aes_256_ecb() : EVP_aes_256_cbc())
                        : key.size() == 24 ? (iv.empty() ? EVP_aes_192_ecb() : EVP_aes_192_cbc())
                                           : (iv.empty() ? EVP_aes_128_ecb() : EVP_aes_128_cbc());
  EVP_CIPHER_CTX* ctx = EVP_CIPHER_CTX_new();
  EVP_EncryptInit_ex(ctx, c, nullptr, key.data(), iv.empty() ? nullptr : iv.data());
  EVP_CIPHER_CTX_set_padding(ctx, 0);
  Bytes out(in.size() + 16);
  int n = 0, m = 0;
  EVP_EncryptUpdate(ctx, out.data(), &n, in.data(), static_cast<int>(in.size()));
  EVP_EncryptFinal_ex(ctx, out.data() + n, &m);
  EVP_CIPHER_CTX_free(ctx);
  out.resize(static_cast<std::size_t>(n + m));
  return out;
}

inline void put32(Bytes& b, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) b.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
}
inline Bytes le32_bytes(std::uint32_t v) {
  Bytes b;
  put32(b, v);
  return b;
}
inline Bytes pattern(std::uint8_t start, std::size_t n) {
  Bytes b(n);
  for (std::size_t i = 0; i < n; ++i) b[i] = static_cast<std::uint8_t>(start + 7 * i);
  return b;
}

// H0 = H(salt + password), then `spins` rounds of H(iterator + H).
inline Bytes spun(const EVP_MD* md, ByteView salt, std::string_view password, std::uint32_t spins) {
  Bytes h = md_of(md, salt, password_utf16le(password));
  for (std::uint32_t i = 0; i < spins; ++i) h = md_of(md, le32_bytes(i), h);
  return h;
}

// [MS-OFFCRYPTO] 2.3.2 EncryptionHeader, SHA-1, 128-bit key, CSP name NUL-terminated UTF-16LE.
inline Bytes encryption_header(std::uint32_t flags, std::uint32_t alg_id,
                               std::uint32_t provider_type, std::string_view csp) {
  Bytes h;
  for (std::uint32_t v : {flags, 0u, alg_id, 0x8004u, 128u, provider_type, 0u, 0u}) put32(h, v);
  for (char c : csp) {
    h.push_back(static_cast<std::uint8_t>(c));
    h.push_back(0);
  }
  h.insert(h.end(), {0, 0});
  return h;
}

inline Bytes package_stream(ByteView package, const Bytes& ciphertext) {
  Bytes out;
  put32(out, static_cast<std::uint32_t>(package.size()));
  put32(out, 0);
  out.insert(out.end(), ciphertext.begin(), ciphertext.end());
  return out;
}

/// Standard encryption, AES-128 / SHA-1 (version 4.2, as Office 2007 SP2 writes it).
inline EncryptedOoxml encrypt_standard(ByteView package, std::string_view password) {
  const Bytes salt = pattern(0x11, 16);
  const Bytes h = md_of(EVP_sha1(), spun(EVP_sha1(), salt, password, 50000), le32_bytes(0));
  Bytes b1(64, 0x36), b2(64, 0x5C);
  for (std::size_t i = 0; i < h.size(); ++i) {
    b1[i] ^= h[i];
    b2[i] ^= h[i];
  }
  Bytes key = md_of(EVP_sha1(), b1);
  key.resize(16);
  const Bytes verifier = pattern(0x42, 16);
  Bytes vhash = md_of(EVP_sha1(), verifier);
  vhash.resize(32, 0);
  const Bytes header = encryption_header(0x24, 0x660E, 0x18,
                                         "Microsoft Enhanced RSA and AES Cryptographic Provider");
  EncryptedOoxml out;
  Bytes& info = out.encryption_info;
  info = {4, 0, 2, 0};
  put32(info, 0x24);
  put32(info, static_cast<std::uint32_t>(header.size()));
  info.insert(info.end(), header.begin(), header.end());
  put32(info, 16);
  info.insert(info.end(), salt.begin(), salt.end());
  const Bytes ev = aes_encrypt(key, {}, verifier), evh = aes_encrypt(key, {}, vhash);
  info.insert(info.end(), ev.begin(), ev.end());
  put32(info, 20);
  info.insert(info.end(), evh.begin(), evh.end());
  out.encrypted_package = package_stream(package, aes_encrypt(key, {}, package));
  return out;
}

/// Agile encryption, AES-256 / SHA-512 with `spins` rounds (Office writes 100,000).
inline EncryptedOoxml encrypt_agile(ByteView package, std::string_view password,
                                    std::uint32_t spins) {
  const EVP_MD* md = EVP_sha512();
  const Bytes data_salt = pattern(0x21, 16), key_salt = pattern(0x33, 16);
  const Bytes secret = pattern(0x5A, 32), input = pattern(0x77, 16);
  const Bytes h = spun(md, key_salt, password, spins);
  auto block_key = [&](std::array<std::uint8_t, 8> block) {
    Bytes k = md_of(md, h, Bytes(block.begin(), block.end()));
    k.resize(32);
    return k;
  };
  const Bytes k1 = block_key({0xfe, 0xa7, 0xd2, 0x76, 0x3b, 0x4b, 0x9e, 0x79});
  const Bytes k2 = block_key({0xd7, 0xaa, 0x0f, 0x6d, 0x30, 0x61, 0x34, 0x4e});
  const Bytes k3 = block_key({0x14, 0x6e, 0x0b, 0xe7, 0xab, 0xac, 0xd0, 0xd6});
  const std::string params =
      "saltSize=\"16\" blockSize=\"16\" keyBits=\"256\" hashSize=\"64\" cipherAlgorithm=\"AES\" "
      "cipherChaining=\"ChainingModeCBC\" hashAlgorithm=\"SHA512\" ";
  const std::string xml =
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n"
      "<encryption xmlns=\"http://schemas.microsoft.com/office/2006/encryption\" "
      "xmlns:p=\"http://schemas.microsoft.com/office/2006/keyEncryptor/password\">"
      "<keyData " +
      params + "saltValue=\"" + encode_base64(data_salt) +
      "\"/>"
      "<keyEncryptors><keyEncryptor uri=\"http://schemas.microsoft.com/office/2006/keyEncryptor/"
      "password\"><p:encryptedKey spinCount=\"" +
      std::to_string(spins) + "\" " + params + "saltValue=\"" + encode_base64(key_salt) +
      "\" encryptedVerifierHashInput=\"" + encode_base64(aes_encrypt(k1, key_salt, input)) +
      "\" encryptedVerifierHashValue=\"" +
      encode_base64(aes_encrypt(k2, key_salt, md_of(md, input))) + "\" encryptedKeyValue=\"" +
      encode_base64(aes_encrypt(k3, key_salt, secret)) +
      "\"/></keyEncryptor></keyEncryptors></encryption>";
  EncryptedOoxml out;
  out.encryption_info = {4, 0, 4, 0};
  put32(out.encryption_info, 0x40);
  out.encryption_info.insert(out.encryption_info.end(), xml.begin(), xml.end());
  Bytes cipher;
  for (std::size_t off = 0, seg = 0; off < package.size(); off += 4096, ++seg) {
    Bytes iv = md_of(md, data_salt, le32_bytes(static_cast<std::uint32_t>(seg)));
    iv.resize(16);
    const Bytes c = aes_encrypt(
        secret, iv, package.subspan(off, std::min<std::size_t>(4096, package.size() - off)));
    cipher.insert(cipher.end(), c.begin(), c.end());
  }
  out.encrypted_package = package_stream(package, cipher);
  return out;
}

/// Office binary RC4 CryptoAPI ([MS-OFFCRYPTO] 2.3.5, 128-bit key): the encryption header
/// (version 4.2) and the keystream that encrypts a stream, rekeyed every `block` bytes.
struct Rc4CryptoApiWriter {
  explicit Rc4CryptoApiWriter(std::string_view password)
      : h0(md_of(EVP_sha1(), salt, password_utf16le(password))) {}
  Bytes salt = pattern(0x61, 16);
  Bytes h0;
  Rc4Cipher rc4;

  Bytes key(std::uint32_t block) const {
    Bytes k = md_of(EVP_sha1(), h0, le32_bytes(block));
    k.resize(16);
    return k;
  }
  Bytes keystream(std::size_t n, std::size_t block) const {
    Bytes ks(n, 0);
    for (std::size_t off = 0; off < n; off += block)
      rc4.apply(key(static_cast<std::uint32_t>(off / block)),
                std::span<std::uint8_t>(ks).subspan(off, std::min(block, n - off)));
    return ks;
  }
  Bytes header() const {
    const Bytes hdr =
        encryption_header(0x04, 0x6801, 0x01, "Microsoft Enhanced Cryptographic Provider v1.0");
    Bytes v = pattern(0x44, 16);
    const Bytes vh = md_of(EVP_sha1(), v);
    v.insert(v.end(), vh.begin(), vh.end());
    rc4.apply(key(0), v);  // verifier and its hash: one RC4 stream
    Bytes out = {4, 0, 2, 0};
    put32(out, 0x04);
    put32(out, static_cast<std::uint32_t>(hdr.size()));
    out.insert(out.end(), hdr.begin(), hdr.end());
    put32(out, 16);
    out.insert(out.end(), salt.begin(), salt.end());
    out.insert(out.end(), v.begin(), v.begin() + 16);
    put32(out, 20);
    out.insert(out.end(), v.begin() + 16, v.end());
    return out;
  }
};

inline std::uint32_t get32(ByteView b, std::size_t at) {
  return static_cast<std::uint32_t>(b[at] | b[at + 1] << 8 | b[at + 2] << 16) |
         static_cast<std::uint32_t>(b[at + 3]) << 24;
}
inline void set32(Bytes& b, std::size_t at, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) b[at + i] = static_cast<std::uint8_t>(v >> (8 * i));
}
inline void record_header(Bytes& b, std::uint16_t ver_instance, std::uint16_t type,
                          std::uint32_t len) {
  b.push_back(static_cast<std::uint8_t>(ver_instance));
  b.push_back(static_cast<std::uint8_t>(ver_instance >> 8));
  b.push_back(static_cast<std::uint8_t>(type));
  b.push_back(static_cast<std::uint8_t>(type >> 8));
  put32(b, len);
}

struct EncryptedPpt {
  Bytes current_user;
  Bytes document;
  std::size_t objects = 0;  // persist objects encrypted
};

/// Encrypts a plain PowerPoint 97-2003 document as [MS-PPT] 2.3.7 lays it out, the way an
/// incremental save does: every persist object of the edit chain ([MS-PPT] 2.1.2) goes under
/// RC4 with the block key of its persist id (one run from the record header on), then a
/// CryptSession10Container with the RC4 CryptoAPI header, a PersistDirectoryAtom naming it
/// and a UserEditAtom with encryptSessionPersistIdRef are appended; the CurrentUserAtom gets
/// the encrypted headerToken and the new edit's offset.
inline EncryptedPpt encrypt_ppt(ByteView current_user, ByteView document,
                                const Rc4CryptoApiWriter& w) {
  EncryptedPpt out;
  out.document.assign(document.begin(), document.end());
  const std::uint32_t newest = get32(current_user, 16);
  // The directory, newest edit first; the first offset seen for an id wins.
  std::vector<std::pair<std::uint32_t, std::uint32_t>> dir;  // (id, offset)
  std::uint32_t max_id = 0;
  for (std::uint32_t edit = newest;;) {
    const std::uint32_t last = get32(document, edit + 16), pd = get32(document, edit + 20);
    max_id = std::max(max_id, get32(document, edit + 28));
    const std::uint32_t end = pd + 8 + get32(document, pd + 4);
    for (std::uint32_t at = pd + 8; at < end;) {
      const std::uint32_t head = get32(document, at), count = head >> 20;
      at += 4;
      for (std::uint32_t i = 0; i < count; ++i, at += 4) {
        const std::uint32_t id = (head & 0xFFFFF) + i;
        bool seen = false;
        for (const auto& [k, v] : dir) seen = seen || k == id;
        if (!seen) dir.emplace_back(id, get32(document, at));
      }
    }
    if (last == 0) break;
    edit = last;
  }
  for (const auto& [id, off] : dir) {
    const std::size_t n = 8 + get32(document, off + 4);
    w.rc4.apply(w.key(id), std::span<std::uint8_t>(out.document).subspan(off, n));
    ++out.objects;
  }
  const std::uint32_t session_id = max_id + 1;
  const std::uint32_t session_at = static_cast<std::uint32_t>(out.document.size());
  const Bytes header = w.header();
  record_header(out.document, 0x000F, 0x2F14, static_cast<std::uint32_t>(header.size()));
  out.document.insert(out.document.end(), header.begin(), header.end());
  const std::uint32_t dir_at = static_cast<std::uint32_t>(out.document.size());
  record_header(out.document, 0, 0x1772, 8);
  put32(out.document, session_id | 1u << 20);
  put32(out.document, session_at);
  const std::uint32_t edit_at = static_cast<std::uint32_t>(out.document.size());
  record_header(out.document, 0, 0x0FF5, 0x20);
  out.document.insert(out.document.end(), document.begin() + newest + 8,
                      document.begin() + newest + 8 + 0x1C);
  set32(out.document, edit_at + 16, newest);      // offsetLastEdit
  set32(out.document, edit_at + 20, dir_at);      // offsetPersistDirectory
  set32(out.document, edit_at + 28, session_id);  // persistIdSeed
  put32(out.document, session_id);                // encryptSessionPersistIdRef
  out.current_user.assign(current_user.begin(), current_user.end());
  set32(out.current_user, 12, 0xF3D1C4DF);
  set32(out.current_user, 16, edit_at);
  return out;
}

/// [MS-OFFCRYPTO] 2.3.7.5 CreateXorArray_Method2 as the spec writes it: the password, then
/// PadArray from its start, each byte XORed with the low byte of the 16-bit key (high word of
/// the Method 2 verifier) at even indexes and with its high byte at odd ones, then rotated right
/// by one bit. `key` is CreateXorKey_Method1 of `password` (1 to 15 single-byte characters).
inline std::array<std::uint8_t, 16> xor_array_method2_spec(std::string_view password,
                                                           std::uint16_t key) {
  constexpr std::uint8_t kPad[15] = {0xBB, 0xFF, 0xFF, 0xBA, 0xFF, 0xFF, 0xB9, 0x80,
                                     0x00, 0xBE, 0x0F, 0x00, 0xBF, 0x0F, 0x00};
  std::array<std::uint8_t, 16> a{};
  for (std::size_t i = 0; i < 16; ++i) {
    const auto b =
        i < password.size() ? static_cast<std::uint8_t>(password[i]) : kPad[i - password.size()];
    const auto k = static_cast<std::uint8_t>(i % 2 == 0 ? key : key >> 8);
    const auto x = static_cast<std::uint8_t>(b ^ k);
    a[i] = static_cast<std::uint8_t>((x >> 1) | (x << 7));
  }
  return a;
}

/// [MS-OFFCRYPTO] 2.3.7.6 EncryptData_Method2 over a whole stream from offset `from`, the XOR
/// array index being the stream offset modulo 16: 0x00 and a byte equal to its array byte are
/// written as they are.
inline void encrypt_data_method2(Bytes& stream, std::size_t from,
                                 const std::array<std::uint8_t, 16>& array) {
  for (std::size_t i = from; i < stream.size(); ++i) {
    const std::uint8_t k = array[i % 16];
    if (stream[i] != 0x00 && stream[i] != k) stream[i] = static_cast<std::uint8_t>(stream[i] ^ k);
  }
}

/// The compound file Office writes around it.
inline Bytes encrypted_ole(const EncryptedOoxml& e) {
  CfbBuilder b;
  b.stream("EncryptionInfo", e.encryption_info);
  b.stream("EncryptedPackage", e.encrypted_package);
  return b.build();
}

}  // namespace lg::testing

#pragma once
/// The [MS-OFFCRYPTO] 2.3.4 EncryptionInfo stream of an encrypted OOXML document (an OLE2 file
/// holding EncryptionInfo and EncryptedPackage): Standard encryption (2.3.4.5, binary header),
/// Agile encryption (2.3.4.10, XML) and Extensible (2.3.4.6, recognised only), and the
/// ECMA-376 password key derivation, verification and package decryption built on them.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "core/bytes.h"
#include "core/status.h"

namespace lg {

/// Spin counts above this leave the document closed: a hostile file must not make a scan
/// hash for minutes (Office writes 100,000).
inline constexpr std::uint32_t kMaxSpinCount = 10'000'000;
/// Largest EncryptionInfo stream read.
inline constexpr std::size_t kMaxEncryptionInfoBytes = 1u << 16;

enum class OfficeEncryption { kStandard, kAgile, kExtensible, kRc4, kRc4CryptoApi, kXor };
const char* office_encryption_name(OfficeEncryption e);

/// [MS-OFFCRYPTO] 2.3.2 EncryptionHeader and 2.3.3 EncryptionVerifier (Standard encryption,
/// also the RC4 CryptoAPI header of 2.3.5.1).
struct StandardHeader {
  std::uint32_t flags = 0;
  std::uint32_t alg_id = 0;       // 0x660E/0x660F/0x6610 AES-128/192/256, 0x6801 RC4
  std::uint32_t alg_id_hash = 0;  // 0x8004 SHA-1
  std::uint32_t key_bits = 0;
  std::string csp_name;
  Bytes salt, encrypted_verifier, encrypted_verifier_hash;
  std::uint32_t verifier_hash_size = 0;
};

/// Parses EncryptionHeaderSize + EncryptionHeader + EncryptionVerifier (the bytes after the
/// version and flags of 2.3.4.5 / 2.3.5.1). `verifier_hash_bytes`: 32 for AES, 20 for RC4.
[[nodiscard]] Result<StandardHeader> parse_standard_header(ByteView after_flags,
                                                           std::uint32_t flags,
                                                           std::size_t verifier_hash_bytes);

/// Cipher and hash parameters of an Agile keyData or password keyEncryptor element (2.3.4.10).
struct AgileParams {
  std::string cipher, chaining, hash;  // "AES", "ChainingModeCBC", "SHA512"
  std::uint32_t key_bits = 0, block_size = 0, hash_size = 0;
  Bytes salt;
};

struct AgileInfo {
  AgileParams key_data;
  bool has_password = false;  // a password key encryptor is present
  AgileParams password;
  std::uint32_t spin_count = 0;
  Bytes encrypted_verifier_hash_input, encrypted_verifier_hash_value, encrypted_key_value;
};

struct EncryptionInfo {
  OfficeEncryption scheme = OfficeEncryption::kStandard;
  std::uint16_t major = 0, minor = 0;
  StandardHeader standard;  // kStandard
  AgileInfo agile;          // kAgile
  /// A short description for reports: "Agile AES-256 SHA512, 100000 spins".
  std::string describe() const;
};

/// Parses an EncryptionInfo stream. Errors: truncated, unknown version, malformed XML.
[[nodiscard]] Result<EncryptionInfo> parse_encryption_info(ByteView stream);

/// Returns true to abandon a long computation (the scan's deadline).
using StopFn = std::function<bool()>;

/// The package key for `password` (UTF-8) when it passes the verifier (2.3.4.9 Standard,
/// 2.3.4.13 Agile); nullopt for a wrong password. Errors: kUnsupported for ciphers or hashes
/// not handled (only AES; SHA-1/256/384/512, MD5) or a missing password key encryptor,
/// kLimit for a spin count over kMaxSpinCount, kCancelled when `stop` said so.
[[nodiscard]] Result<std::optional<Bytes>> derive_package_key(const EncryptionInfo& info,
                                                              std::string_view password,
                                                              const StopFn& stop);

/// Decrypts an EncryptedPackage stream (2.3.4.4: u64 size, then the ciphertext; Standard: AES-ECB,
/// 2.3.4.8; Agile: AES-CBC in 4096-byte segments, 2.3.4.15) with a key from
/// derive_package_key. The result is at most `max_bytes` (the declared size is capped).
[[nodiscard]] Result<Bytes> decrypt_package(const EncryptionInfo& info, ByteView key,
                                            ByteView encrypted_package, std::size_t max_bytes);

}  // namespace lg

#pragma once
/// The PDF standard security handler (ISO 32000-1 7.6.3; ISO 32000-2 7.6.4 for R6): whether a
/// password (the empty user password first) opens the file, and decryption of strings and
/// streams once it does. RC4 comes from Nettle (OpenSSL 3
/// has it in its legacy provider only); MD5, SHA-2 and AES from OpenSSL's default provider.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "analyzers/pdf/pdf_object.h"
#include "core/bytes.h"

namespace lg {

enum class PdfCipher { kNone, kRc4, kAes128, kAes256 };

/// The /Encrypt dictionary's values that the algorithms use.
struct PdfEncryptParams {
  std::string filter;         // /Filter, "Standard" for the standard handler
  int v = 0;                  // /V
  int r = 0;                  // /R
  std::size_t key_bytes = 5;  // /Length / 8 (40-bit default)
  std::string o, u, oe, ue;   // /O /U /OE /UE
  std::int32_t p = 0;         // /P
  bool encrypt_metadata = true;
  std::string id0;  // first element of the trailer /ID
  PdfCipher string_cipher = PdfCipher::kRc4;
  PdfCipher stream_cipher = PdfCipher::kRc4;
};

/// Reads the parameters; `encrypt` must be the resolved /Encrypt dictionary.
PdfEncryptParams pdf_encrypt_params(const PdfObject& encrypt, std::string_view id0);

// The algorithms, exposed for tests.
Bytes pdf_rc4(ByteView key, ByteView data);
/// Algorithm 2 (7.6.3.3): the file key from a user password, R2-R4.
Bytes pdf_file_key(std::string_view password, const PdfEncryptParams& p);
/// Algorithms 4 (R2) and 5 (R3, R4): the /U value a file key gives.
Bytes pdf_u_value(ByteView file_key, const PdfEncryptParams& p);
/// Algorithm 2.B (ISO 32000-2 7.6.4.3.4): the R6 hash; `udata` is empty for user passwords.
Bytes pdf_hash_r6(std::string_view password, ByteView salt, ByteView udata);
/// Algorithm 1 (7.6.2): the key for one object; `aes` adds "sAlT".
Bytes pdf_object_key(ByteView file_key, PdfRef ref, bool aes);
/// AES-CBC with the IV in the first 16 bytes; PKCS#5 padding removed when valid.
Bytes pdf_aes_cbc_decrypt(ByteView key, ByteView iv_and_data);
/// AES-CBC encryption without padding (for R6 key checks and tests); empty on error.
Bytes pdf_aes_cbc_encrypt(ByteView key, ByteView iv, ByteView data, bool pad);

class PdfSecurity {
 public:
  /// Tries `passwords` in order ("" should come first). opened() tells whether one worked.
  PdfSecurity(PdfEncryptParams params, const std::vector<std::string>& passwords);

  bool supported() const { return supported_; }
  bool opened() const { return opened_; }
  /// Index in `passwords` of the password that opened the file (-1 when none did).
  int password_index() const { return password_index_; }
  const PdfEncryptParams& params() const { return params_; }

  /// Decrypts a string or a stream of object `ref` (returns a copy when not opened).
  Bytes decrypt(ByteView data, PdfRef ref, bool is_string) const;

 private:
  bool try_password(std::string_view pw);

  PdfEncryptParams params_;
  Bytes key_;
  bool supported_ = false;
  bool opened_ = false;
  int password_index_ = -1;
};

}  // namespace lg

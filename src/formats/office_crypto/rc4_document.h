#pragma once
/// Office binary document encryption ([MS-OFFCRYPTO] 2.3.5 RC4 CryptoAPI and 2.3.6 RC4) as
/// Word, Excel and PowerPoint 97-2003 use it, and its application to the BIFF8 Workbook stream
/// ([MS-XLS] 2.2.10) and to the Word streams ([MS-DOC] 2.2.6.2).
#include <cstdint>
#include <functional>
#include <optional>
#include <string_view>

#include "core/bytes.h"
#include "core/status.h"
#include "formats/office_crypto/crypto_primitives.h"
#include "formats/office_crypto/encryption_info.h"

namespace lg {

/// Keystream bytes per key: Excel rekeys every 1024 bytes, Word and PowerPoint every 512.
inline constexpr std::size_t kExcelRc4Block = 1024;
inline constexpr std::size_t kWordRc4Block = 512;

struct Rc4Encryption {
  OfficeEncryption scheme = OfficeEncryption::kRc4;  // kRc4 or kRc4CryptoApi
  std::uint32_t key_bits = 128;
  Bytes salt, encrypted_verifier, encrypted_verifier_hash;
  /// "Office binary RC4 CryptoAPI, 128-bit key".
  std::string describe() const;
};

/// Parses the header that starts with EncryptionVersionInfo: version 1.1 is RC4 (2.3.6.1),
/// 2.2/3.2/4.2 is RC4 CryptoAPI (2.3.5.1). Errors: truncated, other versions, a CryptoAPI
/// header naming another cipher than RC4 or another hash than SHA-1.
[[nodiscard]] Result<Rc4Encryption> parse_rc4_encryption(ByteView header);

/// A password that passed the verifier (2.3.5.6, 2.3.6.3) and the per-block keys it gives.
class Rc4Document {
 public:
  /// nullopt for a wrong password. `cipher` must outlive the document.
  static std::optional<Rc4Document> open(const Rc4Encryption& enc, std::string_view password,
                                         const Rc4Cipher& cipher);
  /// XORs into `data` the keystream for stream positions [0, data.size()), rekeyed every
  /// `block` bytes. False when the cipher failed.
  bool apply(std::span<std::uint8_t> data, std::size_t block) const;
  /// XORs into `data` the keystream of block key `block` from its start, without rekeying
  /// (PowerPoint encrypts each persist object as one run keyed by its persist id).
  bool apply_block(std::span<std::uint8_t> data, std::uint32_t block) const;

 private:
  Rc4Document(const Rc4Encryption& enc, Bytes h, const Rc4Cipher& cipher)
      : enc_(&enc), h_(std::move(h)), cipher_(&cipher) {}
  Bytes block_key(std::uint32_t block) const;

  const Rc4Encryption* enc_;
  Bytes h_;  // H0 (CryptoAPI: SHA-1(salt + password)); RC4: the truncated MD5 of 2.3.6.2
  const Rc4Cipher* cipher_;
};

/// [MS-XLS] 2.4.117 FilePass in a Workbook stream: where its record starts and its
/// encryption header (after wEncryptionType). Looks through the records of the globals
/// substream only (up to its EOF).
struct FilePass {
  std::size_t record_offset = 0;
  std::uint16_t encryption_type = 0;  // 0 XOR obfuscation, 1 RC4 / RC4 CryptoAPI
  ByteView header;
};
std::optional<FilePass> find_filepass(ByteView workbook);

/// Decrypts a BIFF8 Workbook stream in place ([MS-XLS] 2.2.10): record headers stay clear, as
/// do BOF, FilePass, UsrExcl, FileLock, InterfaceHdr, RRDInfo, RRDHead and the lbPlyPos of
/// BoundSheet8; the keystream position is the stream offset. Every FilePass record becomes
/// record type 0 with zeroed content, so the result reads as a plain workbook.
[[nodiscard]] bool decrypt_workbook(Bytes& workbook, const Rc4Document& doc);

/// The record walk of decrypt_workbook with another cipher: `decrypt(pos, record_size)`
/// returns the clear byte for the encrypted byte at stream offset `pos` of a record whose data
/// is `record_size` bytes long (XOR obfuscation keys on both, [MS-XLS] 2.2.10).
void transform_workbook(Bytes& workbook,
                        const std::function<std::uint8_t(std::uint8_t byte, std::size_t pos,
                                                         std::size_t record_size)>& decrypt);

/// [MS-DOC] 2.2.6.2: the WordDocument stream from byte 68, the table stream after its
/// `header_bytes` of encryption header (FibBase.lKey), and the Data stream (may be null) are
/// decrypted in place; FibBase.fEncrypted and fObfuscation are cleared and lKey zeroed.
[[nodiscard]] bool decrypt_word(Bytes& word_document, Bytes& table, std::size_t header_bytes,
                                Bytes* data, const Rc4Document& doc);

/// Clears FibBase.fEncrypted and fObfuscation and zeroes lKey in a WordDocument stream of at
/// least kFibBaseBytes, so the decrypted copy reads as a plain document.
void clear_fib_encryption(Bytes& word_document);

/// [MS-DOC] 2.5.1 FibBase offsets.
inline constexpr std::size_t kFibBaseBytes = 68;
inline constexpr std::size_t kFibFlagsOffset = 0x0A;
inline constexpr std::size_t kFibLKeyOffset = 0x0E;
inline constexpr std::uint16_t kFibEncrypted = 0x0100;
inline constexpr std::uint16_t kFibWhichTable = 0x0200;
inline constexpr std::uint16_t kFibObfuscated = 0x8000;

}  // namespace lg

#pragma once
/// XOR obfuscation of Office binary documents ([MS-OFFCRYPTO] 2.3.7): the 16-bit password
/// verifier (2.3.7.1), the XOR key and array of Method 1 (2.3.7.2) and its data transformation
/// (2.3.7.3) as Excel applies it to the Workbook stream ([MS-XLS] 2.2.10, 2.4.117 FilePass
/// with wEncryptionType 0); the 32-bit verifier and data transformation of Method 2 (2.3.7.4,
/// 2.3.7.6) as Word applies them to its streams ([MS-DOC] 2.2.6.1).
#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "core/bytes.h"

namespace lg {

/// Method 1 takes at most 15 password characters.
inline constexpr std::size_t kMaxXorPasswordChars = 15;

/// The password as the XOR methods read it: per UTF-16 code unit, its low byte, or its high
/// byte when the low one is zero (2.3.7.1). nullopt for an empty password, and for an over-long
/// one unless `truncate` (Method 2 keeps its first 15 characters, 2.3.7.4).
std::optional<std::string> xor_password_bytes(std::string_view utf8, bool truncate = false);

/// 2.3.7.1 CreatePasswordVerifier_Method1 over xor_password_bytes().
std::uint16_t xor_password_verifier(std::string_view password_bytes);
/// 2.3.7.2 CreateXorKey_Method1.
std::uint16_t xor_key_method1(std::string_view password_bytes);
/// 2.3.7.2 CreateXorArray_Method1.
std::array<std::uint8_t, 16> xor_array_method1(std::string_view password_bytes);

/// 2.3.7.4 CreatePasswordVerifier_Method2: the Method 1 key in the high word, the Method 1
/// verifier in the low word (Word stores it in FibBase.lKey).
std::uint32_t xor_password_verifier_method2(std::string_view password_bytes);

/// [MS-XLS] 2.4.117 XORObfuscation: the key and verifier that follow wEncryptionType 0.
struct XorObfuscation {
  std::uint16_t key = 0;
  std::uint16_t verifier = 0;
};
std::optional<XorObfuscation> parse_xor_obfuscation(ByteView header);

/// The XOR array for `password` when it matches the verifier; else nullopt.
std::optional<std::array<std::uint8_t, 16>> open_xor(const XorObfuscation& x,
                                                     std::string_view password);

/// The XOR array for `password` when its Method 2 verifier is `lkey`; else nullopt. The array
/// of 2.3.7.5 CreateXorArray_Method2 (password then PadArray, each byte XORed with the key's low
/// byte at even and its high byte at odd indexes, rotated right by one) is the array
/// CreateXorArray_Method1 builds, so xor_array_method1() gives it.
std::optional<std::array<std::uint8_t, 16>> open_word_xor(std::uint32_t lkey,
                                                          std::string_view password);

/// 2.3.7.6 XOR Data Transformation Method 2 over the bytes of a stream from offset `from` on:
/// the byte at stream offset p is XORed with array[p % 16] unless it is 0x00 or equal to that
/// array byte (both stay as they are). The transformation is its own inverse.
void xor_method2(std::span<std::uint8_t> stream, std::size_t from,
                 const std::array<std::uint8_t, 16>& array);

/// [MS-DOC] 2.2.6.1: the WordDocument stream from byte 68 (FibBase stays clear), the whole
/// table stream and the Data stream (may be null) are de-obfuscated in place; FibBase's
/// fEncrypted and fObfuscation are cleared and lKey zeroed. False when WordDocument is shorter
/// than FibBase.
[[nodiscard]] bool decrypt_word_xor(Bytes& word_document, Bytes& table, Bytes* data,
                                    const std::array<std::uint8_t, 16>& array);

/// Decrypts a BIFF8 Workbook stream in place ([MS-XLS] 2.2.10, [MS-OFFCRYPTO] 2.3.7.3): the
/// same bytes stay clear as under RC4; each other byte at stream offset p of a record with
/// `size` data bytes becomes ror5(byte ^ array[(p + size) % 16]). FilePass is neutralised.
void decrypt_workbook_xor(Bytes& workbook, const std::array<std::uint8_t, 16>& array);

}  // namespace lg

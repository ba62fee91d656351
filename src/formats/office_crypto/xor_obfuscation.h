#pragma once
/// XOR obfuscation of Office binary documents ([MS-OFFCRYPTO] 2.3.7): the 16-bit password
/// verifier (2.3.7.1), the XOR key and array of Method 1 (2.3.7.2) and its data transformation
/// (2.3.7.3) as Excel applies it to the Workbook stream ([MS-XLS] 2.2.10, 2.4.117 FilePass
/// with wEncryptionType 0).
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/bytes.h"

namespace lg {

/// Method 1 takes at most 15 password characters.
inline constexpr std::size_t kMaxXorPasswordChars = 15;

/// The password as the XOR methods read it: per UTF-16 code unit, its low byte, or its high
/// byte when the low one is zero (2.3.7.1). nullopt for an empty or over-long password.
std::optional<std::string> xor_password_bytes(std::string_view utf8);

/// 2.3.7.1 CreatePasswordVerifier_Method1 over xor_password_bytes().
std::uint16_t xor_password_verifier(std::string_view password_bytes);
/// 2.3.7.2 CreateXorKey_Method1.
std::uint16_t xor_key_method1(std::string_view password_bytes);
/// 2.3.7.2 CreateXorArray_Method1.
std::array<std::uint8_t, 16> xor_array_method1(std::string_view password_bytes);

/// [MS-XLS] 2.4.117 XORObfuscation: the key and verifier that follow wEncryptionType 0.
struct XorObfuscation {
  std::uint16_t key = 0;
  std::uint16_t verifier = 0;
};
std::optional<XorObfuscation> parse_xor_obfuscation(ByteView header);

/// The XOR array for `password` when it matches the verifier; else nullopt.
std::optional<std::array<std::uint8_t, 16>> open_xor(const XorObfuscation& x,
                                                     std::string_view password);

/// Decrypts a BIFF8 Workbook stream in place ([MS-XLS] 2.2.10, [MS-OFFCRYPTO] 2.3.7.3): the
/// same bytes stay clear as under RC4; each other byte at stream offset p of a record with
/// `size` data bytes becomes ror5(byte ^ array[(p + size) % 16]). FilePass is neutralised.
void decrypt_workbook_xor(Bytes& workbook, const std::array<std::uint8_t, 16>& array);

}  // namespace lg

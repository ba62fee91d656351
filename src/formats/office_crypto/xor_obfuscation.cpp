// XOR obfuscation, [MS-OFFCRYPTO] 2.3.7.1-2.3.7.3 applied to BIFF8 as [MS-XLS] 2.2.10 says,
// and 2.3.7.4-2.3.7.6 applied to Word's streams as [MS-DOC] 2.2.6.1 says.
#include "formats/office_crypto/xor_obfuscation.h"

#include <algorithm>

#include "core/reader.h"
#include "formats/office_crypto/crypto_primitives.h"
#include "formats/office_crypto/rc4_document.h"

namespace lg {
namespace {

// 2.3.7.2 tables.
constexpr std::uint8_t kPadArray[15] = {0xBB, 0xFF, 0xFF, 0xBA, 0xFF, 0xFF, 0xB9, 0x80,
                                        0x00, 0xBE, 0x0F, 0x00, 0xBF, 0x0F, 0x00};
constexpr std::uint16_t kInitialCode[15] = {0xE1F0, 0x1D0F, 0xCC9C, 0x84C0, 0x110C,
                                            0x0E10, 0xF1CE, 0x313E, 0x1872, 0xE139,
                                            0xD40F, 0x84F9, 0x280C, 0xA96A, 0x4EC3};
constexpr std::uint16_t kXorMatrix[105] = {
    0xAEFC, 0x4DD9, 0x9BB2, 0x2745, 0x4E8A, 0x9D14, 0x2A09, 0x7B61, 0xF6C2, 0xFDA5, 0xEB6B, 0xC6F7,
    0x9DCF, 0x2BBF, 0x4563, 0x8AC6, 0x05AD, 0x0B5A, 0x16B4, 0x2D68, 0x5AD0, 0x0375, 0x06EA, 0x0DD4,
    0x1BA8, 0x3750, 0x6EA0, 0xDD40, 0xD849, 0xA0B3, 0x5147, 0xA28E, 0x553D, 0xAA7A, 0x44D5, 0x6F45,
    0xDE8A, 0xAD35, 0x4A4B, 0x9496, 0x390D, 0x721A, 0xEB23, 0xC667, 0x9CEF, 0x29FF, 0x53FE, 0xA7FC,
    0x5FD9, 0x47D3, 0x8FA6, 0x0F6D, 0x1EDA, 0x3DB4, 0x7B68, 0xF6D0, 0xB861, 0x60E3, 0xC1C6, 0x93AD,
    0x377B, 0x6EF6, 0xDDEC, 0x45A0, 0x8B40, 0x06A1, 0x0D42, 0x1A84, 0x3508, 0x6A10, 0xAA51, 0x4483,
    0x8906, 0x022D, 0x045A, 0x08B4, 0x1168, 0x76B4, 0xED68, 0xCAF1, 0x85C3, 0x1BA7, 0x374E, 0x6E9C,
    0x3730, 0x6E60, 0xDCC0, 0xA9A1, 0x4363, 0x86C6, 0x1DAD, 0x3331, 0x6662, 0xCCC4, 0x89A9, 0x0373,
    0x06E6, 0x0DCC, 0x1021, 0x2042, 0x4084, 0x8108, 0x1231, 0x2462, 0x48C4};

std::uint8_t ror8(std::uint8_t v, int n) {
  return static_cast<std::uint8_t>((v >> n) | (v << (8 - n)));
}
std::uint8_t xor_ror(std::uint8_t a, std::uint8_t b) {
  return ror8(static_cast<std::uint8_t>(a ^ b), 1);
}

}  // namespace

std::optional<std::string> xor_password_bytes(std::string_view utf8, bool truncate) {
  const Bytes units = password_utf16le(utf8);
  if (units.empty() || (!truncate && units.size() / 2 > kMaxXorPasswordChars)) return std::nullopt;
  std::string out;
  const std::size_t end = std::min(units.size(), 2 * kMaxXorPasswordChars);
  for (std::size_t i = 0; i + 1 < end; i += 2)
    out.push_back(static_cast<char>(units[i] != 0 ? units[i] : units[i + 1]));
  return out;
}

std::uint16_t xor_password_verifier(std::string_view pw) {
  // PasswordArray = length then the bytes, walked in reverse order.
  std::uint16_t verifier = 0;
  auto step = [&verifier](std::uint8_t byte) {
    const std::uint16_t i1 = (verifier & 0x4000) ? 1 : 0;
    const std::uint16_t i2 = static_cast<std::uint16_t>((verifier * 2) & 0x7FFF);
    verifier = static_cast<std::uint16_t>((i1 | i2) ^ byte);
  };
  for (std::size_t i = pw.size(); i-- > 0;) step(static_cast<std::uint8_t>(pw[i]));
  step(static_cast<std::uint8_t>(pw.size()));
  return static_cast<std::uint16_t>(verifier ^ 0xCE4B);
}

std::uint16_t xor_key_method1(std::string_view pw) {
  if (pw.empty() || pw.size() > kMaxXorPasswordChars) return 0;
  std::uint16_t key = kInitialCode[pw.size() - 1];
  std::size_t element = 0x68;
  for (std::size_t i = pw.size(); i-- > 0;) {
    std::uint8_t c = static_cast<std::uint8_t>(pw[i]);
    for (int bit = 0; bit < 7; ++bit, --element) {
      if (c & 0x40) key ^= kXorMatrix[element];
      c = static_cast<std::uint8_t>(c << 1);
    }
  }
  return key;
}

std::array<std::uint8_t, 16> xor_array_method1(std::string_view pw) {
  std::array<std::uint8_t, 16> a{};
  if (pw.empty() || pw.size() > kMaxXorPasswordChars) return a;
  const std::uint16_t key = xor_key_method1(pw);
  const auto hi = static_cast<std::uint8_t>(key >> 8), lo = static_cast<std::uint8_t>(key);
  auto ch = [&pw](std::size_t i) { return static_cast<std::uint8_t>(pw[i]); };
  std::size_t index = pw.size();
  if (index % 2 == 1) {
    a[index] = xor_ror(kPadArray[0], hi);
    --index;
    a[index] = xor_ror(ch(pw.size() - 1), lo);
  }
  while (index > 0) {
    --index;
    a[index] = xor_ror(ch(index), hi);
    --index;
    a[index] = xor_ror(ch(index), lo);
  }
  index = 15;
  for (std::size_t pad = 15 - pw.size(); pad > 0;) {
    a[index--] = xor_ror(kPadArray[pad--], hi);
    a[index--] = xor_ror(kPadArray[pad], lo);
    if (pad == 0) break;
    --pad;
  }
  return a;
}

std::uint32_t xor_password_verifier_method2(std::string_view pw) {
  return static_cast<std::uint32_t>(xor_key_method1(pw)) << 16 | xor_password_verifier(pw);
}

std::optional<XorObfuscation> parse_xor_obfuscation(ByteView header) {
  Reader r(header);
  auto key = r.u16le(0), verifier = r.u16le(2);
  if (!key || !verifier) return std::nullopt;
  return XorObfuscation{*key, *verifier};
}

std::optional<std::array<std::uint8_t, 16>> open_xor(const XorObfuscation& x,
                                                     std::string_view password) {
  auto pw = xor_password_bytes(password);
  if (!pw || xor_password_verifier(*pw) != x.verifier) return std::nullopt;
  return xor_array_method1(*pw);
}

std::optional<std::array<std::uint8_t, 16>> open_word_xor(std::uint32_t lkey,
                                                          std::string_view password) {
  // 2.3.7.4 names a second conversion, through the system's ANSI code page; only the one
  // written files use (low byte, else high byte) is tried here.
  auto pw = xor_password_bytes(password, true);
  if (!pw || xor_password_verifier_method2(*pw) != lkey) return std::nullopt;
  return xor_array_method1(*pw);
}

void xor_method2(std::span<std::uint8_t> stream, std::size_t from,
                 const std::array<std::uint8_t, 16>& array) {
  for (std::size_t p = from; p < stream.size(); ++p) {
    const std::uint8_t k = array[p % 16];
    if (stream[p] != 0 && stream[p] != k) stream[p] ^= k;
  }
}

bool decrypt_word_xor(Bytes& word_document, Bytes& table, Bytes* data,
                      const std::array<std::uint8_t, 16>& array) {
  if (word_document.size() < kFibBaseBytes) return false;
  xor_method2(word_document, kFibBaseBytes, array);
  xor_method2(table, 0, array);
  if (data) xor_method2(*data, 0, array);
  clear_fib_encryption(word_document);
  return true;
}

void decrypt_workbook_xor(Bytes& workbook, const std::array<std::uint8_t, 16>& array) {
  transform_workbook(workbook, [&array](std::uint8_t b, std::size_t pos, std::size_t size) {
    return ror8(static_cast<std::uint8_t>(b ^ array[(pos + size) % 16]), 5);
  });
}

}  // namespace lg

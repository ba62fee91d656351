// The office_crypto layer (src/formats/office_crypto): EncryptionInfo parsing, key derivation
// with Excel's default password (cut short unless the spin count is small),
// package decryption, and the RC4 header, FilePass search and in-place stream decryption, on any
// bytes.
#include <cstddef>
#include <cstdint>

#include "core/bytes.h"
#include "formats/office_crypto/encryption_info.h"
#include "formats/office_crypto/rc4_document.h"
#include "fuzz/fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const lg::ByteView in(data, size);
  constexpr std::size_t kCap = 1u << 20;
  // Full derivations only for small Agile spin counts (the verifier and key decryption after
  // the rounds are what is worth fuzzing); others stop at the first deadline check.
  const lg::StopFn stop = [] { return true; };
  auto info = lg::parse_encryption_info(in);
  if (info) {
    const bool cheap =
        info->scheme == lg::OfficeEncryption::kAgile && info->agile.spin_count <= 1000;
    auto key = lg::derive_package_key(*info, "VelvetSweatshop", cheap ? lg::StopFn() : stop);
    const lg::Bytes fixed(info->scheme == lg::OfficeEncryption::kAgile ? 32 : 16, 0x5A);
    auto plain = lg::decrypt_package(*info, key && *key ? **key : fixed, in, kCap);
    if (plain) LG_FUZZ_CHECK(plain->size() <= kCap && plain->size() <= size);
  }
  static const lg::Rc4Cipher cipher;  // loading the legacy provider once
  auto fp = lg::find_filepass(in);
  auto rc4 = lg::parse_rc4_encryption(fp ? fp->header : in);
  if (rc4) {
    auto doc = lg::Rc4Document::open(*rc4, "VelvetSweatshop", cipher);
    if (doc) {
      lg::Bytes book(in.begin(), in.end());
      if (lg::decrypt_workbook(book, *doc)) LG_FUZZ_CHECK(book.size() == size);
      lg::Bytes word(in.begin(), in.end()), table(in.begin(), in.end());
      (void)lg::decrypt_word(word, table, size / 2, nullptr, *doc);
    }
  }
  return 0;
}

// PowerPoint 97-2003 encryption and XOR obfuscation (src/formats/office_crypto): the
// CurrentUserAtom, the edit chain and persist directory walk, the CryptSession10Container,
// in-place persist object decryption with Excel's default password, and XOR obfuscation of a
// workbook, on any bytes. The input is a Current User stream of 32 bytes then a PowerPoint
// Document stream (the offsetToCurrentEdit of the first part leads into the second).
#include <algorithm>
#include <cstddef>
#include <cstdint>

#include "core/bytes.h"
#include "formats/office_crypto/ppt_encryption.h"
#include "formats/office_crypto/rc4_document.h"
#include "formats/office_crypto/xor_obfuscation.h"
#include "fuzz/fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const lg::ByteView in(data, size);
  constexpr std::size_t kUser = 32;
  static const lg::Rc4Cipher cipher;  // loading the legacy provider once
  if (size > kUser) {
    auto user = lg::parse_current_user(in.first(kUser));
    const lg::ByteView doc = in.subspan(kUser);
    auto enc = lg::find_ppt_encryption(doc, user ? user->offset_to_current_edit : 0);
    if (enc) {
      // The directory is sorted by id without duplicates and holds the session's entry.
      bool session = false;
      for (std::size_t i = 0; i < enc->persist.size(); ++i) {
        LG_FUZZ_CHECK(i == 0 || enc->persist[i - 1].first < enc->persist[i].first);
        session = session || enc->persist[i].first == enc->crypt_session_id;
      }
      LG_FUZZ_CHECK(session);
      if (auto opened = lg::Rc4Document::open(enc->header, "VelvetSweatshop", cipher)) {
        lg::Bytes plain(doc.begin(), doc.end());
        const std::size_t n = lg::decrypt_powerpoint(plain, *enc, *opened);
        LG_FUZZ_CHECK(plain.size() == doc.size() && n <= enc->persist.size());
      }
    }
  }
  auto pw = lg::xor_password_bytes(lg::as_chars(in.first(std::min<std::size_t>(size, 20))));
  if (pw) {
    LG_FUZZ_CHECK(pw->size() <= lg::kMaxXorPasswordChars);
    (void)lg::xor_password_verifier(*pw);
    lg::Bytes book(in.begin(), in.end());
    lg::decrypt_workbook_xor(book, lg::xor_array_method1(*pw));
    LG_FUZZ_CHECK(book.size() == size);
  }
  return 0;
}

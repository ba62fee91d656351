#pragma once
/// Encrypted Office documents inside a compound file: ECMA-376 Standard/Agile (EncryptionInfo
/// and EncryptedPackage streams), Word and Excel 97-2003 RC4 / RC4 CryptoAPI, PowerPoint 97-2003
/// RC4 CryptoAPI, and Excel's and Word's XOR obfuscation.
#include "core/analyzer.h"
#include "formats/cfb/compound_file.h"

namespace lg {

/// Passwords tried per document: Excel's default first, then ctx.candidate_passwords().
inline constexpr std::size_t kMaxOfficePasswordTries = 16;
/// Hash rounds spent on one Agile document across all passwords: a file asking for millions
/// of rounds per password gets fewer tries (Office's 100,000 rounds still allow them all).
inline constexpr std::uint64_t kMaxSpinBudget = 20'000'000;
/// Excel opens a workbook encrypted with this password without asking for one.
inline constexpr std::string_view kExcelDefaultPassword = "VelvetSweatshop";

/// Reports the encryption found in `cf` (the compound file read from `object`), tries the
/// passwords, and hands a document that opened to the engine as a child (relation
/// "decrypted"): the OOXML package, or for RC4 and XOR a copy of `object` with the decrypted
/// streams written back in place and the encryption marker cleared, so the child never reads as
/// encrypted again. Facts: "encrypted", "encryption", "password", "password_source"
/// ("message", "default", "configured"), "passwords_tried". Findings: OFFICE_PASSWORD_FROM_MESSAGE
/// or OFFICE_PASSWORD_USED when it opened; OFFICE_ENCRYPTED when it stayed closed, or
/// OFFICE_ENCRYPTED_EXTERNAL instead when ctx.sender_external(); OFFICE_XOR_OBFUSCATED for XOR.
void office_encryption(const CompoundFile& cf, ByteView object, Context& ctx);

}  // namespace lg

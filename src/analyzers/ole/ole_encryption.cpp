// Encryption markers of compound files ([MS-OFFCRYPTO] 2.3.4 EncryptionInfo/EncryptedPackage,
// [MS-DOC] 2.5.1 FIB fEncrypted, [MS-XLS] 2.4.117 FilePass, [MS-PPT] 2.3.2 CurrentUserAtom
// headerToken and 2.3.7 Encrypted PowerPoint) and the password attempts that open them
// (src/formats/office_crypto).
#include "analyzers/ole/ole_encryption.h"

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "core/reader.h"
#include "formats/office_crypto/encryption_info.h"
#include "formats/office_crypto/ppt_encryption.h"
#include "formats/office_crypto/rc4_document.h"
#include "formats/office_crypto/xor_obfuscation.h"

namespace lg {
namespace {

constexpr std::size_t kMaxFilePassScan = 1u << 20;  // Workbook bytes searched for FilePass
constexpr std::size_t kMaxCurrentUser = 4096;       // a CurrentUserAtom with its user names

struct Attempt {
  std::string scheme;      // what was found, for evidence
  std::string closed_why;  // set when no password can help (unsupported, over a cap)
  std::optional<std::string> password;
  std::size_t tried = 0;
};

std::vector<std::string> passwords_to_try(const Context& ctx,
                                          std::size_t max = kMaxOfficePasswordTries) {
  std::vector<std::string> out{std::string(kExcelDefaultPassword)};
  for (std::string& p : ctx.candidate_passwords()) {
    if (out.size() >= max) break;
    if (std::find(out.begin(), out.end(), p) == out.end()) out.push_back(std::move(p));
  }
  return out;
}

std::optional<Bytes> read_whole(const CompoundFile& cf, const CfbEntry* e, const Context& ctx) {
  if (!e || e->type != CfbObjectType::kStream || e->size > ctx.limits().max_object_bytes)
    return std::nullopt;
  auto b = cf.read_stream(*e, static_cast<std::size_t>(e->size));
  if (!b || b->size() != e->size) return std::nullopt;
  return std::move(*b);
}

// Writes `plain` over the sectors of stream `e` in `file` (same length: RC4 keeps lengths).
bool write_back(const CompoundFile& cf, const CfbEntry& e, const Bytes& plain, Bytes& file) {
  auto extents = cf.stream_extents(e);
  if (!extents) return false;
  std::size_t at = 0;
  for (const CfbExtent& x : *extents) {
    if (at + x.length > plain.size() || x.offset + x.length > file.size()) return false;
    std::copy_n(plain.begin() + static_cast<std::ptrdiff_t>(at), x.length,
                file.begin() + static_cast<std::ptrdiff_t>(x.offset));
    at += x.length;
  }
  return at == plain.size();
}

void report_opened(const Attempt& a, Context& ctx) {
  const std::string& pw = *a.password;
  const bool from_text = ctx.password_from_text(pw);
  const char* source = from_text                     ? "message"
                       : pw == kExcelDefaultPassword ? "default"
                                                     : "configured";
  ctx.fact("password", pw);
  ctx.fact("password_source", std::string(source));
  if (from_text) {
    ctx.finding(Symbol::OFFICE_PASSWORD_FROM_MESSAGE,
                {pw, a.scheme + " document opened with a password given in the message text"});
  } else if (pw == kExcelDefaultPassword) {
    ctx.finding(Symbol::OFFICE_PASSWORD_USED,
                {pw, a.scheme + " document opened with Excel's default password, which " +
                         "opens it without a prompt while hiding its content from scanners"});
  } else {
    ctx.finding(Symbol::OFFICE_PASSWORD_USED,
                {pw, a.scheme + " document opened with a configured candidate password"});
  }
}

// ECMA-376 Standard/Agile: EncryptedPackage decrypts to the OOXML package.
void open_package(const CompoundFile& cf, const CfbEntry& info_entry, const CfbEntry& package,
                  Attempt& a, Context& ctx) {
  auto info_bytes = cf.read_stream(info_entry, kMaxEncryptionInfoBytes);
  auto info =
      info_bytes ? parse_encryption_info(*info_bytes) : Result<EncryptionInfo>(info_bytes.status());
  if (!info) {
    a.scheme = "ECMA-376 encryption";
    a.closed_why = info.status().message();
    return;
  }
  a.scheme = info->describe();
  std::optional<Bytes> key;
  const StopFn stop = [&ctx] { return ctx.should_stop(); };
  std::size_t max_tries = kMaxOfficePasswordTries;
  if (info->scheme == OfficeEncryption::kAgile && info->agile.spin_count > 0)
    max_tries = static_cast<std::size_t>(std::clamp<std::uint64_t>(
        kMaxSpinBudget / info->agile.spin_count, 1, kMaxOfficePasswordTries));
  const std::vector<std::string> passwords = passwords_to_try(ctx, max_tries);
  if (max_tries < kMaxOfficePasswordTries && passwords.size() == max_tries)
    ctx.anomaly("encrypted document: " + std::to_string(info->agile.spin_count) +
                " hash rounds per password, only " + std::to_string(max_tries) + " tried");
  for (const std::string& pw : passwords) {
    if (ctx.should_stop()) break;
    ++a.tried;
    auto k = derive_package_key(*info, pw, stop);
    if (!k) {
      a.closed_why = k.status().message();
      if (k.status().code() == ErrorCode::kLimit)
        ctx.anomaly("encrypted document: " + a.closed_why);
      return;
    }
    if (*k) {
      key = std::move(**k);
      a.password = pw;
      break;
    }
  }
  if (!key) return;
  const std::size_t max = static_cast<std::size_t>(ctx.limits().max_object_bytes);
  auto enc = cf.read_stream(package, max + 8);
  auto plain = enc ? decrypt_package(*info, *key, *enc, max) : Result<Bytes>(enc.status());
  if (!plain) {
    a.closed_why = "EncryptedPackage: " + plain.status().message();
    a.password.reset();
    return;
  }
  report_opened(a, ctx);
  (void)ctx.child({"decrypted", "EncryptedPackage", "", enc->size()}, std::move(*plain));
}

// The passwords in turn against an RC4 header; the document of the first that verifies.
std::optional<Rc4Document> try_rc4(const Rc4Encryption& enc, const Rc4Cipher& cipher, Attempt& a,
                                   Context& ctx) {
  for (const std::string& pw : passwords_to_try(ctx)) {
    if (ctx.should_stop()) break;
    ++a.tried;
    if (auto doc = Rc4Document::open(enc, pw, cipher)) {
      a.password = pw;
      return doc;
    }
  }
  return std::nullopt;
}

// Word and Excel 97-2003 RC4: decrypt the streams, write them back into a copy of the file.
void open_binary(const CompoundFile& cf, ByteView object, const Rc4Encryption& enc, bool word,
                 Attempt& a, Context& ctx) {
  a.scheme = enc.describe() + (word ? " (Word)" : " (Excel)");
  Rc4Cipher cipher;
  std::optional<Rc4Document> doc = try_rc4(enc, cipher, a, ctx);
  if (!doc) return;
  Bytes file(object.begin(), object.end());
  bool ok = false;
  if (word) {
    const CfbEntry* wd = cf.find("WordDocument");
    auto main = read_whole(cf, wd, ctx);
    const bool table1 = main && Reader(*main).u16le(kFibFlagsOffset).value_or(0) & kFibWhichTable;
    const CfbEntry* te = cf.find(table1 ? "1Table" : "0Table");
    const CfbEntry* de = cf.find("Data");
    auto table = read_whole(cf, te, ctx);
    auto data = read_whole(cf, de, ctx);
    const std::size_t lkey = main ? Reader(*main).u32le(kFibLKeyOffset).value_or(0) : 0;
    ok = main && table && decrypt_word(*main, *table, lkey, data ? &*data : nullptr, *doc) &&
         write_back(cf, *wd, *main, file) && write_back(cf, *te, *table, file) &&
         (!data || write_back(cf, *de, *data, file));
  } else {
    const CfbEntry* wb = cf.find("Workbook");
    if (!wb) wb = cf.find("Book");
    auto book = read_whole(cf, wb, ctx);
    ok = book && decrypt_workbook(*book, *doc) && write_back(cf, *wb, *book, file);
  }
  if (!ok) {
    a.closed_why = "the password verified but the streams could not be decrypted in place";
    a.password.reset();
    return;
  }
  report_opened(a, ctx);
  (void)ctx.child({"decrypted", "", "", object.size()}, std::move(file));
}

// The CurrentUserAtom of a PowerPoint file whose headerToken says "encrypted".
std::optional<PptCurrentUser> encrypted_current_user(const CompoundFile& cf,
                                                     const CfbEntry* current_user) {
  if (!current_user || !cf.find("PowerPoint Document")) return std::nullopt;
  auto bytes = cf.read_stream(*current_user, kMaxCurrentUser);
  auto user = bytes ? parse_current_user(*bytes) : std::nullopt;
  if (!user || !user->encrypted()) return std::nullopt;
  return user;
}

bool plain_current_user(const CompoundFile& cf, const CfbEntry* current_user) {
  auto bytes = current_user ? cf.read_stream(*current_user, kMaxCurrentUser)
                            : Result<Bytes>(Status::error(ErrorCode::kMalformed, "none"));
  auto user = bytes ? parse_current_user(*bytes) : std::nullopt;
  return user && user->header_token == kPptPlainToken;
}

// PowerPoint 97-2003 ([MS-PPT] 2.3.7): the persist objects of the PowerPoint Document stream
// are decrypted in place and the CurrentUserAtom's headerToken set to "not encrypted"; the
// Pictures and EncryptedSummary streams stay as they are.
void open_powerpoint(const CompoundFile& cf, ByteView object, const CfbEntry& user_entry,
                     const PptCurrentUser& user, Attempt& a, Context& ctx) {
  a.scheme = "PowerPoint encryption";
  const CfbEntry* doc_entry = cf.find("PowerPoint Document");
  auto document = read_whole(cf, doc_entry, ctx);
  if (!document) {
    a.closed_why = "the PowerPoint Document stream could not be read";
    return;
  }
  auto enc = find_ppt_encryption(*document, user.offset_to_current_edit);
  if (!enc) {
    a.closed_why = enc.status().message();
    return;
  }
  a.scheme = enc->header.describe() + " (PowerPoint)";
  Rc4Cipher cipher;
  std::optional<Rc4Document> doc = try_rc4(enc->header, cipher, a, ctx);
  if (!doc) return;
  auto current_user = read_whole(cf, &user_entry, ctx);
  const std::size_t objects = decrypt_powerpoint(*document, *enc, *doc);
  Bytes file(object.begin(), object.end());
  if (!current_user || current_user->size() < kPptHeaderTokenOffset + 4 || objects == 0) {
    a.closed_why = "the password verified but no persist object could be decrypted";
    a.password.reset();
    return;
  }
  for (int i = 0; i < 4; ++i)
    (*current_user)[kPptHeaderTokenOffset + i] =
        static_cast<std::uint8_t>(kPptPlainToken >> (8 * i));
  if (!write_back(cf, *doc_entry, *document, file) ||
      !write_back(cf, user_entry, *current_user, file)) {
    a.closed_why = "the password verified but the streams could not be written back";
    a.password.reset();
    return;
  }
  ctx.fact("persist_objects_decrypted", static_cast<std::int64_t>(objects));
  report_opened(a, ctx);
  (void)ctx.child({"decrypted", "", "", object.size()}, std::move(file));
}

// Excel XOR obfuscation ([MS-XLS] 2.4.117 with wEncryptionType 0, [MS-OFFCRYPTO] 2.3.7).
void open_xor_workbook(const CompoundFile& cf, ByteView object, const CfbEntry& book,
                       ByteView header, Attempt& a, Context& ctx) {
  a.scheme = "XOR obfuscation (Excel)";
  auto x = parse_xor_obfuscation(header);
  if (!x) {
    a.closed_why = "truncated XOR obfuscation header";
    return;
  }
  std::optional<std::array<std::uint8_t, 16>> array;
  for (const std::string& pw : passwords_to_try(ctx)) {
    if (ctx.should_stop()) break;
    ++a.tried;
    if ((array = open_xor(*x, pw))) {
      a.password = pw;
      break;
    }
  }
  if (!array) return;
  auto workbook = read_whole(cf, &book, ctx);
  Bytes file(object.begin(), object.end());
  if (workbook) decrypt_workbook_xor(*workbook, *array);
  if (!workbook || !write_back(cf, book, *workbook, file)) {
    a.closed_why = "the password verified but the workbook could not be decrypted in place";
    a.password.reset();
    return;
  }
  report_opened(a, ctx);
  (void)ctx.child({"decrypted", "", "", object.size()}, std::move(file));
}

// Word XOR obfuscation ([MS-DOC] 2.2.6.1, [MS-OFFCRYPTO] 2.3.7.4-2.3.7.6): FibBase.lKey is the
// password verifier; WordDocument after FibBase, the table stream and the Data stream are
// de-obfuscated and written back into a copy of the file.
void open_xor_word(const CompoundFile& cf, ByteView object, const CfbEntry& wd, const CfbEntry* te,
                   std::uint32_t lkey, Attempt& a, Context& ctx) {
  a.scheme = "XOR obfuscation (Word)";
  std::optional<std::array<std::uint8_t, 16>> array;
  for (const std::string& pw : passwords_to_try(ctx)) {
    if (ctx.should_stop()) break;
    ++a.tried;
    if ((array = open_word_xor(lkey, pw))) {
      a.password = pw;
      break;
    }
  }
  if (!array) return;
  const CfbEntry* de = cf.find("Data");
  auto main = read_whole(cf, &wd, ctx);
  auto table = read_whole(cf, te, ctx);
  auto data = read_whole(cf, de, ctx);
  Bytes file(object.begin(), object.end());
  if (!main || !table || !decrypt_word_xor(*main, *table, data ? &*data : nullptr, *array) ||
      !write_back(cf, wd, *main, file) || !write_back(cf, *te, *table, file) ||
      (data && !write_back(cf, *de, *data, file))) {
    a.closed_why = "the password verified but the streams could not be de-obfuscated in place";
    a.password.reset();
    return;
  }
  report_opened(a, ctx);
  (void)ctx.child({"decrypted", "", "", object.size()}, std::move(file));
}

}  // namespace

void office_encryption(const CompoundFile& cf, ByteView object, Context& ctx) {
  Attempt a;
  const CfbEntry* info = cf.find("EncryptionInfo");
  const CfbEntry* package = cf.find("EncryptedPackage");
  const CfbEntry* word = cf.find("WordDocument");
  const CfbEntry* book = cf.find("Workbook");
  if (!book) book = cf.find("Book");
  if (info && package && info->type == CfbObjectType::kStream &&
      package->type == CfbObjectType::kStream) {
    open_package(cf, *info, *package, a, ctx);
  } else if (auto fib = word ? cf.read_stream(*word, kFibBaseBytes) : Result<Bytes>(Bytes());
             fib && Reader(*fib).u16le(kFibFlagsOffset).value_or(0) & kFibEncrypted) {
    // [MS-DOC] 2.2.6: fObfuscation means XOR; otherwise the table stream starts with the
    // RC4 header, FibBase.lKey bytes long.
    const std::uint16_t flags = Reader(*fib).u16le(kFibFlagsOffset).value_or(0);
    const std::uint32_t lkey = Reader(*fib).u32le(kFibLKeyOffset).value_or(0);
    const CfbEntry* table = cf.find(flags & kFibWhichTable ? "1Table" : "0Table");
    auto header = table ? cf.read_stream(*table, std::min<std::uint32_t>(lkey, 4096))
                        : Result<Bytes>(Status::error(ErrorCode::kMalformed, "no table stream"));
    auto enc = header ? parse_rc4_encryption(*header) : Result<Rc4Encryption>(header.status());
    if (flags & kFibObfuscated) {
      ctx.finding(Symbol::OFFICE_XOR_OBFUSCATED,
                  {"Word", "the document is XOR-obfuscated ([MS-DOC] 2.2.6.1 fObfuscation)"});
      open_xor_word(cf, object, *word, table, lkey, a, ctx);
    } else if (!enc) {
      a.scheme = "Word encryption";
      a.closed_why = enc.status().message();
    } else {
      open_binary(cf, object, *enc, true, a, ctx);
    }
  } else if (auto wbytes = book ? cf.read_stream(*book, kMaxFilePassScan) : Result<Bytes>(Bytes());
             wbytes && find_filepass(*wbytes)) {
    const FilePass fp = *find_filepass(*wbytes);
    auto enc = parse_rc4_encryption(fp.header);
    if (fp.encryption_type == 0) {
      ctx.finding(Symbol::OFFICE_XOR_OBFUSCATED,
                  {"Excel", "the workbook is XOR-obfuscated (FilePass wEncryptionType 0)"});
      open_xor_workbook(cf, object, *book, fp.header, a, ctx);
    } else if (!enc) {
      a.scheme = "Excel encryption";
      a.closed_why = enc.status().message();
    } else {
      open_binary(cf, object, *enc, false, a, ctx);
    }
  } else if (const CfbEntry* cu = cf.find("Current User");
             auto user = encrypted_current_user(cf, cu)) {
    open_powerpoint(cf, object, *cu, *user, a, ctx);
  } else if (cf.find("EncryptedSummary") && !plain_current_user(cf, cu)) {
    // A decrypted copy keeps its EncryptedSummary stream; its headerToken says it is plain.
    a.scheme = "PowerPoint encryption";
    a.closed_why = "an EncryptedSummary stream without an encrypted CurrentUserAtom";
  } else {
    return;
  }
  ctx.fact("encrypted", true);
  ctx.fact("encryption", a.scheme);
  ctx.fact("passwords_tried", static_cast<std::int64_t>(a.tried));
  if (a.password) return;
  std::string detail = "the document is encrypted and its content was not read: ";
  detail += a.closed_why.empty()
                ? std::to_string(a.tried) +
                      " password(s) tried (Excel's default, then the candidates), none opened it"
                : a.closed_why;
  // Sent from outside the organisation's domains, a document nobody here can read is worth
  // more: its own symbol, in place of OFFICE_ENCRYPTED.
  if (ctx.sender_external())
    ctx.finding(Symbol::OFFICE_ENCRYPTED_EXTERNAL,
                {a.scheme, detail + " (the message comes from outside the organisation)"});
  else
    ctx.finding(Symbol::OFFICE_ENCRYPTED, {a.scheme, detail});
}

}  // namespace lg

// PowerPoint 97-2003 encryption ([MS-PPT] 2.1.2 persist object directory, 2.3.2
// CurrentUserAtom, 2.3.3 UserEditAtom, 2.3.4 PersistDirectoryAtom, 2.3.7 Encrypted PowerPoint)
// with RC4 CryptoAPI ([MS-OFFCRYPTO] 2.3.5).
#include "formats/office_crypto/ppt_encryption.h"

#include <algorithm>
#include <unordered_map>

#include "core/reader.h"

namespace lg {
namespace {

constexpr std::uint16_t kCurrentUserAtom = 0x0FF6;
constexpr std::uint16_t kUserEditAtom = 0x0FF5;
constexpr std::uint16_t kPersistDirectoryAtom = 0x1772;
constexpr std::uint16_t kCryptSession10Container = 0x2F14;
constexpr std::size_t kRecordHeader = 8;
constexpr std::uint32_t kUserEditAtomLen = 0x1C;  // without encryptSessionPersistIdRef

struct RecordHeader {
  std::uint16_t ver_instance = 0;
  std::uint16_t type = 0;
  std::uint32_t length = 0;
};

std::optional<RecordHeader> record_at(const Reader& r, std::size_t off) {
  auto vi = r.u16le(off), type = r.u16le(off + 2);
  auto len = r.u32le(off + 4);
  if (!vi || !type || !len) return std::nullopt;
  return RecordHeader{*vi, *type, *len};
}

Status malformed(std::string what) {
  return Status::error(ErrorCode::kMalformed, "encrypted PowerPoint: " + std::move(what));
}

}  // namespace

std::optional<PptCurrentUser> parse_current_user(ByteView current_user) {
  Reader r(current_user);
  auto rh = record_at(r, 0);
  auto size = r.u32le(8), token = r.u32le(kPptHeaderTokenOffset), edit = r.u32le(16);
  // 2.3.2: recVer 0, recInstance 0, recType 0x0FF6; size MUST be 0x14.
  if (!rh || rh->type != kCurrentUserAtom || rh->ver_instance != 0 || !size || *size != 0x14 ||
      !token || !edit)
    return std::nullopt;
  return PptCurrentUser{*token, *edit};
}

Result<PptEncryption> find_ppt_encryption(ByteView document, std::uint32_t offset_to_current_edit) {
  Reader r(document);
  PptEncryption out;
  std::unordered_map<std::uint32_t, std::uint32_t> directory;
  std::optional<std::uint32_t> session;
  std::size_t entries = 0;
  std::uint64_t edit = offset_to_current_edit;
  // 2.1.2 steps 2-7: newest edit first; an older entry never replaces a newer one. Each older
  // UserEditAtom lies before the one that names it, so the walk always ends.
  for (std::size_t n = 0;; ++n) {
    if (n >= kMaxPptEdits) return malformed("more than " + std::to_string(kMaxPptEdits) + " edits");
    auto rh = record_at(r, edit);
    if (!rh || rh->type != kUserEditAtom || rh->length < kUserEditAtomLen)
      return malformed("no UserEditAtom at offset " + std::to_string(edit));
    auto last = r.u32le(edit + 16), dir_off = r.u32le(edit + 20);
    if (!last || !dir_off) return malformed("truncated UserEditAtom");
    if (n == 0) {
      // 2.3.3 encryptSessionPersistIdRef: present only in an encrypted document's newest edit.
      auto ref = rh->length >= kUserEditAtomLen + 4 ? r.u32le(edit + 36) : std::nullopt;
      if (!ref) return malformed("the newest UserEditAtom names no CryptSession10Container");
      session = *ref;
    }
    auto dir = record_at(r, *dir_off);
    if (!dir || dir->type != kPersistDirectoryAtom)
      return malformed("no PersistDirectoryAtom at offset " + std::to_string(*dir_off));
    const std::size_t end =
        std::min<std::size_t>(document.size(), std::size_t{*dir_off} + kRecordHeader + dir->length);
    for (std::size_t at = *dir_off + kRecordHeader; at + 4 <= end;) {
      // 2.3.5 PersistDirectoryEntry: persistId (20 bits), cPersist (12 bits), offsets.
      const std::uint32_t head = *r.u32le(at);
      const std::uint32_t first = head & 0xFFFFF, count = head >> 20;
      at += 4;
      for (std::uint32_t i = 0; i < count && at + 4 <= end; ++i, at += 4) {
        if (++entries > kMaxPptPersistEntries) return malformed("too many persist entries");
        directory.emplace(first + i, *r.u32le(at));
      }
    }
    if (*last == 0) break;
    if (*last >= edit) return malformed("offsetLastEdit does not point backwards");
    edit = *last;
  }
  auto it = directory.find(*session);
  if (it == directory.end()) return malformed("the CryptSession10Container has no persist entry");
  auto cs = record_at(r, it->second);
  if (!cs || cs->type != kCryptSession10Container || (cs->ver_instance & 0x000F) != 0xF)
    return malformed("no CryptSession10Container at offset " + std::to_string(it->second));
  auto body = r.subspan(it->second + kRecordHeader,
                        std::min<std::size_t>(cs->length, document.size() - it->second - 8));
  if (!body) return malformed("truncated CryptSession10Container");
  auto header = parse_rc4_encryption(*body);
  if (!header) return header.status();
  if (header->scheme != OfficeEncryption::kRc4CryptoApi)
    return Status::error(ErrorCode::kUnsupported, "PowerPoint encryption other than RC4 CryptoAPI");
  out.header = std::move(*header);
  out.crypt_session_id = *session;
  out.persist.assign(directory.begin(), directory.end());
  std::sort(out.persist.begin(), out.persist.end());
  return out;
}

std::size_t decrypt_powerpoint(Bytes& document, const PptEncryption& enc, const Rc4Document& doc) {
  // By offset, to bound each object by the next one (no byte is decrypted twice).
  std::vector<std::pair<std::uint32_t, std::uint32_t>> by_offset;  // (offset, persist id)
  by_offset.reserve(enc.persist.size());
  for (const auto& [id, off] : enc.persist)
    if (id != enc.crypt_session_id && off < document.size()) by_offset.emplace_back(off, id);
  std::sort(by_offset.begin(), by_offset.end());
  std::size_t done = 0;
  for (std::size_t i = 0; i < by_offset.size(); ++i) {
    const auto [off, id] = by_offset[i];
    if (i > 0 && by_offset[i - 1].first == off) continue;
    const std::size_t limit = i + 1 < by_offset.size() ? by_offset[i + 1].first : document.size();
    std::span<std::uint8_t> object(document.data() + off, limit - off);
    if (object.size() < kRecordHeader) continue;
    // The record header decrypts first; it tells how long the object is.
    Bytes head(object.begin(), object.begin() + kRecordHeader);
    if (!doc.apply_block(head, id)) return done;
    const std::uint64_t length = kRecordHeader + std::uint64_t{Reader(head).u32le(4).value_or(0)};
    if (!doc.apply_block(object.first(std::min<std::uint64_t>(length, object.size())), id))
      return done;
    ++done;
  }
  return done;
}

}  // namespace lg

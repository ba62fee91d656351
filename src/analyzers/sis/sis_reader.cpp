// EPOC release 3-6 SIS files, after "SIS File Format" v1.18 (A. Thoukydides): sections "File
// header", "Language records", "Component name record" and "File records". All integers are
// little-endian; every pointer is an offset from the start of the file and goes through Reader.
#include "analyzers/sis/sis_reader.h"

#include <array>
#include <optional>
#include <string_view>

#include "core/charset.h"
#include "core/reader.h"
#include "core/utf8.h"

namespace lg {
namespace {

// "File header": UID1-4, then 16-bit counts, then 32-bit pointers; release 6 adds the signature
// and capabilities pointers, installed space and 16 reserved bytes.
constexpr std::size_t kHeaderEpoc5 = 68;
constexpr std::size_t kHeaderEpoc6 = 100;
constexpr std::uint32_t kUid2Epoc5 = 0x1000006D;
constexpr std::uint32_t kUid2Epoc6 = 0x10003A12;
constexpr std::uint32_t kUid3Sis = 0x10000419;
constexpr std::size_t kOffLanguageCount = 18;
constexpr std::size_t kOffFileCount = 20;
constexpr std::size_t kOffInstallerVersion = 32;
constexpr std::size_t kOffOptions = 36;
constexpr std::size_t kOffLanguagesPtr = 48;
constexpr std::size_t kOffFilesPtr = 52;
constexpr std::size_t kOffComponentNamePtr = 64;

// "File records": the record type values.
constexpr std::uint32_t kRecordSimple = 0;
constexpr std::uint32_t kRecordMultiLanguage = 1;
constexpr std::uint32_t kRecordOptions = 2;
constexpr std::uint32_t kRecordIf = 3;
constexpr std::uint32_t kRecordElseIf = 4;
constexpr std::uint32_t kRecordElse = 5;
constexpr std::uint32_t kRecordEndIf = 6;
constexpr std::size_t kSelectedOptionsBytes = 16;  // the options record's 128-bit selection

class SisParser {
 public:
  SisParser(ByteView data, SisPackage& p) : r_(data), p_(p) {}

  void run() {
    if (!read_header()) return;
    read_languages();
    read_component_name();
    read_records();
  }

 private:
  bool read_header() {
    const auto uid1 = r_.u32le(0), uid2 = r_.u32le(4), uid3 = r_.u32le(8);
    if (!uid1 || !uid2 || !uid3 || *uid3 != kUid3Sis ||
        (*uid2 != kUid2Epoc5 && *uid2 != kUid2Epoc6)) {
      p_.anomalies.emplace_back("not an EPOC SIS header (UID2/UID3)");
      return false;
    }
    p_.release = *uid2 == kUid2Epoc6 ? SisRelease::kEpoc6 : SisRelease::kEpoc5;
    header_size_ = p_.release == SisRelease::kEpoc6 ? kHeaderEpoc6 : kHeaderEpoc5;
    if (!r_.has(0, header_size_)) {
      p_.anomalies.emplace_back("SIS header truncated");
      return false;
    }
    p_.valid = true;
    p_.uid = *uid1;
    languages_ = *r_.u16le(kOffLanguageCount);
    file_count_ = *r_.u16le(kOffFileCount);
    p_.installer_version = *r_.u32le(kOffInstallerVersion);
    p_.options = *r_.u16le(kOffOptions);
    return true;
  }

  // "Language records": one 16-bit language code per language.
  void read_languages() {
    if (languages_ == 0) {
      p_.anomalies.emplace_back("SIS header declares no language");
      return;
    }
    if (languages_ > kSisMaxLanguages) {
      p_.anomalies.emplace_back("SIS header declares " + std::to_string(languages_) +
                                " languages (over the cap)");
      return;
    }
    const std::size_t at = *r_.u32le(kOffLanguagesPtr);
    if (!r_.has(at, languages_ * 2)) {
      p_.anomalies.emplace_back("SIS language records outside the package");
      return;
    }
    for (std::size_t i = 0; i < languages_; ++i) p_.languages.push_back(*r_.u16le(at + 2 * i));
  }

  // "Component name record": a name length per language, then a name pointer per language.
  void read_component_name() {
    const std::size_t at = *r_.u32le(kOffComponentNamePtr);
    if (at == 0 || p_.languages.empty()) return;
    const auto len = r_.u32le(at);
    const auto ptr = r_.u32le(at + 4 * p_.languages.size());
    if (!len || !ptr) {
      p_.anomalies.emplace_back("SIS component name record outside the package");
      return;
    }
    p_.component_name = name(*ptr, *len, "component name");
  }

  // A string field: ASCII-compatible 8-bit text (windows-1252 here) or UTF-16LE when the header
  // says Unicode; at most kSisMaxNameBytes of it.
  std::string name(std::size_t ptr, std::size_t len, std::string_view what) {
    if (len == 0) return {};
    if (!r_.has(ptr, len)) {
      p_.anomalies.push_back("SIS " + std::string(what) + " outside the package");
      return {};
    }
    if (len > kSisMaxNameBytes) len = kSisMaxNameBytes;
    const ByteView bytes = *r_.subspan(ptr, len);
    if (p_.options & kSisOptionUnicode) return utf16le_to_utf8(bytes, true);
    return decode_text(bytes, "windows-1252").utf8;
  }

  void read_records() {
    if (languages_ > kSisMaxLanguages) return;  // record sizes depend on it
    std::size_t pos = *r_.u32le(kOffFilesPtr);
    if (file_count_ > 0 && pos < header_size_) {
      p_.anomalies.emplace_back("SIS file records point into the header");
      return;
    }
    // Bounded by the 16-bit count; every record takes at least 4 bytes of the file.
    for (std::size_t i = 0; i < file_count_; ++i) {
      const auto type = r_.u32le(pos);
      std::optional<std::size_t> next;
      if (!type) {
        p_.anomalies.push_back("SIS file record " + std::to_string(i) + " outside the package");
        return;
      }
      switch (*type) {
        case kRecordSimple:
        case kRecordMultiLanguage:
          next = file_record(pos, *type);
          break;
        case kRecordOptions:
          next = options_record(pos);
          break;
        case kRecordIf:
        case kRecordElseIf: {  // a condition's size, then the condition
          const auto size = r_.u32le(pos + 4);
          if (size) next = checked_add(pos + 8, *size);
          break;
        }
        case kRecordElse:
        case kRecordEndIf:
          next = pos + 4;
          break;
        default:
          p_.anomalies.push_back("SIS file record " + std::to_string(i) + " of unknown type " +
                                 std::to_string(*type));
          return;
      }
      if (!next || *next > r_.size()) {
        p_.anomalies.push_back("SIS file record " + std::to_string(i) + " truncated");
        return;
      }
      ++p_.records;
      pos = *next;
    }
  }

  // "Options" record: a count, per option one name per language (lengths, then pointers), and
  // the 128-bit set of options selected by default.
  std::optional<std::size_t> options_record(std::size_t pos) {
    const auto count = r_.u32le(pos + 4);
    if (!count) return std::nullopt;
    const auto names = checked_mul(static_cast<std::size_t>(*count) * 8, languages_);
    if (!names) return std::nullopt;
    const auto body = checked_add(*names, kSelectedOptionsBytes);
    return body ? checked_add(pos + 8, *body) : std::nullopt;
  }

  // "Simple file record" / "Multi-language file record": file type, file details, source and
  // destination names (length, pointer), lengths and pointers per fork, and in release 6 the
  // original lengths and a MIME type (length, pointer).
  std::optional<std::size_t> file_record(std::size_t pos, std::uint32_t record_type) {
    const std::size_t forks = record_type == kRecordMultiLanguage ? languages_ : 1;
    const bool epoc6 = p_.release == SisRelease::kEpoc6;
    const std::size_t size = 28 + forks * (epoc6 ? 12 : 8) + (epoc6 ? 8 : 0);
    if (!r_.has(pos, size)) return std::nullopt;
    SisFile f;
    f.record_type = record_type;
    f.file_type = *r_.u32le(pos + 4);
    f.details = *r_.u32le(pos + 8);
    f.source = name(*r_.u32le(pos + 16), *r_.u32le(pos + 12), "source name");
    f.destination = name(*r_.u32le(pos + 24), *r_.u32le(pos + 20), "destination name");
    const std::size_t lengths = pos + 28, pointers = lengths + 4 * forks;
    const std::size_t originals = pointers + 4 * forks;
    for (std::size_t k = 0; k < forks; ++k) {
      SisFork fork;
      fork.language = k < p_.languages.size() && forks > 1 ? p_.languages[k] : 0;
      fork.length = *r_.u32le(lengths + 4 * k);
      fork.offset = *r_.u32le(pointers + 4 * k);
      fork.original_length = epoc6 ? *r_.u32le(originals + 4 * k) : fork.length;
      if (fork.length == 0) continue;  // FILENULL, or a language without this file
      const std::string& shown = f.destination.empty() ? f.source : f.destination;
      if (!r_.has(fork.offset, fork.length)) {
        p_.anomalies.push_back("SIS file data outside the package: " + shown);
      } else if (fork.offset < header_size_) {
        p_.anomalies.push_back("SIS file data overlaps the header: " + shown);
      } else {
        f.forks.push_back(fork);
      }
    }
    p_.files.push_back(std::move(f));
    return pos + size;
  }

  const Reader r_;
  SisPackage& p_;
  std::size_t header_size_ = kHeaderEpoc5;
  std::size_t languages_ = 0;
  std::size_t file_count_ = 0;
};

}  // namespace

SisPackage read_sis(ByteView data) {
  SisPackage p;
  SisParser(data, p).run();
  return p;
}

std::string sis_language_code(std::uint16_t language) {
  // makesis's codes for the EPOC TLanguage values 1-33 (its package file syntax, &EN,FR,...).
  static constexpr std::array<std::string_view, 34> kCodes = {
      "",   "EN", "FR", "GE", "SP", "IT", "SW", "DA", "NO", "FI", "AM", "SF",
      "SG", "PO", "TU", "IC", "RU", "HU", "DU", "BL", "AU", "BF", "AS", "NZ",
      "IF", "CS", "SK", "PL", "SL", "TC", "HK", "ZH", "JA", "TH"};
  if (language > 0 && language < kCodes.size()) return std::string(kCodes[language]);
  return std::to_string(language);
}

}  // namespace lg

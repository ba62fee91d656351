// [MS-OLEPS] 2.21 PropertySetStream, 2.20 PropertySet, 2.15 TypedPropertyValue.
#include "analyzers/ole/ole_property_set.h"

#include <cstdio>

#include "analyzers/ole/vba_dir.h"
#include "core/charset.h"
#include "core/reader.h"
#include "core/utf8.h"

namespace lg {
namespace {

constexpr std::uint16_t kVtI2 = 0x0002, kVtI4 = 0x0003, kVtLpstr = 0x001E, kVtLpwstr = 0x001F,
                        kVtFiletime = 0x0040;
constexpr std::uint32_t kPidCodePage = 1;
constexpr std::size_t kMaxString = 64 * 1024;

const char* property_name(std::uint32_t pid, bool summary) {
  if (summary) {  // PIDSI
    switch (pid) {
      case 2:
        return "title";
      case 3:
        return "subject";
      case 4:
        return "author";
      case 5:
        return "keywords";
      case 6:
        return "comments";
      case 7:
        return "template";
      case 8:
        return "last_author";
      case 9:
        return "revision";
      case 11:
        return "last_printed";
      case 12:
        return "created";
      case 13:
        return "last_saved";
      case 18:
        return "app_name";
      default:
        return nullptr;
    }
  }
  switch (pid) {  // PIDDSI
    case 2:
      return "category";
    case 14:
      return "manager";
    case 15:
      return "company";
    default:
      return nullptr;
  }
}

std::string trim_nuls(std::string s) {
  while (!s.empty() && (s.back() == '\0' || s.back() == ' ')) s.pop_back();
  return s;
}

}  // namespace

std::string filetime_to_iso8601(std::uint64_t ft) {
  constexpr std::uint64_t kEpochDiff = 11644473600ull;  // seconds 1601 -> 1970
  std::uint64_t secs = ft / 10000000ull;
  if (ft == 0 || secs < kEpochDiff || secs > kEpochDiff + 253402300799ull) return "";
  std::int64_t t = static_cast<std::int64_t>(secs - kEpochDiff);
  std::int64_t days = t / 86400, rem = t % 86400;
  // Civil date from days since 1970-01-01 (H. Hinnant's algorithm).
  std::int64_t z = days + 719468;
  std::int64_t era = z / 146097;
  std::int64_t doe = z - era * 146097;
  std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  std::int64_t y = yoe + era * 400;
  std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  std::int64_t mp = (5 * doy + 2) / 153;
  std::int64_t d = doy - (153 * mp + 2) / 5 + 1;
  std::int64_t m = mp < 10 ? mp + 3 : mp - 9;
  if (m <= 2) ++y;
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04lld-%02lld-%02lldT%02lld:%02lld:%02lldZ",
                static_cast<long long>(y), static_cast<long long>(m), static_cast<long long>(d),
                static_cast<long long>(rem / 3600), static_cast<long long>(rem / 60 % 60),
                static_cast<long long>(rem % 60));
  return buf;
}

std::vector<PropertyFact> read_property_set(ByteView stream, bool summary) {
  std::vector<PropertyFact> out;
  Reader r(stream);
  if (r.u16le(0) != std::uint16_t{0xFFFE}) return out;  // ByteOrder
  auto sets = r.u32le(24);
  auto set_off = r.u32le(44);  // FMTID0 (16 bytes at 28), Offset0
  if (!sets || *sets == 0 || !set_off) return out;
  auto set = r.tail(*set_off);
  if (!set) return out;
  Reader s(*set);
  auto count = s.u32le(4);
  if (!count) return out;
  const std::size_t n = std::min<std::size_t>(*count, kMaxProperties);
  // The code page first: it decides how VT_LPSTR strings are decoded.
  std::uint32_t code_page = 1252;
  for (std::size_t i = 0; i < n; ++i) {
    auto pid = s.u32le(8 + i * 8), off = s.u32le(12 + i * 8);
    if (!pid || !off) break;
    if (*pid == kPidCodePage && s.u16le(*off) == kVtI2)
      code_page = s.u16le(*off + 4).value_or(1252);
  }
  if (summary) out.emplace_back("codepage", std::to_string(code_page));
  for (std::size_t i = 0; i < n; ++i) {
    auto pid = s.u32le(8 + i * 8), off = s.u32le(12 + i * 8);
    if (!pid || !off) break;
    const char* name = property_name(*pid, summary);
    if (!name) continue;
    auto type = s.u16le(*off);
    if (!type) continue;
    std::string value;
    if (*type == kVtLpstr) {
      auto len = s.u32le(*off + 4);
      if (!len) continue;
      auto bytes = s.subspan(*off + 8, std::min<std::size_t>(*len, kMaxString));
      if (!bytes) continue;
      value = code_page == 1200 ? utf16le_to_utf8(*bytes, true)
                                : decode_text(*bytes, windows_code_page_charset(code_page)).utf8;
    } else if (*type == kVtLpwstr) {
      auto len = s.u32le(*off + 4);  // characters, terminator included
      if (!len) continue;
      auto bytes = s.subspan(*off + 8, std::min<std::size_t>(std::size_t{*len} * 2, kMaxString));
      if (!bytes) continue;
      value = utf16le_to_utf8(*bytes, true);
    } else if (*type == kVtFiletime) {
      auto ft = s.u64le(*off + 4);
      if (!ft) continue;
      value = filetime_to_iso8601(*ft);
    } else if (*type == kVtI4) {
      auto v = s.u32le(*off + 4);
      if (!v) continue;
      value = std::to_string(static_cast<std::int32_t>(*v));
    } else {
      continue;
    }
    value = trim_nuls(std::move(value));
    if (!is_valid_utf8(value)) value = repair_utf8(value);
    if (!value.empty()) out.emplace_back(name, std::move(value));
  }
  return out;
}

}  // namespace lg

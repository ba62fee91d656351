// String, GUID and time decoders for the shortcut readers.
#include "analyzers/lnk/lnk_util.h"

#include <array>
#include <cstdio>

#include "core/ascii.h"
#include "core/charset.h"

namespace lg::lnk {
namespace {

void append_utf8(std::string* out, std::uint32_t cp) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

// Howard Hinnant's civil_from_days: days since 1970-01-01 to a proleptic Gregorian date.
void civil_from_days(std::int64_t z, std::int64_t* y, unsigned* m, unsigned* d) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  *d = doy - (153 * mp + 2) / 5 + 1;
  *m = mp < 10 ? mp + 3 : mp - 9;
  *y = static_cast<std::int64_t>(yoe) + era * 400 + (*m <= 2 ? 1 : 0);
}

}  // namespace

std::string utf16le_to_utf8(ByteView data) {
  Reader r(data);
  std::string out;
  out.reserve(data.size() / 2);
  const std::size_t units = data.size() / 2;
  for (std::size_t i = 0; i < units; ++i) {
    const std::uint32_t u = r.u16le(2 * i).value_or(0);
    if (u >= 0xD800 && u <= 0xDBFF && i + 1 < units) {
      const std::uint32_t lo = r.u16le(2 * (i + 1)).value_or(0);
      if (lo >= 0xDC00 && lo <= 0xDFFF) {
        append_utf8(&out, 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00));
        ++i;
        continue;
      }
    }
    append_utf8(&out, (u >= 0xD800 && u <= 0xDFFF) ? 0xFFFD : u);
  }
  return out;
}

std::string ansi_to_utf8(ByteView data) {
  std::string s = decode_text(data, "windows-1252").utf8;
  return is_valid_utf8(s) ? s : repair_utf8(s);
}

std::optional<std::string> read_ansi_z(const Reader& r, std::size_t off, std::size_t end) {
  if (end > r.size()) end = r.size();
  if (off > end) return std::nullopt;
  auto span = r.subspan(off, end - off);
  if (!span) return std::nullopt;
  std::size_t n = 0;
  while (n < span->size() && (*span)[n] != 0) ++n;
  return ansi_to_utf8(span->first(n));
}

std::optional<std::string> read_utf16_z(const Reader& r, std::size_t off, std::size_t end) {
  if (end > r.size()) end = r.size();
  if (off > end) return std::nullopt;
  auto span = r.subspan(off, end - off);
  if (!span) return std::nullopt;
  std::size_t n = 0;
  while (n + 1 < span->size() && ((*span)[n] != 0 || (*span)[n + 1] != 0)) n += 2;
  return utf16le_to_utf8(span->first(std::min(n, span->size())));
}

std::optional<std::string> read_guid(const Reader& r, std::size_t off) {
  auto d1 = r.u32le(off);
  auto d2 = r.u16le(off + 4);
  auto d3 = r.u16le(off + 6);
  auto d4 = r.subspan(off + 8, 8);
  if (!d1 || !d2 || !d3 || !d4) return std::nullopt;
  std::array<char, 40> buf{};
  std::snprintf(buf.data(), buf.size(), "%08X-%04X-%04X-%02X%02X-%02X%02X%02X%02X%02X%02X", *d1,
                *d2, *d3, (*d4)[0], (*d4)[1], (*d4)[2], (*d4)[3], (*d4)[4], (*d4)[5], (*d4)[6],
                (*d4)[7]);
  return std::string(buf.data());
}

std::optional<std::string> uuid_v1_node(const Reader& r, std::size_t off) {
  auto d3 = r.u16le(off + 6);
  auto node = r.subspan(off + 10, 6);
  if (!d3 || !node || (*d3 >> 12) != 1) return std::nullopt;  // RFC 4122 4.1.3 version
  std::array<char, 24> buf{};
  std::snprintf(buf.data(), buf.size(), "%02X:%02X:%02X:%02X:%02X:%02X", (*node)[0], (*node)[1],
                (*node)[2], (*node)[3], (*node)[4], (*node)[5]);
  return std::string(buf.data());
}

std::optional<std::string> filetime_to_iso(std::uint64_t filetime) {
  constexpr std::uint64_t kTicksPerSecond = 10'000'000;
  constexpr std::int64_t kUnixEpochSeconds = 11'644'473'600;  // 1601-01-01 to 1970-01-01
  constexpr std::int64_t kYear10000 = 253'402'300'800;        // 10000-01-01 in Unix seconds
  if (filetime == 0) return std::nullopt;
  const auto secs = static_cast<std::int64_t>(filetime / kTicksPerSecond) - kUnixEpochSeconds;
  if (secs >= kYear10000) return std::nullopt;
  std::int64_t days = secs / 86400;
  std::int64_t rem = secs % 86400;
  if (rem < 0) {
    rem += 86400;
    --days;
  }
  std::int64_t y = 0;
  unsigned m = 0, d = 0;
  civil_from_days(days, &y, &m, &d);
  std::array<char, 32> buf{};
  std::snprintf(buf.data(), buf.size(), "%04lld-%02u-%02uT%02lld:%02lld:%02lldZ",
                static_cast<long long>(y), m, d, static_cast<long long>(rem / 3600),
                static_cast<long long>(rem / 60 % 60), static_cast<long long>(rem % 60));
  return std::string(buf.data());
}

std::optional<std::string> fat_datetime_to_iso(std::uint16_t date, std::uint16_t time) {
  if (date == 0 && time == 0) return std::nullopt;
  const unsigned day = date & 0x1F, month = (date >> 5) & 0x0F, year = 1980u + (date >> 9);
  const unsigned sec = (time & 0x1F) * 2u, min = (time >> 5) & 0x3F, hour = time >> 11;
  if (day == 0 || month == 0 || month > 12 || hour > 23 || min > 59 || sec > 59) {
    return std::nullopt;
  }
  std::array<char, 32> buf{};
  std::snprintf(buf.data(), buf.size(), "%04u-%02u-%02uT%02u:%02u:%02u", year, month, day, hour,
                min, sec);
  return std::string(buf.data());
}

std::string hex32(std::uint32_t v) {
  std::array<char, 16> buf{};
  std::snprintf(buf.data(), buf.size(), "0x%08x", v);
  return std::string(buf.data());
}

}  // namespace lg::lnk

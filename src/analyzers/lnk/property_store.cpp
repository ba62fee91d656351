// [MS-PROPSTORE] 2.2 Serialized Property Storage, 2.3.1 String Name / 2.3.2 Integer Name
// Serialized Property Value, with the value a TypedPropertyValue of [MS-OLEPS] 2.15.
#include "analyzers/lnk/property_store.h"

#include "analyzers/lnk/lnk_util.h"
#include "core/reader.h"

namespace lg::lnk {
namespace {

constexpr std::uint32_t kStorageVersion = 0x53505331;  // "1SPS"
// FMTID_Storage-like set whose values are named by strings, not integers ([MS-PROPSTORE] 2.2).
constexpr std::string_view kStringNamedFormat = "D5CDD505-2E9C-101B-9397-08002B2CF9AE";

// [MS-OLEPS] 2.15 TypedPropertyValue at `off` of `v`: Type (2 bytes), Padding (2), Value.
bool render_value(const Reader& v, std::size_t off, std::string* out) {
  auto type = v.u16le(off);
  if (!type) return false;
  const std::size_t val = off + 4;
  auto u32 = v.u32le(val);
  auto u64 = v.u64le(val);
  switch (*type) {
    case 0x1F: {  // VT_LPWSTR: UnicodeString, Length in characters including the NUL
      if (!u32) return false;
      auto s = read_utf16_z(v, val + 4, val + 4 + 2 * std::size_t{*u32});
      if (!s) return false;
      *out = *s;
      return true;
    }
    case 0x1E:    // VT_LPSTR
    case 0x08: {  // VT_BSTR: CodePageString, Size in bytes
      if (!u32) return false;
      auto s = read_ansi_z(v, val + 4, val + 4 + std::size_t{*u32});
      if (!s) return false;
      *out = *s;
      return true;
    }
    case 0x02:  // VT_I2
      if (auto x = v.u16le(val)) *out = std::to_string(static_cast<std::int16_t>(*x));
      return v.has(val, 2);
    case 0x12:  // VT_UI2
      if (auto x = v.u16le(val)) *out = std::to_string(*x);
      return v.has(val, 2);
    case 0x0B:  // VT_BOOL: VARIANT_BOOL
      if (auto x = v.u16le(val)) *out = *x ? "true" : "false";
      return v.has(val, 2);
    case 0x03:  // VT_I4
    case 0x16:  // VT_INT
      if (u32) *out = std::to_string(static_cast<std::int32_t>(*u32));
      return u32.has_value();
    case 0x13:  // VT_UI4
    case 0x17:  // VT_UINT
      if (u32) *out = std::to_string(*u32);
      return u32.has_value();
    case 0x14:  // VT_I8
      if (u64) *out = std::to_string(static_cast<std::int64_t>(*u64));
      return u64.has_value();
    case 0x15:  // VT_UI8
      if (u64) *out = std::to_string(*u64);
      return u64.has_value();
    case 0x40:  // VT_FILETIME
      if (!u64) return false;
      if (auto t = filetime_to_iso(*u64)) *out = *t;
      return true;
    case 0x48:  // VT_CLSID
      if (auto g = read_guid(v, val)) {
        *out = *g;
        return true;
      }
      return false;
    default:
      return false;
  }
}

// One storage's values, from `off` (just past FormatID) to the storage end.
void parse_values(const Reader& st, std::size_t off, const std::string& format,
                  std::vector<PropertyValue>* out, std::vector<std::string>* anomalies) {
  const bool string_names = format == kStringNamedFormat;
  for (std::size_t n = 0; n < kMaxPropertyValues; ++n) {
    auto value_size = st.u32le(off);
    if (!value_size) {
      anomalies->emplace_back("PropertyStore: values without their terminator");
      return;
    }
    if (*value_size == 0) return;
    auto bytes = st.subspan(off, *value_size);
    if (!bytes || *value_size < 9) {
      anomalies->emplace_back("PropertyStore: value out of range");
      return;
    }
    const Reader v(*bytes);
    PropertyValue p;
    p.format_id = format;
    std::size_t typed = 9;  // ValueSize, Id or NameSize, Reserved
    if (string_names) {
      const std::uint32_t name_size = v.u32le(4).value_or(0);
      p.name = read_utf16_z(v, 9, 9 + std::size_t{name_size}).value_or("");
      typed = 9 + std::size_t{name_size};
    } else {
      p.name = std::to_string(v.u32le(4).value_or(0));
    }
    p.rendered = render_value(v, typed, &p.value);
    out->push_back(std::move(p));
    off += *value_size;
  }
  anomalies->emplace_back("PropertyStore: more values than the cap");
}

}  // namespace

void parse_property_store(ByteView data, std::vector<PropertyValue>* out,
                          std::vector<std::string>* anomalies) {
  const Reader r(data);
  std::size_t off = 0;
  for (std::size_t n = 0; n < kMaxPropertyStorages; ++n) {
    auto size = r.u32le(off);
    if (!size || *size == 0) return;  // the terminating StorageSize 0 (or end of block)
    auto bytes = r.subspan(off, *size);
    if (!bytes || *size < 24) {
      anomalies->emplace_back("PropertyStore: storage out of range");
      return;
    }
    const Reader st(*bytes);
    if (st.u32le(4).value_or(0) != kStorageVersion) {
      anomalies->emplace_back("PropertyStore: storage version is not 1SPS");
      return;
    }
    parse_values(st, 24, read_guid(st, 8).value_or(""), out, anomalies);
    off += *size;
  }
  anomalies->emplace_back("PropertyStore: more storages than the cap");
}

}  // namespace lg::lnk

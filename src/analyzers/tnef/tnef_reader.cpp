// [MS-OXTNEF] 2.1.3: the TNEF stream, its attributes and the MAPI property lists they carry.
#include "analyzers/tnef/tnef_reader.h"

#include <functional>
#include <string>

#include "core/reader.h"
#include "core/utf8.h"

namespace lg {
namespace {

// 2.1.3.3 attribute ids (the low 16 bits; the high 16 bits are the attribute's type).
constexpr std::uint16_t kAttSubject = 0x8004;
constexpr std::uint16_t kAttMessageClass = 0x8008;
constexpr std::uint16_t kAttBody = 0x800C;
constexpr std::uint16_t kAttAttachData = 0x800F;
constexpr std::uint16_t kAttAttachTitle = 0x8010;
constexpr std::uint16_t kAttAttachRendData = 0x9002;
constexpr std::uint16_t kAttMsgProps = 0x9003;
constexpr std::uint16_t kAttAttachment = 0x9005;
constexpr std::uint16_t kAttOemCodepage = 0x9007;
constexpr std::uint8_t kLevelMessage = 0x01;
constexpr std::uint8_t kLevelAttachment = 0x02;

// [MS-OXPROPS] property ids.
constexpr std::uint16_t kPrBody = 0x1000;
constexpr std::uint16_t kPrRtfCompressed = 0x1009;
constexpr std::uint16_t kPrBodyHtml = 0x1013;
constexpr std::uint16_t kPrAttachDataBin = 0x3701;  // also PR_ATTACH_DATA_OBJ (PtypObject)
constexpr std::uint16_t kPrAttachFilename = 0x3704;
constexpr std::uint16_t kPrAttachLongFilename = 0x3707;
constexpr std::uint16_t kPrAttachMimeTag = 0x370E;

// [MS-OXCDATA] 2.11.1 property types.
constexpr std::uint16_t kMultiValued = 0x1000;
constexpr std::uint16_t kPtypString8 = 0x001E;
constexpr std::uint16_t kPtypString = 0x001F;
constexpr std::uint16_t kPtypBinary = 0x0102;
constexpr std::uint16_t kPtypObject = 0x000D;
constexpr std::size_t kIidSize = 16;  // an object value opens with its interface id

// Fixed-size values, as written in a property list (2-byte integers padded to 4).
std::optional<std::size_t> fixed_size(std::uint16_t type) {
  switch (type) {
    case 0x0001:
    case 0x0002:
    case 0x0003:
    case 0x0004:
    case 0x000A:
    case 0x000B:
      return 4;
    case 0x0005:
    case 0x0006:
    case 0x0007:
    case 0x0014:
    case 0x0040:
      return 8;
    case 0x0048:
      return 16;
    default:
      return std::nullopt;
  }
}

std::size_t pad4(std::size_t n) { return (n + 3) & ~std::size_t{3}; }

// A NUL-terminated 8-bit string attribute, without its terminator.
std::string c_string(ByteView data) {
  std::string_view s = as_chars(data);
  return std::string(s.substr(0, s.find('\0')));
}

using PropertySink = std::function<void(std::uint16_t id, std::uint16_t type, ByteView value)>;

// 2.1.3.4 MsgPropertyList: count, then tag (type, id), a name for named properties (id >=
// 0x8000: GUID, kind, then an id or a UTF-16 name), then the value(s). Calls `sink` with each
// variable-length value (the first of a multi-valued one); false when the list is damaged.
bool read_properties(ByteView list, const PropertySink& sink) {
  Reader r(list);
  auto count = r.u32le(0);
  if (!count) return false;
  std::size_t pos = 4;
  for (std::uint32_t i = 0; i < *count && i < kMaxTnefProperties; ++i) {
    auto type = r.u16le(pos);
    auto id = r.u16le(pos + 2);
    if (!type || !id) return false;
    pos += 4;
    if (*id >= 0x8000) {
      auto kind = r.u32le(pos + kIidSize);
      if (!kind) return false;
      pos += kIidSize + 4;
      if (*kind == 0) {
        pos += 4;
      } else {
        auto n = r.u32le(pos);
        if (!n || *n > list.size()) return false;
        pos += 4 + pad4(*n);
      }
    }
    const std::uint16_t base = *type & ~kMultiValued;
    const bool multi = (*type & kMultiValued) != 0;
    const auto fixed = fixed_size(base);
    const bool variable =
        base == kPtypString8 || base == kPtypString || base == kPtypBinary || base == kPtypObject;
    if (!fixed && !variable) return false;  // an unknown type: its size cannot be known
    std::size_t values = 1;
    if (multi || variable) {
      auto n = r.u32le(pos);
      if (!n || *n > kMaxTnefValues) return false;
      values = *n;
      pos += 4;
    }
    for (std::size_t v = 0; v < values; ++v) {
      if (fixed) {
        if (pos + *fixed > list.size()) return false;
        pos += *fixed;
        continue;
      }
      auto size = r.u32le(pos);
      if (!size) return false;
      auto value = r.subspan(pos + 4, *size);
      if (!value) return false;
      if (v == 0) sink(*id, base, *value);
      pos += 4 + pad4(*size);
    }
  }
  return true;
}

std::string property_string(std::uint16_t type, ByteView value, bool& utf8) {
  utf8 = type == kPtypString;
  std::string s = utf8 ? utf16le_to_utf8(value, true) : c_string(value);
  return s;
}

}  // namespace

TnefMessage read_tnef(ByteView data) {
  TnefMessage m;
  Reader r(data);
  if (r.u32le(0) != kTnefSignature) {
    m.anomalies.push_back("TNEF: no signature");
    return m;
  }
  std::size_t pos = 6;  // signature, legacy key
  TnefAttachment* current = nullptr;
  bool attachments_capped = false;
  for (std::size_t n = 0; n < kMaxTnefAttributes && pos < data.size(); ++n) {
    auto level = r.u8(pos);
    auto id = r.u32le(pos + 1);
    auto length = r.u32le(pos + 5);
    if (!level || !id || !length) {
      m.truncated = true;
      m.anomalies.push_back("TNEF: attribute header cut short");
      break;
    }
    auto body = r.subspan(pos + 9, *length);
    auto checksum = r.u16le(pos + 9 + std::size_t{*length});
    if (!body || !checksum) {
      m.truncated = true;
      m.anomalies.push_back("TNEF: attribute data runs past the end");
      break;
    }
    std::uint32_t sum = 0;
    for (std::uint8_t b : *body) sum += b;
    if ((sum & 0xFFFF) != *checksum) ++m.bad_checksums;
    pos += 9 + std::size_t{*length} + 2;

    const auto att = static_cast<std::uint16_t>(*id & 0xFFFF);
    if (*level == kLevelAttachment) {
      if (att == kAttAttachRendData) {
        if (m.attachments.size() < kMaxTnefAttachments) {
          m.attachments.emplace_back();
          current = &m.attachments.back();
        } else {
          current = nullptr;
          attachments_capped = true;
        }
        continue;
      }
      if (!current) continue;  // attachment attributes before any attAttachRendData
      if (att == kAttAttachTitle) {
        current->title = c_string(*body);
      } else if (att == kAttAttachData) {
        current->data = *body;
      } else if (att == kAttAttachment) {
        TnefAttachment* a = current;
        bool ok = read_properties(*body, [a](std::uint16_t pid, std::uint16_t type, ByteView v) {
          bool utf8 = false;
          if (pid == kPrAttachLongFilename && (type == kPtypString8 || type == kPtypString)) {
            a->long_name = property_string(type, v, utf8);
            a->long_name_utf8 = utf8;
          } else if (pid == kPrAttachFilename && a->title.empty() &&
                     (type == kPtypString8 || type == kPtypString)) {
            a->title = type == kPtypString ? utf16le_to_utf8(v, true) : c_string(v);
          } else if (pid == kPrAttachMimeTag && (type == kPtypString8 || type == kPtypString)) {
            a->mime_tag = property_string(type, v, utf8);
          } else if (pid == kPrAttachDataBin && a->data.empty()) {
            if (type == kPtypObject && v.size() > kIidSize) {
              a->data = v.subspan(kIidSize);
              a->embedded_message = true;
            } else if (type == kPtypBinary) {
              a->data = v;
            }
          }
        });
        if (!ok) m.anomalies.push_back("TNEF: damaged attachment property list");
      }
    } else if (*level == kLevelMessage) {
      if (att == kAttSubject) {
        m.subject = c_string(*body);
      } else if (att == kAttMessageClass) {
        m.message_class = c_string(*body);
      } else if (att == kAttBody) {
        m.body = std::string(as_chars(*body));
      } else if (att == kAttOemCodepage) {
        m.oem_code_page = Reader(*body).u32le(0).value_or(0);
      } else if (att == kAttMsgProps) {
        bool ok = read_properties(*body, [&m](std::uint16_t pid, std::uint16_t type, ByteView v) {
          bool utf8 = false;
          if (pid == kPrBody && m.body.empty() && (type == kPtypString8 || type == kPtypString)) {
            m.body = property_string(type, v, utf8);
            m.body_utf8 = utf8;
          } else if (pid == kPrBodyHtml && (type == kPtypBinary || type == kPtypString8)) {
            m.html = v;
          } else if (pid == kPrRtfCompressed && type == kPtypBinary) {
            m.rtf_compressed = v;
          }
        });
        if (!ok) m.anomalies.push_back("TNEF: damaged message property list");
      }
    } else {
      m.anomalies.push_back("TNEF: attribute of unknown level " + std::to_string(*level));
    }
  }
  if (attachments_capped) m.anomalies.push_back("TNEF: attachment cap reached");
  if (m.bad_checksums)
    m.anomalies.push_back("TNEF: " + std::to_string(m.bad_checksums) +
                          " attribute checksums wrong");
  return m;
}

}  // namespace lg

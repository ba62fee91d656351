// The HWP 5.0 binary format's building blocks ("한글 문서 파일 형식 5.0": 3.2.1 FileHeader,
// 4.1 records, 4.2.3 BIN_DATA, 4.3.2 paragraph text, 4.3.10 controls).
#include "analyzers/hwp/hwp_format.h"

#include <array>
#include <cstdio>

#include "core/reader.h"
#include "core/utf8.h"

namespace lg {
namespace {

// 4.1: an extended size follows when the 12-bit size field is all ones.
constexpr std::uint32_t kExtendedSize = 0xFFF;

// 4.3.10 table 6: codes 1-23 except 10 and 13 are extended or inline controls of 8 units
// (the code, 12 bytes of control id and parameters, the code again); 0, 10, 13 and 24-31 are
// character controls of one unit.
bool eight_unit_control(std::uint16_t c) { return c >= 1 && c <= 23 && c != 10 && c != 13; }

// 3.2.1 table 3: property bits, in order.
constexpr std::array<std::string_view, 18> kPropertyNames = {"compressed",
                                                             "password",
                                                             "distribution",
                                                             "script",
                                                             "drm",
                                                             "xml_template",
                                                             "history",
                                                             "signature",
                                                             "certificate_encrypted",
                                                             "signature_spare",
                                                             "certificate_drm",
                                                             "ccl",
                                                             "mobile_optimized",
                                                             "privacy_security",
                                                             "track_changes",
                                                             "kogl",
                                                             "video_control",
                                                             "toc_field_control"};

}  // namespace

std::string HwpFileHeader::version_string() const {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%u.%u.%u.%u", (version >> 24) & 0xFF, (version >> 16) & 0xFF,
                (version >> 8) & 0xFF, version & 0xFF);
  return buf;
}

std::vector<std::string> HwpFileHeader::property_names() const {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < kPropertyNames.size(); ++i)
    if (properties & (1u << i)) out.emplace_back(kPropertyNames[i]);
  return out;
}

std::optional<HwpFileHeader> parse_hwp_file_header(ByteView stream) {
  Reader r(stream);
  if (!r.starts_with_at(0, kHwp5Signature)) return std::nullopt;
  auto version = r.u32le(32), props = r.u32le(36);
  if (!version || !props) return std::nullopt;
  HwpFileHeader h;
  h.version = *version;
  h.properties = *props;
  h.license = r.u32le(40).value_or(0);
  h.encrypt_version = r.u32le(44).value_or(0);
  return h;
}

HwpRecordWalk walk_hwp_records(ByteView stream, std::size_t max_records) {
  HwpRecordWalk walk;
  Reader r(stream);
  std::size_t off = 0;
  while (off < stream.size()) {
    if (walk.records.size() >= max_records) {
      walk.capped = true;
      break;
    }
    auto header = r.u32le(off);
    if (!header) {
      walk.anomalies.push_back("record header truncated at offset " + std::to_string(off));
      break;
    }
    HwpRecord rec;
    rec.offset = off;
    rec.tag = static_cast<std::uint16_t>(*header & 0x3FF);
    rec.level = static_cast<std::uint16_t>((*header >> 10) & 0x3FF);
    std::size_t size = *header >> 20;
    std::size_t body = off + 4;
    if (size == kExtendedSize) {
      auto ext = r.u32le(body);
      if (!ext) {
        walk.anomalies.push_back("extended record size truncated at offset " + std::to_string(off));
        break;
      }
      size = *ext;
      body += 4;
    }
    auto data = r.subspan(body, size);
    if (!data) {
      walk.anomalies.push_back("record (tag " + std::to_string(rec.tag) + ") at offset " +
                               std::to_string(off) + " declares " + std::to_string(size) +
                               " bytes past the end of the stream");
      rec.body = r.tail(body).value_or(ByteView());
      walk.records.push_back(rec);
      break;
    }
    rec.body = *data;
    walk.records.push_back(rec);
    off = body + size;
  }
  return walk;
}

std::string hwp_para_text(ByteView body) {
  Reader r(body);
  Bytes kept;  // UTF-16LE units of the visible text
  kept.reserve(body.size());
  auto keep = [&kept](std::uint16_t u) {
    kept.push_back(static_cast<std::uint8_t>(u & 0xFF));
    kept.push_back(static_cast<std::uint8_t>(u >> 8));
  };
  std::size_t off = 0;
  while (auto unit = r.u16le(off)) {
    std::uint16_t c = *unit;
    if (c >= 32) {
      keep(c);
      off += 2;
      continue;
    }
    off += eight_unit_control(c) ? 16 : 2;
    switch (c) {
      case 9:
        keep('\t');
        break;
      case 10:
        keep('\n');
        break;
      case 24:
        keep('-');
        break;
      case 30:
      case 31:
        keep(' ');
        break;
      default:
        break;
    }
  }
  return utf16le_to_utf8(kept);
}

std::string hwp_ctrl_id(ByteView body) {
  auto id = Reader(body).u32le(0);
  if (!id) return {};
  std::string out(4, ' ');
  for (int i = 0; i < 4; ++i) out[i] = static_cast<char>((*id >> (8 * (3 - i))) & 0xFF);
  return out;
}

std::optional<std::string> read_hwp_string(ByteView data, std::size_t& off) {
  Reader r(data);
  auto len = r.u16le(off);
  if (!len) return std::nullopt;
  auto chars = r.subspan(off + 2, std::size_t{*len} * 2);
  if (!chars) return std::nullopt;
  off += 2 + std::size_t{*len} * 2;
  return utf16le_to_utf8(*chars);
}

std::optional<std::string> hwp_field_command(ByteView body) {
  std::size_t off = 9;  // ctrl id, properties, extra properties
  return read_hwp_string(body, off);
}

std::string hwp_hyperlink_target(std::string_view command) {
  std::string out;
  for (std::size_t i = 0; i < command.size(); ++i) {
    char c = command[i];
    if (c == ';') break;
    if (c == '\\' && i + 1 < command.size()) c = command[++i];
    out += c;
  }
  return out;
}

std::string HwpBinDataRef::stream_name() const {
  if (kind == Kind::kLink) return {};
  char buf[16];
  std::snprintf(buf, sizeof buf, "BIN%04X.", static_cast<unsigned>(id));
  return buf + (kind == Kind::kStorage ? std::string("OLE") : extension);
}

std::optional<HwpBinDataRef> parse_hwp_bin_data(ByteView body) {
  Reader r(body);
  auto attr = r.u16le(0);
  if (!attr) return std::nullopt;
  HwpBinDataRef ref;
  const unsigned kind = *attr & 0xF;
  ref.kind = kind <= 2 ? static_cast<HwpBinDataRef::Kind>(kind) : HwpBinDataRef::Kind::kUnknown;
  ref.compression = (*attr >> 4) & 0x3;
  std::size_t off = 2;
  if (ref.kind == HwpBinDataRef::Kind::kLink) {
    auto abs = read_hwp_string(body, off);
    if (!abs) return std::nullopt;
    ref.absolute_path = *abs;
    ref.relative_path = read_hwp_string(body, off).value_or("");
    return ref;
  }
  auto id = r.u16le(off);
  if (!id) return std::nullopt;
  ref.id = *id;
  off += 2;
  if (ref.kind == HwpBinDataRef::Kind::kEmbedding)
    ref.extension = read_hwp_string(body, off).value_or("");
  return ref;
}

}  // namespace lg

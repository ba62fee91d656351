#pragma once
/// Test helper (header-only, tests only): writes small HWP 5 documents through CfbBuilder, with
/// records (4.1), paragraph text (4.3.2), BIN_DATA references (4.2.3), BinData objects and
/// scripts, compressed with raw deflate when asked.
#include <zlib.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/bytes.h"
#include "formats/cfb/cfb_builder.h"

namespace lg::testing {

inline Bytes deflate_raw(ByteView in) {
  z_stream zs{};
  deflateInit2(&zs, 9, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY);
  Bytes out(deflateBound(&zs, static_cast<uLong>(in.size())) + 16);
  zs.next_in = const_cast<Bytef*>(in.data());
  zs.avail_in = static_cast<uInt>(in.size());
  zs.next_out = out.data();
  zs.avail_out = static_cast<uInt>(out.size());
  deflate(&zs, Z_FINISH);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return out;
}

inline void put_u16(Bytes& b, std::uint32_t v) {
  b.push_back(static_cast<std::uint8_t>(v & 0xFF));
  b.push_back(static_cast<std::uint8_t>((v >> 8) & 0xFF));
}
inline void put_u32(Bytes& b, std::uint32_t v) {
  put_u16(b, v & 0xFFFF);
  put_u16(b, v >> 16);
}
/// ASCII (or Latin-1) text as UTF-16LE units.
inline void put_wchars(Bytes& b, std::string_view s) {
  for (unsigned char c : s) put_u16(b, c);
}
/// A WORD length and UTF-16LE characters.
inline void put_hwp_string(Bytes& b, std::string_view s) {
  put_u16(b, static_cast<std::uint32_t>(s.size()));
  put_wchars(b, s);
}

/// 4.1 record: header DWORD (tag, level, size; 0xFFF and a DWORD for 4095 bytes or more).
inline Bytes hwp_record(std::uint16_t tag, std::uint16_t level, ByteView body) {
  Bytes b;
  const std::size_t n = body.size();
  std::uint32_t size_field = n >= 0xFFF ? 0xFFF : static_cast<std::uint32_t>(n);
  put_u32(b, tag | (std::uint32_t{level} << 10) | (size_field << 20));
  if (size_field == 0xFFF) put_u32(b, static_cast<std::uint32_t>(n));
  b.insert(b.end(), body.begin(), body.end());
  return b;
}

/// An extended control of 8 units (code, 4-byte ctrl id as written, 8 zero bytes, code).
inline void put_extended_control(Bytes& b, std::uint16_t code, std::string_view id) {
  put_u16(b, code);
  for (int i = 3; i >= 0; --i) b.push_back(static_cast<std::uint8_t>(id[i]));
  for (int i = 0; i < 4; ++i) put_u16(b, 0);
  put_u16(b, code);
}

/// 3.2.1 FileHeader: signature padded to 32 bytes, version 5.0.3.0, properties; 256 bytes.
inline Bytes hwp_file_header(std::uint32_t properties) {
  Bytes b(32, 0);
  std::string_view sig = "HWP Document File";
  std::copy(sig.begin(), sig.end(), b.begin());
  put_u32(b, 0x05000300);
  put_u32(b, properties);
  b.resize(256, 0);
  return b;
}

class HwpBuilder {
 public:
  explicit HwpBuilder(std::uint32_t properties = 1) : properties_(properties) {}
  bool compressed() const { return properties_ & 1; }
  Bytes& doc_info() { return doc_info_; }
  Bytes& section() { return section_; }
  /// A paragraph: PARA_HEADER (level 0) then PARA_TEXT (level 1) of `units` plus 13.
  void paragraph(const Bytes& units) {
    Bytes header(22, 0);
    append(section_, hwp_record(0x10 + 50, 0, header));
    Bytes text = units;
    put_u16(text, 13);
    append(section_, hwp_record(0x10 + 51, 1, text));
  }
  void paragraph(std::string_view ascii) {
    Bytes units;
    put_wchars(units, ascii);
    paragraph(units);
  }
  /// A hyperlink field: CTRL_HEADER "%hlk" with `command`.
  void hyperlink(std::string_view command) {
    Bytes body;
    for (char c : std::string_view("klh%")) body.push_back(static_cast<std::uint8_t>(c));
    put_u32(body, 0);
    body.push_back(0);
    put_hwp_string(body, command);
    put_u32(body, 1);
    append(section_, hwp_record(0x10 + 55, 1, body));
  }
  /// A BIN_DATA record of kind EMBEDDING with `ext`, and its BinData stream.
  void bindata(std::uint16_t id, std::string ext, Bytes content) {
    Bytes body;
    put_u16(body, 1);
    put_u16(body, id);
    put_hwp_string(body, ext);
    append(doc_info_, hwp_record(0x10 + 2, 1, body));
    char name[32];
    std::snprintf(name, sizeof name, "BIN%04X.%s", static_cast<unsigned>(id), ext.c_str());
    bindata_.push_back({name, std::move(content)});
  }
  /// Scripts/DefaultJScript (3.2.9: DWORD length in WCHARs and text, for header and source).
  void script(std::string_view header, std::string_view source) {
    Bytes b;
    put_u32(b, static_cast<std::uint32_t>(header.size()));
    put_wchars(b, header);
    put_u32(b, static_cast<std::uint32_t>(source.size()));
    put_wchars(b, source);
    put_u32(b, 0xFFFFFFFF);
    script_ = std::move(b);
    has_script_ = true;
  }
  /// PrvText (3.2.7): the preview text, UTF-16LE, never compressed.
  void preview(std::string text) { preview_ = std::move(text); }
  Bytes build(int cfb_version = 3) {
    CfbBuilder cfb(cfb_version);
    cfb.stream("FileHeader", hwp_file_header(properties_));
    cfb.stream("DocInfo", pack(doc_info_));
    int body = cfb.storage("BodyText");
    cfb.stream("Section0", pack(section_), body);
    if (!bindata_.empty()) {
      int bin = cfb.storage("BinData");
      for (auto& [name, data] : bindata_) cfb.stream(name, pack(data), bin);
    }
    if (!preview_.empty()) {
      Bytes units;
      put_wchars(units, preview_);
      cfb.stream("PrvText", units);
    }
    if (has_script_) {
      int s = cfb.storage("Scripts");
      Bytes version;
      put_u32(version, 0);
      put_u32(version, 1);
      cfb.stream("JScriptVersion", pack(version), s);
      cfb.stream("DefaultJScript", pack(script_), s);
    }
    return cfb.build();
  }

 private:
  static void append(Bytes& to, const Bytes& more) {
    to.insert(to.end(), more.begin(), more.end());
  }
  Bytes pack(const Bytes& b) const { return compressed() ? deflate_raw(b) : b; }

  std::uint32_t properties_;
  Bytes doc_info_, section_, script_;
  bool has_script_ = false;
  std::string preview_;
  std::vector<std::pair<std::string, Bytes>> bindata_;
};

// An OLE BinData object: a DWORD size then a compound file whose \x01Ole10Native package
// holds a program named like a document.
inline Bytes hwp_ole_package(std::string_view label, ByteView payload) {
  Bytes native;
  put_u32(native, 0);
  put_u16(native, 2);
  for (auto s : {label, std::string_view("C:\\Users\\a\\")}) {
    native.insert(native.end(), s.begin(), s.end());
    if (s == label) {
      native.push_back(0);
      continue;
    }
    native.insert(native.end(), label.begin(), label.end());
    native.push_back(0);
  }
  put_u32(native, 0x00030000);
  std::string temp = "C:\\Temp\\" + std::string(label);
  put_u32(native, static_cast<std::uint32_t>(temp.size() + 1));
  native.insert(native.end(), temp.begin(), temp.end());
  native.push_back(0);
  put_u32(native, static_cast<std::uint32_t>(payload.size()));
  native.insert(native.end(), payload.begin(), payload.end());
  CfbBuilder inner;
  inner.stream("\x01Ole10Native", native);
  Bytes cfb = inner.build();
  Bytes object;
  put_u32(object, static_cast<std::uint32_t>(cfb.size()));
  object.insert(object.end(), cfb.begin(), cfb.end());
  return object;
}

}  // namespace lg::testing

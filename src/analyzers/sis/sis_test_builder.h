#pragma once
/// Test helper: writes SIS files, EPOC release 3-6 ("SIS File Format") and Symbian 9
/// ("Symbian OS v9.X SIS File Format Specification"), with the layout makesis gives them.
/// Header-only, never linked into the product.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/testing/zlib_writer.h"

namespace lg::testing {

inline std::string sis_u16(std::uint32_t v) {
  return {static_cast<char>(v & 0xFF), static_cast<char>((v >> 8) & 0xFF)};
}
inline std::string sis_u32(std::uint32_t v) { return sis_u16(v & 0xFFFF) + sis_u16(v >> 16); }
inline std::string sis_u64(std::uint64_t v) {
  return sis_u32(static_cast<std::uint32_t>(v)) + sis_u32(static_cast<std::uint32_t>(v >> 32));
}
/// ASCII as UTF-16LE.
inline std::string sis_utf16(std::string_view ascii) {
  std::string s;
  for (char c : ascii) s += std::string{c, '\0'};
  return s;
}
/// A file record: simple (record type 0, one fork) or multi-language (1, a fork per language).
struct SisTestFile {
  std::uint32_t record_type = 0;
  std::uint32_t file_type = 0;  // 0 standard, 1 text, 2 component, 3 run, 4 null, 5 MIME
  std::uint32_t details = 0;
  std::string source;
  std::string destination;
  std::vector<std::string> forks;  // file contents, one per fork
};

/// An EPOC SIS file. Layout: header, language codes, component name record, records
/// (`raw_records` first, as given, then `files`), then names and file data.
struct SisBuilder {
  bool epoc6 = true;     // UID2 0x10003A12, else 0x1000006D (release 3/4/5)
  bool unicode = true;   // option 0x0001
  bool compress = true;  // release 6: deflate the data, else set NoCompress (0x0008)
  std::vector<std::uint16_t> languages{1};
  std::string component = "Wallet";
  std::vector<std::string> raw_records;
  std::vector<SisTestFile> files;

  std::size_t header_size() const { return epoc6 ? 100 : 68; }
  std::size_t records_offset() const {
    return header_size() + 2 * languages.size() + 8 * languages.size();
  }

  std::string text(std::string_view s) const { return unicode ? sis_utf16(s) : std::string(s); }

  std::string build() const {
    const std::size_t n = languages.size();
    std::size_t records_size = 0;
    for (const auto& r : raw_records) records_size += r.size();
    for (const auto& f : files) {
      const std::size_t forks = f.record_type == 1 ? n : 1;
      records_size += 28 + forks * (epoc6 ? 12 : 8) + (epoc6 ? 8 : 0);
    }
    std::string heap;
    const std::size_t heap_at = records_offset() + records_size;
    auto put = [&](const std::string& bytes) {
      const std::size_t at = heap_at + heap.size();
      heap += bytes;
      return static_cast<std::uint32_t>(at);
    };
    std::string records;
    for (const auto& r : raw_records) records += r;
    for (const auto& f : files) {
      const std::string src = text(f.source), dst = text(f.destination);
      std::string rec = sis_u32(f.record_type) + sis_u32(f.file_type) + sis_u32(f.details) +
                        sis_u32(src.size()) + sis_u32(put(src)) + sis_u32(dst.size()) +
                        sis_u32(put(dst));
      std::string lengths, pointers, originals;
      for (const auto& data : f.forks) {
        const std::string stored = epoc6 && compress ? zlib_compress(data) : data;
        lengths += sis_u32(stored.size());
        pointers += sis_u32(put(stored));
        originals += sis_u32(data.size());
      }
      rec += lengths + pointers;
      if (epoc6) rec += originals + sis_u32(0) + sis_u32(0);
      records += rec;
    }
    std::string langs;
    for (auto l : languages) langs += sis_u16(l);
    const std::string name = text(component);
    const std::uint32_t name_at = put(name);
    std::string name_record;
    for (std::size_t i = 0; i < n; ++i) name_record += sis_u32(name.size());
    for (std::size_t i = 0; i < n; ++i) name_record += sis_u32(name_at);

    std::string h = sis_u32(0x10001234) + sis_u32(epoc6 ? 0x10003A12 : 0x1000006D) +
                    sis_u32(0x10000419) + sis_u32(0);
    h += sis_u16(0) + sis_u16(n) + sis_u16(raw_records.size() + files.size()) + sis_u16(0);
    h += sis_u16(0) + sis_u16(0) + sis_u16(0) + sis_u16(0);
    h += sis_u32(epoc6 ? 200 : 68);
    h += sis_u16((unicode ? 0x0001 : 0) | (epoc6 && !compress ? 0x0008 : 0));
    h += sis_u16(0) + sis_u16(1) + sis_u16(0) + sis_u32(0);
    h += sis_u32(header_size()) + sis_u32(records_offset()) + sis_u32(0) + sis_u32(0) +
         sis_u32(header_size() + 2 * n);
    if (epoc6) h += sis_u32(0) + sis_u32(0) + sis_u32(0) + sis_u32(0) + std::string(16, '\0');
    return h + langs + name_record + records + heap;
  }
};

// Symbian 9: SISField = Type, Length, data, padding to 4; SISArray elements omit the Type.
inline std::string sis9_pad(std::string s) {
  while (s.size() % 4) s += '\0';
  return s;
}
inline std::string sis9_field(std::uint32_t type, std::string_view body) {
  return sis_u32(type) + sis_u32(body.size()) + sis9_pad(std::string(body));
}
inline std::string sis9_array(std::uint32_t element_type, const std::vector<std::string>& bodies) {
  std::string b = sis_u32(element_type);
  for (const auto& e : bodies) b += sis_u32(e.size()) + sis9_pad(e);
  return sis9_field(2, b);
}
inline std::string sis9_string(std::string_view ascii) { return sis9_field(1, sis_utf16(ascii)); }
inline std::string sis9_compressed(std::string_view data, bool deflate) {
  return sis9_field(3, sis_u32(deflate ? 1 : 0) + sis_u64(data.size()) +
                           (deflate ? zlib_compress(data) : std::string(data)));
}

struct Sis9TestFile {
  std::string target;
  std::uint32_t operation = 1;  // EOpInstall
  std::string data;
  bool deflate = true;
};

/// A Symbian 9 SIS file: one controller (deflated when `deflate_controller`) describing
/// `files` in order, and one data unit holding the data of the first `with_data` of them.
/// The descriptions from `in_else_if` on sit in the install block of a SISElseIf of a SISIf.
inline std::string sis9_package(const std::vector<Sis9TestFile>& files, std::string_view name,
                                bool deflate_controller = true,
                                std::size_t with_data = static_cast<std::size_t>(-1),
                                std::size_t in_else_if = static_cast<std::size_t>(-1)) {
  std::vector<std::string> descriptions, conditional, data;
  for (std::size_t i = 0; i < files.size(); ++i) {
    const auto& f = files[i];
    const std::string hash = sis9_field(25, sis_u32(1) + sis9_field(37, std::string(32, 'h')));
    (i < in_else_if ? descriptions : conditional)
        .push_back(sis9_string(f.target) + sis9_string("") + hash + sis_u32(f.operation) +
                   sis_u32(0) + sis_u64(f.data.size()) + sis_u64(f.data.size()) + sis_u32(i));
    if (i < with_data) data.push_back(sis9_compressed(f.data, f.deflate));
  }
  const std::string info =
      sis9_field(14, sis9_field(9, sis_u32(0xE0001234)) + sis9_string("Vendor") +
                         sis9_array(1, {sis_utf16(name)}) + sis9_array(1, {sis_utf16("Vendor")}));
  const std::string expression = sis9_field(29, sis_u32(13) + std::string(12, '\0'));
  const std::string inner_block =
      sis9_field(28, sis9_array(24, conditional) + sis9_array(13, {}) + sis9_array(26, {}));
  const std::string empty_block =
      sis9_field(28, sis9_array(24, {}) + sis9_array(13, {}) + sis9_array(26, {}));
  const std::string sis_if = expression + empty_block + sis9_array(27, {expression + inner_block});
  const std::vector<std::string> ifs =
      conditional.empty() ? std::vector<std::string>{} : std::vector<std::string>{sis_if};
  const std::string block =
      sis9_field(28, sis9_array(24, descriptions) + sis9_array(13, {}) + sis9_array(26, ifs));
  const std::string controller = sis9_field(13, info + block);
  const std::string sis_data = sis9_field(30, sis9_array(31, {sis9_array(32, data)}));
  const std::string contents = sis9_field(
      12, sis9_field(34, sis_u16(0)) + sis9_compressed(controller, deflate_controller) + sis_data);
  return sis_u32(0x10201A7A) + sis_u32(0) + sis_u32(0xE0001234) + sis_u32(0) + contents;
}

}  // namespace lg::testing

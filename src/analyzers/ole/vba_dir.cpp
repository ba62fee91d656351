// [MS-OVBA] 2.3.4.2 dir stream records. Every record is Id (u16), Size (u32), data, except
// PROJECTVERSION (0x0009) whose Reserved field is 4 but which carries 6 bytes (2.3.4.2.1.11).
// REFERENCECONTROL (0x002F) nests NameRecordExtended and a 0x0030 extension, both of which
// also read as plain records, so no reference record needs special handling.
#include "analyzers/ole/vba_dir.h"

#include "core/charset.h"
#include "core/reader.h"
#include "core/utf8.h"

namespace lg {
namespace {

constexpr std::size_t kMaxDirModules = 4096;
constexpr std::size_t kMaxDirRecords = 1 << 20;

enum : std::uint16_t {
  kProjectCodePage = 0x0003,
  kProjectName = 0x0004,
  kProjectVersion = 0x0009,
  kProjectModules = 0x000F,
  kDirTerminator = 0x0010,
  kModuleName = 0x0019,
  kModuleStreamName = 0x001A,
  kModuleType = 0x0021,
  kModuleTypeDocument = 0x0022,
  kModuleReadOnly = 0x0025,
  kModulePrivate = 0x0028,
  kModuleTerminator = 0x002B,
  kModuleOffset = 0x0031,
  kModuleStreamNameUnicode = 0x0032,
  kModuleNameUnicode = 0x0047,
  kProjectCompatVersion = 0x004A,
};

}  // namespace

VbaDir parse_vba_dir(ByteView dir) {
  VbaDir out;
  Reader r(dir);
  std::size_t pos = 0;
  VbaDirModule* cur = nullptr;
  bool module_open = false;  // a module record was seen since the last terminator
  auto module = [&]() -> VbaDirModule* {
    if (!module_open) {
      if (out.modules.size() >= kMaxDirModules) return nullptr;
      out.modules.emplace_back();
      cur = &out.modules.back();
      module_open = true;
    }
    return cur;
  };
  auto text = [&](ByteView b) {
    return decode_text(b, windows_code_page_charset(out.code_page)).utf8;
  };
  for (std::size_t n = 0; n < kMaxDirRecords; ++n) {
    auto id = r.u16le(pos);
    auto size = r.u32le(pos + 2);
    if (!id || !size) {
      if (pos < dir.size()) out.anomalies.push_back("dir stream ends inside a record header");
      break;
    }
    std::size_t data_size = *size;
    if (*id == kProjectVersion) data_size = 6;  // Reserved (4) then MajorVersion, MinorVersion
    auto data = r.subspan(pos + 6, data_size);
    if (!data) {
      out.anomalies.push_back("dir record id " + std::to_string(*id) + " runs past the end");
      break;
    }
    Reader d(*data);
    pos += 6 + data_size;
    switch (*id) {
      case kProjectCodePage:
        if (auto cp = d.u16le(0)) {
          out.code_page = *cp;
          out.has_code_page = true;
        }
        break;
      case kProjectName:
        out.project_name = text(*data);
        break;
      case kProjectModules:
        out.declared_modules = d.u16le(0).value_or(0);
        break;
      case kProjectCompatVersion:
        out.compat_version = d.u32le(0);
        break;
      case kModuleName:
        // A MODULENAME always starts a new module (2.3.4.2.3.2.1).
        module_open = false;
        if (auto* m = module()) m->name = text(*data);
        break;
      case kModuleNameUnicode:
        if (auto* m = module(); m && !data->empty()) m->name = utf16le_to_utf8(*data);
        break;
      case kModuleStreamName:
        if (auto* m = module()) m->stream_name = text(*data);
        break;
      case kModuleStreamNameUnicode:
        if (auto* m = module(); m && !data->empty()) m->stream_name = utf16le_to_utf8(*data);
        break;
      case kModuleOffset:
        if (auto* m = module()) {
          m->text_offset = d.u32le(0).value_or(0);
          m->has_offset = true;
        }
        break;
      case kModuleType:
        if (auto* m = module()) m->document = false;
        break;
      case kModuleTypeDocument:
        if (auto* m = module()) m->document = true;
        break;
      case kModuleReadOnly:
        if (auto* m = module()) m->read_only = true;
        break;
      case kModulePrivate:
        if (auto* m = module()) m->is_private = true;
        break;
      case kModuleTerminator:
        module_open = false;
        break;
      default:
        break;  // unknown or uninteresting records: skipped by size
    }
    if (*id == kDirTerminator) break;
  }
  if (out.modules.size() >= kMaxDirModules) out.anomalies.push_back("module cap reached");
  if (out.declared_modules != out.modules.size())
    out.anomalies.push_back("PROJECTMODULES says " + std::to_string(out.declared_modules) +
                            " modules, records give " + std::to_string(out.modules.size()));
  // A module without a stream name: the stream is named after the module.
  for (auto& m : out.modules)
    if (m.stream_name.empty()) m.stream_name = m.name;
  return out;
}

}  // namespace lg

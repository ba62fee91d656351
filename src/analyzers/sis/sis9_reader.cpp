// Symbian OS 9.x SIS files, after "Symbian OS v9.X SIS File Format Specification" 1.1:
// section 3 (file header, SISContents) and section 4 (SISField, SISArray, SISCompressed,
// SISController, SISInfo, SISInstallBlock, SISFileDescription, SISData, SISDataUnit,
// SISFileData). Every field is read through Reader and must lie inside its parent.
#include "analyzers/sis/sis9_reader.h"

#include <algorithm>
#include <optional>

#include "core/inflate.h"
#include "core/reader.h"
#include "core/utf8.h"

namespace lg {
namespace {

// SISFieldType values used here.
constexpr std::uint32_t kString = 1;
constexpr std::uint32_t kArray = 2;
constexpr std::uint32_t kCompressed = 3;
constexpr std::uint32_t kContents = 12;
constexpr std::uint32_t kController = 13;
constexpr std::uint32_t kInfo = 14;
constexpr std::uint32_t kFileDescription = 24;
constexpr std::uint32_t kIf = 26;
constexpr std::uint32_t kElseIf = 27;
constexpr std::uint32_t kHash = 25;
constexpr std::uint32_t kInstallBlock = 28;
constexpr std::uint32_t kData = 30;
constexpr std::uint32_t kDataUnit = 31;
constexpr std::uint32_t kFileData = 32;
constexpr std::uint32_t kCapabilities = 41;
constexpr std::size_t kHeaderBytes = 16;         // UID1-3 and the UID checksum
constexpr std::size_t kMaxFieldsPerParent = 64;  // typed children of one structure
constexpr int kMaxIfDepth = 8;                   // SISIf blocks nested in install blocks
constexpr std::uint32_t kCompressNone = 0;
constexpr std::uint32_t kCompressDeflate = 1;

struct Field {
  std::uint32_t type = 0;
  std::size_t data = 0;    // offset of the field's data
  std::size_t length = 0;  // of the data, without padding
  std::size_t next = 0;    // where the next field starts (after the padding, at most `end`)
  std::size_t end() const { return data + length; }
};

// SISField: Type (absent for the elements of a SISArray, which all have the array's type),
// Length (31 bits; with the top bit set, 63 bits continued in a second word), the data, and
// padding to a multiple of four bytes. The field must end by `end`.
std::optional<Field> field_at(const Reader& r, std::size_t pos, std::size_t end,
                              std::optional<std::uint32_t> element_type = std::nullopt) {
  Field f;
  if (element_type) {
    f.type = *element_type;
  } else {
    const auto t = r.u32le(pos);
    if (!t) return std::nullopt;
    f.type = *t;
    pos += 4;
  }
  const auto lo = r.u32le(pos);
  if (!lo) return std::nullopt;
  pos += 4;
  std::uint64_t length = *lo;
  if (length & 0x80000000u) {
    const auto hi = r.u32le(pos);
    if (!hi) return std::nullopt;
    pos += 4;
    length = (length & 0x7FFFFFFFu) | (static_cast<std::uint64_t>(*hi) << 31);
  }
  if (pos > end || length > end - pos) return std::nullopt;
  f.data = pos;
  f.length = static_cast<std::size_t>(length);
  f.next = std::min(end, f.data + ((f.length + 3) & ~std::size_t{3}));
  return f;
}

// The typed fields inside `parent`, in order, at most kMaxFieldsPerParent.
std::vector<Field> children(const Reader& r, const Field& parent) {
  std::vector<Field> out;
  std::size_t pos = parent.data;
  while (pos < parent.end() && out.size() < kMaxFieldsPerParent) {
    auto f = field_at(r, pos, parent.end());
    if (!f) break;
    out.push_back(*f);
    pos = f->next;
  }
  return out;
}

// SISArray: the elements' SISFieldType, then the elements without their Type. Each element
// takes at least its 4-byte length, so the walk advances; at most kSis9MaxEntries elements.
std::vector<Field> elements(const Reader& r, const Field& array, std::uint32_t element_type) {
  std::vector<Field> out;
  const auto type = r.u32le(array.data);
  if (array.type != kArray || array.length < 4 || !type || *type != element_type) return out;
  std::size_t pos = array.data + 4;
  while (pos < array.end() && out.size() < kSis9MaxEntries) {
    auto e = field_at(r, pos, array.end(), element_type);
    if (!e) break;
    out.push_back(*e);
    pos = e->next;
  }
  return out;
}

const Field* first_of(const std::vector<Field>& fields, std::uint32_t type) {
  for (const auto& f : fields)
    if (f.type == type) return &f;
  return nullptr;
}

// SISString: UTF-16LE characters, no terminator.
std::string string_of(const Reader& r, const Field& f) {
  const std::size_t n = std::min(f.length, kSis9MaxNameBytes);
  return utf16le_to_utf8(*r.subspan(f.data, n & ~std::size_t{1}));
}

struct Description {
  std::string target;
  std::string mime_type;
  std::uint32_t operation = 0;
  std::uint32_t file_index = 0;
};

class Sis9Parser {
 public:
  Sis9Parser(ByteView data, std::size_t max_controller, Sis9Package& p)
      : r_(data), max_controller_(max_controller), p_(p) {}

  void run() {
    const auto uid1 = r_.u32le(0), uid3 = r_.u32le(8);
    const auto contents = field_at(r_, kHeaderBytes, r_.size());
    if (!uid1 || *uid1 != kSis9Uid1 || !uid3 || !contents || contents->type != kContents) {
      p_.anomalies.emplace_back("not a Symbian 9 SIS header and SISContents");
      return;
    }
    p_.valid = true;
    p_.uid = *uid3;
    // SISContents: [SISControllerChecksum] [SISDataChecksum] SISCompressed(SISController)
    // SISData.
    const auto parts = children(r_, *contents);
    if (const Field* c = first_of(parts, kCompressed)) {
      read_controller(*c);
    } else {
      p_.anomalies.emplace_back("SIS 9 package without a controller");
    }
    if (const Field* d = first_of(parts, kData)) {
      read_data(*d);
    } else {
      p_.anomalies.emplace_back("SIS 9 package without SISData");
    }
    name_files();
  }

 private:
  // SISCompressed: CompressionAlgorithm (32 bits), UncompressedDataSize (64 bits), the data.
  struct Compressed {
    std::uint32_t algorithm = 0;
    std::uint64_t size = 0;
    ByteView data;
  };
  static std::optional<Compressed> compressed_of(const Reader& r, const Field& f) {
    const auto algorithm = r.u32le(f.data);
    const auto size = r.u64le(f.data + 4);
    if (f.type != kCompressed || f.length < 12 || !algorithm || !size) return std::nullopt;
    return Compressed{*algorithm, *size, *r.subspan(f.data + 12, f.length - 12)};
  }

  void read_controller(const Field& f) {
    const auto c = compressed_of(r_, f);
    if (!c) {
      p_.anomalies.emplace_back("SIS 9 controller: broken SISCompressed");
      return;
    }
    Bytes buffer;
    if (c->algorithm == kCompressDeflate) {
      Inflated z = inflate_bytes(c->data, DeflateWrapper::kZlib, max_controller_);
      if (!z.complete) p_.anomalies.emplace_back("SIS 9 controller: deflate stream incomplete");
      buffer = std::move(z.data);
    } else if (c->algorithm == kCompressNone) {
      buffer.assign(c->data.begin(), c->data.begin() + std::min(c->data.size(), max_controller_));
    } else {
      p_.anomalies.push_back("SIS 9 controller: unknown compression " +
                             std::to_string(c->algorithm));
      return;
    }
    const Reader cr(buffer);
    const auto controller = field_at(cr, 0, cr.size());
    if (!controller || controller->type != kController) {
      p_.anomalies.emplace_back("SIS 9 controller: no SISController");
      return;
    }
    // SISController: SISInfo, options, languages, prerequisites, properties, [SISLogo],
    // SISInstallBlock, signatures, SISDataIndex.
    const auto parts = children(cr, *controller);
    if (const Field* info = first_of(parts, kInfo)) read_info(cr, *info);
    if (const Field* block = first_of(parts, kInstallBlock)) read_install_block(cr, *block, 0);
  }

  // SISInfo: UID, VendorUniqueName, Names (SISArray of SISString), VendorNames, ...
  void read_info(const Reader& cr, const Field& info) {
    const auto parts = children(cr, info);
    const Field* names = first_of(parts, kArray);
    if (!names) return;
    const auto list = elements(cr, *names, kString);
    if (!list.empty()) p_.name = string_of(cr, list.front());
  }

  // SISInstallBlock: SISArray of SISFileDescription, of embedded SISController (their files
  // lie in other data units and stay unnamed) and of SISIf; SISIf: SISExpression,
  // SISInstallBlock, SISArray of SISElseIf (SISExpression, SISInstallBlock). Conditional files
  // are named as well, down to kMaxIfDepth nested blocks.
  void read_install_block(const Reader& cr, const Field& block, int depth) {
    for (const Field& part : children(cr, block)) {
      if (part.type != kArray) continue;
      for (const Field& e : elements(cr, part, kFileDescription)) {
        ++p_.descriptions;
        if (auto d = description(cr, e)) {
          descriptions_.push_back(std::move(*d));
        } else {
          p_.anomalies.emplace_back("SIS 9 file description truncated");
        }
      }
      if (depth >= kMaxIfDepth) continue;
      for (const Field& branch : elements(cr, part, kIf)) {
        const auto inner = children(cr, branch);
        if (const Field* b = first_of(inner, kInstallBlock)) read_install_block(cr, *b, depth + 1);
        for (const Field& list : inner) {
          if (list.type != kArray) continue;
          for (const Field& other : elements(cr, list, kElseIf)) {
            const auto alt = children(cr, other);
            if (const Field* b = first_of(alt, kInstallBlock))
              read_install_block(cr, *b, depth + 1);
          }
        }
      }
    }
  }

  // SISFileDescription: Target, MIMEType, [Capabilities], Hash, then Operation,
  // OperationOptions (32 bits each), Length, UncompressedLength (64 bits each), FileIndex.
  static std::optional<Description> description(const Reader& cr, const Field& e) {
    Description d;
    auto target = field_at(cr, e.data, e.end());
    if (!target || target->type != kString) return std::nullopt;
    auto mime = field_at(cr, target->next, e.end());
    if (!mime || mime->type != kString) return std::nullopt;
    auto next = field_at(cr, mime->next, e.end());
    if (next && next->type == kCapabilities) next = field_at(cr, next->next, e.end());
    if (!next || next->type != kHash) return std::nullopt;
    const std::size_t pos = next->next;
    if (pos > e.end() || e.end() - pos < 28) return std::nullopt;
    d.target = string_of(cr, *target);
    d.mime_type = string_of(cr, *mime);
    d.operation = *cr.u32le(pos);
    d.file_index = *cr.u32le(pos + 24);
    return d;
  }

  // SISData: SISArray of SISDataUnit; SISDataUnit: SISArray of SISFileData; SISFileData:
  // SISCompressed of the file's bytes.
  void read_data(const Field& data) {
    const auto parts = children(r_, data);
    const Field* units = first_of(parts, kArray);
    if (!units) return;
    std::uint32_t unit_index = 0;
    for (const Field& unit : elements(r_, *units, kDataUnit)) {
      const auto unit_parts = children(r_, unit);
      const Field* files = first_of(unit_parts, kArray);
      if (files) {
        for (const Field& file : elements(r_, *files, kFileData)) {
          if (p_.files.size() >= kSis9MaxEntries) return;
          const auto inner = field_at(r_, file.data, file.end());
          const auto c = inner ? compressed_of(r_, *inner) : std::nullopt;
          Sis9File out;  // kept without data when broken, so that FileIndex values stay right
          out.data_unit = unit_index;
          if (!c || (c->algorithm != kCompressNone && c->algorithm != kCompressDeflate)) {
            p_.anomalies.emplace_back("SIS 9 file data: broken SISCompressed");
          } else {
            out.stored = c->data;
            out.deflated = c->algorithm == kCompressDeflate;
            out.size = c->size;
          }
          p_.files.push_back(out);
        }
      }
      ++unit_index;
    }
  }

  // The main controller's FileIndex values index the first data unit's files.
  void name_files() {
    std::size_t first_unit = 0;
    while (first_unit < p_.files.size() && p_.files[first_unit].data_unit == 0) ++first_unit;
    for (const Description& d : descriptions_) {
      if (d.file_index >= first_unit) {
        p_.anomalies.push_back("SIS 9 file description points past the file data: " + d.target);
        continue;
      }
      Sis9File& f = p_.files[d.file_index];
      f.target = d.target;
      f.mime_type = d.mime_type;
      f.operation = d.operation;
    }
  }

  const Reader r_;
  const std::size_t max_controller_;
  Sis9Package& p_;
  std::vector<Description> descriptions_;
};

}  // namespace

Sis9Package read_sis9(ByteView data, std::size_t max_controller_bytes) {
  Sis9Package p;
  Sis9Parser(data, max_controller_bytes, p).run();
  return p;
}

}  // namespace lg

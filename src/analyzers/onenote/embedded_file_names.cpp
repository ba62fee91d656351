// [MS-ONESTORE] 2.4.1 FileNodeListFragment (header: uintMagic 0xA4567AB1F5F7F4C4,
// FileNodeListID, nFragmentSequence; rgFileNodes; nextFragment; footer 0x8BC215C38233BA4B),
// 2.4.3 FileNode (a 32-bit header: FileNodeID 10 bits, Size 13, StpFormat 2, CbFormat 2,
// BaseType 4), 2.2.4 FileNodeChunkReference (stp and cb widths by format, "compressed" ones
// times 8), 2.2.2 CompactID (n: 8 bits, guidIndex: 24), 2.6.7 ObjectSpaceObjectPropSet,
// 2.6.5 ObjectSpaceObjectStreamHeader, 2.6.6 PropertyID, 2.6.7 PropertySet.
#include "analyzers/onenote/embedded_file_names.h"

#include <algorithm>
#include <optional>
#include <string_view>
#include <unordered_map>

#include "core/reader.h"
#include "core/utf8.h"

namespace lg::onenote {
namespace {

constexpr std::string_view kFragmentHeader("\xC4\xF4\xF7\xF5\xB1\x7A\x56\xA4", 8);
constexpr std::string_view kFragmentFooter("\x4B\xBA\x33\x82\xC3\x15\xC2\x8B", 8);
constexpr std::size_t kNextFragmentSize = 12;  // FileChunkReference64x32

// FileNodeIDs (2.4.3).
constexpr std::uint32_t kGlobalIdTableStartFndx = 0x021;
constexpr std::uint32_t kGlobalIdTableStart2Fnd = 0x022;
constexpr std::uint32_t kGlobalIdTableEntryFndx = 0x024;
constexpr std::uint32_t kObjectDeclarationFileData3RefCount = 0x072;
constexpr std::uint32_t kObjectDeclarationFileData3LargeRefCount = 0x073;
constexpr std::uint32_t kFileDataStoreObjectReference = 0x094;
constexpr std::uint32_t kObjectDeclaration2RefCount = 0x0A4;
constexpr std::uint32_t kObjectDeclaration2LargeRefCount = 0x0A5;
constexpr std::uint32_t kReadOnlyObjectDeclaration2RefCount = 0x0C4;
constexpr std::uint32_t kReadOnlyObjectDeclaration2LargeRefCount = 0x0C5;
constexpr std::uint32_t kChunkTerminator = 0x0FF;

constexpr std::uint32_t kJcidEmbeddedFileNode = 0x00060035;   // [MS-ONE] 2.2.32
constexpr std::uint32_t kEmbeddedFileName = 0x1C001D9C;       // [MS-ONE] 2.3.68
constexpr std::uint32_t kEmbeddedFileContainer = 0x20001D9B;  // [MS-ONE] 2.3.61
constexpr std::string_view kFileDataPrefix = "<ifndf>";

// An object's identity: its ExtendedGUID (GUID bytes and n) when the list's global ID table
// names its guidIndex, else the list and the raw CompactID.
using ObjectKey = std::string;

struct FileNode {
  std::uint32_t id;
  std::size_t data, end;  // the node's data after its header
  unsigned stp_format, cb_format;
};

struct ChunkRef {
  std::uint64_t stp = 0, cb = 0;
  std::size_t size = 0;  // bytes the reference takes
};

std::optional<ChunkRef> chunk_ref(const Reader& r, std::size_t at, unsigned stp_format,
                                  unsigned cb_format) {
  ChunkRef c;
  static constexpr std::size_t kStpBytes[] = {8, 4, 2, 4}, kCbBytes[] = {4, 8, 1, 2};
  const std::size_t sb = kStpBytes[stp_format], cbb = kCbBytes[cb_format];
  auto field = [&r](std::size_t off, std::size_t n) -> std::optional<std::uint64_t> {
    if (!r.has(off, n)) return std::nullopt;
    std::uint64_t v = 0;
    for (std::size_t i = 0; i < n; ++i) v |= std::uint64_t{*r.u8(off + i)} << (8 * i);
    return v;
  };
  const auto stp = field(at, sb), cb = field(at + sb, cbb);
  if (!stp || !cb) return std::nullopt;
  c.stp = stp_format >= 2 ? *stp * 8 : *stp;
  c.cb = cb_format >= 2 ? *cb * 8 : *cb;
  c.size = sb + cbb;
  return c;
}

// "{01234567-89AB-CDEF-0123-456789ABCDEF}" as the 16 bytes of its on-disk form
// ([MS-DTYP] 2.3.4.2, 2.3.4.3).
std::optional<std::string> guid_bytes(std::string_view text) {
  if (text.size() != 38 || text.front() != '{' || text.back() != '}') return std::nullopt;
  std::string hex;
  for (char c : text.substr(1, 36))
    if (c != '-') hex += c;
  if (hex.size() != 32) return std::nullopt;
  auto nibble = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  std::string be(16, '\0');
  for (std::size_t i = 0; i < 16; ++i) {
    const int hi = nibble(hex[2 * i]), lo = nibble(hex[2 * i + 1]);
    if (hi < 0 || lo < 0) return std::nullopt;
    be[i] = static_cast<char>(hi << 4 | lo);
  }
  // Data1, Data2 and Data3 are little-endian on disk; Data4 is as written.
  std::string out = be;
  std::reverse_copy(be.begin(), be.begin() + 4, out.begin());
  std::reverse_copy(be.begin() + 4, be.begin() + 6, out.begin() + 4);
  std::reverse_copy(be.begin() + 6, be.begin() + 8, out.begin() + 6);
  return out;
}

// What a jcidEmbeddedFileNode's property set says.
struct EmbeddedNode {
  std::string name;
  std::optional<std::uint32_t> container;  // a CompactID
};

class PropertySetReader {
 public:
  PropertySetReader(const Reader& r, std::size_t end) : r_(r), end_(end) {}

  // ObjectSpaceObjectPropSet at `at`: the OIDs stream, the optional OSIDs and ContextIDs
  // streams (skipped), then the body.
  std::optional<EmbeddedNode> read(std::size_t at) {
    const auto oids_header = r_.u32le(at);
    if (!oids_header) return std::nullopt;
    const std::size_t count = *oids_header & 0xFFFFFF;
    if (!r_.has(at + 4, count * 4) || at + 4 + count * 4 > end_) return std::nullopt;
    oids_at_ = at + 4;
    oid_count_ = count;
    std::size_t pos = at + 4 + count * 4;
    if (!(*oids_header & 0x80000000u)) {  // OsidStreamNotPresent clear: an OSIDs stream
      const auto osids = r_.u32le(pos);
      if (!osids) return std::nullopt;
      pos += 4 + std::size_t{*osids & 0xFFFFFF} * 4;
      if (*osids & 0x40000000u) {  // ExtendedStreamsPresent: a ContextIDs stream
        const auto contexts = r_.u32le(pos);
        if (!contexts) return std::nullopt;
        pos += 4 + std::size_t{*contexts & 0xFFFFFF} * 4;
      }
    }
    EmbeddedNode node;
    if (!property_set(pos, 0, &node)) return std::nullopt;
    return node;
  }

 private:
  // One PropertySet at `pos`; fills `node` with the top-level values it cares about.
  // Returns the offset after the set, or nullopt on damage or when a cap is reached.
  std::optional<std::size_t> property_set(std::size_t pos, int depth, EmbeddedNode* node) {
    if (depth > kMaxPropertyDepth || ++steps_ > kMaxPropertySteps) return std::nullopt;
    const auto count = r_.u16le(pos);
    if (!count || pos + 2 > end_) return std::nullopt;
    const std::size_t prids = pos + 2;
    std::size_t data = prids + std::size_t{*count} * 4;
    if (data > end_) return std::nullopt;
    for (std::size_t i = 0; i < *count; ++i) {
      if (++steps_ > kMaxPropertySteps) return std::nullopt;
      const std::uint32_t prid = *r_.u32le(prids + 4 * i);
      const unsigned type = (prid >> 26) & 0x1F;
      std::size_t size = 0;
      switch (type) {
        case 0x1:  // NoData
        case 0x2:  // Bool: the value is in the PropertyID
        case 0xA:  // ObjectSpaceID, ContextID: their own streams
        case 0xC:
          break;
        case 0x3:
          size = 1;
          break;
        case 0x4:
          size = 2;
          break;
        case 0x5:
          size = 4;
          break;
        case 0x6:
          size = 8;
          break;
        case 0x7: {  // FourBytesOfLengthFollowedByData
          const auto cb = r_.u32le(data);
          if (!cb || !r_.has(data + 4, *cb) || data + 4 + *cb > end_) return std::nullopt;
          if (node && prid == kEmbeddedFileName)
            node->name = utf16le_to_utf8(*r_.subspan(data + 4, *cb), true);
          size = 4 + std::size_t{*cb};
          break;
        }
        case 0x8:  // ObjectID: the next CompactID of the OIDs stream
          if (node && prid == kEmbeddedFileContainer && next_oid_ < oid_count_)
            node->container = *r_.u32le(oids_at_ + 4 * next_oid_);
          ++next_oid_;
          break;
        case 0x9:  // ArrayOfObjectIDs, ArrayOfObjectSpaceIDs, ArrayOfContextIDs: a count
        case 0xB:
        case 0xD: {
          const auto n = r_.u32le(data);
          if (!n) return std::nullopt;
          if (type == 0x9) next_oid_ += *n;
          size = 4;
          break;
        }
        case 0x10: {  // ArrayOfPropertyValues: a count, a PropertyID, that many sets
          const auto n = r_.u32le(data);
          if (!n) return std::nullopt;
          std::size_t p = data + 4;
          if (*n > 0) p += 4;
          for (std::uint32_t k = 0; k < *n; ++k) {
            auto next = property_set(p, depth + 1, nullptr);
            if (!next) return std::nullopt;
            p = *next;
          }
          size = p - data;
          break;
        }
        case 0x11: {  // PropertySet
          auto next = property_set(data, depth + 1, nullptr);
          if (!next) return std::nullopt;
          size = *next - data;
          break;
        }
        default:
          return std::nullopt;
      }
      data += size;
      if (data > end_) return std::nullopt;
    }
    return data;
  }

  const Reader& r_;
  std::size_t end_;
  std::size_t oids_at_ = 0, oid_count_ = 0, next_oid_ = 0, steps_ = 0;
};

class Scanner {
 public:
  explicit Scanner(ByteView section) : r_(section), text_(as_chars(section)) {}

  EmbeddedFileNames run() {
    std::size_t pos = 0, footer = 0, fragments = 0;
    bool footer_known = false;
    while (nodes_ < kMaxFileNodes) {
      const std::size_t at = text_.find(kFragmentHeader, pos);
      if (at == std::string_view::npos) break;
      if (++fragments > kMaxFragments) {
        out_.anomalies.push_back("more than " + std::to_string(kMaxFragments) +
                                 " file node list fragments");
        break;
      }
      // The footer closest after the header ends the fragment; footers are searched forward
      // only, so the scan stays linear however many headers lack one.
      if (!footer_known || (footer != std::string_view::npos && footer < at + 16)) {
        footer = text_.find(kFragmentFooter, at + 16);
        footer_known = true;
      }
      std::size_t end = text_.size();
      if (footer != std::string_view::npos && footer >= at + 16 + kNextFragmentSize)
        end = footer - kNextFragmentSize;
      fragment(r_.u32le(at + 8).value_or(0), at + 16, end);
      pos = at + kFragmentHeader.size();
    }
    if (nodes_ >= kMaxFileNodes)
      out_.anomalies.push_back("more than " + std::to_string(kMaxFileNodes) + " file nodes");
    pair_up();
    return std::move(out_);
  }

 private:
  void fragment(std::uint32_t list, std::size_t at, std::size_t end) {
    while (at + 4 <= end && nodes_ < kMaxFileNodes) {
      const std::uint32_t h = *r_.u32le(at);
      const FileNode node{h & 0x3FF, at + 4, at + ((h >> 10) & 0x1FFF), (h >> 23) & 3,
                          (h >> 25) & 3};
      if (node.id == kChunkTerminator || node.id == 0 || node.end < node.data || node.end > end)
        return;
      ++nodes_;
      file_node(list, node);
      at = node.end;
    }
  }

  ObjectKey key(std::uint32_t list, std::uint32_t compact_id) const {
    auto t = tables_.find(list);
    if (t != tables_.end()) {
      auto g = t->second.find(compact_id >> 8);
      if (g != t->second.end()) return g->second + static_cast<char>(compact_id & 0xFF);
    }
    return "list " + std::to_string(list) + " id " + std::to_string(compact_id);
  }

  // A StringInStorageBuffer (2.2.3) at `at`, as UTF-8, and the offset after it.
  std::optional<std::pair<std::string, std::size_t>> storage_string(std::size_t at,
                                                                    std::size_t end) const {
    const auto cch = r_.u32le(at);
    if (!cch || std::uint64_t{*cch} * 2 > end - std::min(end, at + 4)) return std::nullopt;
    return std::pair{utf16le_to_utf8(*r_.subspan(at + 4, std::size_t{*cch} * 2)),
                     at + 4 + std::size_t{*cch} * 2};
  }

  void file_node(std::uint32_t list, const FileNode& n) {
    switch (n.id) {
      case kGlobalIdTableStartFndx:
      case kGlobalIdTableStart2Fnd:
        tables_[list].clear();
        break;
      case kGlobalIdTableEntryFndx: {
        const auto index = r_.u32le(n.data);
        const auto guid = r_.chars(n.data + 4, 16);
        if (index && guid && n.data + 20 <= n.end) tables_[list][*index] = std::string(*guid);
        break;
      }
      case kObjectDeclarationFileData3RefCount:
      case kObjectDeclarationFileData3LargeRefCount: {
        const auto oid = r_.u32le(n.data);
        const std::size_t ref_at =
            n.data + 8 + (n.id == kObjectDeclarationFileData3RefCount ? 1 : 4);
        const auto reference = storage_string(ref_at, n.end);
        if (!oid || !reference) return;
        if (!reference->first.starts_with(kFileDataPrefix)) return;  // "<file>": outside
        if (auto g = guid_bytes(std::string_view(reference->first).substr(kFileDataPrefix.size())))
          file_data_[key(list, *oid)] = *g;
        break;
      }
      case kFileDataStoreObjectReference: {
        const auto ref = chunk_ref(r_, n.data, n.stp_format, n.cb_format);
        if (!ref) return;
        const auto guid = r_.chars(n.data + ref->size, 16);
        if (guid && n.data + ref->size + 16 <= n.end && ref->stp < r_.size())
          stores_[std::string(*guid)] = static_cast<std::size_t>(ref->stp);
        break;
      }
      case kObjectDeclaration2RefCount:
      case kObjectDeclaration2LargeRefCount:
      case kReadOnlyObjectDeclaration2RefCount:
      case kReadOnlyObjectDeclaration2LargeRefCount: {
        const auto ref = chunk_ref(r_, n.data, n.stp_format, n.cb_format);
        if (!ref) return;
        const auto jcid = r_.u32le(n.data + ref->size + 4);
        if (!jcid || *jcid != kJcidEmbeddedFileNode) return;
        if (ref->stp >= r_.size() || ref->cb > r_.size() - ref->stp) {
          out_.anomalies.push_back("embedded file node's property set lies outside the file");
          return;
        }
        const std::size_t blob = static_cast<std::size_t>(ref->stp);
        PropertySetReader props(r_, blob + static_cast<std::size_t>(ref->cb));
        auto node = props.read(blob);
        if (!node) {
          out_.anomalies.push_back("embedded file node with a damaged property set");
          return;
        }
        if (node->name.empty() || !node->container) return;
        ++out_.named_nodes;
        named_.emplace_back(key(list, *node->container), std::move(node->name));
        break;
      }
      default:
        break;
    }
  }

  void pair_up() {
    for (auto& [container, name] : named_) {
      auto g = file_data_.find(container);
      if (g == file_data_.end()) continue;
      auto s = stores_.find(g->second);
      if (s == stores_.end()) continue;
      out_.by_offset.emplace(s->second, std::move(name));
    }
  }

  const Reader r_;
  const std::string_view text_;
  std::size_t nodes_ = 0;
  EmbeddedFileNames out_;
  std::unordered_map<std::uint32_t, std::unordered_map<std::uint32_t, std::string>> tables_;
  std::unordered_map<ObjectKey, std::string> file_data_;  // object -> file data GUID bytes
  std::unordered_map<std::string, std::size_t> stores_;   // GUID bytes -> object offset
  std::vector<std::pair<ObjectKey, std::string>> named_;  // container object -> name
};

}  // namespace

EmbeddedFileNames read_embedded_file_names(ByteView section) { return Scanner(section).run(); }

}  // namespace lg::onenote

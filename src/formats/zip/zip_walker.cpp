// ZIP structure walk (PKWARE APPNOTE.TXT 6.3.x): end of central directory (4.3.16) and its
// ZIP64 forms (4.3.14, 4.3.15), central directory headers (4.3.12), local file headers (4.3.7),
// the ZIP64 extended information extra field (4.5.3). Every read goes through lg::Reader.
#include "formats/zip/zip_walker.h"

#include <algorithm>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "core/reader.h"

namespace lg::zip {
namespace {

using namespace std::string_view_literals;

constexpr std::string_view kLocalSig = "PK\x03\x04"sv;
constexpr std::string_view kCentralSig = "PK\x01\x02"sv;
constexpr std::string_view kEocdSig = "PK\x05\x06"sv;
constexpr std::string_view kZip64LocatorSig = "PK\x06\x07"sv;
constexpr std::string_view kZip64EocdSig = "PK\x06\x06"sv;
constexpr std::size_t kLocalHeaderSize = 30;    // 4.3.7
constexpr std::size_t kCentralHeaderSize = 46;  // 4.3.12
constexpr std::size_t kEocdSize = 22;           // 4.3.16
constexpr std::size_t kZip64LocatorSize = 20;   // 4.3.15
constexpr std::uint32_t kZip64Marker = 0xFFFFFFFF;
constexpr std::size_t kMaxIssuesPerKind = 16;  // detail is kept for the first few only

struct Eocd {
  std::size_t offset = 0;  // of the record that gives the central directory
  std::uint64_t entries = 0;
  std::uint64_t cd_size = 0;
  std::uint64_t cd_offset = 0;
};

class Walker {
 public:
  explicit Walker(ByteView data) : r_(data) {}

  Archive run() {
    if (auto eocd = find_eocd()) {
      read_central_directory(*eocd);
    } else {
      issue(IssueKind::kNoEndOfCentralDirectory, "");
    }
    if (!out_.central_directory || out_.has(IssueKind::kCentralDirectoryDamaged)) scan_local();
    check_overlaps();
    std::uint64_t first = r_.size();
    for (const auto& e : out_.entries) first = std::min(first, e.header_offset);
    if (!out_.entries.empty() && first > 0) {
      out_.prepended_bytes = first;
      if (!out_.has(IssueKind::kPrependedData))
        issue(IssueKind::kPrependedData, std::to_string(first) + " bytes before the first entry");
    }
    out_.work = work_;
    return std::move(out_);
  }

 private:
  void issue(IssueKind k, std::string detail) {
    std::size_t n = static_cast<std::size_t>(std::count_if(
        out_.issues.begin(), out_.issues.end(), [k](const Issue& i) { return i.kind == k; }));
    if (n < kMaxIssuesPerKind) out_.issues.push_back({k, std::move(detail)});
  }

  // 4.3.16: search backwards over the last 64 KiB; prefer a record whose comment ends exactly
  // at the end of the data, else take the last record found.
  std::optional<Eocd> find_eocd() const {
    if (r_.size() < kEocdSize) return std::nullopt;
    std::size_t lowest = r_.size() > kEocdSearchBytes ? r_.size() - kEocdSearchBytes : 0;
    std::optional<std::size_t> found;
    for (std::size_t pos = r_.size() - kEocdSize + 1; pos-- > lowest;) {
      ++work_;
      if (!r_.starts_with_at(pos, kEocdSig)) continue;
      auto comment = r_.u16le(pos + 20);
      if (!comment) continue;
      if (pos + kEocdSize + *comment == r_.size()) {
        found = pos;
        break;
      }
      if (!found) found = pos;
    }
    if (!found) return std::nullopt;
    Eocd e;
    e.offset = *found;
    e.entries = *r_.u16le(*found + 10);
    e.cd_size = *r_.u32le(*found + 12);
    e.cd_offset = *r_.u32le(*found + 16);
    // 4.3.15: a ZIP64 locator right before the EOCD points at the ZIP64 EOCD (4.3.14).
    if (*found >= kZip64LocatorSize &&
        r_.starts_with_at(*found - kZip64LocatorSize, kZip64LocatorSig)) {
      auto z64 = r_.u64le(*found - kZip64LocatorSize + 8);
      if (z64 && *z64 < r_.size() && r_.starts_with_at(*z64, kZip64EocdSig)) {
        auto entries = r_.u64le(*z64 + 32);
        auto size = r_.u64le(*z64 + 40);
        auto off = r_.u64le(*z64 + 48);
        if (entries && size && off) {
          e.offset = static_cast<std::size_t>(*z64);
          e.entries = *entries;
          e.cd_size = *size;
          e.cd_offset = *off;
        }
      }
    }
    return e;
  }

  void read_central_directory(const Eocd& eocd) {
    // Where the directory really is: right before the EOCD record. A difference from the
    // recorded offset means bytes were prepended (or cut) and every offset is shifted.
    std::uint64_t start = eocd.cd_offset;
    if (eocd.cd_size <= eocd.offset) {
      std::uint64_t actual = eocd.offset - eocd.cd_size;
      if (actual != eocd.cd_offset && r_.starts_with_at(actual, kCentralSig)) {
        start = actual;
        if (actual > eocd.cd_offset) {
          shift_ = actual - eocd.cd_offset;
          issue(IssueKind::kPrependedData,
                std::to_string(shift_) + " bytes prepended; recorded offsets are shifted");
        }
      }
    }
    if (eocd.entries == 0) {
      out_.central_directory = true;
      return;
    }
    std::uint64_t pos = start;
    std::uint64_t read = 0;
    for (; read < eocd.entries; ++read) {
      if (read >= kMaxEntries) {
        issue(IssueKind::kTooManyEntries, std::to_string(eocd.entries) + " entries");
        break;
      }
      auto next = read_central_header(pos);
      if (!next) break;
      pos = *next;
    }
    out_.central_directory = read > 0;
    if (read < eocd.entries && read < kMaxEntries) {
      issue(IssueKind::kCentralDirectoryDamaged,
            "read " + std::to_string(read) + " of " + std::to_string(eocd.entries) + " entries");
    }
  }

  // 4.3.12. Returns the offset of the next header, or nullopt when this one is unreadable.
  std::optional<std::uint64_t> read_central_header(std::uint64_t pos) {
    if (!r_.has(pos, kCentralHeaderSize) || !r_.starts_with_at(pos, kCentralSig)) {
      return std::nullopt;
    }
    Entry e;
    e.in_central_directory = true;
    e.flags = *r_.u16le(pos + 8);
    e.method = *r_.u16le(pos + 10);
    e.crc32 = *r_.u32le(pos + 16);
    e.compressed_size = *r_.u32le(pos + 20);
    e.uncompressed_size = *r_.u32le(pos + 24);
    std::size_t name_len = *r_.u16le(pos + 28);
    std::size_t extra_len = *r_.u16le(pos + 30);
    std::size_t comment_len = *r_.u16le(pos + 32);
    std::uint64_t offset = *r_.u32le(pos + 42);
    auto name = r_.chars(pos + kCentralHeaderSize, name_len);
    auto extra = r_.subspan(pos + kCentralHeaderSize + name_len, extra_len);
    if (!name || !extra) return std::nullopt;
    e.name = std::string(*name);
    e.utf8_name = (e.flags & 0x0800) != 0;
    apply_zip64(*extra, e.uncompressed_size, e.compressed_size, &offset);
    e.header_offset = offset + shift_;
    work_ += kCentralHeaderSize + name_len + extra_len;
    // A local header that an earlier entry already read (entries sharing data: the overlap
    // bomb) is not read again: 100k central entries naming one local header with a 64 KiB
    // name would otherwise copy that name 100k times.
    auto [seen, fresh] = local_read_.emplace(e.header_offset, out_.entries.size());
    if (fresh) {
      read_local_header(e, /*from_central=*/true);
    } else if (const Entry& first = out_.entries[seen->second]; first.data_offset) {
      e.data_offset = first.data_offset;
      if (e.name != first.local_name)
        issue(IssueKind::kNameMismatch,
              "central \"" + e.name + "\", local \"" + first.local_name.substr(0, 256) + "\"");
    } else {
      issue(IssueKind::kLocalHeaderMissing, e.name);
    }
    out_.entries.push_back(std::move(e));
    return pos + kCentralHeaderSize + name_len + extra_len + comment_len;
  }

  // 4.5.3: the ZIP64 extra field holds, in order, only the values whose 32-bit field is
  // 0xFFFFFFFF.
  static void apply_zip64(ByteView extra, std::uint64_t& usize, std::uint64_t& csize,
                          std::uint64_t* offset) {
    Reader x(extra);
    std::size_t pos = 0;
    while (x.has(pos, 4)) {  // bounded: pos grows by at least 4 each round
      std::uint16_t id = *x.u16le(pos);
      std::uint16_t len = *x.u16le(pos + 2);
      if (id == 0x0001) {
        std::size_t at = pos + 4;
        std::size_t end = at + len;
        auto take = [&](std::uint64_t& v) {
          if (v != kZip64Marker || at + 8 > end) return;
          if (auto q = x.u64le(at)) v = *q;
          at += 8;
        };
        take(usize);
        take(csize);
        if (offset) take(*offset);
        return;
      }
      pos += 4 + std::size_t{len};
    }
  }

  // 4.3.7: reads the local header at e.header_offset, fills data_offset and compares it with
  // what the central directory said.
  void read_local_header(Entry& e, bool from_central) {
    const std::uint64_t pos = e.header_offset;
    if (!r_.has(pos, kLocalHeaderSize) || !r_.starts_with_at(pos, kLocalSig)) {
      if (from_central) issue(IssueKind::kLocalHeaderMissing, e.name);
      return;
    }
    std::uint16_t flags = *r_.u16le(pos + 6);
    std::uint16_t method = *r_.u16le(pos + 8);
    std::uint64_t csize = *r_.u32le(pos + 18);
    std::uint64_t usize = *r_.u32le(pos + 22);
    std::size_t name_len = *r_.u16le(pos + 26);
    std::size_t extra_len = *r_.u16le(pos + 28);
    auto name = r_.chars(pos + kLocalHeaderSize, name_len);
    auto extra = r_.subspan(pos + kLocalHeaderSize + name_len, extra_len);
    if (!name || !extra) {
      if (from_central) issue(IssueKind::kLocalHeaderMissing, e.name);
      return;
    }
    work_ += kLocalHeaderSize + name_len + extra_len;
    apply_zip64(*extra, usize, csize, nullptr);
    e.local_name = std::string(*name);
    e.data_offset = pos + kLocalHeaderSize + name_len + extra_len;
    if (!from_central) {
      e.name = e.local_name;
      e.flags = flags;
      e.method = method;
      e.crc32 = *r_.u32le(pos + 14);
      e.compressed_size = csize;
      e.uncompressed_size = usize;
      e.utf8_name = (flags & 0x0800) != 0;
      return;
    }
    if (e.local_name != e.name) {
      issue(IssueKind::kNameMismatch, "central \"" + e.name + "\", local \"" + e.local_name + "\"");
    }
    // 4.4.4 bit 3: sizes are zero in the local header and follow the data instead.
    bool sizes_differ =
        !(flags & 0x0008) && (csize != e.compressed_size || usize != e.uncompressed_size);
    if (method != e.method || sizes_differ) {
      issue(IssueKind::kHeaderMismatch, e.name);
    }
  }

  // Without a usable central directory: every "PK\3\4" in order. An entry with known size is
  // skipped over; with a data descriptor (size unknown) the scan goes on after its header.
  void scan_local() {
    std::unordered_set<std::uint64_t> known;
    for (const auto& e : out_.entries) known.insert(e.header_offset);
    std::string_view all = as_chars(r_.data());
    std::size_t pos = 0;
    while (pos < all.size()) {  // bounded: pos only grows, entries capped
      std::size_t hit = all.find(kLocalSig, pos);
      work_ += (hit == std::string_view::npos ? all.size() : hit + kLocalSig.size()) - pos;
      if (hit == std::string_view::npos) break;
      if (out_.entries.size() >= kMaxEntries) {
        issue(IssueKind::kTooManyEntries, "local header scan");
        break;
      }
      pos = hit + kLocalSig.size();
      if (known.count(hit)) continue;
      Entry e;
      e.header_offset = hit;
      read_local_header(e, /*from_central=*/false);
      if (!e.data_offset) continue;
      pos = static_cast<std::size_t>(*e.data_offset);
      if (!e.has_data_descriptor() && r_.has(pos, e.compressed_size)) {
        pos += static_cast<std::size_t>(e.compressed_size);
      }
      out_.entries.push_back(std::move(e));
    }
  }

  // Sort entry spans [local header, end of data) and compare neighbours. Overlap means two
  // entries share bytes: the overlapping-entry ("non-recursive") zip bomb, or a trick to show
  // different readers different content.
  void check_overlaps() {
    struct Span {
      std::uint64_t begin, end;
      std::size_t index;
    };
    std::vector<Span> spans;
    spans.reserve(out_.entries.size());
    for (std::size_t i = 0; i < out_.entries.size(); ++i) {
      const auto& e = out_.entries[i];
      if (!e.data_offset) continue;
      std::uint64_t end = *e.data_offset + std::min<std::uint64_t>(e.compressed_size, r_.size());
      spans.push_back({e.header_offset, end, i});
    }
    std::sort(spans.begin(), spans.end(),
              [](const Span& a, const Span& b) { return a.begin < b.begin; });
    work_ += spans.size();
    std::uint64_t max_end = 0;
    std::size_t overlaps = 0;
    std::size_t first = 0;
    for (std::size_t i = 0; i < spans.size(); ++i) {
      if (i > 0 && spans[i].begin < max_end) {
        if (overlaps++ == 0) first = spans[i].index;
      }
      max_end = std::max(max_end, spans[i].end);
    }
    if (overlaps > 0) {
      issue(IssueKind::kOverlappingEntries, std::to_string(overlaps) +
                                                " entries overlap others, first \"" +
                                                out_.entries[first].name + "\"");
    }
  }

  Reader r_;
  Archive out_;
  std::uint64_t shift_ = 0;
  mutable std::uint64_t work_ = 0;
  std::unordered_map<std::uint64_t, std::size_t> local_read_;  // local header -> first entry
};

}  // namespace

const char* issue_kind_name(IssueKind k) {
  switch (k) {
    case IssueKind::kNoEndOfCentralDirectory:
      return "no end of central directory";
    case IssueKind::kCentralDirectoryDamaged:
      return "central directory damaged";
    case IssueKind::kPrependedData:
      return "data prepended to the archive";
    case IssueKind::kNameMismatch:
      return "local and central names differ";
    case IssueKind::kHeaderMismatch:
      return "local and central headers differ";
    case IssueKind::kLocalHeaderMissing:
      return "local header missing";
    case IssueKind::kOverlappingEntries:
      return "overlapping entries";
    case IssueKind::kTooManyEntries:
      return "too many entries";
  }
  return "?";
}

bool Archive::has(IssueKind k) const {
  return std::any_of(issues.begin(), issues.end(), [k](const Issue& i) { return i.kind == k; });
}

Archive walk(ByteView data) { return Walker(data).run(); }

}  // namespace lg::zip

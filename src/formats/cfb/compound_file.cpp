// [MS-CFB] reader: header (2.2), FAT (2.3), mini FAT (2.4), DIFAT (2.5), directory (2.6).
#include "formats/cfb/compound_file.h"

#include <algorithm>
#include <cstdio>

#include "core/ascii.h"
#include "core/reader.h"
#include "core/utf8.h"

namespace lg {
namespace {

constexpr std::uint8_t kSignature[8] = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1};
constexpr std::size_t kHeaderSize = 512;
constexpr std::size_t kHeaderDifatEntries = 109;  // 2.2: the first 109 FAT sector locations
constexpr std::size_t kDirEntrySize = 128;        // 2.6

std::string format_clsid(ByteView b) {
  // 2.6.1 CLSID: a GUID stored as Data1 (LE u32), Data2, Data3 (LE u16), Data4 (8 bytes).
  if (std::all_of(b.begin(), b.end(), [](std::uint8_t x) { return x == 0; })) return "";
  Reader r(b);
  char buf[40];
  std::snprintf(buf, sizeof buf, "{%08X-%04X-%04X-%02X%02X-%02X%02X%02X%02X%02X%02X}",
                static_cast<unsigned>(*r.u32le(0)), static_cast<unsigned>(*r.u16le(4)),
                static_cast<unsigned>(*r.u16le(6)), b[8], b[9], b[10], b[11], b[12], b[13], b[14],
                b[15]);
  return buf;
}

}  // namespace

bool CompoundFile::has_signature(ByteView data) {
  return data.size() >= sizeof kSignature && std::equal(kSignature, kSignature + 8, data.begin());
}

void CompoundFile::note(std::string what) {
  if (anomalies_.size() < kMaxAnomalies) anomalies_.push_back(std::move(what));
}

Result<CompoundFile> CompoundFile::open(ByteView data) {
  if (!has_signature(data)) return Status::error(ErrorCode::kMalformed, "no CFB signature");
  CompoundFile cf(data);
  if (Status s = cf.read_header(); !s.is_ok()) return s;
  cf.read_fat();
  cf.read_minifat();
  if (Status s = cf.read_directory(); !s.is_ok()) return s;
  cf.walk_tree();
  return cf;
}

Status CompoundFile::read_header() {
  Reader r(data_);
  if (!r.has(0, 76 + kHeaderDifatEntries * 4))
    return Status::error(ErrorCode::kTruncated, "CFB header truncated");
  major_version_ = *r.u16le(26);
  std::uint16_t shift = *r.u16le(30);
  std::uint16_t mini_shift = *r.u16le(32);
  if (*r.u16le(28) != 0xFFFE) note("byte order mark is not 0xFFFE");
  if (shift != 9 && shift != 12) return Status::error(ErrorCode::kMalformed, "bad sector shift");
  if ((major_version_ == 3 && shift != 9) || (major_version_ == 4 && shift != 12))
    note("major version " + std::to_string(major_version_) + " with sector shift " +
         std::to_string(shift));
  if (mini_shift != 6) {
    note("mini sector shift is not 6");
    if (mini_shift < 6 || mini_shift > shift) mini_shift = 6;
  }
  sector_size_ = 1u << shift;
  mini_sector_size_ = 1u << mini_shift;
  num_fat_sectors_ = *r.u32le(44);
  first_dir_sector_ = *r.u32le(48);
  mini_cutoff_ = *r.u32le(56);
  if (mini_cutoff_ != 4096) {
    note("mini stream cutoff is not 4096");
    mini_cutoff_ = 4096;
  }
  first_minifat_sector_ = *r.u32le(60);
  num_minifat_sectors_ = *r.u32le(64);
  first_difat_sector_ = *r.u32le(68);
  num_difat_sectors_ = *r.u32le(72);
  if (data_.size() < kHeaderSize + sector_size_ - kHeaderSize) note("file ends inside the header");
  return Status::ok();
}

ByteView CompoundFile::sector(std::uint32_t n) const {
  if (n > kMaxRegSect) return {};
  std::size_t off = (std::size_t{n} + 1) * sector_size_;
  if (off >= data_.size()) return {};
  return data_.subspan(off, std::min<std::size_t>(sector_size_, data_.size() - off));
}

void CompoundFile::read_fat() {
  // 2.5: FAT sector locations: 109 in the header, then the DIFAT chain, each DIFAT sector
  // holding (sector_size/4 - 1) locations and the next DIFAT sector's number last.
  const std::size_t sectors_in_file = data_.size() / sector_size_ + 1;
  std::vector<std::uint32_t> fat_sectors;
  Reader hr(data_);
  for (std::size_t i = 0; i < kHeaderDifatEntries; ++i) {
    std::uint32_t s = *hr.u32le(76 + i * 4);
    if (s <= kMaxRegSect) fat_sectors.push_back(s);
  }
  std::uint32_t next = first_difat_sector_;
  std::vector<bool> seen_difat;
  std::uint32_t hops = 0;
  while (next <= kMaxRegSect) {
    if (hops >= kMaxDifatSectors || hops > sectors_in_file) {
      note("DIFAT chain too long");
      break;
    }
    if (next >= seen_difat.size())
      seen_difat.resize(std::min<std::size_t>(next + 1, sectors_in_file + 1));
    if (next >= seen_difat.size()) {
      note("DIFAT sector out of range");
      break;
    }
    if (seen_difat[next]) {
      note("cycle in the DIFAT chain");
      break;
    }
    seen_difat[next] = true;
    ++hops;
    Reader r(sector(next));
    if (r.size() < sector_size_) note("DIFAT sector beyond the end of file");
    const std::size_t per = sector_size_ / 4 - 1;
    for (std::size_t i = 0; i < per; ++i) {
      auto s = r.u32le(i * 4);
      if (s && *s <= kMaxRegSect) fat_sectors.push_back(*s);
    }
    auto link = r.u32le(per * 4);
    next = link ? *link : kEndOfChain;
  }
  if (hops != num_difat_sectors_) note("DIFAT sector count disagrees with the header");
  if (fat_sectors.size() != num_fat_sectors_) note("FAT sector count disagrees with the header");
  if (fat_sectors.size() > sectors_in_file) {
    note("more FAT sectors than the file holds");
    fat_sectors.resize(sectors_in_file);
  }
  fat_.reserve(fat_sectors.size() * (sector_size_ / 4));
  bool missing = false;
  for (std::uint32_t s : fat_sectors) {
    Reader r(sector(s));
    for (std::size_t i = 0; i < sector_size_ / 4; ++i) {
      auto v = r.u32le(i * 4);
      if (!v) missing = true;
      fat_.push_back(v ? *v : kFreeSect);
    }
  }
  if (missing) note("FAT sector beyond the end of file");
  stamps_.assign(fat_.size(), 0);
}

std::vector<std::uint32_t> CompoundFile::chain(const std::vector<std::uint32_t>& table,
                                               std::uint32_t start, std::size_t max_links,
                                               std::string_view what,
                                               std::vector<std::string>* anomalies) const {
  auto report = [&](std::string m) {
    std::string s = std::string(what) + ": " + m;
    if (anomalies && anomalies->size() < kMaxAnomalies) anomalies->push_back(std::move(s));
  };
  std::vector<std::uint32_t> out;
  // One stamp per walk: a sector stamped with the current value was visited by this walk.
  // The stamps vector is sized to the FAT; the mini FAT (smaller walks) uses a local set.
  const bool use_stamps = &table == &fat_;
  std::vector<bool> local;
  if (use_stamps) {
    if (++stamp_ == 0) {
      std::fill(stamps_.begin(), stamps_.end(), 0);
      stamp_ = 1;
    }
  } else {
    local.assign(table.size(), false);
  }
  std::uint32_t cur = start;
  while (out.size() < max_links) {
    if (cur == kEndOfChain) break;
    if (cur >= table.size()) {
      report(cur <= kMaxRegSect ? "sector number out of range" : "chain ends with a special value");
      break;
    }
    bool seen = use_stamps ? stamps_[cur] == stamp_ : local[cur];
    if (seen) {
      report("cycle in the sector chain");
      break;
    }
    if (use_stamps)
      stamps_[cur] = stamp_;
    else
      local[cur] = true;
    out.push_back(cur);
    cur = table[cur];
  }
  return out;
}

void CompoundFile::read_minifat() {
  if (first_minifat_sector_ > kMaxRegSect) return;
  auto sectors = chain(fat_, first_minifat_sector_, fat_.size(), "mini FAT", &anomalies_);
  if (sectors.size() != num_minifat_sectors_)
    note("mini FAT sector count disagrees with the header");
  for (std::uint32_t s : sectors) {
    Reader r(sector(s));
    for (std::size_t i = 0; i * 4 + 4 <= r.size(); ++i) minifat_.push_back(*r.u32le(i * 4));
  }
}

Status CompoundFile::read_directory() {
  const std::size_t per = sector_size_ / kDirEntrySize;
  auto sectors =
      chain(fat_, first_dir_sector_, (kMaxEntries + per - 1) / per, "directory", &anomalies_);
  if (sectors.empty()) {
    // No usable FAT (for example a truncated file): take the first directory sector alone.
    if (sector(first_dir_sector_).size() < kDirEntrySize)
      return Status::error(ErrorCode::kMalformed, "no directory sector");
    note("directory chain unusable; read its first sector only");
    sectors.push_back(first_dir_sector_);
  }
  for (std::uint32_t s : sectors) {
    Reader r(sector(s));
    for (std::size_t i = 0; i < per && entries_.size() < kMaxEntries; ++i) {
      auto e = r.subspan(i * kDirEntrySize, kDirEntrySize);
      if (!e) {
        note("directory sector truncated");
        break;
      }
      Reader er(*e);
      CfbEntry d;
      d.id = static_cast<std::uint32_t>(entries_.size());
      std::uint16_t name_len = *er.u16le(64);  // bytes, terminator included (2.6.1)
      if (name_len > 64) name_len = 64;
      d.name = utf16le_to_utf8(e->subspan(0, name_len), true);
      std::uint8_t type = *er.u8(66);
      d.type = (type == 1 || type == 2 || type == 5) ? static_cast<CfbObjectType>(type)
                                                     : CfbObjectType::kUnallocated;
      d.left = *er.u32le(68);
      d.right = *er.u32le(72);
      d.child = *er.u32le(76);
      d.clsid = format_clsid(e->subspan(80, 16));
      d.created = *er.u64le(100);
      d.modified = *er.u64le(108);
      d.start_sector = *er.u32le(116);
      d.size = *er.u64le(120);
      if (major_version_ == 3 && (d.size >> 32) != 0) d.size &= 0xFFFFFFFFu;  // 2.6.3
      entries_.push_back(std::move(d));
    }
  }
  if (entries_.empty()) return Status::error(ErrorCode::kMalformed, "empty directory");
  if (entries_.size() >= kMaxEntries) note("directory entry cap reached");
  if (entries_[0].type != CfbObjectType::kRoot) {
    note("first directory entry is not the root");
    entries_[0].type = CfbObjectType::kRoot;
  }
  return Status::ok();
}

void CompoundFile::walk_tree() {
  // 2.6.4: each storage's children form a red-black tree through left/right sibling ids,
  // rooted at the storage's child id. Explicit stack; an id is visited at most once.
  const std::size_t n = entries_.size();
  children_.assign(n, {});
  std::vector<bool> visited(n, false);
  visited[0] = true;
  entries_[0].reachable = true;
  walk_order_.push_back(0);
  struct Item {
    std::uint32_t id;
    std::uint32_t parent;
  };
  std::vector<std::uint32_t> storages = {0};  // storages whose child trees are still to walk
  std::vector<Item> stack;
  bool bad_link = false, cycle = false, deep = false;
  for (std::size_t si = 0; si < storages.size(); ++si) {
    const std::uint32_t parent = storages[si];
    if (entries_[parent].child == kNoStream) continue;
    stack.push_back({entries_[parent].child, parent});
    while (!stack.empty()) {
      Item it = stack.back();
      stack.pop_back();
      if (it.id == kNoStream) continue;
      if (it.id >= n) {
        bad_link = true;
        continue;
      }
      if (visited[it.id]) {
        cycle = true;
        continue;
      }
      CfbEntry& e = entries_[it.id];
      if (e.type == CfbObjectType::kUnallocated || e.type == CfbObjectType::kRoot) {
        bad_link = true;
        continue;
      }
      visited[it.id] = true;
      // Right pushed first so the left subtree comes out first: in-order-ish, stable.
      stack.push_back({e.right, it.parent});
      stack.push_back({e.left, it.parent});
      const CfbEntry& p = entries_[it.parent];
      if (p.depth + 1 > kMaxTreeDepth) {
        deep = true;
        continue;
      }
      e.reachable = true;
      e.parent = it.parent;
      e.depth = p.depth + 1;
      e.path = p.path.empty() ? e.name : p.path + "/" + e.name;
      children_[it.parent].push_back(it.id);
      walk_order_.push_back(it.id);
      if (e.type == CfbObjectType::kStorage) storages.push_back(it.id);
    }
  }
  // Storages are walked breadth-first; order the listing so each storage's subtree follows
  // it (stable by path).
  std::stable_sort(walk_order_.begin(), walk_order_.end(), [&](std::uint32_t a, std::uint32_t b) {
    return entries_[a].path < entries_[b].path;
  });
  if (bad_link) note("directory tree links to a missing or unallocated entry");
  if (cycle) note("cycle in the directory tree");
  if (deep) note("directory tree deeper than the cap");
  for (CfbEntry& e : entries_) {
    if (!e.reachable && e.type != CfbObjectType::kUnallocated) {
      ++orphan_count_;
      e.path = e.name;
    }
  }
  if (orphan_count_ > 0)
    note(std::to_string(orphan_count_) + " directory entries not reachable from the root");
}

std::vector<std::uint32_t> CompoundFile::children(std::uint32_t storage_id) const {
  if (storage_id >= children_.size()) return {};
  return children_[storage_id];
}

const CfbEntry* CompoundFile::find_child(std::uint32_t storage_id, std::string_view name) const {
  if (storage_id >= children_.size()) return nullptr;
  for (std::uint32_t c : children_[storage_id])
    if (iequals(entries_[c].name, name)) return &entries_[c];
  return nullptr;
}

const CfbEntry* CompoundFile::find(std::string_view path) const {
  const CfbEntry* cur = &entries_[0];
  while (!path.empty()) {
    std::size_t slash = path.find('/');
    std::string_view part = path.substr(0, slash);
    cur = find_child(cur->id, part);
    if (!cur) return nullptr;
    path = slash == std::string_view::npos ? std::string_view() : path.substr(slash + 1);
  }
  return cur;
}

void CompoundFile::load_mini_stream(std::vector<std::string>* anomalies) const {
  if (mini_loaded_) return;
  mini_loaded_ = true;
  const CfbEntry& r = entries_[0];
  // The mini stream holds at most one 64-byte sector per mini FAT entry.
  const std::uint64_t cap =
      std::min<std::uint64_t>(r.size, std::uint64_t{minifat_.size()} * mini_sector_size_);
  const std::size_t links = static_cast<std::size_t>((cap + sector_size_ - 1) / sector_size_);
  mini_sectors_ = chain(fat_, r.start_sector, links, "mini stream", anomalies);
  mini_stream_.reserve(mini_sectors_.size() * sector_size_);
  for (std::uint32_t s : mini_sectors_) {
    ByteView b = sector(s);
    mini_stream_.insert(mini_stream_.end(), b.begin(), b.end());
  }
  if (mini_stream_.size() < cap && anomalies && anomalies->size() < kMaxAnomalies)
    anomalies->push_back("mini stream shorter than declared");
}

Result<Bytes> CompoundFile::read_stream(const CfbEntry& entry, std::size_t max_bytes,
                                        std::vector<std::string>* anomalies) const {
  if (entry.type != CfbObjectType::kStream)
    return Status::error(ErrorCode::kMalformed, "not a stream");
  const std::uint64_t want = std::min<std::uint64_t>(entry.size, max_bytes);
  Bytes out;
  if (want == 0) return out;
  const std::string what = "stream '" + entry.path + "'";
  if (entry.size < mini_cutoff_) {
    load_mini_stream(anomalies);
    const std::size_t links =
        static_cast<std::size_t>((want + mini_sector_size_ - 1) / mini_sector_size_);
    auto secs = chain(minifat_, entry.start_sector, links, what, anomalies);
    Reader ms(mini_stream_);
    for (std::uint32_t s : secs) {
      std::size_t off = std::size_t{s} * mini_sector_size_;
      std::size_t n = std::min<std::size_t>(mini_sector_size_, want - out.size());
      auto b = ms.subspan(off, n);
      if (!b) {
        if (anomalies && anomalies->size() < kMaxAnomalies)
          anomalies->push_back(what + ": mini sector beyond the mini stream");
        break;
      }
      out.insert(out.end(), b->begin(), b->end());
    }
  } else {
    const std::size_t links = static_cast<std::size_t>((want + sector_size_ - 1) / sector_size_);
    auto secs = chain(fat_, entry.start_sector, links, what, anomalies);
    out.reserve(std::min<std::size_t>(want, secs.size() * std::size_t{sector_size_}));
    for (std::uint32_t s : secs) {
      ByteView b = sector(s);
      std::size_t n = std::min<std::size_t>(b.size(), want - out.size());
      out.insert(out.end(), b.begin(), b.begin() + static_cast<std::ptrdiff_t>(n));
      if (b.size() < sector_size_) break;
    }
  }
  if (out.size() < want && anomalies && anomalies->size() < kMaxAnomalies)
    anomalies->push_back(what + ": chain shorter than the declared size");
  return out;
}

Result<std::vector<CfbExtent>> CompoundFile::stream_extents(const CfbEntry& entry) const {
  if (entry.type != CfbObjectType::kStream)
    return Status::error(ErrorCode::kMalformed, "not a stream");
  std::vector<CfbExtent> out;
  const std::uint64_t want = entry.size;
  std::uint64_t got = 0;
  const std::string what = "stream '" + entry.path + "'";
  if (want == 0) return out;
  if (entry.size < mini_cutoff_) {
    load_mini_stream(nullptr);
    const std::size_t links =
        static_cast<std::size_t>((want + mini_sector_size_ - 1) / mini_sector_size_);
    for (std::uint32_t s : chain(minifat_, entry.start_sector, links, what, nullptr)) {
      // A mini sector never straddles a sector: the sector size is a multiple of 64.
      const std::size_t at = std::size_t{s} * mini_sector_size_;
      const std::size_t idx = at / sector_size_, within = at % sector_size_;
      if (idx >= mini_sectors_.size()) break;
      const ByteView b = sector(mini_sectors_[idx]);
      const std::size_t n =
          static_cast<std::size_t>(std::min<std::uint64_t>(mini_sector_size_, want - got));
      if (within + n > b.size()) break;
      out.push_back({static_cast<std::size_t>(b.data() - data_.data()) + within, n});
      got += n;
    }
  } else {
    const std::size_t links = static_cast<std::size_t>((want + sector_size_ - 1) / sector_size_);
    for (std::uint32_t s : chain(fat_, entry.start_sector, links, what, nullptr)) {
      const ByteView b = sector(s);
      const std::size_t n = static_cast<std::size_t>(std::min<std::uint64_t>(b.size(), want - got));
      if (n == 0) break;
      out.push_back({static_cast<std::size_t>(b.data() - data_.data()), n});
      got += n;
      if (b.size() < sector_size_) break;
    }
  }
  if (got < want)
    return Status::error(ErrorCode::kTruncated, what + ": chain shorter than its size");
  return out;
}

}  // namespace lg

// FAT12/16/32 reader ("Microsoft Extensible Firmware Initiative FAT32 File System
// Specification", version 1.03, December 2000).
#include "formats/disk/fat.h"

#include <algorithm>
#include <array>
#include <deque>
#include <unordered_set>

#include "core/charset.h"
#include "core/utf8.h"

namespace lg::disk {
namespace {

constexpr std::uint8_t kAttrReadOnly = 0x01, kAttrHidden = 0x02, kAttrSystem = 0x04,
                       kAttrVolumeId = 0x08, kAttrDirectory = 0x10;
constexpr std::uint8_t kAttrLongName = kAttrReadOnly | kAttrHidden | kAttrSystem | kAttrVolumeId;
constexpr std::size_t kEntry = 32;
constexpr std::size_t kLfnChars = 13;       // UTF-16 units per long-name entry (section 7)
constexpr std::size_t kMaxLfnEntries = 20;  // 255 characters

bool power_of_two(std::uint32_t v) { return v != 0 && (v & (v - 1)) == 0; }

// Section 7.2: the checksum of the 11-byte short name that long-name entries carry.
std::uint8_t short_name_checksum(ByteView name) {
  std::uint8_t sum = 0;
  for (std::size_t i = 0; i < 11; ++i) {
    sum = static_cast<std::uint8_t>(((sum & 1) ? 0x80 : 0) + (sum >> 1) + name[i]);
  }
  return sum;
}

// Section 6.1: "NAME    EXT" -> "name.ext" (NTRes bits 3 and 4 ask for lower case, as
// Windows writes them), OEM code page 437, 0x05 standing for 0xE5.
std::string short_name(ByteView e) {
  Bytes base(e.begin(), e.begin() + 8), ext(e.begin() + 8, e.begin() + 11);
  if (base[0] == 0x05) base[0] = 0xE5;
  auto trim = [](Bytes& b) {
    while (!b.empty() && b.back() == ' ') b.pop_back();
  };
  trim(base);
  trim(ext);
  const std::uint8_t nt = e[12];
  auto lower = [](Bytes& b) {
    for (auto& c : b) c = (c >= 'A' && c <= 'Z') ? static_cast<std::uint8_t>(c + 32) : c;
  };
  if (nt & 0x08) lower(base);
  if (nt & 0x10) lower(ext);
  std::string out = decode_text(base, "IBM437").utf8;
  if (!ext.empty()) out += "." + decode_text(ext, "IBM437").utf8;
  return out;
}

// Long-name entries (section 7) precede their short entry in reverse order: the one with
// bit 0x40 in LDIR_Ord comes first and holds the last piece.
class LongName {
 public:
  void entry(ByteView e) {
    const std::uint8_t ord = e[0];
    const std::size_t n = ord & 0x1F;
    if (ord & 0x40) {
      count_ = next_ = n;
      checksum_ = e[13];
      pieces_.assign(kLfnChars * 2 * n, 0);
      valid_ = n >= 1 && n <= kMaxLfnEntries;
    } else if (!valid_ || n != next_ || e[13] != checksum_) {
      valid_ = false;
    }
    if (!valid_ || n == 0 || n > count_) return;
    next_ = n - 1;
    // LDIR_Name1 (1, 10 bytes), LDIR_Name2 (14, 12 bytes), LDIR_Name3 (28, 4 bytes).
    std::size_t at = (n - 1) * kLfnChars * 2;
    for (auto [off, len] : {std::pair{1, 10}, std::pair{14, 12}, std::pair{28, 4}}) {
      std::copy(e.begin() + off, e.begin() + off + len, pieces_.begin() + at);
      at += len;
    }
  }
  /// The long name for the short entry `e`, or "" when none belongs to it.
  std::string take(ByteView e) {
    std::string out;
    if (valid_ && next_ == 0 && checksum_ == short_name_checksum(e)) {
      out = utf16le_to_utf8(pieces_, true);
    }
    reset();
    return out;
  }
  void reset() { valid_ = false; }

 private:
  Bytes pieces_;
  std::size_t count_ = 0, next_ = 0;
  std::uint8_t checksum_ = 0;
  bool valid_ = false;
};

}  // namespace

bool is_fat_boot_sector(ByteView boot) {
  // Section 3.1 (BS_jmpBoot, BPB_BytsPerSec, BPB_SecPerClus, ...) and the signature at 510.
  Reader r(boot);
  auto jmp = r.u8(0), jmp2 = r.u8(2);
  auto bps = r.u16le(11);
  auto spc = r.u8(13);
  auto rsvd = r.u16le(14);
  auto fats = r.u8(16);
  auto tot16 = r.u16le(19), fatsz16 = r.u16le(22);
  auto tot32 = r.u32le(32), fatsz32 = r.u32le(36);
  auto sig = r.u16le(510);
  if (!jmp || !jmp2 || !bps || !spc || !rsvd || !fats || !tot16 || !fatsz16 || !tot32 || !fatsz32 ||
      !sig) {
    return false;
  }
  if (!((*jmp == 0xEB && *jmp2 == 0x90) || *jmp == 0xE9)) return false;
  if (*sig != 0xAA55) return false;
  if (*bps < 512 || *bps > 4096 || !power_of_two(*bps)) return false;
  if (!power_of_two(*spc) || *spc > 128) return false;
  if (*rsvd == 0 || *fats == 0 || *fats > 4) return false;
  if (*tot16 == 0 && *tot32 == 0) return false;
  return *fatsz16 != 0 || *fatsz32 != 0;
}

Result<FatVolume> FatVolume::open(const BlockDevice& dev) {
  auto boot = dev.read(0, 512);
  if (!boot || !is_fat_boot_sector(*boot)) {
    return Status::error(ErrorCode::kMalformed, "no FAT boot sector");
  }
  Reader r(*boot);
  FatVolume v(dev);
  v.bytes_per_sector_ = *r.u16le(11);
  const std::uint32_t spc = *r.u8(13);
  const std::uint64_t rsvd = *r.u16le(14), fats = *r.u8(16);
  v.root_entries_ = *r.u16le(17);
  const std::uint64_t fatsz = *r.u16le(22) != 0 ? *r.u16le(22) : *r.u32le(36);
  const std::uint64_t total = *r.u16le(19) != 0 ? *r.u16le(19) : *r.u32le(32);
  // Section 3.5: RootDirSectors, FirstDataSector, CountofClusters and the FAT type.
  const std::uint64_t bps = v.bytes_per_sector_;
  const std::uint64_t root_sectors = (std::uint64_t{v.root_entries_} * 32 + bps - 1) / bps;
  const std::uint64_t meta = rsvd + fats * fatsz + root_sectors;
  if (meta >= total) return Status::error(ErrorCode::kMalformed, "FAT volume without data area");
  const std::uint64_t clusters = (total - meta) / spc;
  if (clusters < 4085) {
    v.kind_ = "FAT12";
    v.bits_ = 12;
  } else if (clusters < 65525) {
    v.kind_ = "FAT16";
    v.bits_ = 16;
  } else {
    v.kind_ = "FAT32";
    v.bits_ = 32;
    v.root_cluster_ = *r.u32le(44);
  }
  // The FAT must hold an entry per cluster; a short FAT limits the clusters we accept.
  const std::uint64_t fat_entries = fatsz * bps * 8 / static_cast<std::uint64_t>(v.bits_);
  v.cluster_count_ = static_cast<std::uint32_t>(
      std::min<std::uint64_t>({clusters, fat_entries - 2, std::uint64_t{0x0FFFFFF5}}));
  v.cluster_bytes_ = static_cast<std::uint32_t>(bps * spc);
  v.fat_offset_ = rsvd * bps;
  v.root_offset_ = (rsvd + fats * fatsz) * bps;
  v.data_offset_ = meta * bps;
  if (v.data_offset_ > dev.size()) {
    return Status::error(ErrorCode::kTruncated, "FAT data area past the end of the volume");
  }
  return v;
}

std::optional<std::uint32_t> FatVolume::next_cluster(std::uint32_t c) const {
  // Section 4: FAT12 entries are 12 bits packed in pairs, FAT32 entries keep 28 bits.
  const std::uint64_t off = bits_ == 12 ? c + c / 2 : std::uint64_t{c} * (bits_ / 8);
  auto b = dev_->read(fat_offset_ + off, bits_ == 32 ? 4 : 2);
  if (!b) return std::nullopt;
  Reader r(*b);
  if (bits_ == 12) return (c & 1) ? (*r.u16le(0) >> 4) : (*r.u16le(0) & 0x0FFF);
  if (bits_ == 16) return *r.u16le(0);
  return *r.u32le(0) & 0x0FFFFFFF;
}

bool FatVolume::is_end(std::uint32_t v) const {
  return bits_ == 12 ? v >= 0xFF8 : bits_ == 16 ? v >= 0xFFF8 : v >= 0x0FFFFFF8;
}

std::uint64_t FatVolume::cluster_offset(std::uint32_t c) const {
  return data_offset_ + std::uint64_t{c - 2} * cluster_bytes_;
}

std::vector<std::uint32_t> FatVolume::chain(std::uint32_t first, std::uint64_t max_clusters,
                                            std::string& problem) const {
  std::vector<std::uint32_t> out;
  std::unordered_set<std::uint32_t> seen;
  std::uint32_t c = first;
  while (out.size() < max_clusters) {  // bounded by max_clusters
    if (c < 2 || c >= cluster_count_ + 2) {
      problem = "cluster chain leaves the volume at " + std::to_string(c);
      break;
    }
    if (!seen.insert(c).second) {
      problem = "cluster chain loops at cluster " + std::to_string(c);
      break;
    }
    out.push_back(c);
    auto next = next_cluster(c);
    if (!next) {
      problem = "FAT unreadable at cluster " + std::to_string(c);
      break;
    }
    if (is_end(*next)) break;
    c = *next;
  }
  return out;
}

Result<Bytes> FatVolume::read_directory(std::uint32_t first, bool fixed_root) const {
  if (fixed_root) {
    auto b = dev_->read(root_offset_, std::size_t{root_entries_} * kEntry);
    if (!b) return Status::error(ErrorCode::kTruncated, "root directory past the end");
    return std::move(*b);
  }
  std::string problem;
  auto clusters = chain(first, kMaxFatDirectoryBytes / cluster_bytes_ + 1, problem);
  Bytes out;
  for (std::uint32_t c : clusters) {
    auto b = dev_->read(cluster_offset(c), cluster_bytes_);
    if (!b) break;
    out.insert(out.end(), b->begin(), b->end());
  }
  if (out.empty() && !problem.empty()) return Status::error(ErrorCode::kMalformed, problem);
  return out;
}

FatListing FatVolume::list() const {
  struct Dir {
    std::uint32_t cluster;
    std::string path;
    std::size_t depth;
  };
  FatListing out;
  std::deque<Dir> queue;
  std::unordered_set<std::uint32_t> visited;
  const bool fixed_root = bits_ != 32;
  if (!fixed_root) visited.insert(root_cluster_);
  queue.push_back({fixed_root ? 0u : root_cluster_, "", 0});
  std::size_t entries = 0;
  std::uint64_t listed_bytes = 0;
  while (!queue.empty()) {  // each directory once (visited), entries capped overall
    Dir d = std::move(queue.front());
    queue.pop_front();
    auto bytes = read_directory(d.cluster, fixed_root && d.depth == 0);
    if (!bytes) {
      out.problems.push_back("directory \"" + d.path + "\": " + bytes.status().message());
      continue;
    }
    listed_bytes += bytes->size();
    if (listed_bytes > kMaxFatListingBytes) {
      out.problems.push_back("directories hold more than " + std::to_string(kMaxFatListingBytes) +
                             " bytes; the rest is not read");
      return out;
    }
    Reader r(*bytes);
    LongName lfn;
    for (std::size_t off = 0; off + kEntry <= r.size(); off += kEntry) {
      ByteView e = *r.subspan(off, kEntry);
      if (e[0] == 0x00) break;  // section 6.1: no more entries
      if (e[0] == 0xE5) {
        lfn.reset();
        continue;
      }
      const std::uint8_t attr = e[11];
      if ((attr & 0x3F) == kAttrLongName) {
        lfn.entry(e);
        continue;
      }
      std::string name = lfn.take(e);
      if (attr & kAttrVolumeId) continue;
      if (name.empty()) name = short_name(e);
      if (name == "." || name == ".." || name.empty()) continue;
      if (++entries > kMaxFatEntries) {
        out.problems.push_back("more than " + std::to_string(kMaxFatEntries) + " entries");
        return out;
      }
      Reader er(e);
      const std::uint32_t cluster = (std::uint32_t{*er.u16le(20)} << 16 | *er.u16le(26)) &
                                    (bits_ == 32 ? 0x0FFFFFFF : 0xFFFF);
      std::string path = d.path.empty() ? name : d.path + "/" + name;
      if (attr & kAttrDirectory) {
        ++out.directories;
        if (d.depth + 1 > kMaxFatDepth) {
          out.problems.push_back("directory \"" + path + "\" deeper than the cap, not read");
        } else if (cluster >= 2 && visited.insert(cluster).second) {
          queue.push_back({cluster, std::move(path), d.depth + 1});
        } else if (cluster >= 2) {
          out.problems.push_back("directory \"" + path + "\" loops to one already read");
        }
        continue;
      }
      out.files.push_back(
          {std::move(path), *er.u32le(28), cluster, (attr & (kAttrHidden | kAttrSystem)) != 0});
    }
  }
  return out;
}

Result<Bytes> FatVolume::read_file(const FatFile& f, std::uint64_t cap, bool& capped) const {
  capped = false;
  const std::uint64_t want = std::min(f.size, cap);
  capped = f.size > cap;
  Bytes out;
  if (want == 0) return out;
  std::string problem;
  auto clusters = chain(f.first_cluster, (want + cluster_bytes_ - 1) / cluster_bytes_, problem);
  out.reserve(static_cast<std::size_t>(
      std::min<std::uint64_t>(want, std::uint64_t{clusters.size()} * cluster_bytes_)));
  for (std::uint32_t c : clusters) {  // bounded by want / cluster_bytes_
    const std::size_t take =
        static_cast<std::size_t>(std::min<std::uint64_t>(cluster_bytes_, want - out.size()));
    auto b = dev_->read(cluster_offset(c), take);
    if (!b) return Status::error(ErrorCode::kTruncated, "cluster past the end of the volume");
    out.insert(out.end(), b->begin(), b->end());
  }
  if (out.size() < want) {
    return Status::error(ErrorCode::kMalformed,
                         problem.empty() ? "cluster chain shorter than the file" : problem);
  }
  return out;
}

}  // namespace lg::disk

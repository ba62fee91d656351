// One disk image's walk: partition table, volume probing, FAT files and ISO/UDF volumes
// handed over, the output budget, facts and the disk-image judgement.
#include "analyzers/disk/disk_run.h"

#include <algorithm>

#include "analyzers/disk/disk_analyzer.h"
#include "core/file_type.h"
#include "core/ratio.h"
#include "formats/disk/fat.h"
#include "formats/disk/fs_volume.h"
#include "formats/disk/partition.h"

namespace lg {
namespace {

/// Entry names kept in the "entry_names" fact.
constexpr std::size_t kMaxNamesInFact = 100;

/// Why a volume was not listed, for the file_systems fact: kUnsupported when this process
/// cannot read it (its library not loaded, libyal.h), otherwise damage.
const char* not_read_why(const Status& s) {
  return s.code() == ErrorCode::kUnsupported ? " (not read)" : " (unreadable)";
}

// Volume signatures at their fixed offsets: NTFS and HFS+/HFSX as identify() knows them (the
// boot sector, the volume header at 1024), APFS (the container superblock's "NXSB" at 32),
// ISO 9660 (ECMA-119 8.1: "CD001" in the descriptor at sector 16) and UDF (ECMA-167 2/9.1:
// "BEA01" at the same place).
std::string probe(const disk::BlockDevice& dev) {
  auto head = dev.read(0, std::min<std::uint64_t>(dev.size(), 0x8006));
  if (!head) return "";
  Reader r(*head);
  if (disk::is_fat_boot_sector(r.subspan(0, std::min<std::size_t>(r.size(), 512)).value())) {
    return "fat";
  }
  const FileType type = identify(*head);
  if (type == FileType::kNtfs) return "ntfs";
  if (type == FileType::kHfsPlus) return "hfs+";
  if (disk::is_apfs_container(*head)) return "apfs";
  if (r.starts_with_at(0x8001, "CD001")) return "iso9660";
  if (r.starts_with_at(0x8001, "BEA01")) return "udf";
  return "";
}

}  // namespace

DiskRun::DiskRun(ByteView object, Context& ctx) : object_(object), ctx_(ctx) {
  const Limits& lim = ctx.limits();
  budget_ = std::min<std::uint64_t>(
      lim.max_total_bytes,
      std::max(kDiskRatioFloorBytes, ratio_bytes(lim.max_ratio, object.size())));
}

std::uint64_t DiskRun::object_cap() const {
  return std::min<std::uint64_t>(ctx_.limits().max_object_bytes, budget_);
}

void DiskRun::limit(const std::string& kind, std::string detail) {
  if (!limits_reported_.insert(kind).second) return;  // once per kind and image
  ctx_.finding(Symbol::LIMIT_EXCEEDED, {kind, std::move(detail)});
}

void DiskRun::walk_disk(const disk::BlockDevice& dev, const std::string& label) {
  if (!probe(dev).empty()) {
    walk_volume(dev, label);
    return;
  }
  disk::PartitionTable table = disk::read_partition_table(dev);
  for (const auto& p : table.problems) ctx_.anomaly(label + ": " + p);
  if (table.scheme.empty()) {
    file_systems_.push_back(label + ": no partition table or known file system");
    return;
  }
  if (scheme_.empty()) scheme_ = table.scheme;
  std::size_t index = 0;
  for (const auto& p : table.partitions) {  // at most 4 (MBR) or kMaxGptEntries (GPT)
    if (stop_ || ctx_.should_stop()) break;
    const std::string name =
        label + (label.empty() ? "" : "/") + "partition" + std::to_string(++index);
    std::string line = name + ": " + p.scheme + " type " + p.type + " at " +
                       std::to_string(p.offset) + ", " + std::to_string(p.length) + " bytes";
    if (!p.name.empty()) line += ", \"" + p.name + "\"";
    partitions_.push_back(std::move(line));
    disk::SliceDevice part(dev, p.offset, p.length);
    if (p.type == disk::kApfsPartitionType && probe(part) != "apfs") {
      ctx_.anomaly(name + ": APFS partition type but no container superblock");
    }
    walk_volume(part, name);
  }
}

void DiskRun::walk_volume(const disk::BlockDevice& dev, const std::string& label) {
  const std::string kind = probe(dev);
  const std::string where = label.empty() ? std::string("volume") : label;
  if (kind == "fat") {
    walk_fat(dev, where);
  } else if (kind == "ntfs" || kind == "hfs+") {
    walk_fs(dev, where, kind);
  } else if (kind == "apfs") {
    walk_apfs(dev, where);
  } else if (kind == "iso9660" || kind == "udf") {
    hand_over_volume(dev, where, kind);
  } else if (!kind.empty()) {
    file_systems_.push_back(where + ": " + kind + " (not read)");
  } else {
    file_systems_.push_back(where + ": unknown");
  }
}

void DiskRun::walk_fat(const disk::BlockDevice& dev, const std::string& label) {
  auto vol = disk::FatVolume::open(dev);
  if (!vol) {
    file_systems_.push_back(label + ": FAT (unreadable)");
    ctx_.anomaly(label + ": " + vol.status().message());
    return;
  }
  file_systems_.push_back(label + ": " + vol->kind());
  if (entries_.size() >= disk::kMaxFatEntries) {  // several volumes: one cap for the image
    limit("image_entries", "more than " + std::to_string(disk::kMaxFatEntries) + " entries");
    return;
  }
  disk::FatListing listing = vol->list();
  for (const auto& p : listing.problems) ctx_.anomaly(label + ": " + p);
  take_files(listing.files, label, [&](const disk::FatFile& f, std::uint64_t cap, bool& capped) {
    return vol->read_file(f, cap, capped);
  });
}

void DiskRun::walk_fs(const disk::BlockDevice& dev, const std::string& label,
                      const std::string& kind) {
  auto stop = [this] { return ctx_.should_stop(); };
  auto vol = kind == "ntfs" ? disk::open_ntfs(dev, stop) : disk::open_hfs(dev, stop);
  if (!vol) {
    file_systems_.push_back(label + ": " + kind + not_read_why(vol.status()));
    ctx_.anomaly(label + ": " + vol.status().message());
    return;
  }
  read_fs(**vol, label);
}

void DiskRun::walk_apfs(const disk::BlockDevice& dev, const std::string& label) {
  auto volumes = disk::open_apfs(dev, [this] { return ctx_.should_stop(); });
  if (!volumes) {
    file_systems_.push_back(label + ": apfs" + not_read_why(volumes.status()));
    ctx_.anomaly(label + ": " + volumes.status().message());
    return;
  }
  if (volumes->empty()) file_systems_.push_back(label + ": APFS container without volumes");
  std::size_t index = 0;
  for (auto& slot : *volumes) {  // at most disk::kMaxApfsVolumes
    const std::string name = label + "/volume" + std::to_string(++index);
    if (stop_ || ctx_.should_stop()) break;
    if (slot.volume) {
      read_fs(*slot.volume, name);
    } else {
      file_systems_.push_back(name + ": APFS " + slot.problem);
    }
  }
}

void DiskRun::read_fs(disk::FsVolume& fs, const std::string& label) {
  const std::string name = fs.label();
  file_systems_.push_back(label + ": " + fs.kind() + (name.empty() ? "" : " \"" + name + "\""));
  if (entries_.size() >= disk::kMaxVolumeEntries) {  // several volumes: one cap for the image
    limit("image_entries", "more than " + std::to_string(disk::kMaxVolumeEntries) + " entries");
    return;
  }
  disk::VolumeListing listing = fs.list();
  for (const auto& p : listing.problems) ctx_.anomaly(label + ": " + p);
  for (const auto& f : listing.files) {  // bounded by disk::kMaxVolumeEntries
    for (const auto& s : f.streams) {
      if (streams_.size() < kMaxNamesInFact) streams_.push_back(f.path + ":" + s);
    }
  }
  take_files(listing.files, label, [&](const disk::VolumeFile& f, std::uint64_t cap, bool& capped) {
    return fs.read_file(f, cap, capped);
  });
  if (fs.budget_refused()) {
    limit("volume_reads", label + ": the file-system library read more than " +
                              std::to_string(disk::kMaxVolumeReadBytes) +
                              " bytes or the scan stopped");
  }
}

template <class File, class ReadFile>
void DiskRun::take_files(const std::vector<File>& files, const std::string& label,
                         ReadFile read_file) {
  for (const auto& f : files) {  // bounded by the reader's entry cap
    if (f.hidden && hidden_.size() < kMaxNamesInFact) hidden_.push_back(f.path);
    disk::ImageEntry entry{f.path, FileType::kUnknown};
    if (stop_ || ctx_.should_stop()) {
      stop_ = true;
      entries_.push_back(std::move(entry));
      continue;
    }
    if (files_ >= kMaxDiskImageFiles) {
      limit("image_files", "more than " + std::to_string(kMaxDiskImageFiles) + " files");
      entries_.push_back(std::move(entry));
      continue;
    }
    const std::uint64_t cap = object_cap();
    if (f.size > cap) {
      limit("entry_size",
            f.path + " declares " + std::to_string(f.size) + " bytes, over " + std::to_string(cap));
      entries_.push_back(std::move(entry));
      continue;
    }
    bool capped = false;
    auto data = read_file(f, cap, capped);
    if (!data) {
      ctx_.anomaly(label + ": \"" + f.path + "\" unreadable: " + data.status().message());
      entries_.push_back(std::move(entry));
      continue;
    }
    entry.type = identify(*data);  // cheap: a bounded look at the content
    entries_.push_back(std::move(entry));
    ++files_;
    budget_ -= std::min<std::uint64_t>(budget_, data->size());
    emit({"entry", f.path, "", object_.size()}, std::move(*data));
  }
}

void DiskRun::hand_over_volume(const disk::BlockDevice& dev, const std::string& label,
                               const std::string& kind) {
  file_systems_.push_back(label + ": " + kind);
  if (dev.size() > object_cap()) {
    limit("volume_size", label + " (" + kind + ") of " + std::to_string(dev.size()) +
                             " bytes, over " + std::to_string(object_cap()));
    return;
  }
  auto data = dev.read(0, static_cast<std::size_t>(dev.size()));
  if (!data) {
    ctx_.anomaly(label + ": " + kind + " volume unreadable");
    return;
  }
  budget_ -= std::min<std::uint64_t>(budget_, data->size());
  std::string name = label;
  std::replace(name.begin(), name.end(), '/', '_');
  emit({"volume", name + ".iso", "", object_.size()}, std::move(*data));
}

bool DiskRun::emit(ChildInfo info, Bytes data) {
  if (stop_) return false;
  if (!ctx_.child(std::move(info), std::move(data)).is_ok()) {
    stop_ = true;  // a limit refused it (the engine reported it): no more children
    return false;
  }
  return true;
}

void DiskRun::report() {
  if (!scheme_.empty()) ctx_.fact("partition_scheme", scheme_);
  if (!partitions_.empty()) ctx_.fact("partitions", partitions_);
  ctx_.fact("file_systems", file_systems_);
  ctx_.fact("entries", static_cast<std::int64_t>(entries_.size()));
  std::vector<std::string> names;
  for (std::size_t i = 0; i < entries_.size() && i < kMaxNamesInFact; ++i) {
    names.push_back(entries_[i].path);
  }
  ctx_.fact("entry_names", std::move(names));
  if (!hidden_.empty()) ctx_.fact("hidden_entries", hidden_);
  if (!streams_.empty()) ctx_.fact("alternate_streams", streams_);
  if (auto v = disk::judge_disk_image(entries_)) ctx_.finding(v->symbol, std::move(v->evidence));
}

}  // namespace lg

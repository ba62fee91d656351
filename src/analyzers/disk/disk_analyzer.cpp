// VHD, VHDX and DMG: open the image through src/formats/disk, report what it is, then walk
// its partitions and volumes (disk_run.cpp).
#include "analyzers/disk/disk_analyzer.h"

#include <algorithm>

#include "analyzers/disk/disk_run.h"
#include "formats/disk/dmg.h"
#include "formats/disk/vhd.h"
#include "formats/disk/vhdx.h"

namespace lg {
namespace {

const char* vhd_type_name(disk::VhdDiskType t) {
  switch (t) {
    case disk::VhdDiskType::kFixed:
      return "fixed";
    case disk::VhdDiskType::kDynamic:
      return "dynamic";
    case disk::VhdDiskType::kDifferencing:
      return "differencing";
  }
  return "unknown";
}

void analyze_vhd(ByteView object, Context& ctx, DiskRun& run) {
  ctx.fact("format", std::string("vhd"));
  auto img = disk::VhdImage::open(object);
  if (!img) {
    if (img.status().code() == ErrorCode::kLimit) {
      run.limit("vhd_table", img.status().message());
    } else {
      ctx.anomaly("VHD: " + img.status().message());
    }
    return;
  }
  const disk::VhdInfo& info = (*img)->info();
  ctx.fact("disk_type", std::string(vhd_type_name(info.type)));
  ctx.fact("virtual_size", static_cast<std::int64_t>(info.current_size));
  ctx.fact("creator", info.creator);
  if (info.type != disk::VhdDiskType::kFixed) {
    ctx.fact("allocated_blocks", static_cast<std::int64_t>(info.allocated_blocks));
  }
  if (info.type == disk::VhdDiskType::kDifferencing) {
    ctx.fact("parent", info.parent_name);
    ctx.anomaly("differencing VHD: blocks of the parent \"" + info.parent_name +
                "\" are not here and read as zeros");
  }
  run.walk_disk(**img, "");
}

void analyze_vhdx(ByteView object, Context& ctx, DiskRun& run) {
  ctx.fact("format", std::string("vhdx"));
  auto img = disk::VhdxImage::open(object);
  if (!img) {
    if (img.status().code() == ErrorCode::kLimit) {
      run.limit("vhdx_table", img.status().message());
    } else {
      ctx.anomaly("VHDX: " + img.status().message());
    }
    return;
  }
  const disk::VhdxInfo& info = (*img)->info();
  ctx.fact("disk_type", std::string(info.has_parent ? "differencing" : "dynamic or fixed"));
  ctx.fact("virtual_size", static_cast<std::int64_t>(info.virtual_size));
  ctx.fact("present_blocks", static_cast<std::int64_t>(info.present_blocks));
  run.walk_disk(**img, "");
}

void analyze_dmg(ByteView object, Context& ctx, DiskRun& run) {
  ctx.fact("format", std::string("dmg"));
  if (disk::is_encrypted_dmg(object)) {
    ctx.fact("encrypted", true);
    ctx.finding(Symbol::ARCHIVE_ENCRYPTED,
                {"(encrypted disk image)", "an encrypted DMG: its content cannot be read"});
    return;
  }
  auto img = disk::parse_dmg(object);
  if (!img) {
    ctx.anomaly("DMG: " + img.status().message());
    return;
  }
  ctx.fact("encrypted", false);
  ctx.fact("virtual_size", static_cast<std::int64_t>(img->sector_count * 512));
  for (const auto& p : img->problems) ctx.anomaly("DMG: " + p);
  std::vector<std::string> parts;
  for (const auto& p : img->partitions) {
    std::string line =
        p.name + ": sectors " + std::to_string(p.first_sector) + "+" + std::to_string(p.sectors);
    std::vector<std::string> types;
    for (const auto& c : p.chunks) {  // bounded by disk::kMaxDmgChunks
      std::string t = disk::dmg_chunk_type_name(c.type);
      if (std::find(types.begin(), types.end(), t) == types.end() && types.size() < 8) {
        types.push_back(t);
      }
    }
    for (std::size_t i = 0; i < types.size(); ++i) line += (i == 0 ? ", " : "/") + types[i];
    parts.push_back(std::move(line));
  }
  ctx.fact("partitions", parts);
  // A reassembled partition is working memory, not output: it is bounded by max_object_bytes
  // each and max_total_bytes together (compressed volumes are mostly zeros, so the ratio cap
  // for output would refuse ordinary images); the files found in it count as output.
  const Limits& lim = ctx.limits();
  std::uint64_t materialized = 0;
  std::size_t index = 0;
  for (const auto& p : img->partitions) {  // at most disk::kMaxDmgPartitions
    ++index;
    if (run.stopped() || ctx.should_stop()) break;
    if (p.sectors < 64) continue;  // maps, headers and free space, not volumes (32 KiB)
    const std::uint64_t bytes = p.sectors > UINT64_MAX / 512 ? UINT64_MAX : p.sectors * 512;
    if (bytes > lim.max_object_bytes || bytes > lim.max_total_bytes - materialized) {
      run.limit("volume_size", p.name + " of " + std::to_string(bytes) +
                                   " bytes, over the object or total size limit");
      continue;
    }
    materialized += bytes;
    auto part = disk::reassemble_dmg_partition(object, p, bytes);
    if (!part) {
      ctx.anomaly("DMG " + p.name + ": " + part.status().message());
      continue;
    }
    for (const auto& problem : part->problems) ctx.anomaly("DMG " + p.name + ": " + problem);
    disk::MemoryDevice dev(part->data);
    run.walk_disk(dev, "partition" + std::to_string(index));
  }
}

}  // namespace

Status DiskImageAnalyzer::analyze(ByteView object, Context& ctx) {
  DiskRun run(object, ctx);
  switch (type_) {
    case FileType::kVhd:
      analyze_vhd(object, ctx, run);
      break;
    case FileType::kVhdx:
      analyze_vhdx(object, ctx, run);
      break;
    case FileType::kDmg:
      analyze_dmg(object, ctx, run);
      break;
    case FileType::kNtfs:
    case FileType::kHfsPlus:
    case FileType::kApfs: {  // a bare volume or APFS container
      ctx.fact("format", std::string(file_type_name(type_)));
      disk::MemoryDevice dev(object);
      run.walk_disk(dev, "");
      break;
    }
    default:
      return Status::error(ErrorCode::kUnsupported, "not a disk image type");
  }
  run.report();
  return Status::ok();
}

}  // namespace lg

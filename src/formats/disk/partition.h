#pragma once
/// Partition tables: the MBR's four primary entries (UEFI 2.10 5.2.1, "Legacy Master Boot
/// Record") and the GPT (UEFI 2.10 5.3: header at LBA 1, partition entry array). Extended
/// (logical) MBR partitions are listed, not followed.
#include <cstdint>
#include <string>
#include <vector>

#include "formats/disk/block_device.h"

namespace lg::disk {

/// GPT partition entries read at most (128 is what every writer uses).
inline constexpr std::uint32_t kMaxGptEntries = 256;

struct Partition {
  std::uint64_t offset = 0;  // bytes from the start of the disk
  std::uint64_t length = 0;  // bytes, clipped to the disk
  std::string scheme;        // "mbr" or "gpt"
  std::string type;          // "0x07" (MBR type) or the GPT type GUID, upper-case text
  std::string name;          // GPT partition name (UTF-8), empty for MBR
};

struct PartitionTable {
  std::string scheme;  // "mbr", "gpt", or "" when the disk has none
  std::vector<Partition> partitions;
  std::vector<std::string> problems;  // entries past the end, extended partitions not followed
};

/// Reads the partition table of a disk with `sector_size`-byte sectors (512 or 4096).
PartitionTable read_partition_table(const BlockDevice& disk, std::uint32_t sector_size = 512);

}  // namespace lg::disk

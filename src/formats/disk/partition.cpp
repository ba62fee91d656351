// MBR and GPT partition tables (UEFI Specification 2.10, 5.2 and 5.3).
#include "formats/disk/partition.h"

#include <algorithm>
#include <cstdio>

#include "core/utf8.h"

namespace lg::disk {
namespace {

std::string hex_byte(std::uint8_t b) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "0x%02X", b);
  return buf;
}

// The usual text form of a GUID stored with Data1..3 little-endian.
std::string guid_text(ByteView g) {
  char buf[40];
  std::snprintf(buf, sizeof buf,
                "%02X%02X%02X%02X-%02X%02X-%02X%02X-%02X%02X-%02X%02X%02X%02X%02X%02X", g[3], g[2],
                g[1], g[0], g[5], g[4], g[7], g[6], g[8], g[9], g[10], g[11], g[12], g[13], g[14],
                g[15]);
  return buf;
}

void add(PartitionTable& t, const BlockDevice& disk, Partition p) {
  if (p.offset >= disk.size()) {
    t.problems.push_back(p.scheme + " partition at " + std::to_string(p.offset) +
                         " starts past the end of the disk");
    return;
  }
  if (p.length > disk.size() - p.offset) {
    t.problems.push_back(p.scheme + " partition at " + std::to_string(p.offset) +
                         " clipped to the end of the disk");
    p.length = disk.size() - p.offset;
  }
  t.partitions.push_back(std::move(p));
}

// UEFI 5.3.2 GPT header and 5.3.3 GPT partition entry array.
void read_gpt(const BlockDevice& disk, std::uint32_t sector, PartitionTable& t) {
  auto hdr = disk.read(sector, 92);
  if (!hdr || !Reader(*hdr).starts_with_at(0, "EFI PART")) {
    t.problems.push_back("protective MBR without a GPT header");
    return;
  }
  Reader h(*hdr);
  const std::uint64_t entries_lba = *h.u64le(72);
  const std::uint32_t count = *h.u32le(80);
  const std::uint32_t entry_size = *h.u32le(84);
  if (entry_size < 128 || entry_size > 4096 || entry_size % 8 != 0) {
    t.problems.push_back("GPT entry size " + std::to_string(entry_size));
    return;
  }
  t.scheme = "gpt";
  if (count > kMaxGptEntries) t.problems.push_back("GPT entries past the cap not read");
  for (std::uint32_t i = 0; i < std::min(count, kMaxGptEntries); ++i) {
    if (entries_lba > disk.size() / sector) break;
    auto e = disk.read(entries_lba * sector + std::uint64_t{i} * entry_size, 128);
    if (!e) break;
    Reader er(*e);
    bool unused = true;
    for (std::size_t k = 0; k < 16; ++k) unused = unused && (*e)[k] == 0;
    if (unused) continue;
    const std::uint64_t first = *er.u64le(32), last = *er.u64le(40);
    if (last < first || first > disk.size() / sector) {
      t.problems.push_back("GPT entry " + std::to_string(i) + " has a bad range");
      continue;
    }
    const std::uint64_t sectors = std::min(last - first + 1, disk.size() / sector);
    add(t, disk,
        {first * sector, sectors * sector, "gpt", guid_text(ByteView(*e).subspan(0, 16)),
         utf16le_to_utf8(ByteView(*e).subspan(56, 72), true)});
  }
}

}  // namespace

PartitionTable read_partition_table(const BlockDevice& disk, std::uint32_t sector) {
  PartitionTable t;
  auto mbr = disk.read(0, 512);
  if (!mbr) return t;
  Reader m(*mbr);
  if (*m.u16le(510) != 0xAA55) return t;
  // Four 16-byte entries at 446: boot indicator (0x00 or 0x80), type at 4, LBA at 8, count
  // at 12. Anything else in the boot indicator means this sector is not an MBR.
  for (std::size_t i = 0; i < 4; ++i) {
    std::uint8_t boot = *m.u8(446 + i * 16);
    if (boot != 0 && boot != 0x80) return t;
  }
  for (std::size_t i = 0; i < 4; ++i) {
    const std::size_t at = 446 + i * 16;
    const std::uint8_t type = *m.u8(at + 4);
    if (type == 0) continue;
    if (type == 0xEE) {  // 5.2.3 protective MBR: the GPT follows at LBA 1
      t.partitions.clear();
      read_gpt(disk, sector, t);
      return t;
    }
    t.scheme = "mbr";
    if (type == 0x05 || type == 0x0F || type == 0x85) {
      t.problems.push_back("extended partition " + std::to_string(i + 1) + " not followed");
      continue;
    }
    const std::uint64_t lba = *m.u32le(at + 8), count = *m.u32le(at + 12);
    if (count == 0) continue;
    add(t, disk, {lba * sector, count * sector, "mbr", hex_byte(type), ""});
  }
  return t;
}

}  // namespace lg::disk

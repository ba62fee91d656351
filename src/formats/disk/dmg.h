#pragma once
/// Apple UDIF disk images (.dmg). Apple publishes no specification; the layout below is the
/// one documented by the open readers (libyal libmodi "Mac OS disk image formats", dmg2img):
/// the 512-byte "koly" trailer, an XML property list whose resource-fork "blkx" array holds
/// one "mish" block table per partition (base64), and chunks of raw, zero-filled, ADC, zlib,
/// bzip2 or LZFSE data. Encrypted images ("encrcdsa" header, or the older "cdsaencr" trailer)
/// are recognized only.
#include <cstdint>
#include <string>
#include <vector>

#include "core/bytes.h"
#include "core/status.h"

namespace lg::disk {

/// Partitions ("blkx" entries) read at most.
inline constexpr std::size_t kMaxDmgPartitions = 64;
/// Chunks per partition read at most.
inline constexpr std::uint32_t kMaxDmgChunks = 1u << 18;
/// Bytes of XML property list parsed at most.
inline constexpr std::uint64_t kMaxDmgPlistBytes = 16u << 20;

/// Chunk types of the mish block table.
enum class DmgChunkType : std::uint32_t {
  kZeroFill = 0,
  kRaw = 1,
  kIgnore = 2,
  kAdc = 0x80000004,
  kZlib = 0x80000005,
  kBzip2 = 0x80000006,
  kLzfse = 0x80000007,
  kLzma = 0x80000008,
  kComment = 0x7FFFFFFE,
  kTerminator = 0xFFFFFFFF,
};

struct DmgChunk {
  std::uint32_t type = 0;
  std::uint64_t sector = 0;   // first sector, relative to the partition
  std::uint64_t sectors = 0;  // 512-byte sectors produced
  std::uint64_t offset = 0;   // in the file
  std::uint64_t length = 0;   // compressed bytes
};

struct DmgPartition {
  std::string name;  // "Apple_HFS : 4", "disk image (Apple_HFS : 4)", ...
  std::uint64_t first_sector = 0;
  std::uint64_t sectors = 0;
  std::vector<DmgChunk> chunks;
};

struct DmgImage {
  std::uint32_t version = 0;
  std::uint32_t image_variant = 0;
  std::uint64_t sector_count = 0;
  std::vector<DmgPartition> partitions;
  std::vector<std::string> problems;
};

/// "encrcdsa" at the start (version 2) or "cdsaencr" at the end (version 1).
bool is_encrypted_dmg(ByteView file);

/// Reads the trailer, the property list and each partition's block table.
[[nodiscard]] Result<DmgImage> parse_dmg(ByteView file);

/// A name for a chunk type ("zlib", "lzfse", "0x12345678").
std::string dmg_chunk_type_name(std::uint32_t type);

struct DmgPartitionImage {
  Bytes data;                         // partition.sectors * 512 bytes, when not capped
  std::vector<std::string> problems;  // unsupported chunk types, damaged chunks
};

/// Reassembles a partition from its chunks. Error (kLimit) when the partition is larger than
/// `max_out`; chunks that cannot be decoded (LZFSE, LZMA, damage) leave zeros and a problem.
[[nodiscard]] Result<DmgPartitionImage> reassemble_dmg_partition(ByteView file,
                                                                 const DmgPartition& p,
                                                                 std::uint64_t max_out);

}  // namespace lg::disk

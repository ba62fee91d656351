#pragma once
/// The entry list of the archive formats no Debian library reads (ALZ, EGG: ESTsoft ALZip;
/// ARJ), read by alz_reader.cpp, egg_reader.cpp and arj_reader.cpp without decompressing, and
/// the extraction of one entry (stored, raw deflate, ARJ methods 1-4; other methods are listed,
/// not opened). All keep names, sizes and CRC-32s in local headers followed by the data, much
/// as ZIP does.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/bytes.h"
#include "core/status.h"

namespace lg {

/// Most entries read from one archive (either format).
inline constexpr std::size_t kMaxPackedEntries = 100'000;
/// Most records (headers, sub-headers) read from one archive; each is at least 4 bytes.
inline constexpr std::size_t kMaxPackedRecords = 1'000'000;
/// Most data blocks of one EGG entry (EGG splits files of 4 GiB and more into blocks).
inline constexpr std::size_t kMaxPackedBlocks = 4096;
/// Longest name kept (bytes); longer ones are cut.
inline constexpr std::size_t kMaxPackedName = 4096;

enum class PackedMethod {
  kStored,
  kDeflate,
  kBzip2,
  kAlzBzip2,
  kAzo,
  kLzma,
  kArj,         // ARJ methods 1-3 (raw_method tells which; one decoder)
  kArjFastest,  // ARJ method 4
  kUnknown
};
/// "stored", "deflate", "bzip2", "alz-bzip2", "azo", "lzma", "arj", "arj-fastest", "unknown".
const char* packed_method_name(PackedMethod m);

/// One run of compressed bytes with what it decompresses to.
struct PackedBlock {
  PackedMethod method = PackedMethod::kStored;
  int raw_method = 0;      // the number in the header
  ByteView data;           // inside the archive buffer; shorter than declared when truncated
  std::uint64_t size = 0;  // uncompressed
  std::uint32_t crc = 0;   // CRC-32 of the uncompressed bytes
  bool truncated = false;  // the declared packed size runs past the end of the buffer
};

struct PackedEntry {
  std::string name;        // raw name bytes, '\\' turned into '/'
  bool utf8_name = false;  // the format says the name is UTF-8 (EGG); else CP949 is likely
  bool directory = false;
  bool encrypted = false;
  std::uint64_t size = 0;  // uncompressed, as declared
  std::vector<PackedBlock> blocks;
  /// Traditional PKWARE encryption (APPNOTE 6.1), which both formats use: the 12-byte
  /// encryption header and the byte its last decrypted byte must equal; empty otherwise.
  ByteView zip_crypto_header;
  std::uint8_t zip_crypto_check = 0;
};

struct PackedArchive {
  std::vector<PackedEntry> entries;
  std::vector<std::string> anomalies;  // damage met on the way (reading stops there)
  bool solid = false;                  // EGG solid archive: blocks share one stream
  bool ended = false;                  // the end record was reached
  bool capped = false;                 // kMaxPackedEntries reached
};

/// Points `b.data` at the `packed` bytes from offset `at` of `archive`, clipped to its end;
/// sets and returns `b.truncated` when the declared size runs past the end.
bool place_block_data(ByteView archive, std::size_t at, std::uint64_t packed, PackedBlock& b);

/// The block a header describes: method (`raw_method` as written, `method` as understood),
/// uncompressed `size` and `crc`, and its `packed` bytes placed at `at` (place_block_data).
PackedBlock packed_block(ByteView archive, std::size_t at, std::uint64_t packed, int raw_method,
                         PackedMethod method, std::uint64_t size, std::uint32_t crc);

/// The name as UTF-8: as is when valid UTF-8, else decoded as CP949 (the archivers' default).
std::string packed_entry_name(const PackedEntry& e);

struct PackedExtracted {
  Bytes data;
  bool capped = false;   // stopped at max_out
  bool damaged = false;  // a block was truncated or corrupt
  bool crc_ok = true;    // every complete block's CRC-32 matched
};

/// CRC-32 (ISO 3309, as ZIP, ARJ and EGG use it) of `data`.
std::uint32_t packed_crc32(ByteView data);

/// Decompresses an entry (every block supported, see packed_supported(), else kUnsupported), at
/// most `max_out` bytes. An encrypted entry needs `decrypted` (from zip_crypto_decrypt), else
/// kUnsupported.
Result<PackedExtracted> extract_packed(const PackedEntry& e, std::size_t max_out,
                                       const std::vector<Bytes>* decrypted = nullptr);

/// Decrypts an entry's blocks with the traditional PKWARE cipher (APPNOTE 6.1.5-6.1.6; the
/// keystream runs on from the 12-byte header through every block). nullopt when the entry has
/// no such header or the header's check byte says `password` is wrong.
std::optional<std::vector<Bytes>> zip_crypto_decrypt(const PackedEntry& e,
                                                     std::string_view password);

/// True when every block of `e` can be extracted here (stored, deflate, ARJ methods 1-4).
bool packed_supported(const PackedEntry& e);

}  // namespace lg

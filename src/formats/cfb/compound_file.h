#pragma once
/// The [MS-CFB] Compound File Binary reader (OLE2): versions 3 (512-byte sectors) and 4
/// (4096-byte sectors). Shared by the OLE/VBA, HWP and MSG analyzers, so it knows nothing of
/// what the streams mean.
///
/// Robust to broken and hostile files: cycles in sector chains, the DIFAT chain or the
/// directory tree, out-of-range sector numbers, truncated files and stream sizes that disagree
/// with their chains each become an anomaly (a short sentence in anomalies()), and reading goes
/// on with what is there. Every loop is bounded by the caps below or by the table it walks;
/// the directory tree is walked with an explicit stack and a visited set, never recursion.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/bytes.h"
#include "core/status.h"

namespace lg {

/// [MS-CFB] 2.6.1 object types.
enum class CfbObjectType : std::uint8_t {
  kUnallocated = 0,
  kStorage = 1,
  kStream = 2,
  kRoot = 5,
};

/// One [MS-CFB] 2.6 directory entry, with its place in the tree resolved.
struct CfbEntry {
  std::uint32_t id = 0;  // index in the directory
  std::string name;      // UTF-8 (control characters such as \x05 and \x01 kept as they are)
  CfbObjectType type = CfbObjectType::kUnallocated;
  std::uint32_t left = 0, right = 0, child = 0;  // raw sibling/child ids (kNoStream = none)
  std::string clsid;                             // "{xxxxxxxx-...}" upper case, "" when zero
  std::uint64_t created = 0, modified = 0;       // FILETIME (100 ns since 1601), 0 when unset
  std::uint32_t start_sector = 0;
  std::uint64_t size = 0;  // declared stream size (v3: low 32 bits only, [MS-CFB] 2.6.3)
  /// Parent storage id, or nullopt for the root and for entries the tree does not reach.
  std::optional<std::uint32_t> parent;
  bool reachable = false;   // reached from the root by the tree walk
  std::uint32_t depth = 0;  // 0 for the root, 1 for its children ...
  std::string path;         // "Macros/VBA/dir"; root is ""; unreachable entries: their name
};

/// A run of a stream's bytes in the file.
struct CfbExtent {
  std::size_t offset = 0;
  std::size_t length = 0;
};

class CompoundFile {
 public:
  static constexpr std::uint32_t kNoStream = 0xFFFFFFFF;
  static constexpr std::uint32_t kMaxRegSect = 0xFFFFFFFA;
  static constexpr std::uint32_t kDifSect = 0xFFFFFFFC;
  static constexpr std::uint32_t kFatSect = 0xFFFFFFFD;
  static constexpr std::uint32_t kEndOfChain = 0xFFFFFFFE;
  static constexpr std::uint32_t kFreeSect = 0xFFFFFFFF;
  /// Caps: directory entries read, tree depth, DIFAT sectors followed, anomalies kept.
  static constexpr std::uint32_t kMaxEntries = 65536;
  static constexpr std::uint32_t kMaxTreeDepth = 64;
  static constexpr std::uint32_t kMaxDifatSectors = 1u << 16;
  static constexpr std::size_t kMaxAnomalies = 64;

  /// Parses header, DIFAT, FAT, mini FAT and the directory of `data`. The view must outlive
  /// the CompoundFile (streams are read from it). Errors only when nothing usable is there
  /// (no signature, header truncated, sector size invalid, no directory at all).
  [[nodiscard]] static Result<CompoundFile> open(ByteView data);

  /// True when `data` starts with the [MS-CFB] 2.2 signature.
  static bool has_signature(ByteView data);

  std::uint16_t major_version() const { return major_version_; }
  std::uint32_t sector_size() const { return sector_size_; }
  /// Every directory entry read (allocated or not), indexed by id; entries()[0] is the root.
  const std::vector<CfbEntry>& entries() const { return entries_; }
  const CfbEntry& root() const { return entries_.front(); }
  /// Reachable entries in tree order (a storage before its children), by id.
  const std::vector<std::uint32_t>& walk_order() const { return walk_order_; }
  /// Children ids of a storage (reachable ones, in tree order).
  std::vector<std::uint32_t> children(std::uint32_t storage_id) const;
  /// The reachable entry at `path` ("Macros/VBA/dir", names compared case-insensitively as
  /// [MS-CFB] 2.6.4 orders them), or nullptr.
  const CfbEntry* find(std::string_view path) const;
  /// The reachable child of `storage_id` named `name` (case-insensitive), or nullptr.
  const CfbEntry* find_child(std::uint32_t storage_id, std::string_view name) const;

  /// Reads a stream's bytes, at most `max_bytes`: from the mini stream when its declared size is
  /// below the cutoff, else from the FAT chain. A chain shorter than the size, a cycle or an
  /// out-of-range sector yields the bytes read so far and an anomaly (appended to `anomalies`
  /// when given). Errors: not a stream (or root), start sector unusable.
  [[nodiscard]] Result<Bytes> read_stream(const CfbEntry& entry, std::size_t max_bytes,
                                          std::vector<std::string>* anomalies = nullptr) const;

  /// Where a stream's bytes lie in the file: (file offset, length) runs, in stream order,
  /// covering exactly its declared size, so that a transformed stream of the same length can
  /// be written back in place (decrypted Office streams). Errors: not a stream, or a chain
  /// that does not cover the size (cycle, out-of-range sector, truncated file).
  [[nodiscard]] Result<std::vector<CfbExtent>> stream_extents(const CfbEntry& entry) const;

  /// What was wrong with the file, in order found (at most kMaxAnomalies).
  const std::vector<std::string>& anomalies() const { return anomalies_; }
  /// Entries with an allocated type that the tree walk never reached (orphans).
  std::uint32_t orphan_count() const { return orphan_count_; }

 private:
  explicit CompoundFile(ByteView data) : data_(data) {}
  void note(std::string what);
  Status read_header();
  void read_fat();
  void read_minifat();
  Status read_directory();
  void walk_tree();
  /// Follows a chain in `table` from `start`, at most `max_links` sectors; stops at cycles and
  /// out-of-range values with an anomaly.
  std::vector<std::uint32_t> chain(const std::vector<std::uint32_t>& table, std::uint32_t start,
                                   std::size_t max_links, std::string_view what,
                                   std::vector<std::string>* anomalies) const;
  /// Bytes of sector `n` (a short view at the end of a truncated file; empty when out of file).
  ByteView sector(std::uint32_t n) const;
  void load_mini_stream(std::vector<std::string>* anomalies) const;

  ByteView data_;
  std::uint16_t major_version_ = 0;
  std::uint32_t sector_size_ = 512;
  std::uint32_t mini_sector_size_ = 64;
  std::uint32_t mini_cutoff_ = 4096;
  std::uint32_t num_fat_sectors_ = 0;
  std::uint32_t first_dir_sector_ = kEndOfChain;
  std::uint32_t first_minifat_sector_ = kEndOfChain;
  std::uint32_t num_minifat_sectors_ = 0;
  std::uint32_t first_difat_sector_ = kEndOfChain;
  std::uint32_t num_difat_sectors_ = 0;
  std::vector<std::uint32_t> fat_;
  std::vector<std::uint32_t> minifat_;
  std::vector<CfbEntry> entries_;
  std::vector<std::uint32_t> walk_order_;
  std::vector<std::vector<std::uint32_t>> children_;  // per entry id, reachable children
  std::vector<std::string> anomalies_;
  std::uint32_t orphan_count_ = 0;
  // The mini stream is read once, on first use ([MS-CFB] 2.6.3: the root's chain).
  mutable bool mini_loaded_ = false;
  mutable Bytes mini_stream_;
  mutable std::vector<std::uint32_t> mini_sectors_;  // the mini stream's chain in the FAT
  // Cycle detection without per-chain allocation: visit stamps per FAT entry.
  mutable std::vector<std::uint32_t> stamps_;
  mutable std::uint32_t stamp_ = 0;
};

}  // namespace lg

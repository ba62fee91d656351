#pragma once
/// Internal to ArchiveAnalyzer: the state of one analysis (which entries were handed over,
/// which stayed closed, the output budget). archive_run.cpp drives libarchive and passwords;
/// archive_zip.cpp adds the ZIP walker's findings and recovered entries.
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "analyzers/archive/libarchive_reader.h"
#include "core/analyzer.h"
#include "core/file_type.h"
#include "formats/zip/zip_walker.h"

namespace lg {

class ArchiveRun {
 public:
  ArchiveRun(FileType type, ByteView object, Context& ctx);
  [[nodiscard]] Status run();

 private:
  struct PassResult {
    bool opened = false;
    bool completed = false;      // reached the end of the headers
    std::size_t opened_now = 0;  // encrypted entries read in this pass
  };

  PassResult libarchive_pass(const std::string* password);
  void read_entry(LibarchiveReader& rd, std::size_t index, const ArchiveEntryHeader& h,
                  const std::string* password, PassResult& pass);
  void try_passwords();
  /// Hands over a child; false (and stop_) when the engine refused it.
  bool emit(std::string name, Bytes data, std::uint64_t source_size);
  /// The cap for one entry's output, given its ZIP compressed size when known.
  std::uint64_t entry_cap(std::optional<std::uint64_t> compressed) const;
  void limit(const std::string& kind, std::string detail);
  void report();

  // archive_zip.cpp
  void zip_walk();          // walks and reports the issues found
  bool zip_overlap_bomb();  // true for a bomb: only disjoint entries are extracted
  void zip_recover();       // entries libarchive did not deliver
  std::string zip_name(const zip::Entry& e) const;

  FileType type_;
  ByteView object_;
  Context& ctx_;
  bool stop_ = false;
  std::uint64_t budget_ = 0;  // output bytes this archive may still produce
  std::string format_;
  std::string libarchive_error_;
  bool libarchive_completed_ = false;
  std::size_t libarchive_failed_ = 0;  // entries libarchive could not read (not encryption)
  std::size_t listed_ = 0;             // entries whose headers were recorded
  std::vector<std::string> files_;     // regular files, in order
  std::size_t encrypted_ = 0;
  std::unordered_set<std::size_t> emitted_;  // libarchive entry indexes handed over
  std::unordered_set<std::string> emitted_names_;
  std::unordered_set<std::string> refused_names_;  // over a cap: not recovered either
  std::map<std::size_t, std::string> closed_;      // encrypted entries not opened yet: names
  bool closed_unknown_ = false;  // encrypted headers: nothing is listed without a password
  std::size_t passwords_tried_ = 0;
  std::optional<std::string> password_;
  std::set<std::string> limits_reported_;
  std::optional<zip::Archive> zip_;
  std::unordered_map<std::string, std::size_t> zip_by_name_;  // decoded name -> entry index
};

/// ratio * size, saturated at UINT64_MAX (the ratio limit applied to a compressed size).
std::uint64_t saturating_ratio(double ratio, std::uint64_t size);

/// The original file name in a gzip member header ([RFC 1952] 2.3.1, FLG.FNAME, ISO 8859-1),
/// as UTF-8; "" when absent.
std::string gzip_original_name(ByteView data);

}  // namespace lg

#pragma once
/// Internal to libyal_volume.h: the one breadth-first walk of a volume's directory tree
/// and the one bounded file read, over a file-system library described by `Fs`:
///   using Entry = <the library's file entry type>;
///   Entry* root(std::string& err);  Entry* by_id(std::uint64_t id, std::string& err);
///   int children(Entry*);  Entry* child(Entry*, int i, std::string& err);  void release(Entry*);
///   std::optional<Node> describe(Entry*, bool at_root);   // nullopt: metadata, not listed
///   long long read(Entry*, std::uint8_t* buf, std::size_t n);  // < 0 on error
///   bool stopped();
#include <algorithm>
#include <deque>
#include <optional>
#include <unordered_set>

#include "core/bytes.h"
#include "core/status.h"
#include "formats/disk/volume_files.h"

namespace lg::disk::walk {

/// Child entries looked at per volume at most, listed or not (a directory of skipped or
/// repeated names must not keep the walk busy).
inline constexpr std::size_t kMaxVisits = 4 * kMaxVolumeEntries;
/// Bytes asked of the library per read call.
inline constexpr std::size_t kReadChunk = 1u << 20;

enum class Kind { kDirectory, kFile, kOther };

struct Node {
  std::string name;
  std::uint64_t id = 0;
  Kind kind = Kind::kOther;
  std::uint64_t size = 0;
  bool hidden = false;
  std::vector<std::string> streams;
};

/// Releases a library entry when it goes out of scope.
template <class Fs>
class Held {
 public:
  Held(Fs& fs, typename Fs::Entry* e) : fs_(fs), e_(e) {}
  ~Held() {
    if (e_ != nullptr) fs_.release(e_);
  }
  Held(const Held&) = delete;
  Held& operator=(const Held&) = delete;
  typename Fs::Entry* get() const { return e_; }

 private:
  Fs& fs_;
  typename Fs::Entry* e_;
};

template <class Fs>
VolumeListing list_tree(Fs& fs) {
  VolumeListing out;
  struct Dir {
    std::optional<std::uint64_t> id;  // nullopt: the root
    std::string path;
    std::size_t depth;
  };
  std::deque<Dir> queue{{std::nullopt, "", 0}};
  std::unordered_set<std::uint64_t> walked;  // directories, so that a loop is read once
  std::size_t entries = 0, visits = 0;
  while (!queue.empty()) {
    Dir d = std::move(queue.front());
    queue.pop_front();
    if (fs.stopped()) {
      out.problems.push_back("stopped before the whole tree was read");
      break;
    }
    std::string err;
    Held<Fs> dir(fs, d.id ? fs.by_id(*d.id, err) : fs.root(err));
    if (dir.get() == nullptr) {
      out.problems.push_back("directory \"" + d.path + "\" unreadable: " + err);
      continue;
    }
    const int n = fs.children(dir.get());
    if (n < 0) out.problems.push_back("directory \"" + d.path + "\": entries unreadable");
    std::unordered_set<std::uint64_t> in_dir;  // NTFS lists a file under its long and 8.3 names
    for (int i = 0; i < n; ++i) {
      if (entries >= kMaxVolumeEntries || visits >= kMaxVisits) {
        out.problems.push_back("more than " + std::to_string(kMaxVolumeEntries) +
                               " entries, the rest not listed");
        return out;
      }
      ++visits;
      Held<Fs> child(fs, fs.child(dir.get(), i, err));
      if (child.get() == nullptr) {
        out.problems.push_back("entry " + std::to_string(i) + " of \"" + d.path +
                               "\" unreadable: " + err);
        continue;
      }
      std::optional<Node> node = fs.describe(child.get(), !d.id.has_value());
      if (!node || node->name.empty() || !in_dir.insert(node->id).second) continue;
      ++entries;
      std::string path = d.path.empty() ? node->name : d.path + "/" + node->name;
      if (node->kind == Kind::kDirectory) {
        ++out.directories;
        if (d.depth + 1 >= kMaxVolumeDepth) {
          out.problems.push_back("directory \"" + path + "\" deeper than the cap, not read");
        } else if (!walked.insert(node->id).second) {
          out.problems.push_back("directory \"" + path + "\" loops to one already read");
        } else {
          queue.push_back({node->id, std::move(path), d.depth + 1});
        }
      } else if (node->kind == Kind::kFile) {
        out.files.push_back(
            {std::move(path), node->size, node->id, node->hidden, std::move(node->streams)});
      }
    }
  }
  return out;
}

template <class Fs>
Result<Bytes> read_file(Fs& fs, const VolumeFile& f, std::uint64_t cap, bool& capped) {
  capped = false;
  std::string err;
  Held<Fs> e(fs, fs.by_id(f.id, err));
  if (e.get() == nullptr) return Status::error(ErrorCode::kMalformed, err);
  const std::uint64_t want = std::min(f.size, cap);
  capped = f.size > cap;
  Bytes out;
  out.reserve(static_cast<std::size_t>(std::min<std::uint64_t>(want, kReadChunk)));
  while (out.size() < want) {  // each turn reads a chunk or ends
    const std::size_t at = out.size();
    const std::size_t n = static_cast<std::size_t>(std::min<std::uint64_t>(want - at, kReadChunk));
    out.resize(at + n);
    const long long got = fs.read(e.get(), out.data() + at, n);
    if (got < 0) return Status::error(ErrorCode::kMalformed, "file data unreadable");
    out.resize(at + static_cast<std::size_t>(got));
    if (got == 0) {
      return Status::error(ErrorCode::kTruncated, "file data ends after " +
                                                      std::to_string(out.size()) + " of " +
                                                      std::to_string(f.size) + " bytes");
    }
  }
  return out;
}

}  // namespace lg::disk::walk

namespace lg::disk::walk {

/// The library's message for `error` (its first line, at most 200 bytes), which is freed.
template <class E, class Sprint, class Free>
std::string library_message(E* error, Sprint sprint, Free free_error) {
  if (error == nullptr) return "failed";
  char buf[512] = {};
  std::string out = sprint(error, buf, sizeof buf) > 0 ? std::string(buf) : "failed";
  free_error(&error);
  out = out.substr(0, std::min<std::size_t>(out.find('\n'), 200));
  return out.empty() ? "failed" : out;
}

}  // namespace lg::disk::walk

namespace lg::disk::walk {

/// Bytes of one name asked for at most (NTFS and HFS+ names are at most 255 UTF-16 units).
inline constexpr std::size_t kMaxNameBytes = 1024;

/// A UTF-8 string the library gives in two calls (its size with the NUL, then the string);
/// nullopt when either fails or the size is out of bounds.
template <class Obj, class E, class SizeFn, class GetFn, class FreeFn>
std::optional<std::string> library_string(Obj* obj, SizeFn size_fn, GetFn get_fn,
                                          FreeFn free_error) {
  E* error = nullptr;
  std::size_t size = 0;
  if (size_fn(obj, &size, &error) != 1 || size == 0 || size > kMaxNameBytes) {
    if (error != nullptr) free_error(&error);
    return std::nullopt;
  }
  std::string s(size, '\0');
  if (get_fn(obj, reinterpret_cast<std::uint8_t*>(s.data()), size, &error) != 1) {
    if (error != nullptr) free_error(&error);
    return std::nullopt;
  }
  s.resize(std::min(s.find('\0'), s.size()));
  return s;
}

}  // namespace lg::disk::walk

#include "app/inputs.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <filesystem>

#include "analyzers/mail/mbox.h"
#include "core/file_type.h"

namespace lg {
namespace fs = std::filesystem;
namespace {

// A directory tree is walked to this depth at most (symlink loops and pathological trees).
constexpr int kMaxDirDepth = 64;
// An mbox is split into at most this many messages; the rest stays in the last one.
constexpr std::size_t kMaxMboxMessages = 1'000'000;
// Read size for inputs of unknown length (pipes, character devices).
constexpr std::size_t kReadChunk = 64 * 1024;

bool is_maildir_tmp(const fs::path& dir) {
  if (dir.filename() != "tmp") return false;
  auto parent = dir.parent_path();
  std::error_code ec;
  return fs::is_directory(parent / "cur", ec) && fs::is_directory(parent / "new", ec);
}

void walk(const fs::path& dir, int depth, std::vector<InputPath>& out,
          std::vector<std::string>& errors) {
  if (depth > kMaxDirDepth) {
    errors.push_back(dir.string() + ": directory tree too deep");
    return;
  }
  std::error_code ec;
  std::vector<fs::directory_entry> entries;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
    entries.push_back(*it);
  if (ec) {
    errors.push_back(dir.string() + ": " + ec.message());
    return;
  }
  // Siblings share their parent, so the native strings order them as paths do (by file
  // name), without path::compare's split into elements.
  std::sort(entries.begin(), entries.end(),
            [](const auto& a, const auto& b) { return a.path().native() < b.path().native(); });
  for (const auto& e : entries) {
    std::error_code sec;
    if (e.is_symlink(sec)) continue;  // never follow links out of the tree
    if (e.is_directory(sec)) {
      if (!is_maildir_tmp(e.path())) walk(e.path(), depth + 1, out, errors);
    } else if (e.is_regular_file(sec)) {
      out.push_back({e.path().string()});
    }
  }
}

Status too_large(std::uint64_t max_bytes) {
  return Status::error(ErrorCode::kLimit, "larger than " + std::to_string(max_bytes) + " bytes");
}

// Closes a file descriptor when it goes out of scope.
struct FdCloser {
  int fd;
  ~FdCloser() { ::close(fd); }
};

// Reads up to `want` bytes at `out` (fewer only at end of file); -1 on a read error.
long read_fully(int fd, std::uint8_t* out, std::size_t want) {
  std::size_t got = 0;
  while (got < want) {
    const ssize_t n = ::read(fd, out + got, want - got);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return -1;
    if (n == 0) break;
    got += static_cast<std::size_t>(n);
  }
  return static_cast<long>(got);
}

// Reads all of `fd`: a regular file in one read of its size, anything else (standard input,
// a pipe) in chunks until end of input or `max_bytes` is passed.
Result<Bytes> read_fd(int fd, std::uint64_t max_bytes) {
  Bytes data;
  struct stat st {};
  if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
    const auto size = static_cast<std::uint64_t>(st.st_size);
    if (size > max_bytes) return too_large(max_bytes);
    data.resize(size);
    const long n = read_fully(fd, data.data(), data.size());
    if (n < 0 || static_cast<std::uint64_t>(n) != size)
      return Status::error(ErrorCode::kIo, "read failed");
    return data;
  }
  while (data.size() <= max_bytes) {
    const std::size_t have = data.size();
    data.resize(have + kReadChunk);
    const long n = read_fully(fd, data.data() + have, kReadChunk);
    if (n < 0) return Status::error(ErrorCode::kIo, "read failed");
    data.resize(have + static_cast<std::size_t>(n));
    if (static_cast<std::size_t>(n) < kReadChunk) break;
  }
  if (data.size() > max_bytes) return too_large(max_bytes);
  return data;
}

Result<Bytes> read_all(const InputPath& in, std::uint64_t max_bytes) {
  if (in.path == "-") return read_fd(STDIN_FILENO, max_bytes);
  const int fd = ::open(in.path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Status::error(ErrorCode::kIo, "cannot open");
  FdCloser closer{fd};
  return read_fd(fd, max_bytes);
}

}  // namespace

std::vector<InputPath> expand_paths(const std::vector<std::string>& args,
                                    std::vector<std::string>& errors) {
  std::vector<InputPath> out;
  for (const auto& a : args) {
    if (a == "-") {
      out.push_back({a});
      continue;
    }
    std::error_code ec;
    auto st = fs::status(a, ec);
    if (ec || !fs::exists(st)) {
      errors.push_back(a + ": no such file or directory");
    } else if (fs::is_directory(st)) {
      walk(a, 0, out, errors);
    } else {
      out.push_back({a});
    }
  }
  return out;
}

Result<std::vector<InputItem>> load_input(const InputPath& in, std::uint64_t max_bytes) {
  auto data = read_all(in, max_bytes);
  if (!data) return data.status();
  auto storage = std::make_shared<const Bytes>(std::move(*data));
  ByteView all(*storage);
  std::vector<InputItem> items;
  const FileType type = identify(all);
  if (type == FileType::kMbox) {
    auto messages = split_mbox(all, kMaxMboxMessages);
    if (messages.size() > 1) {
      items.reserve(messages.size());
      for (std::size_t i = 0; i < messages.size(); ++i)
        items.push_back({in.path + "#" + std::to_string(i + 1), storage, messages[i], {}});
      return items;
    }
  }
  items.push_back({in.path, storage, all, type});
  return items;
}

}  // namespace lg

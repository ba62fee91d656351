#include "app/inputs.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>

#include "analyzers/mail/mbox.h"
#include "core/file_type.h"

namespace lg {
namespace fs = std::filesystem;
namespace {

// A directory tree is walked to this depth at most (symlink loops and pathological trees).
constexpr int kMaxDirDepth = 64;
// An mbox is split into at most this many messages; the rest stays in the last one.
constexpr std::size_t kMaxMboxMessages = 1'000'000;

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
  std::sort(entries.begin(), entries.end(),
            [](const auto& a, const auto& b) { return a.path() < b.path(); });
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

Result<Bytes> read_all(const InputPath& in, std::uint64_t max_bytes) {
  Bytes data;
  if (in.path == "-") {
    std::istreambuf_iterator<char> it(std::cin), end;
    for (; it != end && data.size() <= max_bytes; ++it) data.push_back(static_cast<uint8_t>(*it));
  } else {
    std::ifstream f(in.path, std::ios::binary);
    if (!f) return Status::error(ErrorCode::kIo, "cannot open");
    f.seekg(0, std::ios::end);
    auto size = static_cast<std::uint64_t>(f.tellg());
    if (size > max_bytes)
      return Status::error(ErrorCode::kLimit,
                           "larger than " + std::to_string(max_bytes) + " bytes");
    f.seekg(0);
    data.resize(size);
    if (size > 0 && !f.read(reinterpret_cast<char*>(data.data()), static_cast<long>(size)))
      return Status::error(ErrorCode::kIo, "read failed");
  }
  if (data.size() > max_bytes)
    return Status::error(ErrorCode::kLimit, "larger than " + std::to_string(max_bytes) + " bytes");
  return data;
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
  if (identify(all) == FileType::kMbox) {
    auto messages = split_mbox(all, kMaxMboxMessages);
    if (messages.size() > 1) {
      items.reserve(messages.size());
      for (std::size_t i = 0; i < messages.size(); ++i)
        items.push_back({in.path + "#" + std::to_string(i + 1), storage, messages[i]});
      return items;
    }
  }
  items.push_back({in.path, storage, all});
  return items;
}

}  // namespace lg

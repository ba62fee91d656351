#pragma once
/// What `lureguard scan` reads: files, directories (recursive, sorted; Maildir's tmp/ skipped),
/// `-` for standard input; an mbox file is split into its messages, each its own report.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/bytes.h"
#include "core/file_type.h"
#include "core/status.h"

namespace lg {

/// One file (or stdin) to read; found by expand_paths in a stable order.
struct InputPath {
  std::string path;  // "-" for standard input
};

/// One thing to scan: a whole file, or one message of an mbox. `data` views `storage`.
struct InputItem {
  std::string name;  // the path, with "#N" for the Nth message of an mbox
  std::shared_ptr<const Bytes> storage;
  ByteView data;
  // identify(data) when load_input already knew it (a whole file), so the scan need not redo it.
  std::optional<FileType> type;
};

/// Expands the command line's paths: a directory becomes its regular files, recursively,
/// sorted by name. A path that does not exist is reported in `errors` ("path: reason").
std::vector<InputPath> expand_paths(const std::vector<std::string>& args,
                                    std::vector<std::string>& errors);

/// Reads one path (at most `max_bytes`) and splits it into items: an mbox holding two or more
/// messages gives one item per message, anything else one item.
Result<std::vector<InputItem>> load_input(const InputPath& in, std::uint64_t max_bytes);

}  // namespace lg

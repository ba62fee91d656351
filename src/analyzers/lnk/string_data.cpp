// [MS-SHLLINK] 2.4 StringData: up to five CountCharacters-prefixed strings, present per
// their LinkFlags bit, in the fixed order NAME_STRING, RELATIVE_PATH, WORKING_DIR,
// COMMAND_LINE_ARGUMENTS, ICON_LOCATION. Characters are UTF-16LE when IsUnicode is set,
// otherwise bytes in the system code page; the strings are not NUL-terminated.
#include <utility>

#include "analyzers/lnk/lnk_util.h"
#include "analyzers/lnk/shell_link.h"

namespace lg::lnk {
namespace {
constexpr std::size_t kMaxPathChars = 260;  // MAX_PATH
}  // namespace

Status parse_string_data(const Reader& r, std::size_t* off, ShellLink* link) {
  const std::uint32_t flags = link->header.link_flags;
  const bool unicode = (flags & kIsUnicode) != 0;
  StringData& sd = link->strings;
  const std::pair<std::uint32_t, std::optional<std::string>*> fields[] = {
      {kHasName, &sd.name},
      {kHasRelativePath, &sd.relative_path},
      {kHasWorkingDir, &sd.working_dir},
      {kHasArguments, &sd.arguments},
      {kHasIconLocation, &sd.icon_location},
  };
  for (const auto& [bit, field] : fields) {
    if ((flags & bit) == 0) continue;
    auto count = r.u16le(*off);
    if (!count) return Status::error(ErrorCode::kTruncated, "StringData cut short");
    std::size_t chars_to_read = *count;
    if (bit != kHasArguments && bit != kHasName && chars_to_read > kMaxPathChars) {
      // Windows reads at most MAX_PATH characters of a path field whatever CountCharacters
      // says, and goes on from there; droppers set a huge count so that other parsers swallow
      // the arguments into the working directory (seen in the wild with padded lures).
      link->anomalies.push_back("StringData: path field count " + std::to_string(*count) +
                                " over MAX_PATH, read as 260 as Windows does");
      chars_to_read = kMaxPathChars;
    }
    const std::size_t bytes = unicode ? 2 * chars_to_read : chars_to_read;
    auto chars = r.subspan(*off + 2, bytes);
    if (!chars) {
      // Keep what is there: a cut argument string is still evidence.
      auto rest = r.tail(*off + 2);
      if (rest) *field = unicode ? utf16le_to_utf8(*rest) : ansi_to_utf8(*rest);
      return Status::error(ErrorCode::kTruncated, "StringData runs past the end");
    }
    *field = unicode ? utf16le_to_utf8(*chars) : ansi_to_utf8(*chars);
    if (bit == kHasArguments) sd.arguments_chars = *count;
    *off += 2 + bytes;
  }
  return Status::ok();
}

}  // namespace lg::lnk

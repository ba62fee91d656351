#pragma once
/// Judging a parsed shortcut: what it runs and how it hides it. Parsing lives in the
/// structure readers; this file only reads a ShellLink and reports findings.
#include <cstddef>
#include <string>

#include "analyzers/lnk/shell_link.h"
#include "core/analyzer.h"

namespace lg::lnk {

inline constexpr std::size_t kMaxVisibleArguments = 260;    // what Explorer's properties show
inline constexpr std::size_t kPaddingRun = 32;              // whitespace run that hides the rest
inline constexpr std::size_t kEncodedRun = 200;             // base64 run worth calling encoded
inline constexpr std::size_t kOversizedBytes = 200 * 1024;  // real shortcuts are a few KB
inline constexpr std::size_t kMaxEvidenceBytes = 4096;      // command line shown as evidence

/// The best path of what the shortcut starts: LinkInfo (local base path and suffix, or the
/// network share and suffix), else the environment-variable target, else the path built
/// from the IDList's volume and long names, else the relative path. Empty when none.
std::string target_path(const ShellLink& link);

/// Reports LNK_LOLBIN, LNK_ENCODED_COMMAND, LNK_PADDED_ARGUMENTS, LNK_DOCUMENT_DISGUISE,
/// LNK_REMOTE_ICON and LNK_OVERSIZED for `link`, a shortcut of `object_size` bytes.
void judge_shell_link(const ShellLink& link, std::size_t object_size, Context& ctx);

}  // namespace lg::lnk

// What a shortcut runs and how it hides it (threats.md, "Shortcut files": T1204.002,
// T1218, T1027.010, T1027.012, T1036.007, T1187). Reads the parsed ShellLink only.
#include "analyzers/lnk/lnk_findings.h"

#include <algorithm>
#include <array>
#include <span>
#include <string_view>
#include <vector>

#include "analyzers/lnk/lnk_util.h"
#include "formats/script/script_payloads.h"

namespace lg::lnk {
namespace {

// Command interpreters and living-off-the-land binaries lures start (LOLBAS project).
constexpr std::array<std::string_view, 16> kLolbins = {
    "cmd",      "powershell", "pwsh", "mshta",   "wscript",  "cscript", "rundll32", "regsvr32",
    "certutil", "bitsadmin",  "curl", "msiexec", "forfiles", "conhost", "schtasks", "wmic",
};
constexpr std::array<std::string_view, 27> kDocumentExtensions = {
    ".pdf",  ".doc", ".docx", ".docm", ".dot",  ".dotx", ".rtf", ".xls",  ".xlsx",
    ".xlsm", ".csv", ".ppt",  ".pptx", ".pps",  ".ppsx", ".hwp", ".hwpx", ".txt",
    ".odt",  ".ods", ".odp",  ".jpg",  ".jpeg", ".png",  ".gif", ".bmp",  ".html",
};
// Programs whose icon makes a shortcut look like a document.
constexpr std::array<std::string_view, 10> kDocumentPrograms = {
    "winword.exe", "excel.exe", "powerpnt.exe", "acrord32.exe", "acrobat.exe",
    "msedge.exe",  "hwp.exe",   "hword.exe",    "wordpad.exe",  "notepad.exe",
};
constexpr std::array<std::string_view, 12> kRunnableExtensions = {
    ".exe", ".com", ".bat", ".cmd", ".scr", ".pif", ".vbs", ".vbe", ".js", ".jse", ".hta", ".ps1",
};

bool ends_with_any(std::string_view s, std::span<const std::string_view> list) {
  for (auto e : list) {
    if (s.ends_with(e)) return true;
  }
  return false;
}

std::string_view basename(std::string_view path) {
  const std::size_t cut = path.find_last_of("\\/");
  return cut == std::string_view::npos ? path : path.substr(cut + 1);
}

// Cuts UTF-8 text to at most `max` bytes on a character boundary.
std::string cap(std::string_view s, std::size_t max) {
  if (s.size() <= max) return std::string(s);
  std::size_t n = max;
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  return std::string(s.substr(0, n)) + "...";
}

bool is_boundary(char c) {
  return std::string_view(" \t\r\n\"'\\/()&|;,^%=`").find(c) != std::string_view::npos;
}

// The first LOLBin named as a word in `lower` ("cmd", "cmd.exe", "...\cmd.exe /c"), or "".
std::string_view lolbin_in(std::string_view lower) {
  for (auto name : kLolbins) {
    for (std::size_t at = lower.find(name); at != std::string_view::npos;
         at = lower.find(name, at + 1)) {
      const std::size_t end = at + name.size();
      const bool left = at == 0 || is_boundary(lower[at - 1]);
      const bool right =
          end == lower.size() || is_boundary(lower[end]) || lower.substr(end).starts_with(".exe");
      if (left && right) return name;
    }
  }
  return {};
}

// PowerShell reads en dash, em dash and horizontal bar as parameter dashes.
std::string normalize_dashes(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    const std::string_view rest = s.substr(i);
    if (rest.starts_with("\xE2\x80\x93") || rest.starts_with("\xE2\x80\x94") ||
        rest.starts_with("\xE2\x80\x95")) {
      out.push_back('-');
      i += 2;
    } else {
      out.push_back(s[i]);
    }
  }
  return out;
}

// -w(indowstyle) hidden (any unambiguous prefix of the parameter, about_PowerShell_exe): the
// window a person would see is never shown. -EncodedCommand is script::find_encoded_commands.
std::string hidden_window_switch(std::string_view lower_args) {
  std::vector<std::string_view> tokens;
  std::size_t i = 0;
  while (i < lower_args.size() && tokens.size() < 4096) {
    while (i < lower_args.size() && is_boundary(lower_args[i]) && lower_args[i] != '-' &&
           lower_args[i] != '/') {
      ++i;
    }
    const std::size_t start = i;
    while (i < lower_args.size() && lower_args[i] != ' ' && lower_args[i] != '\t' &&
           lower_args[i] != '"' && lower_args[i] != '\'') {
      ++i;
    }
    if (i > start) tokens.push_back(lower_args.substr(start, i - start));
  }
  for (std::size_t t = 0; t + 1 < tokens.size(); ++t) {
    const std::string_view tok = tokens[t];
    if (tok.size() < 2 || (tok[0] != '-' && tok[0] != '/')) continue;
    if (std::string_view("windowstyle").starts_with(tok.substr(1))) {
      const std::string_view v = tokens[t + 1];
      if (v == "hidden" || v == "hid" || v == "h" || v == "1") {
        return std::string(tok) + " " + std::string(v);
      }
    }
  }
  return {};
}

std::size_t longest_base64_run(std::string_view s) {
  std::size_t best = 0, run = 0;
  for (char c : s) {
    const bool b64 = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                     c == '+' || c == '/' || c == '=';
    run = b64 ? run + 1 : 0;
    best = std::max(best, run);
  }
  return best;
}

std::size_t longest_whitespace_run(std::string_view s) {
  std::size_t best = 0, run = 0;
  for (char c : s) {
    run = std::string_view(" \t\r\n\v\f").find(c) != std::string_view::npos ? run + 1 : 0;
    best = std::max(best, run);
  }
  return best;
}

bool is_remote(std::string_view lower) {
  return lower.starts_with("\\\\") || lower.starts_with("//") ||
         lower.find("://") != std::string_view::npos;
}

}  // namespace

std::string target_path(const ShellLink& link) {
  if (link.link_info) {
    const LinkInfo& li = *link.link_info;
    const std::string suffix = li.common_path_suffix.value_or("");
    if (li.local_base_path && !li.local_base_path->empty()) {
      std::string p = *li.local_base_path;
      if (!suffix.empty() && !p.ends_with('\\')) p += '\\';
      return p + suffix;
    }
    if (li.net_name && !li.net_name->empty()) return *li.net_name + "\\" + suffix;
  }
  if (link.extra.environment_target && !link.extra.environment_target->empty()) {
    return *link.extra.environment_target;
  }
  std::string p;
  for (const ShellItem& item : link.id_list) {
    if (item.kind == "volume" || item.kind == "network") {
      p = item.name;
    } else if (item.kind == "file_entry" || item.kind == "delegate") {
      if (!p.empty() && !p.ends_with('\\')) p += '\\';
      p += item.long_name.empty() ? item.name : item.long_name;
    }
  }
  if (!p.empty()) return p;
  return link.strings.relative_path.value_or("");
}

void judge_shell_link(const ShellLink& link, std::size_t object_size, Context& ctx) {
  const std::string target = target_path(link);
  const std::string target_lower = ascii_lower(target);
  const std::string args = link.strings.arguments.value_or("");
  const std::string args_lower = normalize_dashes(ascii_lower(args));
  const std::string command_line =
      cap(target + (args.empty() ? "" : " " + args), kMaxEvidenceBytes);

  // The binary the shortcut starts, or one its arguments start.
  std::string_view bin = lolbin_in(ascii_lower(basename(target)));
  const std::string_view in_args = lolbin_in(args_lower);
  if (!bin.empty()) {
    ctx.finding(Symbol::LNK_LOLBIN, {command_line, "shortcut runs " + std::string(bin)});
  } else if (!in_args.empty()) {
    ctx.finding(Symbol::LNK_LOLBIN,
                {command_line, "shortcut arguments run " + std::string(in_args)});
  }
  const bool powershell = bin == "powershell" || bin == "pwsh" ||
                          args_lower.find("powershell") != std::string::npos ||
                          lolbin_in(args_lower) == "pwsh";
  if (powershell) {
    const std::string hidden = hidden_window_switch(args_lower);
    // Case matters to Base64: the decoder reads the arguments as written (dashes normalized).
    const auto encoded = script::find_encoded_commands(normalize_dashes(args), 1);
    if (!encoded.empty()) {
      ctx.finding(Symbol::LNK_ENCODED_COMMAND,
                  {cap(encoded[0].command, kMaxEvidenceBytes),
                   "PowerShell " + encoded[0].option + (hidden.empty() ? "" : " " + hidden) +
                       " runs this decoded command"});
      ctx.text(TextKind::kArguments, encoded[0].command);
    } else if (!hidden.empty()) {
      ctx.finding(Symbol::LNK_ENCODED_COMMAND,
                  {command_line, "PowerShell with " + hidden + " (hidden window)"});
    }
  }
  if (const std::size_t run = longest_base64_run(args); run >= kEncodedRun) {
    ctx.finding(Symbol::LNK_ENCODED_COMMAND,
                {command_line, "arguments hold a base64 run of " + std::to_string(run)});
  }

  const std::size_t chars = link.strings.arguments_chars;
  if (chars > kMaxVisibleArguments) {
    ctx.finding(Symbol::LNK_PADDED_ARGUMENTS,
                {command_line, "arguments of " + std::to_string(chars) +
                                   " characters; Explorer shows the first 260"});
  } else if (const std::size_t ws = longest_whitespace_run(args); ws >= kPaddingRun) {
    ctx.finding(Symbol::LNK_PADDED_ARGUMENTS,
                {command_line, "arguments padded with " + std::to_string(ws) + " blanks"});
  }

  const std::string icon =
      link.strings.icon_location.value_or(link.extra.icon_environment_target.value_or(""));
  const std::string icon_lower = ascii_lower(icon);
  if (is_remote(icon_lower) ||
      is_remote(ascii_lower(link.extra.icon_environment_target.value_or("")))) {
    ctx.finding(Symbol::LNK_REMOTE_ICON, {icon, "icon loaded from the network when displayed"});
  }

  // Document disguise: a shortcut that runs something while looking like a document.
  const bool runs_code = !bin.empty() || !in_args.empty() || !args.empty() ||
                         ends_with_any(target_lower, kRunnableExtensions);
  const std::string desc_lower = ascii_lower(link.strings.name.value_or(""));
  const std::string_view icon_file = basename(icon_lower);
  const bool icon_is_document =
      ends_with_any(icon_lower, kDocumentExtensions) ||
      (ends_with_any(icon_file, kDocumentPrograms) && icon_file != basename(target_lower));
  if (runs_code && icon_is_document) {
    ctx.finding(Symbol::LNK_DOCUMENT_DISGUISE,
                {icon, "document icon on a shortcut that runs " +
                           std::string(basename(target).empty() ? "a command" : basename(target))});
  } else if (runs_code && ends_with_any(desc_lower, kDocumentExtensions)) {
    ctx.finding(Symbol::LNK_DOCUMENT_DISGUISE,
                {link.strings.name.value_or(""), "shortcut named like a document"});
  }

  if (object_size > kOversizedBytes) {
    ctx.finding(Symbol::LNK_OVERSIZED,
                {std::to_string(object_size) + " bytes", "shortcut far larger than usual"});
  }
}

}  // namespace lg::lnk

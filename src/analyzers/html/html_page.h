#pragma once
// What the HTML analyzer's judges share: the page's start tags and its script text.
#include <string>
#include <vector>

#include "core/analyzer.h"
#include "core/html_text.h"

namespace lg::html {

inline constexpr std::size_t kMaxLinks = 2000;
inline constexpr std::size_t kEvidenceBytes = 300;

struct Page {
  std::vector<HtmlElement> elements;
  std::string scripts;        // inline scripts, event handlers and javascript: URLs, "\n"-joined
  std::string scripts_lower;  // the same, ASCII lower case, for keyword searches
};

/// True for an absolute URL that leaves the page: http(s), protocol-relative, ftp.
bool is_remote_url(std::string_view url);

/// Smuggling: data: URLs and script blobs decoded to children, file-assembly primitives.
/// Returns an error when the engine refused a child.
[[nodiscard]] Status judge_smuggling(const Page& page, Context& ctx);
/// Credential forms, meta refresh and script redirects, HHCtrl ShortCut objects.
void judge_forms(const Page& page, Context& ctx);
void judge_redirects(const Page& page, Context& ctx);
void judge_hhctrl(const Page& page, Context& ctx);

}  // namespace lg::html

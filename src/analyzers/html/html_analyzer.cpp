// The HTML analyzer's main pass: charset ([HTML Living Standard] 13.2.3.2 prescan, reduced to
// a BOM or a charset= in the first KiB), one tokenizer pass (core/html_text) for the visible
// text, links and start tags, then the script text gathered from the tags for the judges.
#include "analyzers/html/html_analyzer.h"

#include <string>

#include "analyzers/html/html_page.h"
#include "core/ascii.h"
#include "core/charset.h"
#include "formats/script/script_text.h"

namespace lg {
namespace {

constexpr std::size_t kPrescanBytes = 1024;
constexpr std::size_t kMaxCharsetName = 40;

// The declared encoding: a BOM, or the first charset= in the prescan window (from
// <meta charset> or <meta http-equiv="Content-Type" content="...; charset=...">).
std::string declared_charset(std::string_view html) {
  if (html.starts_with("\xEF\xBB\xBF")) return "UTF-8";
  if (html.starts_with("\xFF\xFE")) return "UTF-16LE";
  if (html.starts_with("\xFE\xFF")) return "UTF-16BE";
  const std::string head = ascii_lower(html.substr(0, kPrescanBytes));
  const std::size_t at = head.find("charset=");
  if (at == std::string::npos) return {};
  std::size_t p = at + 8;
  while (p < head.size() && (head[p] == '"' || head[p] == '\'' || head[p] == ' ')) ++p;
  std::string name;
  while (p < head.size() && name.size() < kMaxCharsetName &&
         ((head[p] >= 'a' && head[p] <= 'z') || (head[p] >= '0' && head[p] <= '9') ||
          head[p] == '-' || head[p] == '_' || head[p] == '.' || head[p] == ':')) {
    name.push_back(head[p++]);
  }
  return name;
}

bool is_event_handler(std::string_view attr) { return attr.size() > 2 && attr.starts_with("on"); }

bool is_script_type(const HtmlElement& e) {
  const std::string* type = e.attribute("type");
  if (type == nullptr || type->empty()) return true;
  const std::string t = ascii_lower(*type);
  return t.find("javascript") != std::string::npos || t.find("ecmascript") != std::string::npos ||
         t.find("vbscript") != std::string::npos || t.find("jscript") != std::string::npos ||
         t == "module";
}

}  // namespace

Status HtmlAnalyzer::analyze(ByteView object, Context& ctx) {
  Decoded d = decode_text(object, declared_charset(as_chars(object)));
  ctx.fact("charset", d.charset);
  html::Page page;
  HtmlText h = html_to_text(d.utf8, page.elements);
  ctx.text(TextKind::kDocument, h.text);
  std::size_t links = 0;
  for (const auto& l : h.links) {
    if (++links > html::kMaxLinks) break;
    ctx.link(l.href, l.visible_text);
  }

  std::int64_t scripts = 0, handlers = 0, js_urls = 0;
  for (const HtmlElement& e : page.elements) {
    if (e.name == "script" && is_script_type(e)) {
      ++scripts;
      if (!e.content.empty()) page.scripts.append(e.content).push_back('\n');
      if (const std::string* src = e.attribute("src"); src && links < html::kMaxLinks) {
        ++links;
        ctx.link(*src, "");
      }
    }
    if ((e.name == "iframe" || e.name == "frame" || e.name == "embed") && links < html::kMaxLinks) {
      if (const std::string* src = e.attribute("src")) {
        ++links;
        ctx.link(*src, "");
      }
    }
    for (const auto& [k, v] : e.attributes) {
      if (is_event_handler(k) && !v.empty()) {
        ++handlers;
        page.scripts.append(v).push_back('\n');
      } else if ((k == "href" || k == "src" || k == "action") && istarts_with(v, "javascript:")) {
        ++js_urls;
        page.scripts.append(v.substr(11)).push_back('\n');
      }
    }
  }
  page.scripts_lower = ascii_lower(page.scripts);
  ctx.fact("scripts", scripts);
  if (handlers > 0) ctx.fact("event_handlers", handlers);
  if (!page.scripts.empty()) ctx.text(TextKind::kScript, page.scripts);
  if (scripts + handlers + js_urls > 0) {
    ctx.finding(Symbol::HTML_SCRIPT,
                {std::to_string(scripts) + " script elements, " + std::to_string(handlers) +
                     " event handlers, " + std::to_string(js_urls) + " javascript: URLs",
                 "the page runs script when opened in a browser"});
  }

  html::judge_hhctrl(page, ctx);
  html::judge_forms(page, ctx);
  html::judge_redirects(page, ctx);
  if (ctx.should_stop()) return Status::ok();
  const Status smuggling = html::judge_smuggling(page, ctx);
  if (!page.scripts.empty() && !ctx.should_stop()) {
    // Blocks and handlers of one page are judged together (a download in one, the run in
    // another); their languages may differ, so every indicator applies. A binary both this
    // analysis and the smuggling judge decode is one child: the engine merges a parent's
    // children of the same bytes (Scan::child), so the judge's, named, goes first.
    script::analyze_script_text(script::ScriptLanguage::kUnknown, page.scripts, ctx);
  }
  return smuggling;
}

}  // namespace lg

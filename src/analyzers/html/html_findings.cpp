// Forms, redirects and HHCtrl objects.
//  - Credential forms: a password <input> ([HTML LS] 4.10.5.1.6 type=password) inside a <form>
//    whose action leaves the file (an attachment has no origin, so any absolute URL does) or
//    names a PHP or Telegram endpoint; or, without a form, script that sends to Telegram.
//  - Redirects: <meta http-equiv=refresh content="N; url=..."> ([HTML LS] 4.2.5.3, shared
//    declarative refresh steps) and assignments to location in script.
//  - HHCtrl: the HTML Help ActiveX control (CLSID ADB880A6-D8FF-11CF-9377-00AA003B7A11) with
//    <param name="Command" value="ShortCut"> runs the program in Item1 (",program,arguments")
//    when clicked, and script can click it on load: the CHM dropper of many lures.
#include <array>
#include <string>

#include "analyzers/html/html_page.h"
#include "core/ascii.h"
#include "core/utf8.h"

namespace lg::html {
namespace {

constexpr std::size_t kMaxRedirectFindings = 8;
constexpr std::size_t kMaxScriptUrl = 2048;
constexpr std::string_view kHhctrlClsid = "adb880a6-d8ff-11cf-9377-00aa003b7a11";

std::string evidence(std::string_view s) { return std::string(utf8_prefix(s, kEvidenceBytes)); }

std::string trimmed(std::string_view s) {
  std::size_t b = 0, e = s.size();
  while (b < e && (s[b] == ' ' || s[b] == '\t' || s[b] == '\n' || s[b] == '\r')) ++b;
  while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\n' || s[e - 1] == '\r'))
    --e;
  return std::string(s.substr(b, e - b));
}

// Why a password form's action is a collection point, or "" when it is not.
std::string collecting_action(const std::string& action) {
  const std::string a = ascii_lower(trimmed(action));
  if (a.find("telegram") != std::string::npos || a.find("t.me/") != std::string::npos)
    return "posts to Telegram";
  if (a.starts_with("data:")) return "posts to a data: URL";
  if (a.find(".php") != std::string::npos) return "posts to a PHP endpoint";
  if (is_remote_url(a)) return "posts to a remote site";
  return {};
}

// The string literal after `pos` (past spaces, '=' and '('), or "" when none follows.
std::string literal_after(std::string_view s, std::size_t pos) {
  while (pos < s.size() && (s[pos] == ' ' || s[pos] == '=' || s[pos] == '(' || s[pos] == '\t'))
    ++pos;
  if (pos >= s.size() || (s[pos] != '"' && s[pos] != '\'' && s[pos] != '`')) return {};
  const char q = s[pos];
  const std::size_t end = s.find(q, pos + 1);
  if (end == std::string_view::npos || end - pos - 1 > kMaxScriptUrl) return {};
  return std::string(s.substr(pos + 1, end - pos - 1));
}

}  // namespace

bool is_remote_url(std::string_view url) {
  return istarts_with(url, "http://") || istarts_with(url, "https://") ||
         istarts_with(url, "ftp://") || url.starts_with("//");
}

void judge_forms(const Page& page, Context& ctx) {
  struct Form {
    std::string action;
    bool password = false;
  };
  std::vector<Form> forms;
  bool loose_password = false;  // a password field outside any form
  for (const HtmlElement& e : page.elements) {
    if (e.name == "form") {
      const std::string* action = e.attribute("action");
      forms.push_back({action ? *action : std::string(), false});
    } else if (e.name == "input") {
      const std::string* type = e.attribute("type");
      if (type == nullptr || !iequals(trimmed(*type), "password")) continue;
      if (forms.empty()) {
        loose_password = true;
      } else {
        forms.back().password = true;
      }
    }
  }
  if (!forms.empty()) ctx.fact("forms", static_cast<std::int64_t>(forms.size()));
  for (const Form& f : forms) {
    if (!f.password) continue;
    const std::string why = collecting_action(f.action);
    if (!why.empty()) {
      ctx.finding(Symbol::HTML_CREDENTIAL_FORM, {evidence(f.action), "password form " + why});
      return;
    }
    loose_password = true;  // a local action: the script may still send the fields
  }
  if (!loose_password) return;
  const std::string& js = page.scripts_lower;
  if (js.find("api.telegram.org") != std::string::npos) {
    ctx.finding(Symbol::HTML_CREDENTIAL_FORM,
                {"api.telegram.org", "password field whose script sends to a Telegram bot"});
  } else if (js.find(".php") != std::string::npos &&
             (js.find("xmlhttprequest") != std::string::npos ||
              js.find("fetch(") != std::string::npos || js.find("$.ajax") != std::string::npos ||
              js.find("$.post") != std::string::npos)) {
    ctx.finding(Symbol::HTML_CREDENTIAL_FORM,
                {"script request", "password field whose script posts to a PHP endpoint"});
  }
}

void judge_redirects(const Page& page, Context& ctx) {
  std::size_t found = 0;
  for (const HtmlElement& e : page.elements) {
    if (e.name != "meta") continue;
    const std::string* equiv = e.attribute("http-equiv");
    const std::string* content = e.attribute("content");
    if (!equiv || !content || !iequals(trimmed(*equiv), "refresh")) continue;
    // "N; url=target" or "N, URL='target'"
    const std::string lower = ascii_lower(*content);
    const std::size_t u = lower.find("url");
    if (u == std::string::npos) continue;
    std::size_t p = u + 3;
    while (p < lower.size() && (lower[p] == ' ' || lower[p] == '=')) ++p;
    std::string target = trimmed(std::string_view(*content).substr(p));
    if (!target.empty() && (target.front() == '\'' || target.front() == '"')) {
      const char q = target.front();
      target = target.substr(
          1, target.find(q, 1) == std::string::npos ? std::string::npos : target.find(q, 1) - 1);
    }
    if (!is_remote_url(target)) continue;
    ctx.link(target, "");
    if (found++ < kMaxRedirectFindings)
      ctx.finding(Symbol::HTML_REDIRECT, {evidence(target), "meta refresh to a remote page"});
  }
  // location = "...", location.href = "...", location.replace("..."), location.assign("...").
  const std::string& js = page.scripts_lower;
  static constexpr std::array<std::string_view, 4> kSinks = {"location.href", "location.replace",
                                                             "location.assign", "location"};
  std::size_t pos = 0;
  std::size_t seen = 0;
  while (found < kMaxRedirectFindings && (pos = js.find("location", pos)) != std::string::npos) {
    if (++seen > kMaxHtmlElements) break;
    std::size_t after = pos + 8;
    for (std::string_view sink : kSinks) {
      if (std::string_view(js).substr(pos).starts_with(sink)) {
        after = pos + sink.size();
        break;
      }
    }
    pos = after;
    std::string target = literal_after(page.scripts, after);
    if (!is_remote_url(target)) continue;
    ctx.link(target, "");
    ctx.finding(Symbol::HTML_REDIRECT,
                {evidence(target), "script sends the reader to a remote page"});
    ++found;
  }
}

void judge_hhctrl(const Page& page, Context& ctx) {
  for (const HtmlElement& e : page.elements) {
    if (e.name != "object") continue;
    const std::string* classid = e.attribute("classid");
    if (!classid || ascii_lower(*classid).find(kHhctrlClsid) == std::string::npos) continue;
    // The <param> children sit in the object's content: one more tokenizer pass over it (not
    // recursive: nested objects are not opened again).
    std::vector<HtmlElement> params;
    (void)html_to_text(e.content, params);
    std::string command, item1;
    for (const HtmlElement& p : params) {
      const std::string* name = p.attribute("name");
      const std::string* value = p.attribute("value");
      if (p.name != "param" || !name || !value) continue;
      if (iequals(trimmed(*name), "command")) command = trimmed(*value);
      if (iequals(trimmed(*name), "item1")) item1 = trimmed(*value);
    }
    if (!iequals(command, "shortcut") || item1.empty()) continue;
    // Item1: "[window],program,arguments".
    std::string program, arguments;
    const std::size_t c1 = item1.find(',');
    std::string_view rest =
        c1 == std::string::npos ? std::string_view(item1) : std::string_view(item1).substr(c1 + 1);
    const std::size_t c2 = rest.find(',');
    program = trimmed(rest.substr(0, c2));
    if (c2 != std::string_view::npos) arguments = trimmed(rest.substr(c2 + 1));
    const std::string cmdline = arguments.empty() ? program : program + " " + arguments;
    ctx.text(TextKind::kArguments, cmdline);
    const std::size_t slash = program.find_last_of("\\/");
    const std::string base = slash == std::string::npos ? program : program.substr(slash + 1);
    ctx.finding(Symbol::CHM_SHORTCUT_COMMAND,
                {evidence(cmdline), "HHCtrl ShortCut object runs " +
                                        (base.empty() ? std::string("a program") : base)});
  }
}

}  // namespace lg::html

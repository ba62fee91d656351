// Windows Script File <script> elements, found by a linear scan over a lower-cased copy.
#include "formats/script/wsf.h"

#include "core/ascii.h"
#include "core/html_text.h"

namespace lg::script {
namespace {

using namespace std::string_view_literals;

// The value of attribute `name` in the tag text `attrs` (lower-cased copy `lattrs`): quoted or
// bare. Empty when absent.
std::string attribute(std::string_view attrs, std::string_view lattrs, std::string_view name) {
  for (std::size_t at = lattrs.find(name); at != std::string_view::npos;
       at = lattrs.find(name, at + 1)) {
    bool left = at == 0 || lattrs[at - 1] == ' ' || lattrs[at - 1] == '\t' ||
                lattrs[at - 1] == '\n' || lattrs[at - 1] == '\r';
    std::size_t p = at + name.size();
    while (p < lattrs.size() && (lattrs[p] == ' ' || lattrs[p] == '\t')) ++p;
    if (!left || p >= lattrs.size() || lattrs[p] != '=') continue;
    ++p;
    while (p < lattrs.size() && (lattrs[p] == ' ' || lattrs[p] == '\t')) ++p;
    if (p >= attrs.size()) return {};
    char q = attrs[p];
    if (q == '"' || q == '\'') {
      std::size_t end = attrs.find(q, p + 1);
      return std::string(attrs.substr(p + 1, end == std::string_view::npos ? end : end - p - 1));
    }
    std::size_t end = attrs.find_first_of(" \t\r\n/>", p);
    return std::string(attrs.substr(p, end == std::string_view::npos ? end : end - p));
  }
  return {};
}

// The body's text: CDATA sections as they are, everything else with XML references decoded.
std::string body_text(std::string_view body) {
  std::string out;
  std::size_t pos = 0;
  while (pos < body.size()) {
    std::size_t cdata = body.find("<![CDATA[", pos);
    out += decode_html_entities(body.substr(pos, cdata == body.npos ? body.npos : cdata - pos));
    if (cdata == body.npos) break;
    std::size_t start = cdata + 9;
    std::size_t end = body.find("]]>", start);
    out.append(body.substr(start, end == body.npos ? body.npos : end - start));
    pos = end == body.npos ? body.size() : end + 3;
  }
  return out;
}

}  // namespace

std::vector<WsfScript> wsf_scripts(std::string_view xml, std::size_t max) {
  std::vector<WsfScript> out;
  const std::string lower = ascii_lower(xml);
  const std::string_view l = lower;
  std::size_t pos = 0;
  while (out.size() < max) {
    std::size_t open = l.find("<script", pos);
    if (open == std::string_view::npos) break;
    std::size_t name_end = open + 7;
    if (name_end < l.size() && l[name_end] != ' ' && l[name_end] != '>' && l[name_end] != '\t' &&
        l[name_end] != '\r' && l[name_end] != '\n' && l[name_end] != '/') {
      pos = name_end;  // <scriptlet> and the like
      continue;
    }
    std::size_t gt = l.find('>', name_end);
    if (gt == std::string_view::npos) break;
    std::string_view attrs = xml.substr(name_end, gt - name_end);
    std::string_view lattrs = l.substr(name_end, gt - name_end);
    WsfScript s;
    s.language = attribute(attrs, lattrs, "language");
    if (s.language.empty()) s.language = attribute(attrs, lattrs, "type");
    s.src = attribute(attrs, lattrs, "src");
    if (lattrs.ends_with('/')) {  // <script src="x.js"/>
      out.push_back(std::move(s));
      pos = gt + 1;
      continue;
    }
    std::size_t close = l.find("</script", gt + 1);
    std::size_t body_end = close == std::string_view::npos ? xml.size() : close;
    s.body = body_text(xml.substr(gt + 1, body_end - gt - 1));
    out.push_back(std::move(s));
    pos = close == std::string_view::npos ? xml.size() : close + 8;
  }
  return out;
}

}  // namespace lg::script

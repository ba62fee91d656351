#include "report/report_text.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "report/text_width.h"

namespace lg {

namespace {

// Caps that keep a huge archive from turning the text into a book; the JSON has everything.
constexpr std::size_t kMaxObjectsShown = 200;
constexpr std::size_t kMaxFindingsPerObject = 20;
constexpr std::size_t kMaxUrlsShown = 5;
constexpr std::size_t kMaxLimitsShown = 10;
constexpr std::size_t kMinNameColumns = 12;  // an object name keeps at least this much room
constexpr std::size_t kMinSpaceRun = 5;      // longer runs of spaces are shown as a count

constexpr const char* kReset = "\x1b[0m";
constexpr const char* kBold = "\x1b[1m";
constexpr const char* kDim = "\x1b[2m";
constexpr const char* kRed = "\x1b[1;31m";
constexpr const char* kYellow = "\x1b[1;33m";
constexpr const char* kGreen = "\x1b[1;32m";

// One output line made of segments, some styled. Rendering cuts it to the width with an
// ellipsis, measuring only the text, so escape codes never count as columns.
class Line {
 public:
  Line& add(std::string_view text, const char* style = nullptr) {
    segments_.push_back({std::string(text), style});
    return *this;
  }
  // Text from the input: hidden characters made visible first.
  Line& add_untrusted(std::string_view text, const char* style = nullptr) {
    return add(make_visible(text), style);
  }
  void render(std::string& out, bool color) const {
    std::size_t total = 0;
    for (const auto& s : segments_) total += display_width(s.text);
    const bool cut = total > kTextReportColumns;
    const std::size_t budget = cut ? kTextReportColumns - 1 : kTextReportColumns;
    std::size_t used = 0;
    for (const auto& s : segments_) {
      const bool styled = color && s.style != nullptr;
      if (styled) out += s.style;
      const std::size_t w = display_width(s.text);
      const bool last = used + w > budget;
      if (!last) {
        out += s.text;
        used += w;
      } else {
        out += prefix_within_width(s.text, budget - used);
        out += "\u2026";
      }
      if (styled) out += kReset;
      if (last) break;
    }
    out += '\n';
  }

 private:
  struct Segment {
    std::string text;
    const char* style;
  };
  std::vector<Segment> segments_;
};

std::string format_number(double d) {
  if (!std::isfinite(d)) return "?";
  char buf[32];
  const auto r = std::to_chars(buf, buf + sizeof buf, d);
  return std::string(buf, r.ptr);
}

std::string format_score(double d) { return (d >= 0 ? "+" : "") + format_number(d); }

std::string format_size(std::uint64_t n) {
  char buf[32];
  if (n < 1024) {
    std::snprintf(buf, sizeof buf, "%llu B", static_cast<unsigned long long>(n));
  } else if (n < (1ull << 20)) {
    std::snprintf(buf, sizeof buf, "%.1f KiB", static_cast<double>(n) / 1024.0);
  } else if (n < (1ull << 30)) {
    std::snprintf(buf, sizeof buf, "%.1f MiB", static_cast<double>(n) / (1024.0 * 1024.0));
  } else {
    std::snprintf(buf, sizeof buf, "%.1f GiB", static_cast<double>(n) / (1024.0 * 1024 * 1024));
  }
  return buf;
}

const char* verdict_style(Verdict v) {
  switch (v) {
    case Verdict::kMalicious:
      return kRed;
    case Verdict::kSuspicious:
      return kYellow;
    case Verdict::kClean:
      return kGreen;
  }
  return kBold;
}

std::string upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

std::string plural(std::size_t n, std::string_view one, std::string_view many) {
  return std::to_string(n) + " " + std::string(n == 1 ? one : many);
}

// Long runs of spaces (the padding that pushes LNK arguments out of sight) as "<N spaces>",
// so the text after them is seen.
std::string collapse_spaces(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size();) {
    std::size_t j = i;
    while (j < s.size() && s[j] == ' ') ++j;
    if (j - i >= kMinSpaceRun) {
      out += " <" + std::to_string(j - i) + " spaces> ";
      i = j;
    } else if (j > i) {
      out.append(s.substr(i, j - i));
      i = j;
    } else {
      out += s[i++];
    }
  }
  return out;
}

class TextRenderer {
 public:
  TextRenderer(const Report& r, bool color) : r_(r), color_(color) {}

  std::string render() {
    header();
    tree();
    observables();
    limits();
    return std::move(out_);
  }

 private:
  void emit(const Line& line) { line.render(out_, color_); }

  void header() {
    Line first;
    first.add(upper(verdict_name(r_.verdict)), verdict_style(r_.verdict));
    first.add("  score " + format_number(r_.score) + "  " + action_name(r_.action) + "  ");
    first.add_untrusted(r_.input.name.empty() ? "(unnamed input)" : r_.input.name);
    emit(first);
    if (!r_.error.empty()) emit(Line().add("Error:    ", kRed).add_untrusted(r_.error));
    if (r_.message) {
      const MessageSummary& m = *r_.message;
      header_field("From:     ", m.from);
      if (!m.reply_to.empty()) header_field("Reply-To: ", m.reply_to);
      header_field("Subject:  ", m.subject);
      header_field("Date:     ", m.date);
    }
  }

  void header_field(std::string_view label, const std::string& value) {
    emit(Line().add(label, kBold).add_untrusted(value.empty() ? "(none)" : value));
  }

  void tree() {
    if (r_.objects.empty() && r_.findings.empty()) return;
    out_ += '\n';
    std::unordered_map<int, std::size_t> index_of;  // object id -> index
    for (std::size_t i = 0; i < r_.objects.size(); ++i) index_of.emplace(r_.objects[i].id, i);
    children_.assign(r_.objects.size(), {});
    std::vector<std::size_t> roots;
    for (std::size_t i = 0; i < r_.objects.size(); ++i) {
      const auto p = index_of.find(r_.objects[i].parent);
      if (r_.objects[i].parent < 0 || p == index_of.end() || p->second == i) {
        roots.push_back(i);
      } else {
        children_[p->second].push_back(i);
      }
    }
    for (std::size_t i = 0; i < r_.findings.size(); ++i) {
      const auto o = index_of.find(r_.findings[i].object_id);
      if (o == index_of.end()) {
        orphans_.push_back(i);
      } else {
        findings_of_[o->second].push_back(i);
      }
    }
    visited_.assign(r_.objects.size(), false);
    for (std::size_t root : roots) walk(root);
    // A parent cycle (a broken model) leaves objects unreached: show them as roots.
    for (std::size_t i = 0; i < r_.objects.size(); ++i) {
      if (!visited_[i]) walk(i);
    }
    if (shown_ < r_.objects.size()) {
      emit(Line().add("\u2026 " +
                      plural(r_.objects.size() - shown_, "more object", "more objects") +
                      " (see the JSON report)"));
    }
    if (!orphans_.empty()) {
      emit(Line().add("Findings on no listed object:"));
      for (std::size_t f : orphans_) finding_line("  ", r_.findings[f]);
    }
  }

  // Depth-first, with an explicit stack: no recursion on the model's structure.
  void walk(std::size_t root) {
    struct Item {
      std::size_t index;
      std::string lead;  // drawing inherited from the ancestors
      bool is_root;
      bool is_last;
    };
    std::vector<Item> stack{{root, "", true, true}};
    while (!stack.empty()) {
      Item it = std::move(stack.back());
      stack.pop_back();
      if (visited_[it.index]) continue;
      visited_[it.index] = true;
      if (shown_ >= kMaxObjectsShown) continue;
      ++shown_;
      const ObjectNode& o = r_.objects[it.index];
      Line line;
      line.add(it.lead);
      if (!it.is_root) line.add(it.is_last ? "\u2514\u2500 " : "\u251c\u2500 ");
      std::string suffix = " (" + (o.type.empty() ? std::string("unknown") : make_visible(o.type)) +
                           ", " + format_size(o.size) + ")";
      if (o.duplicate_of) suffix += " = object " + std::to_string(*o.duplicate_of);
      // Cut a long name rather than the type and size after it.
      const std::size_t used =
          display_width(it.lead) + (it.is_root ? 0 : 3) + display_width(suffix);
      const std::size_t room =
          used + kMinNameColumns < kTextReportColumns ? kTextReportColumns - used : kMinNameColumns;
      line.add(truncate_to_width(make_visible(object_label(o)), room), kBold);
      line.add(suffix);
      emit(line);
      const std::string body = it.is_root ? it.lead : it.lead + (it.is_last ? "   " : "\u2502  ");
      const auto& kids = children_[it.index];
      const std::string finding_lead = body + (kids.empty() ? "  " : "\u2502 ");
      const auto fi = findings_of_.find(it.index);
      if (fi != findings_of_.end()) {
        const auto& list = fi->second;
        for (std::size_t k = 0; k < list.size() && k < kMaxFindingsPerObject; ++k) {
          finding_line(finding_lead, r_.findings[list[k]]);
        }
        if (list.size() > kMaxFindingsPerObject) {
          emit(Line()
                   .add(finding_lead)
                   .add("\u2026 " + plural(list.size() - kMaxFindingsPerObject, "more finding",
                                           "more findings")));
        }
      }
      for (std::size_t k = kids.size(); k-- > 0;) {  // reversed: the stack pops in order
        stack.push_back({kids[k], body, false, k + 1 == kids.size()});
      }
    }
  }

  static std::string object_label(const ObjectNode& o) {
    if (!o.name.empty()) return o.name;
    if (!o.relation.empty()) return o.relation;
    return "object " + std::to_string(o.id);
  }

  void finding_line(const std::string& lead, const Finding& f) {
    Line line;
    line.add(lead);
    const char* style = f.counted ? nullptr : kDim;
    line.add("! ", style);
    line.add_untrusted(f.symbol, f.counted ? kBold : kDim);
    line.add(" " + format_score(f.score) + (f.counted ? "" : " (repeat)") + "  ", style);
    line.add(collapse_spaces(
                 make_visible(f.evidence.value.empty() ? f.evidence.detail : f.evidence.value)),
             style);
    emit(line);
  }

  void observables() {
    const Observables& obs = r_.observables;
    if (obs.urls.empty() && obs.domains.empty() && obs.emails.empty() && obs.ips.empty() &&
        obs.crypto_addresses.empty()) {
      return;
    }
    out_ += '\n';
    std::string counts = plural(obs.urls.size(), "URL", "URLs") + ", " +
                         plural(obs.domains.size(), "domain", "domains") + ", " +
                         plural(obs.emails.size(), "email address", "email addresses") + ", " +
                         plural(obs.ips.size(), "IP", "IPs");
    if (!obs.crypto_addresses.empty())
      counts += ", " + plural(obs.crypto_addresses.size(), "crypto address", "crypto addresses");
    emit(Line().add("Observables: ", kBold).add(counts));
    for (const auto& a : obs.crypto_addresses) {
      if (!a.sanctioned) continue;
      emit(Line()
               .add("  sanctioned ", kBold)
               .add_untrusted(a.address)
               .add(" (" + a.chain + ") ")
               .add_untrusted(a.list_entry));
    }
    for (std::size_t i = 0; i < obs.urls.size() && i < kMaxUrlsShown; ++i) {
      emit(Line().add("  ").add_untrusted(obs.urls[i].url));
    }
    if (obs.urls.size() > kMaxUrlsShown) {
      emit(Line().add("  \u2026 " +
                      plural(obs.urls.size() - kMaxUrlsShown, "more URL", "more URLs")));
    }
  }

  void limits() {
    if (r_.limits_hit.empty()) return;
    out_ += '\n';
    emit(Line().add("Limits hit:", kYellow));
    for (std::size_t i = 0; i < r_.limits_hit.size() && i < kMaxLimitsShown; ++i) {
      const LimitHit& l = r_.limits_hit[i];
      emit(Line()
               .add("  ")
               .add_untrusted(l.limit)
               .add(" (object " + std::to_string(l.object_id) + "): ")
               .add_untrusted(l.detail));
    }
    if (r_.limits_hit.size() > kMaxLimitsShown) {
      emit(
          Line().add("  \u2026 " + plural(r_.limits_hit.size() - kMaxLimitsShown, "more", "more")));
    }
  }

  const Report& r_;
  bool color_;
  std::string out_;
  std::vector<std::vector<std::size_t>> children_;
  std::unordered_map<std::size_t, std::vector<std::size_t>> findings_of_;
  std::vector<std::size_t> orphans_;
  std::vector<bool> visited_;
  std::size_t shown_ = 0;
};

}  // namespace

std::string report_to_text(const Report& report, bool color) {
  return TextRenderer(report, color).render();
}

}  // namespace lg

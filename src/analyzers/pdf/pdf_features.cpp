// Actions and features: ISO 32000-1 12.6.2 (action dictionaries, /Next), 12.6.3 (trigger
// events: /OpenAction, /AA), 12.6.4.5 (Launch), 12.6.4.7 (URI), 12.6.4.16 (JavaScript),
// 12.7.5.2 (SubmitForm), 7.11.3-4 (file specifications, embedded file streams), 12.7.8 (XFA),
// 7.7.3.3 (the /Names /JavaScript tree: its action dictionaries are visited like any other).
#include "analyzers/pdf/pdf_features.h"

#include <set>
#include <string_view>
#include <vector>

#include "analyzers/pdf/pdf_text.h"
#include "core/charset.h"

namespace lg {
namespace {

constexpr std::size_t kMaxEvidence = 512;           // bytes of a script or target in evidence
constexpr std::size_t kMaxActionChain = 32;         // actions followed through /Next
constexpr std::size_t kMaxVisitedNodes = 4u << 20;  // dictionaries and arrays walked

// Trigger events that fire without the reader clicking (12.6.3 Tables 194-197): page open/
// close, page visible/invisible, calculate, and the document's close/save/print events.
bool automatic_trigger(std::string_view t) {
  return t == "O" || t == "C" || t == "PO" || t == "PC" || t == "PV" || t == "PI" || t == "WC" ||
         t == "WS" || t == "DS" || t == "WP" || t == "DP";
}

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

class FeatureWalker {
 public:
  FeatureWalker(const PdfDocument& doc, const PdfStreamDecoder& decode, Context& ctx,
                PdfFeatureSummary* s)
      : doc_(doc), decode_(decode), ctx_(ctx), s_(*s) {}

  void run() {
    std::size_t visited = 0;
    for (const auto& [num, e] : doc_.objects()) {
      if (ctx_.should_stop()) return;
      std::vector<const PdfObject*> stack{&e.object};
      while (!stack.empty()) {
        const PdfObject* o = stack.back();
        stack.pop_back();
        if (++visited > kMaxVisitedNodes) return;
        if (o->is_dict()) dict(*o, e);
        if (o->is_dict() || o->is_array()) {
          for (const PdfObject& c : o->items) {
            if (c.is_dict() || c.is_array()) stack.push_back(&c);
          }
        }
      }
    }
  }

 private:
  // A string value as UTF-8, or the decoded text of a stream it refers to.
  std::string text_of(const PdfObject* v) {
    if (v == nullptr) return {};
    if (v->kind == PdfObject::Kind::kString) return pdf_text_string_to_utf8(v->str);
    if (v->kind == PdfObject::Kind::kRef) {
      const PdfIndirect* e = doc_.find(v->ref.num);
      if (e == nullptr) return {};
      if (e->has_stream) {
        const Bytes b = decode_(*e);
        return pdf_text_string_to_utf8(as_chars(b));
      }
      return text_of(e->object.kind == PdfObject::Kind::kRef ? nullptr : &e->object);
    }
    return {};
  }

  // A file specification (7.11): a string, or a dictionary's /UF, /F, /Unix, /DOS, /Mac.
  std::string file_spec(const PdfObject* v) {
    v = doc_.resolve(v);
    if (v == nullptr) return {};
    if (v->kind == PdfObject::Kind::kString) return pdf_text_string_to_utf8(v->str);
    if (!v->is_dict()) return {};
    for (std::string_view k : {"UF", "F", "Unix", "DOS", "Mac"}) {
      const PdfObject* f = doc_.get(*v, k);
      if (f && f->kind == PdfObject::Kind::kString) return pdf_text_string_to_utf8(f->str);
    }
    return {};
  }

  void target(std::string_view url, std::string_view what) {
    if (url.empty()) return;
    ++s_.uris;
    ctx_.link(url, "");
    const std::string l = lower_ascii(url.substr(0, 8));
    if (l.starts_with("data:")) {
      ctx_.finding(Symbol::PDF_DATA_URI, {pdf_cut_utf8(url, kMaxEvidence), std::string(what)});
    } else if (l.starts_with("file:") || url.starts_with("\\\\")) {
      ctx_.finding(Symbol::PDF_FILE_URI, {pdf_cut_utf8(url, kMaxEvidence), std::string(what)});
    }
  }

  void script(const PdfObject* js) {
    if (js && js->kind == PdfObject::Kind::kRef && !seen_scripts_.insert(js->ref.num).second) {
      return;  // one stream shared by several actions
    }
    const std::string text = repair_utf8(text_of(js));
    s_.has_js = true;
    ++s_.scripts;
    ctx_.finding(Symbol::PDF_JAVASCRIPT,
                 {pdf_cut_utf8(text, kMaxEvidence), text.empty() ? "empty /JS" : "/JS script"});
    if (!text.empty()) ctx_.text(TextKind::kScript, text);
  }

  // The action type of an action dictionary (its /S), "" for none.
  std::string action_type(const PdfObject* a) {
    a = doc_.resolve(a);
    if (a == nullptr) return {};
    if (a->is_array()) return "GoTo";  // a destination (12.3.2)
    if (!a->is_dict()) return {};
    const PdfObject* s = doc_.get(*a, "S");
    if (s && s->kind == PdfObject::Kind::kName) return s->str;
    return a->get("JS") ? "JavaScript" : "";
  }

  // True when the action or one in its /Next chain runs JavaScript (bounded, cycle-safe).
  bool runs_javascript(const PdfObject* a) {
    std::vector<const PdfObject*> todo{a};
    std::set<const PdfObject*> seen;
    while (!todo.empty() && seen.size() < kMaxActionChain) {
      const PdfObject* x = doc_.resolve(todo.back());
      todo.pop_back();
      if (x == nullptr || !seen.insert(x).second) continue;
      if (action_type(x) == "JavaScript") return true;
      if (!x->is_dict()) continue;
      const PdfObject* next = doc_.get(*x, "Next");
      if (next && next->is_array()) {
        for (const PdfObject& n : next->items) todo.push_back(&n);
      } else if (next) {
        todo.push_back(next);
      }
    }
    return false;
  }

  void auto_action(std::string_view trigger, const PdfObject* a, bool automatic) {
    const std::string type = action_type(a);
    if (trigger == "OpenAction" && s_.open_action.empty())
      s_.open_action = type.empty() ? "?" : type;
    if (type.empty() || type == "GoTo") return;  // a page jump on open is ordinary
    ++s_.auto_actions;
    ctx_.finding(Symbol::PDF_AUTO_ACTION,
                 {std::string(trigger) + ": " + type,
                  automatic ? "runs when the document or page opens" : "runs on a form event"});
    if (automatic && runs_javascript(a)) {
      ctx_.finding(Symbol::PDF_AUTO_JAVASCRIPT,
                   {std::string(trigger) + ": JavaScript", "JavaScript runs when the file opens"});
    }
  }

  void dict(const PdfObject& d, const PdfIndirect& holder) {
    if (const PdfObject* oa = d.get("OpenAction")) auto_action("OpenAction", oa, true);
    if (const PdfObject* aa = doc_.get(d, "AA"); aa && aa->is_dict()) {
      for (std::size_t i = 0; i < aa->keys.size(); ++i) {
        auto_action("AA/" + aa->keys[i], &aa->items[i], automatic_trigger(aa->keys[i]));
      }
    }
    const PdfObject* s = d.get("S");
    const std::string type = s && s->kind == PdfObject::Kind::kName ? s->str : "";
    if (type == "JavaScript" || d.get("JS")) script(d.get("JS"));
    if (d.get("JavaScript")) s_.has_js = true;  // a /Names /JavaScript tree
    if (type == "Launch") launch(d);
    if (type == "URI") {
      const PdfObject* u = doc_.get(d, "URI");
      if (u && u->kind == PdfObject::Kind::kString) target(repair_utf8(u->str), "/URI action");
    }
    if (type == "SubmitForm") {
      const std::string f = file_spec(d.get("F"));
      ctx_.finding(Symbol::PDF_SUBMIT_FORM, {pdf_cut_utf8(f, kMaxEvidence), "/SubmitForm target"});
      target(f, "/SubmitForm target");
    }
    if (type == "GoToR" || type == "GoToE" || type == "ImportData") {
      const std::string f = file_spec(d.get("F"));
      const std::string l = lower_ascii(std::string_view(f).substr(0, 8));
      if (l.starts_with("http") || l.starts_with("file:") || f.starts_with("\\\\")) {
        target(f, "/" + type + " target");
      }
    }
    if (d.get("AcroForm")) s_.has_acroform = true;
    if (d.get("XFA") && !s_.has_xfa) {
      s_.has_xfa = true;
      ctx_.finding(Symbol::PDF_XFA, {"/XFA", "XFA form"});
    }
    const PdfObject* sub = d.get("Subtype");
    if (!s_.has_richmedia && ((sub && sub->is_name("RichMedia")) || d.get("RichMediaContent"))) {
      s_.has_richmedia = true;
      ctx_.finding(Symbol::PDF_RICHMEDIA, {"/RichMedia", "RichMedia annotation"});
    }
    if (const PdfObject* ef = doc_.get(d, "EF"); ef && ef->is_dict()) {
      const std::string name = file_spec(&d);
      for (const PdfObject& v : ef->items) {
        if (v.kind == PdfObject::Kind::kRef) {
          auto [it, fresh] = s_.embedded.emplace(v.ref.num, name);
          if (!fresh && it->second.empty()) it->second = name;
          break;  // /F and /UF name the same stream in practice: one child
        }
      }
    }
    const PdfObject* t = d.get("Type");
    if (holder.has_stream && &d == &holder.object && t && t->is_name("EmbeddedFile")) {
      s_.embedded.emplace(holder.ref.num, std::string());
    }
  }

  // 12.6.4.5: /F the file to launch, /Win << /F /P /D /O >> its Windows form with parameters.
  void launch(const PdfObject& d) {
    std::string cmd = file_spec(d.get("F"));
    if (const PdfObject* win = doc_.get(d, "Win"); win && win->is_dict()) {
      const std::string f = file_spec(win->get("F"));
      if (!f.empty()) cmd = f;
      const PdfObject* p = doc_.get(*win, "P");
      if (p && p->kind == PdfObject::Kind::kString) cmd += " " + pdf_text_string_to_utf8(p->str);
    }
    cmd = repair_utf8(cmd);
    ++s_.launches;
    ctx_.finding(Symbol::PDF_LAUNCH, {pdf_cut_utf8(cmd, kMaxEvidence), "/Launch action"});
    if (!cmd.empty()) ctx_.text(TextKind::kArguments, cmd);
    const std::string l = lower_ascii(std::string_view(cmd).substr(0, 8));
    if (l.starts_with("http") || l.starts_with("file:") || cmd.starts_with("\\\\")) {
      target(cmd, "/Launch target");
    }
  }

  const PdfDocument& doc_;
  const PdfStreamDecoder& decode_;
  Context& ctx_;
  PdfFeatureSummary& s_;
  std::set<std::uint32_t> seen_scripts_;
};

}  // namespace

std::string pdf_cut_utf8(std::string_view s, std::size_t max) {
  if (s.size() <= max) return std::string(s);
  std::size_t n = max;
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  return std::string(s.substr(0, n));
}

void report_pdf_features(const PdfDocument& doc, const PdfStreamDecoder& decode, Context& ctx,
                         PdfFeatureSummary* summary) {
  FeatureWalker(doc, decode, ctx, summary).run();
}

}  // namespace lg

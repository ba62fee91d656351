// The RTF reader: tokens -> destinations -> facts, text, links, objects and findings.
#include "analyzers/rtf/rtf_document.h"

#include <algorithm>
#include <array>
#include <utility>

#include "analyzers/rtf/rtf_analyzer.h"
#include "analyzers/rtf/rtf_object.h"

#include "core/charset.h"

namespace lg::rtf {
namespace {

// How often the deadline is checked, in tokens.
constexpr std::size_t kStopCheckEvery = 4096;

}  // namespace

Document::Document(ByteView data, Context& ctx)
    : data_(data), ctx_(ctx), tok_(data), document_(ctx.limits().max_text_bytes) {
  stack_.reserve(64);
  stack_.emplace_back();
}

void Document::signal(std::string what) {
  if (signals_.size() < kMaxListFact) signals_.push_back(std::move(what));
}

void Document::run() {
  std::size_t n = 0;
  for (;;) {
    const Token t = tok_.next();
    if (t.kind == TokenKind::kEnd) break;
    if (++n % kStopCheckEvery == 0 && ctx_.should_stop()) {
      ctx_.anomaly("rtf: stopped early (deadline)");
      break;
    }
    token(t);
  }
  finish();
}

void Document::token(const Token& t) {
  if (t.kind != TokenKind::kGroupEnd) ++top().tokens;
  switch (t.kind) {
    case TokenKind::kGroupStart:
      open_group();
      break;
    case TokenKind::kGroupEnd:
      close_group();
      break;
    case TokenKind::kControlWord:
      control_word(t);
      break;
    case TokenKind::kControlSymbol:
      symbol(t);
      break;
    case TokenKind::kHexByte:
      if (uc_skip_ > 0) {
        --uc_skip_;
      } else if (top().dest == Dest::kObjData) {
        ++objdata_junk_;
      } else if (TextSink* s = sink()) {
        s->byte(t.byte);
      }
      break;
    case TokenKind::kText:
      text(t.data);
      break;
    case TokenKind::kBinary:
      binary(t.data);
      break;
    case TokenKind::kEnd:
      break;
  }
}

void Document::open_group() {
  uc_skip_ = 0;
  if (top().dest == Dest::kObjData) ++objdata_junk_;
  if (stack_.size() > RtfAnalyzer::kMaxGroupDepth) {
    ++overflow_;
  } else {
    const Group& p = stack_.back();
    Group g;
    g.dest = p.dest;
    g.uc = p.uc;
    g.owner = p.owner;
    g.object = p.object;
    g.field = p.field;
    g.field_result = p.field_result;
    g.font = p.font;
    stack_.push_back(std::move(g));
  }
  max_depth_ = std::max(max_depth_, stack_.size() - 1 + overflow_);
}

void Document::close_group() {
  uc_skip_ = 0;
  if (overflow_ > 0) {
    --overflow_;
    return;
  }
  if (stack_.size() <= 1) {
    ++unbalanced_;
    return;
  }
  Group g = std::move(stack_.back());
  stack_.pop_back();
  update_charset();
  if (g.tokens == 0 || (g.ignorable && !g.seen_word && g.tokens == 1)) ++empty_groups_;
  if (g.owner == static_cast<int>(stack_.size())) finish_destination(g);
  if (g.owns_field && g.field >= 0) finish_field(fields_[static_cast<std::size_t>(g.field)]);
}

void Document::control_word(const Token& t) {
  Group& g = top();
  const bool first = !g.seen_word;
  g.seen_word = true;
  if (uc_skip_ > 0) {  // RTF 1.9.1 \ucN: a control word counts as one skipped character
    --uc_skip_;
    return;
  }
  const std::string_view w = t.word;
  if (g.dest == Dest::kObjData && w != "bin") ++objdata_junk_;
  // \objdata after another word of a {\*...} group: hidden behind an unknown destination.
  if (w == "objdata" && g.ignorable && !first) objdata_in_ignored_ = true;
  if (destination_word(g, w)) return;
  if (first && g.ignorable) g.dest = Dest::kSkip;  // an unknown \* destination
  if (w == "rtf" && !version_seen_) {
    version_seen_ = true;
    ctx_.fact("rtf_version", std::int64_t{t.param});
  } else if (w == "ansicpg" && t.has_param) {
    ansi_charset_ = windows_code_page_charset(t.param);
    update_charset();
    ctx_.fact("code_page", std::int64_t{t.param});
  } else if (g.dest == Dest::kFontTable) {
    if (w == "f") table_font_ = t.param;
    if (w == "fcharset" && font_charsets_.size() < kMaxFonts) {
      font_charsets_[table_font_] = fcharset_charset(t.param);
    }
  } else if (w == "f" || w == "plain" || w == "deff") {
    if (w == "deff") default_font_ = t.param;
    g.font = w == "f" ? t.param : default_font_;
    update_charset();
  } else if (w == "uc") {
    g.uc = static_cast<std::uint16_t>(std::clamp(t.param, 0, 16));
  } else if (w == "u") {
    unicode(t.param);
  } else if (w == "bin") {
    if (t.param < 0 || static_cast<std::size_t>(t.param) > data_.size() - tok_.position()) {
      signal("\\bin" + std::to_string(t.param) + " runs past the end of the file");
    }
  } else if (g.dest == Dest::kDateField) {
    constexpr std::array<std::string_view, 5> kParts = {"yr", "mo", "dy", "hr", "min"};
    for (std::size_t i = 0; i < kParts.size(); ++i) {
      if (w == kParts[i]) stack_[static_cast<std::size_t>(g.owner)].date[i] = t.param;
    }
  } else if (w == "par" || w == "line" || w == "sect" || w == "page" || w == "row") {
    special("\n");
  } else if (w == "tab" || w == "cell") {
    special("\t");
  } else if (w == "emdash") {
    special("\u2014");
  } else if (w == "endash") {
    special("\u2013");
  } else if (w == "bullet") {
    special("\u2022");
  } else if (w == "lquote") {
    special("\u2018");
  } else if (w == "rquote") {
    special("\u2019");
  } else if (w == "ldblquote") {
    special("\u201C");
  } else if (w == "rdblquote") {
    special("\u201D");
  }
}

void Document::symbol(const Token& t) {
  Group& g = top();
  if (t.byte == '*') {
    if (!g.seen_word) g.ignorable = true;
    return;
  }
  if (uc_skip_ > 0) {
    --uc_skip_;
    return;
  }
  if (g.dest == Dest::kObjData) {
    ++objdata_junk_;
    return;
  }
  switch (t.byte) {
    case '\\':
    case '{':
    case '}': {
      if (TextSink* s = sink()) s->byte(t.byte);
      break;
    }
    case '~':
      special("\u00A0");
      break;
    case '_':
      special("-");
      break;
    case '\r':
    case '\n':
      special("\n");
      break;  // "\<CR>" is \par
    default:
      break;
  }
}

void Document::special(std::string_view utf8) {
  if (TextSink* s = sink()) s->utf8(utf8, charset_);
  if (top().dest == Dest::kText && top().field_result && top().field >= 0) {
    fields_[static_cast<std::size_t>(top().field)].result.utf8(utf8, charset_);
  }
}

void Document::unicode(std::int32_t param) {
  // RTF 1.9.1 \uN: a signed 16-bit value; negative ones stand for N + 65536.
  const auto unit = static_cast<std::uint16_t>(param < 0 ? param + 65536 : param);
  Group& g = top();
  if (TextSink* s = sink()) s->unit(unit, charset_);
  if (g.dest == Dest::kText && g.field_result && g.field >= 0) {
    fields_[static_cast<std::size_t>(g.field)].result.unit(unit, charset_);
  }
  uc_skip_ = g.uc;
}

void Document::update_charset() {
  auto it = font_charsets_.find(top().font);
  const std::string& next =
      it != font_charsets_.end() && !it->second.empty() ? it->second : ansi_charset_;
  if (next == charset_) return;
  // Bytes already collected belong to the old code page.
  document_.flush(charset_);
  const Group& g = top();
  if (g.owner >= 0) stack_[static_cast<std::size_t>(g.owner)].sink.flush(charset_);
  if (g.field >= 0) fields_[static_cast<std::size_t>(g.field)].result.flush(charset_);
  charset_ = next;
}

TextSink* Document::sink() {
  Group& g = top();
  switch (g.dest) {
    case Dest::kText:
      return &document_;
    case Dest::kSkip:
    case Dest::kObjData:
    case Dest::kDateField:
    case Dest::kFontTable:
      return nullptr;
    default:
      break;
  }
  if (g.owner < 0) return nullptr;
  return &stack_[static_cast<std::size_t>(g.owner)].sink;
}

void Document::text(ByteView b) {
  if (uc_skip_ > 0) {
    const std::size_t skip = std::min(uc_skip_, b.size());
    uc_skip_ -= skip;
    b = b.subspan(skip);
  }
  if (b.empty()) return;
  Group& g = top();
  if (g.dest == Dest::kObjData) {
    // rtfobj's tolerance: hex digits count, whitespace and junk between them do not.
    std::string& hex = stack_[static_cast<std::size_t>(g.owner)].hex;
    const std::size_t cap = 2 * static_cast<std::size_t>(ctx_.limits().max_object_bytes);
    // Runs of digits are appended whole; each round consumes a run and one other byte.
    for (std::size_t i = 0; i < b.size();) {
      std::size_t j = i;
      while (j < b.size() && hex_value(b[j]) >= 0) ++j;
      const std::size_t room = hex.size() < cap ? cap - hex.size() : 0;
      hex.append(reinterpret_cast<const char*>(b.data() + i), std::min(j - i, room));
      if (j < b.size() && b[j] != ' ' && b[j] != '\t') ++objdata_junk_;
      i = j + 1;
    }
    return;
  }
  if (TextSink* s = sink()) s->bytes(b);
  if (g.dest == Dest::kText && g.field_result && g.field >= 0) {
    fields_[static_cast<std::size_t>(g.field)].result.bytes(b);
  }
}

void Document::binary(ByteView b) {
  Group& g = top();
  if (g.dest != Dest::kObjData) return;  // pictures and the like
  bin_in_objdata_ = true;
  // \binN inside \objdata: raw bytes of the object, kept in the hex buffer as hex.
  constexpr char kDigits[] = "0123456789abcdef";
  std::string& hex = stack_[static_cast<std::size_t>(g.owner)].hex;
  if (hex.size() % 2 == 1) hex.pop_back();
  const std::size_t cap = 2 * static_cast<std::size_t>(ctx_.limits().max_object_bytes);
  for (std::uint8_t c : b) {
    if (hex.size() >= cap) break;
    hex.push_back(kDigits[c >> 4]);
    hex.push_back(kDigits[c & 15]);
  }
}

}  // namespace lg::rtf

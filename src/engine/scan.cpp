#include "engine/scan.h"

#include <algorithm>
#include <ctime>
#include <exception>
#include <new>

#include "core/file_name.h"
#include "core/hash.h"
#include "detect/passwords.h"

namespace lg {
namespace {

// Below this size a high ratio is harmless (a few KiB of repeated text compresses well).
constexpr std::uint64_t kRatioFloorBytes = 1u << 20;

void add_md5_sha1(ObjectNode& node, ByteView data) {
  auto d = md5_sha1(data);
  node.md5 = std::move(d.md5);
  node.sha1 = std::move(d.sha1);
}

}  // namespace

Scan::Scan(const Config& config, const TextScanner& text_scanner, Report& report,
           AnalyzerFactory factory, const Lexicon* lexicon, Lexicon::Scratch* scratch)
    : config_(config),
      factory_(std::move(factory)),
      text_scanner_(text_scanner),
      report_(report),
      lexicon_(lexicon),
      lent_scratch_(scratch) {}

void Scan::start_lure() {
  if (lexicon_ == nullptr) return;
  if (lent_scratch_ != nullptr) {
    lure_.emplace(*lexicon_, *lent_scratch_);
    return;
  }
  auto scratch = lexicon_->make_scratch();
  if (!scratch) return;  // noted on the root object by finish_lure
  own_scratch_.emplace(std::move(*scratch));
  lure_.emplace(*lexicon_, *own_scratch_);
}

void Scan::finish_lure() {
  if (lexicon_ == nullptr) return;
  current_ = 0;  // themes belong to the input as a whole
  if (!lure_) {
    anomaly("lure-language scratch space could not be allocated");
    return;
  }
  if (!lure_->status().is_ok()) anomaly("lure language: " + lure_->status().to_string());
  for (auto& hit : lure_->finish()) add_finding(0, hit.symbol, std::move(hit.evidence));
}

void Scan::run(std::string_view name, ByteView data, std::optional<FileType> type,
               std::string sha256) {
  deadline_ =
      std::chrono::steady_clock::now() + std::chrono::milliseconds(config_.limits.deadline_ms);
  total_bytes_ = data.size();
  ChildInfo root{"input", std::string(name), "", std::nullopt};
  start_lure();
  analyze_object(-1, root, data, type, std::move(sha256));
  while (!stack_.empty()) {
    Pending p = std::move(stack_.back());
    stack_.pop_back();
    if (should_stop()) {
      limit_hit("deadline", "objects left unanalyzed: " + std::to_string(stack_.size() + 1));
      stack_.clear();
      break;
    }
    analyze_object(p.parent, p.info, p.data);
  }
  finish_lure();
  record_contacts();
  const auto& root_node = report_.objects.front();
  report_.input = {std::string(name), root_node.size, root_node.md5, root_node.sha1,
                   root_node.sha256};
}

void Scan::analyze_object(int parent, const ChildInfo& info, ByteView data,
                          std::optional<FileType> known_type, std::string known_sha256) {
  ObjectNode node;
  node.id = static_cast<int>(report_.objects.size());
  node.parent = parent;
  node.depth = parent < 0 ? 0 : report_.objects[parent].depth + 1;
  node.relation = info.relation;
  node.name = info.name;
  node.declared_type = info.declared_type;
  node.size = data.size();
  // MD5 and SHA-1 follow once the type is known.
  node.sha256 = known_sha256.empty() ? sha256_hex(data) : std::move(known_sha256);
  node.path = parent < 0 ? std::string() : child_path(parent, info);
  current_ = node.id;
  current_text_bytes_ = 0;
  child_counts_.push_back(0);

  auto dup = by_sha256_.find(node.sha256);
  FileType type = FileType::kUnknown;
  if (dup != by_sha256_.end()) {
    // The same bytes again: same type, analyzed once. Its name may still be a trick.
    node.duplicate_of = dup->second;
    const ObjectNode& first = report_.objects[dup->second];
    node.type = first.type;
    if (!first.md5.empty()) {
      node.md5 = first.md5;
      node.sha1 = first.sha1;
    } else if (wants_md5_sha1(node.relation, FileType::kUnknown)) {
      add_md5_sha1(node, data);  // the first copy went without: structure, not a program
    }
    report_.objects.push_back(std::move(node));
    if (!info.name.empty())
      for (auto& issue : check_file_name(info.name))
        finding(issue.symbol, {info.name, std::move(issue.detail)});
    return;
  }
  type = known_type ? *known_type : identify(data);
  node.type = std::string(file_type_name(type));
  if (parent < 0) node.path = type == FileType::kMessage ? "message" : node.type;
  if (wants_md5_sha1(node.relation, type)) add_md5_sha1(node, data);
  by_sha256_.emplace(node.sha256, node.id);
  report_.objects.push_back(std::move(node));
  check_declared(report_.objects.back(), type);
  if (parent < 0) name_findings_ = report_.findings.size();
  run_analyzer(type, data);

  // Children go on the stack in reverse so the first child is analyzed next (tree order).
  for (auto it = current_children_.rbegin(); it != current_children_.rend(); ++it)
    stack_.push_back(std::move(*it));
  current_children_.clear();
  child_by_size_.clear();
  child_by_sha256_.clear();
}

void Scan::forget_name(Report& report, std::size_t name_findings) {
  auto& f = report.findings;
  f.erase(f.begin(), f.begin() + static_cast<std::ptrdiff_t>(std::min(name_findings, f.size())));
  report.input.name.clear();
  if (!report.objects.empty()) report.objects.front().name.clear();
}

void Scan::rename(std::string_view name, FileType type) {
  if (report_.objects.empty()) return;
  report_.input.name = std::string(name);
  ObjectNode& root = report_.objects.front();
  root.name = std::string(name);
  current_ = 0;
  const auto before = static_cast<std::ptrdiff_t>(report_.findings.size());
  check_declared(root, type);
  auto& f = report_.findings;
  std::rotate(f.begin(), f.begin() + before, f.end());
  name_findings_ = f.size() - static_cast<std::size_t>(before);
}

void Scan::check_declared(const ObjectNode& node, FileType type) {
  if (!node.name.empty()) {
    for (auto& issue : check_file_name(node.name))
      finding(issue.symbol, {node.name, std::move(issue.detail)});
  }
  if (node.parent >= 0) {
    auto mismatch = declared_type_mismatch(node.name, node.declared_type, type);
    if (!mismatch.empty()) finding(Symbol::TYPE_MISMATCH, {node.name, std::move(mismatch)});
  }
  if (file_type_is_executable(type)) {
    finding(Symbol::EXECUTABLE_ATTACHMENT, {node.name, std::string(file_type_name(type))});
    // A program under a document's name: "invoice.pdf" whose content is a PE or Mach-O.
    if (is_document_extension(file_extension(node.name))) {
      finding(Symbol::EXECUTABLE_DOCUMENT_DISGUISE,
              {node.name, std::string(file_type_name(type)) + " content under a document name"});
    }
  } else if (file_type_is_script(type))
    finding(Symbol::SCRIPT_ATTACHMENT, {node.name, std::string(file_type_name(type))});
}

void Scan::run_analyzer(FileType type, ByteView data) {
  auto analyzer = factory_(type);
  if (!analyzer) return;
  Status st;
  // No exception may end a scan: a bug or an allocation failure in one analyzer becomes a
  // finding on its object, and what it reported before is kept.
  try {
    st = analyzer->analyze(data, *this);
  } catch (const std::bad_alloc&) {
    st = Status::error(ErrorCode::kInternal, "out of memory");
  } catch (const std::exception& e) {
    st = Status::error(ErrorCode::kInternal, std::string("exception: ") + e.what());
  } catch (...) {
    st = Status::error(ErrorCode::kInternal, "unknown exception");
  }
  if (st.is_ok()) return;
  anomaly(st.to_string());
  switch (st.code()) {
    case ErrorCode::kTruncated:
    case ErrorCode::kMalformed:
    case ErrorCode::kUnsupported:
      finding(Symbol::PARSE_ANOMALY, {std::string(file_type_name(type)), st.to_string()});
      break;
    case ErrorCode::kLimit: {
      // Usually the echo of a child() the engine refused, already recorded as that limit.
      bool recorded = false;
      for (const auto& h : report_.limits_hit) recorded |= h.object_id == current_;
      if (!recorded) limit_hit("analyzer", st.message());
      break;
    }
    case ErrorCode::kCancelled:
      limit_hit("deadline", st.message());
      break;
    default:
      finding(Symbol::ANALYZER_FAILURE, {std::string(file_type_name(type)), st.to_string()});
  }
}

std::string Scan::child_path(int parent, const ChildInfo& info) {
  std::string p = report_.objects[parent].path;
  p += " > ";
  p += info.relation.empty() ? "child" : info.relation;
  p += '[' + std::to_string(++child_counts_[parent]) + ']';
  if (!info.name.empty()) p += ' ' + info.name;
  return p;
}

void Scan::finding(Symbol s, Evidence e) { add_finding(current_, s, std::move(e)); }

void Scan::add_finding(int object_id, Symbol s, Evidence e) {
  const auto& info = symbol_info(s);
  Finding f;
  f.symbol = std::string(info.name);
  f.group = std::string(info.group);
  f.score = config_.scoring.weight(s);
  for (auto id : attack_ids(info)) f.attack.emplace_back(id);
  f.object_id = object_id;
  f.path = report_.objects[object_id].path;
  f.evidence = std::move(e);
  report_.findings.push_back(std::move(f));
}

void Scan::text(TextKind kind, std::string_view utf8) {
  if (current_text_bytes_ >= config_.limits.max_text_bytes) return;
  auto room = config_.limits.max_text_bytes - current_text_bytes_;
  if (utf8.size() > room) {
    // Cut at a code point boundary so detectors see valid UTF-8.
    std::size_t cut = room;
    while (cut > 0 && (static_cast<unsigned char>(utf8[cut]) & 0xC0) == 0x80) --cut;
    utf8 = utf8.substr(0, cut);
    limit_hit("text_bytes", "text beyond " + std::to_string(config_.limits.max_text_bytes) +
                                " bytes not scanned");
  }
  current_text_bytes_ += utf8.size();
  text_scanner_.scan_text(kind, utf8, *this);
  if (lure_) lure_->add(kind, utf8);
  if (kind == TextKind::kSubject || kind == TextKind::kBody || kind == TextKind::kDocument)
    find_password_candidates(utf8, found_passwords_);
}

void Scan::link(std::string_view href, std::string_view visible_text) {
  text_scanner_.scan_link(href, visible_text, *this);
}

void Scan::fact(std::string_view key, FactValue v) {
  report_.objects[current_].facts.emplace_back(std::string(key), std::move(v));
}

void Scan::anomaly(std::string_view what) {
  auto& a = report_.objects[current_].anomalies;
  if (a.size() < 100) a.emplace_back(what);
}

Status Scan::child(ChildInfo info, Bytes data) {
  const auto& lim = config_.limits;
  const auto& parent = report_.objects[current_];
  auto refuse = [&](std::string_view limit, std::string detail) {
    limit_hit(limit, std::move(detail));
    return Status::error(ErrorCode::kLimit, std::string(limit));
  };
  if (should_stop()) return refuse("deadline", "child not analyzed: " + info.name);
  if (static_cast<std::uint32_t>(parent.depth) + 1 > lim.max_depth)
    return refuse("depth", "objects nested deeper than " + std::to_string(lim.max_depth));
  std::string sha256;
  if (merge_sibling(info, data, sha256)) return Status::ok();
  std::size_t count = report_.objects.size() + stack_.size() + current_children_.size();
  if (count >= lim.max_objects)
    return refuse("objects", "more than " + std::to_string(lim.max_objects) + " objects");
  if (data.size() > lim.max_object_bytes)
    return refuse("object_bytes", info.name + " is " + std::to_string(data.size()) + " bytes");
  if (info.source_size && *info.source_size > 0 && data.size() > kRatioFloorBytes &&
      static_cast<double>(data.size()) / static_cast<double>(*info.source_size) > lim.max_ratio)
    return refuse("ratio", info.name + " expands " + std::to_string(*info.source_size) +
                               " bytes to " + std::to_string(data.size()));
  total_bytes_ += data.size();
  if (total_bytes_ > lim.max_total_bytes)
    return refuse("total_bytes",
                  "more than " + std::to_string(lim.max_total_bytes) + " bytes in one input");
  // A name is read by a person before anything else ("Job_Description_Coinbase.pdf.lnk").
  if (lure_ && !info.name.empty()) lure_->add(TextKind::kFilename, info.name);
  child_by_size_.try_emplace(data.size(), current_children_.size());
  if (!sha256.empty()) child_by_sha256_.try_emplace(std::move(sha256), current_children_.size());
  current_children_.push_back({current_, std::move(info), std::move(data)});
  return Status::ok();
}

// One parent handing over the same bytes twice (two decoders of one page reach the same
// payload) gives one child: a copy without a name, or under the sibling's own name, is
// dropped, and a name only the later copy gives is kept. Copies under other names stay
// objects of their own (two attachments), analyzed once through by_sha256_. A child is hashed
// only when a sibling has its size, and each child once; `sha256` returns its digest if taken.
bool Scan::merge_sibling(ChildInfo& info, ByteView data, std::string& sha256) {
  auto first = child_by_size_.find(data.size());
  if (first == child_by_size_.end()) return false;
  if (first->second != kHashed) {  // the first of this size, hashed now that it has company
    child_by_sha256_.try_emplace(sha256_hex(current_children_[first->second].data), first->second);
    first->second = kHashed;
  }
  sha256 = sha256_hex(data);
  auto same = child_by_sha256_.find(sha256);
  if (same == child_by_sha256_.end()) return false;
  ChildInfo& kept = current_children_[same->second].info;
  if (!info.name.empty() && info.name != kept.name) {
    if (!kept.name.empty()) return false;
    kept = std::move(info);
    if (lure_) lure_->add(TextKind::kFilename, kept.name);
  }
  return true;
}

std::vector<std::string> Scan::candidate_passwords() const {
  std::vector<std::string> out = found_passwords_;
  for (const auto& p : config_.passwords)
    if (std::find(out.begin(), out.end(), p) == out.end()) out.push_back(p);
  return out;
}

bool Scan::password_from_text(std::string_view password) const {
  return std::find(found_passwords_.begin(), found_passwords_.end(), password) !=
         found_passwords_.end();
}

void Scan::message(const MessageInfo& info) {
  // A display name that names a protected brand on an address outside its domains. (The
  // From, Reply-To and recipients' domains are checked as the header text is scanned.)
  if (!info.from.display.empty()) {
    const std::string_view address = info.from.address;
    const auto at = address.rfind('@');
    const std::string_view domain = at == std::string_view::npos ? "" : address.substr(at + 1);
    if (auto m = text_scanner_.check_display_name(info.from.display, domain))
      finding(m->symbol,
              Evidence{info.from.display + " <" + std::string(address) + ">", m->detail});
  }
  if (checks_ == nullptr) return;
  external_sender_[current_] = checks_->sender_external(info);
  checks_->check(info, *this);
  // First contact concerns the delivered message, not the ones it carries. The message's own
  // text has been scanned by now (its attachments come later), so any URL seen is its own.
  if (history_ != nullptr && current_ == 0) {
    const bool payload = info.attachments > 0 || !report_.observables.urls.empty();
    std::vector<MessageChecks::ServiceLink> links;
    for (const UrlObservable& u : report_.observables.urls) {
      if (links.size() >= MessageChecks::kMaxServiceLinkFindings) break;
      if (u.defanged || u.host.empty()) continue;  // written to be read, not followed
      const HostService service = text_scanner_.host_service(u.host);
      if (service == HostService::kCodeHost || service == HostService::kFileSharing)
        links.push_back({u.url, u.host, service});
    }
    contacts_ = checks_->first_contact(info, payload, links, *history_, *this);
  }
}

bool Scan::sender_external() const {
  // The nearest message object at or above the current one (depth-bounded by the tree).
  for (int id = current_; id >= 0; id = report_.objects[static_cast<std::size_t>(id)].parent) {
    auto it = external_sender_.find(id);
    if (it != external_sender_.end()) return it->second;
  }
  return false;
}

void Scan::record_contacts() {
  if (history_ == nullptr || contacts_.empty()) return;
  const auto now = static_cast<std::int64_t>(std::time(nullptr));
  for (const auto& c : contacts_) {
    Status st = history_->record(c.sender_domain, c.recipient, now);
    if (!st.is_ok()) {
      current_ = 0;
      anomaly("history: " + st.message());
      break;
    }
  }
  contacts_.clear();
}

bool Scan::should_stop() const { return std::chrono::steady_clock::now() >= deadline_; }

void Scan::limit_hit(std::string_view limit, std::string detail) {
  for (const auto& h : report_.limits_hit)
    if (h.limit == limit && h.object_id == current_) return;  // once per limit and object
  anomaly("limit " + std::string(limit) + ": " + detail);
  add_finding(current_, Symbol::LIMIT_EXCEEDED, {std::string(limit), detail});
  report_.limits_hit.push_back({std::string(limit), current_, std::move(detail)});
}

}  // namespace lg

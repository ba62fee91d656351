#include "app/scan_command.h"

#include <atomic>
#include <condition_variable>
#include <map>
#include <mutex>
#include <ostream>
#include <thread>

#include "app/inputs.h"
#include "report/report_json.h"
#include "report/report_text.h"

namespace lg {
namespace {

struct Outcome {
  std::vector<Report> reports;
};

Report unreadable_report(const std::string& name, const std::string& why) {
  Report r;
  r.version = LG_VERSION_STRING;
  r.input.name = name;
  r.error = why;
  return r;
}

Outcome scan_path(const Engine& engine, const InputPath& path) {
  Outcome o;
  auto items = load_input(path, engine.config().limits.max_total_bytes);
  if (!items) {
    o.reports.push_back(unreadable_report(path.path, items.status().to_string()));
    return o;
  }
  o.reports.reserve(items->size());
  for (const auto& item : *items) o.reports.push_back(engine.scan(item.name, item.data, item.type));
  return o;
}

/// Prints reports in input order and keeps the tallies for the exit code and the summary.
class Printer {
 public:
  Printer(const ScanOptions& opts, std::ostream& out) : opts_(opts), out_(out) {}

  void begin() {
    if (opts_.format == OutputFormat::kJson) out_ << "[";
  }
  void print(const Report& r) {
    if (!r.error.empty())
      ++unreadable_;
    else
      ++by_verdict_[static_cast<int>(r.verdict)];
    switch (opts_.format) {
      case OutputFormat::kText:
        out_ << report_to_text(r, opts_.color) << "\n";
        break;
      case OutputFormat::kJsonl:
        out_ << report_to_jsonl(r);
        break;
      case OutputFormat::kJson:
        out_ << (printed_ ? ",\n" : "\n") << report_to_json(r, true);
        break;
    }
    ++printed_;
  }
  void end() {
    if (opts_.format == OutputFormat::kJson) out_ << (printed_ ? "\n]\n" : "]\n");
    if (opts_.format == OutputFormat::kText)
      out_ << printed_ << (printed_ == 1 ? " input: " : " inputs: ") << by_verdict_[0] << " clean, "
           << by_verdict_[1] << " suspicious, " << by_verdict_[2] << " malicious, " << unreadable_
           << " unreadable\n";
    out_.flush();
  }
  int exit_code() const {
    if (unreadable_ > 0) return 3;
    if (by_verdict_[2] > 0) return 2;
    if (by_verdict_[1] > 0) return 1;
    return 0;
  }
  void count_unreadable() { ++unreadable_; }

 private:
  const ScanOptions& opts_;
  std::ostream& out_;
  std::size_t printed_ = 0;
  std::size_t unreadable_ = 0;
  std::size_t by_verdict_[3] = {0, 0, 0};
};

}  // namespace

int run_scan(const Engine& engine, const ScanOptions& opts, std::ostream& out, std::ostream& err) {
  std::vector<std::string> errors;
  auto paths = expand_paths(opts.paths, errors);
  Printer printer(opts, out);
  for (const auto& e : errors) {
    err << "lureguard: " << e << "\n";
    printer.count_unreadable();
  }
  printer.begin();

  // Workers take paths by index; the printer emits finished paths in order, so output is
  // deterministic whatever the thread count, and memory holds only the out-of-order window.
  std::mutex mu;
  std::condition_variable cv;
  std::map<std::size_t, Outcome> done;
  std::size_t next_to_print = 0;
  std::atomic<std::size_t> next_to_take{0};
  auto flush_ready = [&]() {  // called with mu held
    for (auto it = done.find(next_to_print); it != done.end(); it = done.find(next_to_print)) {
      for (const auto& r : it->second.reports) {
        if (!r.error.empty()) err << "lureguard: " << r.input.name << ": " << r.error << "\n";
        printer.print(r);
      }
      done.erase(it);
      ++next_to_print;
    }
  };
  auto worker = [&]() {
    for (std::size_t i = next_to_take++; i < paths.size(); i = next_to_take++) {
      Outcome o = scan_path(engine, paths[i]);
      std::unique_lock lock(mu);
      // Bound the out-of-order window: wait while this result is far ahead of the printer.
      cv.wait(lock, [&] { return i < next_to_print + 256; });
      done.emplace(i, std::move(o));
      flush_ready();
      cv.notify_all();
    }
  };
  unsigned jobs = std::max(1u, std::min<unsigned>(opts.jobs, paths.size() ? paths.size() : 1));
  if (jobs == 1) {
    worker();
  } else {
    std::vector<std::thread> threads;
    for (unsigned j = 0; j < jobs; ++j) threads.emplace_back(worker);
    for (auto& t : threads) t.join();
  }
  printer.end();
  return printer.exit_code();
}

}  // namespace lg

// lureguard: the command line. Owns stdout, stderr and the exit code; everything else is the
// library's.
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdlib>
#include <iostream>
#include <thread>

#include "app/scan_command.h"
#include "app/symbols_command.h"
#include "engine/config.h"
#include "engine/engine.h"

// AddressSanitizer, as GCC (__SANITIZE_ADDRESS__) and clang (__has_feature) announce it.
#if defined(__SANITIZE_ADDRESS__)
#define LG_ADDRESS_SANITIZER 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define LG_ADDRESS_SANITIZER 1
#endif
#endif

int main(int argc, char** argv) {
  CLI::App app{"lureguard: static analysis of mail and files for targeted lures"};
  app.require_subcommand(1);

  std::string config_path;
  lg::ScanOptions opts;
  std::string format = "text";
  std::string color = "auto";
  opts.jobs = std::max(1u, std::thread::hardware_concurrency());
  auto* scan =
      app.add_subcommand("scan", "scan files, directories, mbox files, Maildirs or - (stdin)");
  scan->add_option("paths", opts.paths, "what to scan")->required();
  scan->add_option("--format,-f", format, "text, json or jsonl")
      ->check(CLI::IsMember({"text", "json", "jsonl"}));
  scan->add_option("--config,-c", config_path, "TOML config file")->check(CLI::ExistingFile);
  scan->add_option("--jobs,-j", opts.jobs, "inputs scanned in parallel")
      ->check(CLI::Range(1u, 256u));
  scan->add_option("--color", color, "auto, always or never")
      ->check(CLI::IsMember({"auto", "always", "never"}));
  std::string history_path;
  scan->add_option("--history", history_path,
                   "SQLite file of sender-domain-to-recipient pairs seen before (first contact)");

  std::string symbols_format = "text";
  auto* symbols = app.add_subcommand("symbols", "print the table of symbols and their scores");
  symbols->add_option("--format,-f", symbols_format, "text or json")
      ->check(CLI::IsMember({"text", "json"}));
  symbols->add_option("--config,-c", config_path, "TOML config file (weights in force)")
      ->check(CLI::ExistingFile);

  app.add_subcommand("version", "print the version");

  CLI11_PARSE(app, argc, argv);

  if (app.got_subcommand("version")) {
    std::cout << "lureguard " << LG_VERSION_STRING << "\n";
    return 0;
  }

  lg::Config config = lg::default_config();
  if (!config_path.empty()) {
    auto loaded = lg::load_config(config_path);
    if (!loaded) {
      std::cerr << "lureguard: " << config_path << ": " << loaded.status().message() << "\n";
      return 3;
    }
    config = std::move(*loaded);
  }

  if (app.got_subcommand("symbols")) {
    std::cout << lg::symbols_listing(config.scoring, symbols_format == "json");
    return 0;
  }

  opts.format = format == "json"    ? lg::OutputFormat::kJson
                : format == "jsonl" ? lg::OutputFormat::kJsonl
                                    : lg::OutputFormat::kText;
  opts.color = color == "always" ||
               (color == "auto" && isatty(STDOUT_FILENO) && std::getenv("NO_COLOR") == nullptr);
  std::shared_ptr<lg::ContactHistory> history;
  if (!history_path.empty()) {
    auto opened = lg::ContactHistory::open(history_path);
    if (!opened) {
      std::cerr << "lureguard: " << opened.status().message() << "\n";
      return 3;
    }
    history = std::move(*opened);
  }
  auto engine = lg::Engine::create(std::move(config), std::move(history));
  if (!engine) {
    std::cerr << "lureguard: " << engine.status().message() << "\n";
    return 3;
  }
  const int code = lg::run_scan(**engine, opts, std::cout, std::cerr);
  // The engine's tables (lexicons, look-alike indexes, ICU objects) are many small heap
  // blocks: freeing them one by one is work the process's exit does at once (a tenth of an
  // empty scan). A contact history is closed properly (SQLite checkpoints its WAL on close);
  // under AddressSanitizer the engine is destroyed, so that leak checking sees everything.
#if !defined(LG_ADDRESS_SANITIZER)
  if (history_path.empty()) {
    std::cout.flush();
    std::cerr.flush();
    std::quick_exit(code);
  }
#endif
  return code;
}

#pragma once
/// First-contact history: which sender organizations have written to which recipients before,
/// kept in an SQLite file. One object is shared by every scan of an engine (the CLI's parallel
/// scans, later the daemon's); every method is thread-safe. Two messages of a new pair scanned
/// at the same moment may both count as first contact: the pair is recorded after each scan.
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "core/status.h"

struct sqlite3;
struct sqlite3_stmt;

namespace lg {

class ContactHistory {
 public:
  /// Opens (creating when absent) the history at `path`. An unreadable or foreign file is an
  /// error naming it.
  static Result<std::unique_ptr<ContactHistory>> open(const std::string& path);
  ~ContactHistory();
  ContactHistory(const ContactHistory&) = delete;
  ContactHistory& operator=(const ContactHistory&) = delete;

  /// Times mail from `sender_domain` (an organizational domain) to `recipient` (an address,
  /// compared ignoring ASCII case) was recorded; 0 for a first contact.
  [[nodiscard]] Result<std::int64_t> count(std::string_view sender_domain,
                                           std::string_view recipient) const;
  /// Records one more message of the pair at `unix_time` (first_seen set on the first).
  [[nodiscard]] Status record(std::string_view sender_domain, std::string_view recipient,
                              std::int64_t unix_time);

 private:
  explicit ContactHistory(sqlite3* db);
  Status prepare();

  mutable std::mutex mu_;  // one statement use at a time; sqlite3 is opened FULLMUTEX too
  sqlite3* db_ = nullptr;
  sqlite3_stmt* select_ = nullptr;
  sqlite3_stmt* upsert_ = nullptr;
};

}  // namespace lg

#include "engine/history.h"

#include <sqlite3.h>

#include "core/ascii.h"

namespace lg {
namespace {

constexpr int kBusyTimeoutMs = 5000;  // another process (a second CLI run) holds the lock

constexpr const char* kSchema =
    "PRAGMA journal_mode=WAL;"
    "PRAGMA synchronous=NORMAL;"
    "CREATE TABLE IF NOT EXISTS contacts ("
    "  sender_domain TEXT NOT NULL,"
    "  recipient TEXT NOT NULL,"
    "  first_seen INTEGER NOT NULL,"
    "  last_seen INTEGER NOT NULL,"
    "  count INTEGER NOT NULL,"
    "  PRIMARY KEY (sender_domain, recipient)) WITHOUT ROWID;";

Status db_error(sqlite3* db, const std::string& what) {
  return Status::error(ErrorCode::kIo, what + ": " + (db ? sqlite3_errmsg(db) : "out of memory"));
}

// Binds and resets on every path: a statement is reused for every call.
class Use {
 public:
  Use(sqlite3_stmt* s, std::string_view domain, std::string_view recipient) : s_(s) {
    sqlite3_bind_text(s_, 1, domain.data(), static_cast<int>(domain.size()), SQLITE_TRANSIENT);
    sqlite3_bind_text(s_, 2, recipient.data(), static_cast<int>(recipient.size()),
                      SQLITE_TRANSIENT);
  }
  ~Use() {
    sqlite3_reset(s_);
    sqlite3_clear_bindings(s_);
  }
  Use(const Use&) = delete;
  Use& operator=(const Use&) = delete;

 private:
  sqlite3_stmt* s_;
};

}  // namespace

ContactHistory::ContactHistory(sqlite3* db) : db_(db) {}

ContactHistory::~ContactHistory() {
  sqlite3_finalize(select_);
  sqlite3_finalize(upsert_);
  sqlite3_close(db_);
}

Result<std::unique_ptr<ContactHistory>> ContactHistory::open(const std::string& path) {
  sqlite3* db = nullptr;
  const int rc =
      sqlite3_open_v2(path.c_str(), &db,
                      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX, nullptr);
  std::unique_ptr<ContactHistory> h(new ContactHistory(db));  // closes db on every path
  if (rc != SQLITE_OK) return db_error(db, "cannot open history " + path);
  sqlite3_busy_timeout(db, kBusyTimeoutMs);
  char* msg = nullptr;
  if (sqlite3_exec(db, kSchema, nullptr, nullptr, &msg) != SQLITE_OK) {
    std::string why = msg ? msg : "unknown error";
    sqlite3_free(msg);
    return Status::error(ErrorCode::kIo, "history " + path + ": " + why);
  }
  Status st = h->prepare();
  if (!st.is_ok()) return Status::error(st.code(), "history " + path + ": " + st.message());
  return h;
}

Status ContactHistory::prepare() {
  if (sqlite3_prepare_v2(db_,
                         "SELECT count FROM contacts WHERE sender_domain = ?1 AND recipient = ?2",
                         -1, &select_, nullptr) != SQLITE_OK)
    return db_error(db_, "prepare");
  if (sqlite3_prepare_v2(db_,
                         "INSERT INTO contacts VALUES (?1, ?2, ?3, ?3, 1) "
                         "ON CONFLICT (sender_domain, recipient) DO UPDATE SET "
                         "last_seen = max(last_seen, excluded.last_seen), count = count + 1",
                         -1, &upsert_, nullptr) != SQLITE_OK)
    return db_error(db_, "prepare");
  return Status::ok();
}

Result<std::int64_t> ContactHistory::count(std::string_view sender_domain,
                                           std::string_view recipient) const {
  const std::string who = ascii_lower(recipient);
  std::lock_guard lock(mu_);
  Use use(select_, sender_domain, who);
  const int rc = sqlite3_step(select_);
  if (rc == SQLITE_ROW) return static_cast<std::int64_t>(sqlite3_column_int64(select_, 0));
  if (rc == SQLITE_DONE) return std::int64_t{0};
  return db_error(db_, "history lookup");
}

Status ContactHistory::record(std::string_view sender_domain, std::string_view recipient,
                              std::int64_t unix_time) {
  const std::string who = ascii_lower(recipient);
  std::lock_guard lock(mu_);
  Use use(upsert_, sender_domain, who);
  sqlite3_bind_int64(upsert_, 3, unix_time);
  if (sqlite3_step(upsert_) != SQLITE_DONE) return db_error(db_, "history update");
  return Status::ok();
}

}  // namespace lg

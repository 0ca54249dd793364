#include "server/sqlite_event_store.hpp"

#include <sqlite3.h>

#include <filesystem>

namespace delegate::server {

namespace {

constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS events (revision INTEGER PRIMARY KEY, body TEXT NOT NULL);
)sql";

}  // namespace

Result<std::unique_ptr<SqliteEventStore>> SqliteEventStore::open(const std::string& dataDir,
                                                                 const std::string& newStoreId) {
  std::error_code ec;
  std::filesystem::create_directories(dataDir, ec);
  if (ec) return failure("cannot create data folder " + dataDir + ": " + ec.message());
  auto db = SqliteDb::open(dataDir + "/events.db");
  if (!db) return db.error();
  std::unique_ptr<SqliteEventStore> store(new SqliteEventStore(std::move(db.value())));
  SqliteDb& d = *store->db_;
  if (Status s = d.exec(kSchema); !s) return failure("events.db: " + s.error().message);

  SqliteStatement getId(d, "SELECT value FROM meta WHERE key='storeId'");
  if (getId.step() == SQLITE_ROW) {
    store->storeId_ = getId.columnText(0);
  } else {
    SqliteStatement putId(d, "INSERT INTO meta(key, value) VALUES('storeId', ?1)");
    putId.bind(1, newStoreId);
    if (putId.step() != SQLITE_DONE) return failure("events.db: " + d.lastError());
    store->storeId_ = newStoreId;
  }
  SqliteStatement max(d, "SELECT COALESCE(MAX(revision), 0) FROM events");
  if (max.step() != SQLITE_ROW) return failure("events.db: " + d.lastError());
  store->head_ = static_cast<std::uint64_t>(max.columnInt(0));
  store->insert_ =
      std::make_unique<SqliteStatement>(d, "INSERT INTO events(revision, body) VALUES(?1, ?2)");
  if (!store->insert_->valid()) return failure("events.db: " + d.lastError());
  return store;
}

Result<std::uint64_t> SqliteEventStore::append(const std::vector<std::string>& bodies) {
  std::lock_guard lock(mutex_);
  if (bodies.empty()) return head_;
  if (Status s = db_->exec("BEGIN IMMEDIATE"); !s)
    return failure("events.db: " + s.error().message);
  std::uint64_t revision = head_;
  for (const std::string& body : bodies) {
    ++revision;
    insert_->reset().bind(1, static_cast<std::int64_t>(revision)).bind(2, body);
    if (insert_->step() != SQLITE_DONE) {
      std::string why = db_->lastError();
      insert_->reset();
      (void)db_->exec("ROLLBACK");
      return failure("events.db: cannot append: " + why);
    }
  }
  insert_->reset();
  // COMMIT is where synchronous=FULL fsyncs the WAL: the batch is durable when it succeeds.
  if (Status s = db_->exec("COMMIT"); !s) {
    (void)db_->exec("ROLLBACK");
    return failure("events.db: cannot commit: " + s.error().message);
  }
  head_ = revision;
  return head_;
}

Status SqliteEventStore::readSince(std::uint64_t after, const Visitor& visit) {
  std::lock_guard lock(mutex_);
  SqliteStatement read(*db_,
                       "SELECT revision, body FROM events WHERE revision > ?1 ORDER BY revision");
  if (!read.valid()) return failure("events.db: " + db_->lastError());
  read.bind(1, static_cast<std::int64_t>(after));
  int rc;
  while ((rc = read.step()) == SQLITE_ROW) {
    if (!visit(static_cast<std::uint64_t>(read.columnInt(0)), read.columnView(1))) return Status{};
  }
  if (rc != SQLITE_DONE) return failure("events.db: cannot read: " + db_->lastError());
  return Status{};
}

std::uint64_t SqliteEventStore::head() const {
  std::lock_guard lock(mutex_);
  return head_;
}

Status SqliteEventStore::checkIntegrity() {
  std::lock_guard lock(mutex_);
  SqliteStatement check(*db_, "PRAGMA integrity_check");
  if (check.step() != SQLITE_ROW || check.columnText(0) != "ok")
    return failure("events.db fails SQLite's integrity check: " + check.columnText(0));
  SqliteStatement count(*db_, "SELECT COUNT(*), COALESCE(MIN(revision), 1) FROM events");
  if (count.step() != SQLITE_ROW) return failure("events.db: " + db_->lastError());
  auto rows = static_cast<std::uint64_t>(count.columnInt(0));
  if (rows != head_ || (rows > 0 && count.columnInt(1) != 1))
    return failure("events.db: revisions are not 1.." + std::to_string(head_) + " without gaps");
  return Status{};
}

Status SqliteEventStore::checkpoint() {
  std::lock_guard lock(mutex_);
  return db_->exec("PRAGMA wal_checkpoint(TRUNCATE)");
}

}  // namespace delegate::server

#include "server/mail_store.hpp"

#include <sqlite3.h>

#include <cstdlib>
#include <filesystem>

namespace delegate::server {

namespace {

constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS deliveries (
  email_id INTEGER PRIMARY KEY, tenant_id TEXT NOT NULL, message_id TEXT NOT NULL,
  status TEXT NOT NULL, attempts INTEGER NOT NULL, created_ms INTEGER NOT NULL,
  window_start_ms INTEGER NOT NULL, next_attempt_ms INTEGER NOT NULL, sent_ms INTEGER NOT NULL,
  last_error TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS deliveries_due ON deliveries(status, next_attempt_ms);
CREATE INDEX IF NOT EXISTS deliveries_tenant ON deliveries(tenant_id, email_id);
)sql";

constexpr const char* kColumns =
    "email_id, tenant_id, message_id, status, attempts, created_ms, window_start_ms, "
    "next_attempt_ms, sent_ms, last_error";

MailStatus statusFrom(const std::string& s) {
  if (s == "retrying") return MailStatus::retrying;
  if (s == "sent") return MailStatus::sent;
  if (s == "failed") return MailStatus::failed;
  return MailStatus::queued;
}

}  // namespace

const char* mailStatusName(MailStatus s) {
  switch (s) {
    case MailStatus::queued:
      return "queued";
    case MailStatus::retrying:
      return "retrying";
    case MailStatus::sent:
      return "sent";
    case MailStatus::failed:
      return "failed";
  }
  return "queued";
}

Result<std::unique_ptr<MailStore>> MailStore::open(const std::string& dataDir) {
  std::error_code ec;
  std::filesystem::create_directories(dataDir, ec);
  if (ec) return failure("cannot create data folder " + dataDir + ": " + ec.message());
  auto db = SqliteDb::open(dataDir + "/mail.db");
  if (!db) return db.error();
  std::unique_ptr<MailStore> store(new MailStore(std::move(db.value())));
  if (Status s = store->db_->exec(kSchema); !s) return failure("mail.db: " + s.error().message);
  return store;
}

MailDelivery MailStore::rowFrom(SqliteStatement& st) {
  MailDelivery d;
  d.emailId = static_cast<std::uint64_t>(st.columnInt(0));
  d.tenantId = st.columnText(1);
  d.messageId = st.columnText(2);
  d.status = statusFrom(st.columnText(3));
  d.attempts = static_cast<int>(st.columnInt(4));
  d.createdMs = st.columnInt(5);
  d.windowStartMs = st.columnInt(6);
  d.nextAttemptMs = st.columnInt(7);
  d.sentMs = st.columnInt(8);
  d.lastError = st.columnText(9);
  return d;
}

std::optional<std::uint64_t> MailStore::cursor() {
  std::lock_guard lock(mutex_);
  SqliteStatement get(*db_, "SELECT value FROM meta WHERE key='cursor'");
  if (get.step() != SQLITE_ROW) return std::nullopt;
  return std::strtoull(get.columnText(0).c_str(), nullptr, 10);
}

Status MailStore::enqueue(const std::vector<MailDelivery>& rows, std::uint64_t through) {
  std::lock_guard lock(mutex_);
  if (Status s = db_->exec("BEGIN IMMEDIATE"); !s) return s;
  auto fail = [&](SqliteStatement& st) {
    std::string why = db_->lastError();
    st.reset();
    (void)db_->exec("ROLLBACK");
    return failure("mail.db: " + why);
  };
  {
    SqliteStatement put(*db_, std::string("INSERT OR IGNORE INTO deliveries(") + kColumns +
                                  ") VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
    for (const MailDelivery& d : rows) {
      put.reset()
          .bind(1, static_cast<std::int64_t>(d.emailId))
          .bind(2, d.tenantId)
          .bind(3, d.messageId)
          .bind(4, mailStatusName(d.status))
          .bind(5, static_cast<std::int64_t>(d.attempts))
          .bind(6, d.createdMs)
          .bind(7, d.windowStartMs)
          .bind(8, d.nextAttemptMs)
          .bind(9, d.sentMs)
          .bind(10, d.lastError);
      if (put.step() != SQLITE_DONE) return fail(put);
    }
    put.reset();
    SqliteStatement cur(*db_, "INSERT OR REPLACE INTO meta(key, value) VALUES('cursor', ?1)");
    cur.bind(1, std::to_string(through));
    if (cur.step() != SQLITE_DONE) return fail(cur);
  }
  return db_->exec("COMMIT");
}

std::vector<MailDelivery> MailStore::due(std::int64_t nowMs, std::size_t limit) {
  std::lock_guard lock(mutex_);
  SqliteStatement st(*db_, std::string("SELECT ") + kColumns +
                               " FROM deliveries WHERE status IN ('queued','retrying') AND "
                               "next_attempt_ms <= ?1 ORDER BY next_attempt_ms, email_id LIMIT ?2");
  st.bind(1, nowMs).bind(2, static_cast<std::int64_t>(limit));
  std::vector<MailDelivery> out;
  while (st.step() == SQLITE_ROW) out.push_back(rowFrom(st));
  return out;
}

std::optional<std::int64_t> MailStore::nextDueMs() {
  std::lock_guard lock(mutex_);
  SqliteStatement st(*db_,
                     "SELECT MIN(next_attempt_ms) FROM deliveries WHERE status IN "
                     "('queued','retrying')");
  if (st.step() != SQLITE_ROW || st.columnIsNull(0)) return std::nullopt;
  return st.columnInt(0);
}

Status MailStore::update(const MailDelivery& d) {
  std::lock_guard lock(mutex_);
  SqliteStatement st(*db_,
                     "UPDATE deliveries SET status=?2, attempts=?3, window_start_ms=?4, "
                     "next_attempt_ms=?5, sent_ms=?6, last_error=?7 WHERE email_id=?1");
  st.bind(1, static_cast<std::int64_t>(d.emailId))
      .bind(2, mailStatusName(d.status))
      .bind(3, static_cast<std::int64_t>(d.attempts))
      .bind(4, d.windowStartMs)
      .bind(5, d.nextAttemptMs)
      .bind(6, d.sentMs)
      .bind(7, d.lastError);
  if (st.step() != SQLITE_DONE) return failure("mail.db: " + db_->lastError());
  return Status{};
}

std::optional<MailDelivery> MailStore::find(std::uint64_t emailId) {
  std::lock_guard lock(mutex_);
  SqliteStatement st(*db_,
                     std::string("SELECT ") + kColumns + " FROM deliveries WHERE email_id=?1");
  st.bind(1, static_cast<std::int64_t>(emailId));
  if (st.step() != SQLITE_ROW) return std::nullopt;
  return rowFrom(st);
}

std::vector<MailDelivery> MailStore::ofTenant(const std::string& tenantId, std::size_t limit) {
  std::lock_guard lock(mutex_);
  SqliteStatement st(*db_, std::string("SELECT ") + kColumns +
                               " FROM deliveries WHERE tenant_id=?1 ORDER BY email_id DESC "
                               "LIMIT ?2");
  st.bind(1, tenantId).bind(2, static_cast<std::int64_t>(limit));
  std::vector<MailDelivery> out;
  while (st.step() == SQLITE_ROW) out.push_back(rowFrom(st));
  return out;
}

}  // namespace delegate::server

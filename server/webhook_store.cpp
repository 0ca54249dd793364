#include "server/webhook_store.hpp"

#include <sqlite3.h>

#include <cstdlib>
#include <filesystem>

namespace delegate::server {

namespace {

constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS endpoints (
  id TEXT PRIMARY KEY, tenant_id TEXT NOT NULL, url TEXT NOT NULL, secret TEXT NOT NULL,
  event_types TEXT NOT NULL, enabled INTEGER NOT NULL, created_ms INTEGER NOT NULL,
  failing_since_ms INTEGER NOT NULL, disabled_reason TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS endpoints_tenant ON endpoints(tenant_id, created_ms);
CREATE TABLE IF NOT EXISTS deliveries (
  id INTEGER PRIMARY KEY AUTOINCREMENT, endpoint_id TEXT NOT NULL, tenant_id TEXT NOT NULL,
  message_id TEXT NOT NULL, event_type TEXT NOT NULL, body TEXT NOT NULL, status TEXT NOT NULL,
  attempts INTEGER NOT NULL, created_ms INTEGER NOT NULL, window_start_ms INTEGER NOT NULL,
  next_attempt_ms INTEGER NOT NULL, done_ms INTEGER NOT NULL, last_status INTEGER NOT NULL,
  last_error TEXT NOT NULL, UNIQUE(endpoint_id, message_id));
CREATE INDEX IF NOT EXISTS deliveries_due ON deliveries(status, next_attempt_ms);
CREATE TABLE IF NOT EXISTS attempts (
  delivery_id INTEGER NOT NULL, attempt INTEGER NOT NULL, endpoint_id TEXT NOT NULL,
  at_ms INTEGER NOT NULL, status_code INTEGER NOT NULL, error TEXT NOT NULL,
  PRIMARY KEY(delivery_id, attempt));
CREATE INDEX IF NOT EXISTS attempts_endpoint ON attempts(endpoint_id, at_ms);
)sql";

constexpr const char* kEndpointColumns =
    "id, tenant_id, url, secret, event_types, enabled, created_ms, failing_since_ms, "
    "disabled_reason";
constexpr const char* kDeliveryColumns =
    "id, endpoint_id, tenant_id, message_id, event_type, body, status, attempts, created_ms, "
    "window_start_ms, next_attempt_ms, done_ms, last_status, last_error";

std::string joinTypes(const std::vector<std::string>& types) {
  std::string out;
  for (const std::string& t : types) out += (out.empty() ? "" : ",") + t;
  return out;
}

std::vector<std::string> splitTypes(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t comma = text.find(',', start);
    if (comma == std::string::npos) comma = text.size();
    out.push_back(text.substr(start, comma - start));
    start = comma + 1;
  }
  return out;
}

WebhookDeliveryStatus statusFrom(const std::string& s) {
  return webhookDeliveryStatusFromName(s).value_or(WebhookDeliveryStatus::queued);
}

WebhookEndpoint endpointFrom(SqliteStatement& st) {
  WebhookEndpoint e;
  e.id = st.columnText(0);
  e.tenantId = st.columnText(1);
  e.url = st.columnText(2);
  e.secret = st.columnText(3);
  e.eventTypes = splitTypes(st.columnText(4));
  e.enabled = st.columnInt(5) != 0;
  e.createdMs = st.columnInt(6);
  e.failingSinceMs = st.columnInt(7);
  e.disabledReason = st.columnText(8);
  return e;
}

WebhookDelivery deliveryFrom(SqliteStatement& st) {
  WebhookDelivery d;
  d.id = st.columnInt(0);
  d.endpointId = st.columnText(1);
  d.tenantId = st.columnText(2);
  d.messageId = st.columnText(3);
  d.eventType = st.columnText(4);
  d.body = st.columnText(5);
  d.status = statusFrom(st.columnText(6));
  d.attempts = static_cast<int>(st.columnInt(7));
  d.createdMs = st.columnInt(8);
  d.windowStartMs = st.columnInt(9);
  d.nextAttemptMs = st.columnInt(10);
  d.doneMs = st.columnInt(11);
  d.lastStatusCode = static_cast<int>(st.columnInt(12));
  d.lastError = st.columnText(13);
  return d;
}

}  // namespace

Result<std::unique_ptr<WebhookStore>> WebhookStore::open(const std::string& dataDir) {
  std::error_code ec;
  std::filesystem::create_directories(dataDir, ec);
  if (ec) return failure("cannot create data folder " + dataDir + ": " + ec.message());
  auto db = SqliteDb::open(dataDir + "/webhooks.db");
  if (!db) return db.error();
  std::unique_ptr<WebhookStore> store(new WebhookStore(std::move(db.value())));
  if (Status s = store->db_->exec(kSchema); !s) return failure("webhooks.db: " + s.error().message);
  return store;
}

Status WebhookStore::addEndpoint(const WebhookEndpoint& e) {
  std::lock_guard lock(mutex_);
  SqliteStatement st(*db_, std::string("INSERT INTO endpoints(") + kEndpointColumns +
                               ") VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
  st.bind(1, e.id)
      .bind(2, e.tenantId)
      .bind(3, e.url)
      .bind(4, e.secret)
      .bind(5, joinTypes(e.eventTypes))
      .bind(6, std::int64_t{e.enabled ? 1 : 0})
      .bind(7, e.createdMs)
      .bind(8, e.failingSinceMs)
      .bind(9, e.disabledReason);
  if (st.step() != SQLITE_DONE) return failure("webhooks.db: " + db_->lastError());
  return Status{};
}

Status WebhookStore::updateEndpoint(const WebhookEndpoint& e) {
  std::lock_guard lock(mutex_);
  SqliteStatement st(*db_,
                     "UPDATE endpoints SET secret=?2, event_types=?3, enabled=?4, "
                     "failing_since_ms=?5, disabled_reason=?6 WHERE id=?1");
  st.bind(1, e.id)
      .bind(2, e.secret)
      .bind(3, joinTypes(e.eventTypes))
      .bind(4, std::int64_t{e.enabled ? 1 : 0})
      .bind(5, e.failingSinceMs)
      .bind(6, e.disabledReason);
  if (st.step() != SQLITE_DONE) return failure("webhooks.db: " + db_->lastError());
  return Status{};
}

std::vector<WebhookEndpoint> WebhookStore::endpointsOf(const std::string& tenantId) {
  std::lock_guard lock(mutex_);
  SqliteStatement st(*db_, std::string("SELECT ") + kEndpointColumns +
                               " FROM endpoints WHERE tenant_id=?1 ORDER BY created_ms, id");
  st.bind(1, tenantId);
  std::vector<WebhookEndpoint> out;
  while (st.step() == SQLITE_ROW) out.push_back(endpointFrom(st));
  return out;
}

std::vector<WebhookEndpoint> WebhookStore::enabledEndpoints() {
  std::lock_guard lock(mutex_);
  SqliteStatement st(*db_, std::string("SELECT ") + kEndpointColumns +
                               " FROM endpoints WHERE enabled=1 ORDER BY created_ms, id");
  std::vector<WebhookEndpoint> out;
  while (st.step() == SQLITE_ROW) out.push_back(endpointFrom(st));
  return out;
}

std::optional<WebhookEndpoint> WebhookStore::endpoint(const std::string& id) {
  std::lock_guard lock(mutex_);
  SqliteStatement st(*db_,
                     std::string("SELECT ") + kEndpointColumns + " FROM endpoints WHERE id=?1");
  st.bind(1, id);
  if (st.step() != SQLITE_ROW) return std::nullopt;
  return endpointFrom(st);
}

bool WebhookStore::deleteEndpoint(const std::string& id) {
  std::lock_guard lock(mutex_);
  if (!db_->exec("BEGIN IMMEDIATE")) return false;
  bool existed = false;
  {
    SqliteStatement del(*db_, "DELETE FROM endpoints WHERE id=?1");
    del.bind(1, id);
    existed = del.step() == SQLITE_DONE && sqlite3_changes(db_->handle()) > 0;
    for (const char* sql : {"DELETE FROM deliveries WHERE endpoint_id=?1",
                            "DELETE FROM attempts WHERE endpoint_id=?1"}) {
      SqliteStatement st(*db_, sql);
      st.bind(1, id);
      (void)st.step();
    }
  }
  if (!db_->exec("COMMIT")) {
    (void)db_->exec("ROLLBACK");
    return false;
  }
  return existed;
}

std::optional<std::uint64_t> WebhookStore::cursor() {
  std::lock_guard lock(mutex_);
  SqliteStatement get(*db_, "SELECT value FROM meta WHERE key='cursor'");
  if (get.step() != SQLITE_ROW) return std::nullopt;
  return std::strtoull(get.columnText(0).c_str(), nullptr, 10);
}

Status WebhookStore::enqueue(const std::vector<WebhookDelivery>& rows, std::uint64_t through) {
  std::lock_guard lock(mutex_);
  if (Status s = db_->exec("BEGIN IMMEDIATE"); !s) return s;
  auto fail = [&](SqliteStatement& st) {
    std::string why = db_->lastError();
    st.reset();
    (void)db_->exec("ROLLBACK");
    return failure("webhooks.db: " + why);
  };
  {
    SqliteStatement put(*db_,
                        "INSERT OR IGNORE INTO deliveries(endpoint_id, tenant_id, message_id, "
                        "event_type, body, status, attempts, created_ms, window_start_ms, "
                        "next_attempt_ms, done_ms, last_status, last_error) VALUES(?1, ?2, ?3, "
                        "?4, ?5, 'queued', 0, ?6, ?6, ?6, 0, 0, '')");
    for (const WebhookDelivery& d : rows) {
      put.reset()
          .bind(1, d.endpointId)
          .bind(2, d.tenantId)
          .bind(3, d.messageId)
          .bind(4, d.eventType)
          .bind(5, d.body)
          .bind(6, d.createdMs);
      if (put.step() != SQLITE_DONE) return fail(put);
    }
    put.reset();
    SqliteStatement cur(*db_, "INSERT OR REPLACE INTO meta(key, value) VALUES('cursor', ?1)");
    cur.bind(1, std::to_string(through));
    if (cur.step() != SQLITE_DONE) return fail(cur);
  }
  return db_->exec("COMMIT");
}

std::vector<WebhookDelivery> WebhookStore::due(std::int64_t nowMs, std::size_t limit) {
  std::lock_guard lock(mutex_);
  SqliteStatement st(*db_, std::string("SELECT ") + kDeliveryColumns +
                               " FROM deliveries WHERE status IN ('queued','retrying') AND "
                               "next_attempt_ms <= ?1 ORDER BY next_attempt_ms, id LIMIT ?2");
  st.bind(1, nowMs).bind(2, static_cast<std::int64_t>(limit));
  std::vector<WebhookDelivery> out;
  while (st.step() == SQLITE_ROW) out.push_back(deliveryFrom(st));
  return out;
}

std::optional<std::int64_t> WebhookStore::nextDueMs() {
  std::lock_guard lock(mutex_);
  SqliteStatement st(*db_,
                     "SELECT MIN(next_attempt_ms) FROM deliveries WHERE status IN "
                     "('queued','retrying')");
  if (st.step() != SQLITE_ROW || st.columnIsNull(0)) return std::nullopt;
  return st.columnInt(0);
}

Status WebhookStore::recordAttempt(const WebhookDelivery& d, const WebhookAttempt& a) {
  std::lock_guard lock(mutex_);
  if (Status s = db_->exec("BEGIN IMMEDIATE"); !s) return s;
  bool ok = true;
  {
    SqliteStatement up(*db_,
                       "UPDATE deliveries SET status=?2, attempts=?3, window_start_ms=?4, "
                       "next_attempt_ms=?5, done_ms=?6, last_status=?7, last_error=?8 WHERE "
                       "id=?1");
    up.bind(1, d.id)
        .bind(2, webhookDeliveryStatusName(d.status))
        .bind(3, static_cast<std::int64_t>(d.attempts))
        .bind(4, d.windowStartMs)
        .bind(5, d.nextAttemptMs)
        .bind(6, d.doneMs)
        .bind(7, static_cast<std::int64_t>(d.lastStatusCode))
        .bind(8, d.lastError);
    ok = up.step() == SQLITE_DONE;
    SqliteStatement log(*db_,
                        "INSERT OR REPLACE INTO attempts(delivery_id, attempt, endpoint_id, "
                        "at_ms, status_code, error) VALUES(?1, ?2, ?3, ?4, ?5, ?6)");
    log.bind(1, d.id)
        .bind(2, static_cast<std::int64_t>(a.attempt))
        .bind(3, d.endpointId)
        .bind(4, a.atMs)
        .bind(5, static_cast<std::int64_t>(a.statusCode))
        .bind(6, a.error);
    ok = ok && log.step() == SQLITE_DONE;
  }
  if (!ok) {
    std::string why = db_->lastError();
    (void)db_->exec("ROLLBACK");
    return failure("webhooks.db: " + why);
  }
  return db_->exec("COMMIT");
}

std::vector<WebhookAttempt> WebhookStore::log(const std::string& endpointId, std::size_t limit) {
  std::lock_guard lock(mutex_);
  SqliteStatement st(*db_,
                     "SELECT a.delivery_id, a.attempt, a.at_ms, a.status_code, a.error, "
                     "d.message_id, d.event_type FROM attempts a JOIN deliveries d ON "
                     "d.id = a.delivery_id WHERE a.endpoint_id=?1 ORDER BY a.at_ms DESC, "
                     "a.delivery_id DESC, a.attempt DESC LIMIT ?2");
  st.bind(1, endpointId).bind(2, static_cast<std::int64_t>(limit));
  std::vector<WebhookAttempt> out;
  while (st.step() == SQLITE_ROW) {
    WebhookAttempt a;
    a.deliveryId = st.columnInt(0);
    a.attempt = static_cast<int>(st.columnInt(1));
    a.atMs = st.columnInt(2);
    a.statusCode = static_cast<int>(st.columnInt(3));
    a.error = st.columnText(4);
    a.messageId = st.columnText(5);
    a.eventType = st.columnText(6);
    out.push_back(std::move(a));
  }
  return out;
}

std::vector<WebhookDelivery> WebhookStore::deliveriesOf(const std::string& endpointId,
                                                        std::size_t limit) {
  std::lock_guard lock(mutex_);
  SqliteStatement st(*db_, std::string("SELECT ") + kDeliveryColumns +
                               " FROM deliveries WHERE endpoint_id=?1 ORDER BY id DESC LIMIT ?2");
  st.bind(1, endpointId).bind(2, static_cast<std::int64_t>(limit));
  std::vector<WebhookDelivery> out;
  while (st.step() == SQLITE_ROW) out.push_back(deliveryFrom(st));
  return out;
}

std::optional<WebhookDelivery> WebhookStore::delivery(const std::string& endpointId,
                                                      const std::string& messageId) {
  std::lock_guard lock(mutex_);
  SqliteStatement st(*db_, std::string("SELECT ") + kDeliveryColumns +
                               " FROM deliveries WHERE endpoint_id=?1 AND message_id=?2");
  st.bind(1, endpointId).bind(2, messageId);
  if (st.step() != SQLITE_ROW) return std::nullopt;
  return deliveryFrom(st);
}

Result<bool> WebhookStore::retryNow(const WebhookDelivery& seen, std::int64_t nowMs) {
  std::lock_guard lock(mutex_);
  SqliteStatement st(*db_,
                     "UPDATE deliveries SET status='queued', window_start_ms=?4, "
                     "next_attempt_ms=?4, done_ms=0 WHERE id=?1 AND status=?2 AND attempts=?3");
  st.bind(1, seen.id)
      .bind(2, webhookDeliveryStatusName(seen.status))
      .bind(3, static_cast<std::int64_t>(seen.attempts))
      .bind(4, nowMs);
  if (st.step() != SQLITE_DONE) return failure("webhooks.db: " + db_->lastError());
  return sqlite3_changes(db_->handle()) == 1;
}

}  // namespace delegate::server

#include "server/sqlite_auth_store.hpp"

#include <sqlite3.h>

#include <cstdio>
#include <filesystem>

namespace delegate::server {

namespace {

constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS credentials (user_id TEXT PRIMARY KEY, hash TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sessions (
  key_hash TEXT PRIMARY KEY, kind TEXT NOT NULL, user_id TEXT NOT NULL, csrf TEXT NOT NULL,
  scope_tenant TEXT NOT NULL, name TEXT NOT NULL, token_id TEXT NOT NULL,
  created_at INTEGER NOT NULL, expires_at INTEGER NOT NULL,
  multi_factor INTEGER NOT NULL DEFAULT 0);
)sql";

}  // namespace

Result<std::unique_ptr<SqliteAuthStore>> SqliteAuthStore::open(const std::string& dataDir) {
  std::error_code ec;
  std::filesystem::create_directories(dataDir, ec);
  if (ec) return failure("cannot create data folder " + dataDir + ": " + ec.message());
  auto db = SqliteDb::open(dataDir + "/auth.db");
  if (!db) return db.error();
  std::unique_ptr<SqliteAuthStore> store(new SqliteAuthStore(std::move(db.value())));
  if (Status s = store->db_->exec(kSchema); !s) return failure("auth.db: " + s.error().message);
  if (Status s = store->upgradeSchema(); !s) return s.error();
  if (Status s = store->loadSessions(); !s) return s.error();
  return store;
}

// auth.db files from before multi-factor sign-in lack the column; their sessions were all
// signed in with a password alone.
Status SqliteAuthStore::upgradeSchema() {
  SqliteStatement probe(*db_, "SELECT multi_factor FROM sessions LIMIT 0");
  if (probe.valid()) return Status{};
  if (Status s =
          db_->exec("ALTER TABLE sessions ADD COLUMN multi_factor INTEGER NOT NULL DEFAULT 0");
      !s)
    return failure("auth.db: " + s.error().message);
  return Status{};
}

Status SqliteAuthStore::loadSessions() {
  SqliteStatement all(*db_,
                      "SELECT key_hash, kind, user_id, csrf, scope_tenant, name, token_id, "
                      "created_at, expires_at, multi_factor FROM sessions");
  int rc;
  while ((rc = all.step()) == SQLITE_ROW) {
    AuthSession s;
    s.keyHash = all.columnText(0);
    s.kind = all.columnText(1) == "token" ? AuthSession::Kind::token : AuthSession::Kind::cookie;
    s.userId = all.columnText(2);
    s.csrf = all.columnText(3);
    s.scopeTenant = all.columnText(4);
    s.name = all.columnText(5);
    s.tokenId = all.columnText(6);
    s.createdAt = all.columnInt(7);
    s.expiresAt = all.columnInt(8);
    s.multiFactor = all.columnInt(9) != 0;
    sessions_.emplace(s.keyHash, std::move(s));
  }
  if (rc != SQLITE_DONE) return failure("auth.db: " + db_->lastError());
  return Status{};
}

Status SqliteAuthStore::adoptStoreId(const std::string& storeId) {
  std::lock_guard lock(mutex_);
  SqliteStatement get(*db_, "SELECT value FROM meta WHERE key='storeId'");
  if (get.step() == SQLITE_ROW && get.columnText(0) == storeId) return Status{};
  SqliteStatement any(*db_, "SELECT 1 FROM credentials LIMIT 1");
  std::string existing = get.columnText(0);
  if (!existing.empty() && any.step() == SQLITE_ROW)
    return failure("auth.db belongs to store " + existing + ", events.db to store " + storeId);
  // A new store, or auth.db from before store ids were kept in it: it joins the event log's store.
  SqliteStatement put(*db_, "INSERT OR REPLACE INTO meta(key, value) VALUES('storeId', ?1)");
  put.bind(1, storeId);
  if (put.step() != SQLITE_DONE) return failure("auth.db: " + db_->lastError());
  return Status{};
}

Status SqliteAuthStore::setPasswordHash(const std::string& userId, const std::string& hash) {
  std::lock_guard lock(mutex_);
  SqliteStatement put(*db_, "INSERT OR REPLACE INTO credentials(user_id, hash) VALUES(?1, ?2)");
  put.bind(1, userId).bind(2, hash);
  if (put.step() != SQLITE_DONE) return failure("auth.db: " + db_->lastError());
  return Status{};
}

Status SqliteAuthStore::setPasswordHashes(
    const std::vector<std::pair<std::string, std::string>>& userIdAndHash) {
  std::lock_guard lock(mutex_);
  if (Status s = db_->exec("BEGIN IMMEDIATE"); !s) return s;
  SqliteStatement put(*db_, "INSERT OR REPLACE INTO credentials(user_id, hash) VALUES(?1, ?2)");
  for (const auto& [userId, hash] : userIdAndHash) {
    put.reset().bind(1, userId).bind(2, hash);
    if (put.step() != SQLITE_DONE) {
      std::string why = db_->lastError();
      put.reset();
      (void)db_->exec("ROLLBACK");
      return failure("auth.db: " + why);
    }
  }
  put.reset();
  return db_->exec("COMMIT");
}

Result<std::optional<std::string>> SqliteAuthStore::passwordHash(const std::string& userId) {
  std::lock_guard lock(mutex_);
  SqliteStatement get(*db_, "SELECT hash FROM credentials WHERE user_id = ?1");
  get.bind(1, userId);
  if (get.step() != SQLITE_ROW) return std::optional<std::string>();
  return std::optional<std::string>(get.columnText(0));
}

Status SqliteAuthStore::putSession(const AuthSession& s) {
  std::lock_guard lock(mutex_);
  SqliteStatement put(*db_,
                      "INSERT OR REPLACE INTO sessions(key_hash, kind, user_id, csrf, "
                      "scope_tenant, name, token_id, created_at, expires_at, multi_factor) "
                      "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
  put.bind(1, s.keyHash)
      .bind(2, s.kind == AuthSession::Kind::token ? "token" : "cookie")
      .bind(3, s.userId)
      .bind(4, s.csrf)
      .bind(5, s.scopeTenant)
      .bind(6, s.name)
      .bind(7, s.tokenId)
      .bind(8, s.createdAt)
      .bind(9, s.expiresAt)
      .bind(10, std::int64_t{s.multiFactor ? 1 : 0});
  if (put.step() != SQLITE_DONE) return failure("auth.db: " + db_->lastError());
  sessions_[s.keyHash] = s;
  return Status{};
}

Result<std::optional<AuthSession>> SqliteAuthStore::findSession(const std::string& keyHash,
                                                                std::int64_t now) {
  std::lock_guard lock(mutex_);
  auto it = sessions_.find(keyHash);
  if (it == sessions_.end()) return std::optional<AuthSession>();
  if (it->second.expiresAt <= now) {
    SqliteStatement del(*db_, "DELETE FROM sessions WHERE key_hash = ?1");
    del.bind(1, keyHash);
    // The session is refused either way; a row left behind is purged again when the store is
    // next loaded, so a failure here only needs to be seen.
    if (del.step() != SQLITE_DONE)
      std::fprintf(stderr, "delegate-server: purging an expired session failed: %s\n",
                   db_->lastError().c_str());
    sessions_.erase(it);
    return std::optional<AuthSession>();
  }
  return std::optional<AuthSession>(it->second);
}

Status SqliteAuthStore::removeSession(const std::string& keyHash) {
  std::lock_guard lock(mutex_);
  SqliteStatement del(*db_, "DELETE FROM sessions WHERE key_hash = ?1");
  del.bind(1, keyHash);
  if (del.step() != SQLITE_DONE) return failure("auth.db: " + db_->lastError());
  sessions_.erase(keyHash);
  return Status{};
}

Status SqliteAuthStore::removeSessionsOfUserExcept(const std::string& userId,
                                                   const std::string& keep) {
  std::lock_guard lock(mutex_);
  SqliteStatement del(*db_, "DELETE FROM sessions WHERE user_id = ?1 AND key_hash <> ?2");
  del.bind(1, userId).bind(2, keep);
  if (del.step() != SQLITE_DONE) return failure("auth.db: " + db_->lastError());
  for (auto it = sessions_.begin(); it != sessions_.end();)
    it = it->second.userId == userId && it->first != keep ? sessions_.erase(it) : std::next(it);
  return Status{};
}

Result<std::vector<AuthSession>> SqliteAuthStore::tokensOf(const std::string& userId,
                                                           std::int64_t now) {
  std::lock_guard lock(mutex_);
  std::vector<AuthSession> out;
  for (auto& [key, s] : sessions_)
    if (s.userId == userId && s.kind == AuthSession::Kind::token && s.expiresAt > now)
      out.push_back(s);
  return out;
}

std::size_t SqliteAuthStore::sessionCount() {
  std::lock_guard lock(mutex_);
  return sessions_.size();
}

}  // namespace delegate::server

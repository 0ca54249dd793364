#include "server/sqlite_multi_factor_store.hpp"

#include <sqlite3.h>

namespace delegate::server {

namespace {

constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS second_factors (
  user_id TEXT PRIMARY KEY, pending TEXT, active TEXT, last_step INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS recovery_codes (
  user_id TEXT NOT NULL, code_hash TEXT NOT NULL, used_at INTEGER,
  PRIMARY KEY (user_id, code_hash));
)sql";

}  // namespace

Result<std::unique_ptr<SqliteMultiFactorStore>> SqliteMultiFactorStore::open(
    const std::string& dataDir, SecretSeal seal) {
  auto db = SqliteDb::open(dataDir + "/auth.db");
  if (!db) return db.error();
  std::unique_ptr<SqliteMultiFactorStore> store(
      new SqliteMultiFactorStore(std::move(db.value()), std::move(seal)));
  if (Status s = store->db_->exec(kSchema); !s) return failure("auth.db: " + s.error().message);
  return store;
}

Status SqliteMultiFactorStore::putPending(const std::string& userId, const std::string& secret) {
  std::lock_guard lock(mutex_);
  SqliteStatement put(*db_,
                      "INSERT INTO second_factors(user_id, pending) VALUES(?1, ?2) "
                      "ON CONFLICT(user_id) DO UPDATE SET pending = excluded.pending");
  put.bind(1, userId).bind(2, seal_.seal(secret));
  if (put.step() != SQLITE_DONE) return failure("auth.db: " + db_->lastError());
  return Status{};
}

std::optional<std::string> SqliteMultiFactorStore::pending(const std::string& userId) {
  std::lock_guard lock(mutex_);
  SqliteStatement get(*db_, "SELECT pending FROM second_factors WHERE user_id = ?1");
  get.bind(1, userId);
  if (get.step() != SQLITE_ROW || get.columnIsNull(0)) return std::nullopt;
  return seal_.unseal(get.columnText(0));
}

Status SqliteMultiFactorStore::activate(const std::string& userId, std::int64_t step,
                                        const std::vector<std::string>& recoveryCodeHashes) {
  std::lock_guard lock(mutex_);
  if (Status s = db_->exec("BEGIN IMMEDIATE"); !s) return s;
  auto rollback = [&](const std::string& why) {
    (void)db_->exec("ROLLBACK");
    return failure("auth.db: " + why);
  };
  {
    SqliteStatement move(*db_,
                         "UPDATE second_factors SET active = pending, pending = NULL, "
                         "last_step = ?2 WHERE user_id = ?1 AND pending IS NOT NULL");
    move.bind(1, userId).bind(2, step);
    if (move.step() != SQLITE_DONE) return rollback(db_->lastError());
    if (sqlite3_changes(db_->handle()) != 1) return rollback("no authenticator is being set up");
    SqliteStatement clear(*db_, "DELETE FROM recovery_codes WHERE user_id = ?1");
    clear.bind(1, userId);
    if (clear.step() != SQLITE_DONE) return rollback(db_->lastError());
    SqliteStatement add(*db_, "INSERT INTO recovery_codes(user_id, code_hash) VALUES(?1, ?2)");
    for (const std::string& hash : recoveryCodeHashes) {
      add.reset().bind(1, userId).bind(2, hash);
      if (add.step() != SQLITE_DONE) return rollback(db_->lastError());
    }
  }
  return db_->exec("COMMIT");
}

std::optional<ActiveSecondFactor> SqliteMultiFactorStore::active(const std::string& userId) {
  std::lock_guard lock(mutex_);
  SqliteStatement get(*db_, "SELECT active, last_step FROM second_factors WHERE user_id = ?1");
  get.bind(1, userId);
  if (get.step() != SQLITE_ROW || get.columnIsNull(0)) return std::nullopt;
  auto secret = seal_.unseal(get.columnText(0));
  if (!secret) return std::nullopt;
  return ActiveSecondFactor{*secret, get.columnInt(1)};
}

bool SqliteMultiFactorStore::consumeStep(const std::string& userId, std::int64_t step) {
  std::lock_guard lock(mutex_);
  SqliteStatement use(*db_,
                      "UPDATE second_factors SET last_step = ?2 WHERE user_id = ?1 AND "
                      "last_step < ?2 AND active IS NOT NULL");
  use.bind(1, userId).bind(2, step);
  return use.step() == SQLITE_DONE && sqlite3_changes(db_->handle()) == 1;
}

bool SqliteMultiFactorStore::consumeRecoveryCode(const std::string& userId,
                                                 const std::string& codeHash, std::int64_t now) {
  std::lock_guard lock(mutex_);
  SqliteStatement use(*db_,
                      "UPDATE recovery_codes SET used_at = ?3 WHERE user_id = ?1 AND "
                      "code_hash = ?2 AND used_at IS NULL");
  use.bind(1, userId).bind(2, codeHash).bind(3, now);
  return use.step() == SQLITE_DONE && sqlite3_changes(db_->handle()) == 1;
}

int SqliteMultiFactorStore::recoveryCodesLeft(const std::string& userId) {
  std::lock_guard lock(mutex_);
  SqliteStatement count(
      *db_, "SELECT count(*) FROM recovery_codes WHERE user_id = ?1 AND used_at IS NULL");
  count.bind(1, userId);
  return count.step() == SQLITE_ROW ? static_cast<int>(count.columnInt(0)) : 0;
}

Status SqliteMultiFactorStore::putChallenge(const std::string& keyHash, const std::string& userId,
                                            std::int64_t now, std::int64_t expiresAt) {
  std::lock_guard lock(challengeMutex_);
  if (challenges_.size() >= kMaxChallenges) {
    for (auto it = challenges_.begin(); it != challenges_.end();)
      it = it->second.expiresAt <= now ? challenges_.erase(it) : std::next(it);
    // Still full of live ones (someone signing in with right passwords at a furious rate):
    // the oldest-inserted bucket goes; its owner types the password again.
    if (challenges_.size() >= kMaxChallenges) challenges_.erase(challenges_.begin());
  }
  challenges_[keyHash] = Challenge{userId, expiresAt};
  return Status{};
}

std::optional<std::string> SqliteMultiFactorStore::challengeUser(const std::string& keyHash,
                                                                 std::int64_t now) {
  std::lock_guard lock(challengeMutex_);
  auto it = challenges_.find(keyHash);
  if (it == challenges_.end()) return std::nullopt;
  if (it->second.expiresAt <= now) {
    challenges_.erase(it);
    return std::nullopt;
  }
  return it->second.userId;
}

void SqliteMultiFactorStore::endChallenge(const std::string& keyHash) {
  std::lock_guard lock(challengeMutex_);
  challenges_.erase(keyHash);
}

}  // namespace delegate::server

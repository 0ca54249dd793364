#include "server/multi_factor_store.hpp"

#include <sodium.h>
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

std::string toHex(const unsigned char* data, std::size_t size) {
  std::string out(size * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), data, size);
  out.pop_back();
  return out;
}

std::optional<std::string> fromHex(const std::string& hex) {
  std::string out(hex.size() / 2, '\0');
  std::size_t length = 0;
  if (sodium_hex2bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), hex.data(),
                     hex.size(), nullptr, &length, nullptr) != 0)
    return std::nullopt;
  out.resize(length);
  return out;
}

}  // namespace

Result<std::unique_ptr<MultiFactorStore>> MultiFactorStore::open(const std::string& dataDir,
                                                                 const std::string& sealKeyHex) {
  std::optional<std::string> sealKey = fromHex(sealKeyHex);
  if (!sealKey || sealKey->size() != crypto_secretbox_KEYBYTES)
    return failure("mfa.key must hold 32 bytes in hex");
  auto db = SqliteDb::open(dataDir + "/auth.db");
  if (!db) return db.error();
  std::unique_ptr<MultiFactorStore> store(
      new MultiFactorStore(std::move(db.value()), std::move(*sealKey)));
  if (Status s = store->db_->exec(kSchema); !s) return failure("auth.db: " + s.error().message);
  return store;
}

std::string MultiFactorStore::seal(const std::string& plain) const {
  unsigned char nonce[crypto_secretbox_NONCEBYTES];
  randombytes_buf(nonce, sizeof nonce);
  std::string box(plain.size() + crypto_secretbox_MACBYTES, '\0');
  crypto_secretbox_easy(reinterpret_cast<unsigned char*>(box.data()),
                        reinterpret_cast<const unsigned char*>(plain.data()), plain.size(), nonce,
                        reinterpret_cast<const unsigned char*>(key_.data()));
  return toHex(nonce, sizeof nonce) +
         toHex(reinterpret_cast<const unsigned char*>(box.data()), box.size());
}

std::optional<std::string> MultiFactorStore::unseal(const std::string& sealed) const {
  auto raw = fromHex(sealed);
  if (!raw || raw->size() < crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES)
    return std::nullopt;
  const auto* nonce = reinterpret_cast<const unsigned char*>(raw->data());
  const auto* box = nonce + crypto_secretbox_NONCEBYTES;
  const std::size_t boxSize = raw->size() - crypto_secretbox_NONCEBYTES;
  std::string plain(boxSize - crypto_secretbox_MACBYTES, '\0');
  if (crypto_secretbox_open_easy(reinterpret_cast<unsigned char*>(plain.data()), box, boxSize,
                                 nonce, reinterpret_cast<const unsigned char*>(key_.data())) != 0)
    return std::nullopt;  // another server's key, or a damaged row
  return plain;
}

Status MultiFactorStore::putPending(const std::string& userId, const std::string& secret) {
  std::lock_guard lock(mutex_);
  SqliteStatement put(*db_,
                      "INSERT INTO second_factors(user_id, pending) VALUES(?1, ?2) "
                      "ON CONFLICT(user_id) DO UPDATE SET pending = excluded.pending");
  put.bind(1, userId).bind(2, seal(secret));
  if (put.step() != SQLITE_DONE) return failure("auth.db: " + db_->lastError());
  return Status{};
}

std::optional<std::string> MultiFactorStore::pending(const std::string& userId) {
  std::lock_guard lock(mutex_);
  SqliteStatement get(*db_, "SELECT pending FROM second_factors WHERE user_id = ?1");
  get.bind(1, userId);
  if (get.step() != SQLITE_ROW || get.columnIsNull(0)) return std::nullopt;
  return unseal(get.columnText(0));
}

Status MultiFactorStore::activate(const std::string& userId, std::int64_t step,
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

std::optional<ActiveSecondFactor> MultiFactorStore::active(const std::string& userId) {
  std::lock_guard lock(mutex_);
  SqliteStatement get(*db_, "SELECT active, last_step FROM second_factors WHERE user_id = ?1");
  get.bind(1, userId);
  if (get.step() != SQLITE_ROW || get.columnIsNull(0)) return std::nullopt;
  auto secret = unseal(get.columnText(0));
  if (!secret) return std::nullopt;
  return ActiveSecondFactor{*secret, get.columnInt(1)};
}

bool MultiFactorStore::consumeStep(const std::string& userId, std::int64_t step) {
  std::lock_guard lock(mutex_);
  SqliteStatement use(*db_,
                      "UPDATE second_factors SET last_step = ?2 WHERE user_id = ?1 AND "
                      "last_step < ?2 AND active IS NOT NULL");
  use.bind(1, userId).bind(2, step);
  return use.step() == SQLITE_DONE && sqlite3_changes(db_->handle()) == 1;
}

bool MultiFactorStore::consumeRecoveryCode(const std::string& userId, const std::string& codeHash,
                                           std::int64_t now) {
  std::lock_guard lock(mutex_);
  SqliteStatement use(*db_,
                      "UPDATE recovery_codes SET used_at = ?3 WHERE user_id = ?1 AND "
                      "code_hash = ?2 AND used_at IS NULL");
  use.bind(1, userId).bind(2, codeHash).bind(3, now);
  return use.step() == SQLITE_DONE && sqlite3_changes(db_->handle()) == 1;
}

int MultiFactorStore::recoveryCodesLeft(const std::string& userId) {
  std::lock_guard lock(mutex_);
  SqliteStatement count(
      *db_, "SELECT count(*) FROM recovery_codes WHERE user_id = ?1 AND used_at IS NULL");
  count.bind(1, userId);
  return count.step() == SQLITE_ROW ? static_cast<int>(count.columnInt(0)) : 0;
}

}  // namespace delegate::server

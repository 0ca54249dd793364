#include "server/pg_multi_factor_store.hpp"

#include <cstdio>

namespace delegate::server {

namespace {
// A failure here is answered as "no such code" or "not set up" (the safe side); the operator
// still needs to see it.
void report(const Error& e) {
  std::fprintf(stderr, "delegate-server: authenticator store: %s\n", e.message.c_str());
}
}  // namespace

std::int64_t PgMultiFactorStore::affected(const std::string& sql,
                                          const std::vector<std::string>& params) {
  auto r = pool_->run([&](PgConnection& db) { return db.exec(sql, params); });
  if (!r) {
    report(r.error());
    return -1;
  }
  return r.value().affected();
}

std::optional<std::string> PgMultiFactorStore::firstValue(const std::string& sql,
                                                          const std::vector<std::string>& params) {
  auto r = pool_->run([&](PgConnection& db) { return db.exec(sql, params); });
  if (!r) {
    report(r.error());
    return std::nullopt;
  }
  if (r.value().rows() == 0) return std::nullopt;
  return r.value().text(0, 0);
}

Status PgMultiFactorStore::putPending(const std::string& userId, const std::string& secret) {
  auto r = pool_->run([&](PgConnection& db) {
    return db.exec(
        "INSERT INTO delegate_second_factors(user_id, pending) VALUES ($1, $2) "
        "ON CONFLICT (user_id) DO UPDATE SET pending = excluded.pending",
        {userId, seal_.seal(secret)});
  });
  if (!r) return r.error();
  return Status{};
}

std::optional<std::string> PgMultiFactorStore::pending(const std::string& userId) {
  auto sealed = firstValue(
      "SELECT pending FROM delegate_second_factors WHERE user_id = $1 AND pending IS NOT NULL",
      {userId});
  if (!sealed) return std::nullopt;
  return seal_.unseal(*sealed);
}

Status PgMultiFactorStore::activate(const std::string& userId, std::int64_t step,
                                    const std::vector<std::string>& recoveryCodeHashes) {
  return pool_->transaction([&](PgConnection& db) -> Status {
    auto moved = db.exec(
        "UPDATE delegate_second_factors SET active = pending, pending = NULL, last_step = $2 "
        "WHERE user_id = $1 AND pending IS NOT NULL",
        {userId, std::to_string(step)});
    if (!moved) return moved.error();
    if (moved.value().affected() != 1) return failure("no authenticator is being set up");
    if (auto clear = db.exec("DELETE FROM delegate_recovery_codes WHERE user_id = $1", {userId});
        !clear)
      return clear.error();
    auto add = db.exec(
        "INSERT INTO delegate_recovery_codes(user_id, code_hash) SELECT $1, h FROM "
        "unnest($2::text[]) AS h",
        {userId, pgTextArray(recoveryCodeHashes)});
    if (!add) return add.error();
    return Status{};
  });
}

std::optional<ActiveSecondFactor> PgMultiFactorStore::active(const std::string& userId) {
  auto r = pool_->run([&](PgConnection& db) {
    return db.exec(
        "SELECT active, last_step FROM delegate_second_factors WHERE user_id = $1 AND active "
        "IS NOT NULL",
        {userId});
  });
  if (!r) {
    report(r.error());
    return std::nullopt;
  }
  if (r.value().rows() == 0) return std::nullopt;
  auto secret = seal_.unseal(r.value().text(0, 0));
  if (!secret) return std::nullopt;
  return ActiveSecondFactor{*secret, r.value().integer(0, 1)};
}

bool PgMultiFactorStore::consumeStep(const std::string& userId, std::int64_t step) {
  return affected(
             "UPDATE delegate_second_factors SET last_step = $2 WHERE user_id = $1 AND "
             "last_step < $2 AND active IS NOT NULL",
             {userId, std::to_string(step)}) == 1;
}

bool PgMultiFactorStore::consumeRecoveryCode(const std::string& userId, const std::string& codeHash,
                                             std::int64_t now) {
  return affected(
             "UPDATE delegate_recovery_codes SET used_at = $3 WHERE user_id = $1 AND "
             "code_hash = $2 AND used_at IS NULL",
             {userId, codeHash, std::to_string(now)}) == 1;
}

int PgMultiFactorStore::recoveryCodesLeft(const std::string& userId) {
  auto n = firstValue(
      "SELECT count(*) FROM delegate_recovery_codes WHERE user_id = $1 AND used_at IS NULL",
      {userId});
  return n ? std::atoi(n->c_str()) : 0;
}

Status PgMultiFactorStore::putChallenge(const std::string& keyHash, const std::string& userId,
                                        std::int64_t now, std::int64_t expiresAt) {
  return pool_->transaction([&](PgConnection& db) -> Status {
    // Expired challenges go as new ones come (an index on the expiry keeps it cheap).
    if (auto purge = db.exec("DELETE FROM delegate_challenges WHERE expires_at <= $1",
                             {std::to_string(now)});
        !purge)
      return purge.error();
    auto put = db.exec(
        "INSERT INTO delegate_challenges(key_hash, user_id, expires_at) VALUES ($1, $2, $3)",
        {keyHash, userId, std::to_string(expiresAt)});
    if (!put) return put.error();
    return Status{};
  });
}

std::optional<std::string> PgMultiFactorStore::challengeUser(const std::string& keyHash,
                                                             std::int64_t now) {
  return firstValue(
      "SELECT user_id FROM delegate_challenges WHERE key_hash = $1 AND expires_at > $2",
      {keyHash, std::to_string(now)});
}

void PgMultiFactorStore::endChallenge(const std::string& keyHash) {
  (void)affected("DELETE FROM delegate_challenges WHERE key_hash = $1", {keyHash});
}

}  // namespace delegate::server

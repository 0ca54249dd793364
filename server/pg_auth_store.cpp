#include "server/pg_auth_store.hpp"

namespace delegate::server {

namespace {

constexpr const char* kColumns =
    "key_hash, kind, user_id, csrf, scope_tenant, name, token_id, created_at, expires_at, "
    "multi_factor";

AuthSession sessionAt(const PgResult& rows, int i) {
  AuthSession s;
  s.keyHash = rows.text(i, 0);
  s.kind = rows.text(i, 1) == "token" ? AuthSession::Kind::token : AuthSession::Kind::cookie;
  s.userId = rows.text(i, 2);
  s.csrf = rows.text(i, 3);
  s.scopeTenant = rows.text(i, 4);
  s.name = rows.text(i, 5);
  s.tokenId = rows.text(i, 6);
  s.createdAt = rows.integer(i, 7);
  s.expiresAt = rows.integer(i, 8);
  s.multiFactor = rows.text(i, 9) == "t";
  return s;
}

Status done(const Result<PgResult>& r) {
  if (!r) return r.error();
  return Status{};
}

// Expired sessions nobody presents again are dropped this often (by whichever server signs
// someone in), so the table holds about the live ones.
constexpr std::int64_t kPurgeEverySeconds = 600;

}  // namespace

Status PgAuthStore::setPasswordHash(const std::string& userId, const std::string& hash) {
  return setPasswordHashes({{userId, hash}});
}

Status PgAuthStore::setPasswordHashes(
    const std::vector<std::pair<std::string, std::string>>& userIdAndHash) {
  std::vector<std::string> ids, hashes;
  for (const auto& [id, hash] : userIdAndHash) {
    ids.push_back(id);
    hashes.push_back(hash);
  }
  return pool_->run([&](PgConnection& db) {
    return done(
        db.exec("INSERT INTO delegate_credentials(user_id, hash) SELECT * FROM unnest($1::text[], "
                "$2::text[]) ON CONFLICT (user_id) DO UPDATE SET hash = excluded.hash",
                {pgTextArray(ids), pgTextArray(hashes)}));
  });
}

Result<std::optional<std::string>> PgAuthStore::passwordHash(const std::string& userId) {
  return pool_->run([&](PgConnection& db) -> Result<std::optional<std::string>> {
    auto row = db.exec("SELECT hash FROM delegate_credentials WHERE user_id = $1", {userId});
    if (!row) return row.error();
    if (row.value().rows() == 0) return std::optional<std::string>();
    return std::optional<std::string>(row.value().text(0, 0));
  });
}

Status PgAuthStore::putSession(const AuthSession& s) {
  std::int64_t last = lastPurge_.load();
  const bool purge = s.createdAt - last >= kPurgeEverySeconds &&
                     lastPurge_.compare_exchange_strong(last, s.createdAt);
  return pool_->run([&](PgConnection& db) {
    if (purge)
      if (auto old = db.exec("DELETE FROM delegate_sessions WHERE expires_at <= $1",
                             {std::to_string(s.createdAt)});
          !old)
        return Status(old.error());
    return done(db.exec(
        std::string("INSERT INTO delegate_sessions(") + kColumns +
            ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (key_hash) DO UPDATE "
            "SET kind = excluded.kind, user_id = excluded.user_id, csrf = excluded.csrf, "
            "scope_tenant = excluded.scope_tenant, name = excluded.name, token_id = "
            "excluded.token_id, created_at = excluded.created_at, expires_at = "
            "excluded.expires_at, multi_factor = excluded.multi_factor",
        {s.keyHash, s.kind == AuthSession::Kind::token ? "token" : "cookie", s.userId, s.csrf,
         s.scopeTenant, s.name, s.tokenId, std::to_string(s.createdAt), std::to_string(s.expiresAt),
         s.multiFactor ? "true" : "false"}));
  });
}

Result<std::optional<AuthSession>> PgAuthStore::findSession(const std::string& keyHash,
                                                            std::int64_t now) {
  return pool_->run([&](PgConnection& db) -> Result<std::optional<AuthSession>> {
    auto row =
        db.exec(std::string("SELECT ") + kColumns + " FROM delegate_sessions WHERE key_hash = $1",
                {keyHash});
    if (!row) return row.error();
    if (row.value().rows() == 0) return std::optional<AuthSession>();
    AuthSession s = sessionAt(row.value(), 0);
    if (s.expiresAt > now) return std::optional<AuthSession>(std::move(s));
    // Refused either way; a row left behind is dropped again at its next use.
    (void)db.exec("DELETE FROM delegate_sessions WHERE key_hash = $1 AND expires_at <= $2",
                  {keyHash, std::to_string(now)});
    return std::optional<AuthSession>();
  });
}

Status PgAuthStore::removeSession(const std::string& keyHash) {
  return pool_->run([&](PgConnection& db) {
    return done(db.exec("DELETE FROM delegate_sessions WHERE key_hash = $1", {keyHash}));
  });
}

Status PgAuthStore::removeSessionsOfUserExcept(const std::string& userId, const std::string& keep) {
  return pool_->run([&](PgConnection& db) {
    return done(db.exec("DELETE FROM delegate_sessions WHERE user_id = $1 AND key_hash <> $2",
                        {userId, keep}));
  });
}

Result<std::vector<AuthSession>> PgAuthStore::tokensOf(const std::string& userId,
                                                       std::int64_t now) {
  return pool_->run([&](PgConnection& db) -> Result<std::vector<AuthSession>> {
    auto rows = db.exec(std::string("SELECT ") + kColumns +
                            " FROM delegate_sessions WHERE user_id = $1 AND kind = 'token' AND "
                            "expires_at > $2 ORDER BY created_at, token_id",
                        {userId, std::to_string(now)});
    if (!rows) return rows.error();
    std::vector<AuthSession> out;
    for (int i = 0; i < rows.value().rows(); ++i) out.push_back(sessionAt(rows.value(), i));
    return out;
  });
}

}  // namespace delegate::server

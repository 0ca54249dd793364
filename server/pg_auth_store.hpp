#pragma once
#include <atomic>
#include <memory>

#include "server/auth_store.hpp"
#include "server/pg_pool.hpp"

namespace delegate::server {

// Password hashes, sessions and tokens in the shared PostgreSQL store (delegate_credentials,
// delegate_sessions; see pg_schema.cpp). Nothing is cached: every server reads the same rows, so
// a session works on all of them and a sign-out or a password reset on one ends it on all at
// the next request.
class PgAuthStore final : public AuthStore {
 public:
  explicit PgAuthStore(std::shared_ptr<PgPool> pool) : pool_(std::move(pool)) {}

  // The tables live in the store itself: always its own.
  Status adoptStoreId(const std::string&) override { return Status{}; }
  Status setPasswordHash(const std::string& userId, const std::string& hash) override;
  Status setPasswordHashes(
      const std::vector<std::pair<std::string, std::string>>& userIdAndHash) override;
  Result<std::optional<std::string>> passwordHash(const std::string& userId) override;
  Status putSession(const AuthSession& session) override;
  Result<std::optional<AuthSession>> findSession(const std::string& keyHash,
                                                 std::int64_t now) override;
  Status removeSession(const std::string& keyHash) override;
  Status removeSessionsOfUserExcept(const std::string& userId, const std::string& keep) override;
  Result<std::vector<AuthSession>> tokensOf(const std::string& userId, std::int64_t now) override;

 private:
  std::shared_ptr<PgPool> pool_;
  std::atomic<std::int64_t> lastPurge_{0};  // unix seconds
};

}  // namespace delegate::server

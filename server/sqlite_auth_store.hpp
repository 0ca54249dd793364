#pragma once
#include <memory>
#include <mutex>
#include <unordered_map>

#include "server/auth_store.hpp"
#include "server/sqlite_db.hpp"

namespace delegate::server {

// Password hashes and sessions in `auth.db` beside the embedded event log (a separate file so
// sign-ins never wait behind the event log's writer). Sessions are cached in memory for fast
// lookups: only this process writes them.
class SqliteAuthStore final : public AuthStore {
 public:
  static Result<std::unique_ptr<SqliteAuthStore>> open(const std::string& dataDir);

  // Fails if auth.db already belongs to another store that has credentials (see
  // checkStoreIsWhole).
  Status adoptStoreId(const std::string& storeId) override;
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
  std::size_t sessionCount();

 private:
  explicit SqliteAuthStore(std::unique_ptr<SqliteDb> db) : db_(std::move(db)) {}
  Status loadSessions();
  Status upgradeSchema();

  std::mutex mutex_;
  std::unique_ptr<SqliteDb> db_;
  std::unordered_map<std::string, AuthSession> sessions_;
};

}  // namespace delegate::server

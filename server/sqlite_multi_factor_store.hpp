#pragma once
#include <memory>
#include <mutex>
#include <unordered_map>

#include "server/multi_factor_store.hpp"
#include "server/secret_seal.hpp"
#include "server/sqlite_db.hpp"

namespace delegate::server {

// Authenticators in auth.db beside the password hashes; challenges in memory (a restart asks
// for the password again).
class SqliteMultiFactorStore final : public MultiFactorStore {
 public:
  static constexpr std::size_t kMaxChallenges = 10000;

  static Result<std::unique_ptr<SqliteMultiFactorStore>> open(const std::string& dataDir,
                                                              SecretSeal seal);

  Status putPending(const std::string& userId, const std::string& secret) override;
  std::optional<std::string> pending(const std::string& userId) override;
  Status activate(const std::string& userId, std::int64_t step,
                  const std::vector<std::string>& recoveryCodeHashes) override;
  std::optional<ActiveSecondFactor> active(const std::string& userId) override;
  bool consumeStep(const std::string& userId, std::int64_t step) override;
  bool consumeRecoveryCode(const std::string& userId, const std::string& codeHash,
                           std::int64_t now) override;
  int recoveryCodesLeft(const std::string& userId) override;
  Status putChallenge(const std::string& keyHash, const std::string& userId, std::int64_t now,
                      std::int64_t expiresAt) override;
  std::optional<std::string> challengeUser(const std::string& keyHash, std::int64_t now) override;
  void endChallenge(const std::string& keyHash) override;

 private:
  SqliteMultiFactorStore(std::unique_ptr<SqliteDb> db, SecretSeal seal)
      : db_(std::move(db)), seal_(std::move(seal)) {}
  struct Challenge {
    std::string userId;
    std::int64_t expiresAt = 0;
  };

  std::mutex mutex_;
  std::unique_ptr<SqliteDb> db_;
  SecretSeal seal_;
  std::mutex challengeMutex_;
  std::unordered_map<std::string, Challenge> challenges_;
};

}  // namespace delegate::server

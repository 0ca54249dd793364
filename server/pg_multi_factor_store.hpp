#pragma once
#include <memory>

#include "server/multi_factor_store.hpp"
#include "server/pg_pool.hpp"
#include "server/secret_seal.hpp"

namespace delegate::server {

// Authenticators, recovery codes and sign-in challenges in the shared PostgreSQL store
// (delegate_second_factors, delegate_recovery_codes, delegate_challenges). Each use of a code is
// one conditional UPDATE or DELETE, so of two servers given the same code, one accepts it.
class PgMultiFactorStore final : public MultiFactorStore {
 public:
  PgMultiFactorStore(std::shared_ptr<PgPool> pool, SecretSeal seal)
      : pool_(std::move(pool)), seal_(std::move(seal)) {}

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
  // The rows `sql` touched with `params`, or -1 when PostgreSQL could not be asked.
  std::int64_t affected(const std::string& sql, const std::vector<std::string>& params);
  // The first column of the first row, if any.
  std::optional<std::string> firstValue(const std::string& sql,
                                        const std::vector<std::string>& params);

  std::shared_ptr<PgPool> pool_;
  SecretSeal seal_;
};

}  // namespace delegate::server

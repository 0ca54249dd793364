#pragma once
// Authenticator secrets, recovery codes and the short-lived sign-in challenges that link a
// correct password to the code that must follow it. SqliteMultiFactorStore keeps them in auth.db
// (challenges in memory) for one server; PgMultiFactorStore in the shared PostgreSQL store, so a
// code or recovery code used on one server is refused on every other, and a challenge issued by
// one server is redeemed on any. Secrets are sealed (see SecretSeal); recovery codes and
// challenges are kept as SHA-256 hashes.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "server/failure.hpp"

namespace delegate::server {

struct ActiveSecondFactor {
  std::string secret;         // raw bytes
  std::int64_t lastStep = 0;  // the newest time step whose code was accepted
};

class MultiFactorStore {
 public:
  virtual ~MultiFactorStore() = default;

  // A secret being set up: replaces any earlier one not yet confirmed.
  virtual Status putPending(const std::string& userId, const std::string& secret) = 0;
  virtual std::optional<std::string> pending(const std::string& userId) = 0;
  // The pending secret becomes the active one (its code of `step` was just shown), with fresh
  // recovery codes replacing any earlier ones.
  virtual Status activate(const std::string& userId, std::int64_t step,
                          const std::vector<std::string>& recoveryCodeHashes) = 0;
  virtual std::optional<ActiveSecondFactor> active(const std::string& userId) = 0;
  // Accepts `step` only if it is newer than the last accepted one, atomically: of two requests
  // with the same code, one wins.
  virtual bool consumeStep(const std::string& userId, std::int64_t step) = 0;
  // Marks an unused recovery code used; false if there is no such unused code.
  virtual bool consumeRecoveryCode(const std::string& userId, const std::string& codeHash,
                                   std::int64_t now) = 0;
  virtual int recoveryCodesLeft(const std::string& userId) = 0;

  // Challenges, by the SHA-256 of the value handed to the client.
  virtual Status putChallenge(const std::string& keyHash, const std::string& userId,
                              std::int64_t now, std::int64_t expiresAt) = 0;
  // Its user while it lives; an expired one is dropped.
  virtual std::optional<std::string> challengeUser(const std::string& keyHash,
                                                   std::int64_t now) = 0;
  virtual void endChallenge(const std::string& keyHash) = 0;
};

}  // namespace delegate::server

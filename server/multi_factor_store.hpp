#pragma once
// Authenticator secrets and recovery codes, in auth.db beside the password hashes. Secrets are
// sealed with a key kept in the data folder (mfa.key), so a copy of auth.db alone cannot produce
// anyone's codes; recovery codes are kept as SHA-256 hashes.
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "server/failure.hpp"
#include "server/sqlite_db.hpp"

namespace delegate::server {

struct ActiveSecondFactor {
  std::string secret;         // raw bytes
  std::int64_t lastStep = 0;  // the newest time step whose code was accepted
};

class MultiFactorStore {
 public:
  // `sealKeyHex`: 32 bytes in hex (the file loadOrCreateKey keeps).
  static Result<std::unique_ptr<MultiFactorStore>> open(const std::string& dataDir,
                                                        const std::string& sealKeyHex);

  // A secret being set up: replaces any earlier one not yet confirmed.
  Status putPending(const std::string& userId, const std::string& secret);
  std::optional<std::string> pending(const std::string& userId);
  // The pending secret becomes the active one (its code of `step` was just shown), with fresh
  // recovery codes replacing any earlier ones.
  Status activate(const std::string& userId, std::int64_t step,
                  const std::vector<std::string>& recoveryCodeHashes);
  std::optional<ActiveSecondFactor> active(const std::string& userId);
  // Accepts `step` only if it is newer than the last accepted one, atomically: of two requests
  // with the same code, one wins.
  bool consumeStep(const std::string& userId, std::int64_t step);
  // Marks an unused recovery code used; false if there is no such unused code.
  bool consumeRecoveryCode(const std::string& userId, const std::string& codeHash,
                           std::int64_t now);
  int recoveryCodesLeft(const std::string& userId);

 private:
  MultiFactorStore(std::unique_ptr<SqliteDb> db, std::string key)
      : db_(std::move(db)), key_(std::move(key)) {}
  std::string seal(const std::string& plain) const;
  std::optional<std::string> unseal(const std::string& sealed) const;

  std::mutex mutex_;
  std::unique_ptr<SqliteDb> db_;
  std::string key_;
};

}  // namespace delegate::server

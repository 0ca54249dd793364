#pragma once
#include <optional>
#include <string>

#include "server/failure.hpp"

namespace delegate::server {

// Seals authenticator secrets with a key kept in the data folder (mfa.key), so a copy of the
// credential tables alone (auth.db, or a dump of the PostgreSQL store) cannot produce anyone's
// codes. Servers sharing a store need the same key.
class SecretSeal {
 public:
  // `keyHex`: 32 bytes in hex (the file loadOrCreateKey keeps).
  static Result<SecretSeal> fromHex(const std::string& keyHex);

  std::string seal(const std::string& plain) const;
  // Nothing for another key's box or a damaged one.
  std::optional<std::string> unseal(const std::string& sealed) const;

 private:
  explicit SecretSeal(std::string key) : key_(std::move(key)) {}
  std::string key_;
};

}  // namespace delegate::server

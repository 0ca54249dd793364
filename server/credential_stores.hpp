#pragma once
#include <memory>
#include <string>

#include "server/auth_store.hpp"
#include "server/failure.hpp"
#include "server/multi_factor_store.hpp"
#include "server/sign_in_limiter.hpp"

namespace delegate::server {

// Everything a sign-in needs besides the event log: password hashes, sessions and tokens,
// authenticators and challenges, and the counts of failed sign-ins.
struct CredentialStores {
  std::unique_ptr<AuthStore> auth;
  std::unique_ptr<MultiFactorStore> multiFactor;
  std::unique_ptr<SignInLimiter> limiter;
};

// Chosen by --store: without one, auth.db in `dataDir` and counts in memory (one server); with a
// postgresql:// URI, tables in that database (created with the event log's schema), shared by
// every server on it. `sealKeyHex` seals authenticator secrets either way (see SecretSeal).
Result<CredentialStores> openCredentialStores(const std::string& dataDir, const std::string& store,
                                              const std::string& sealKeyHex);

}  // namespace delegate::server

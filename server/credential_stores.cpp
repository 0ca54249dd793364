#include "server/credential_stores.hpp"

#include "server/memory_sign_in_limiter.hpp"
#include "server/pg_auth_store.hpp"
#include "server/pg_connection.hpp"
#include "server/pg_multi_factor_store.hpp"
#include "server/pg_pool.hpp"
#include "server/pg_sign_in_limiter.hpp"
#include "server/sqlite_auth_store.hpp"
#include "server/sqlite_multi_factor_store.hpp"

namespace delegate::server {

Result<CredentialStores> openCredentialStores(const std::string& dataDir, const std::string& store,
                                              const std::string& sealKeyHex) {
  auto seal = SecretSeal::fromHex(sealKeyHex);
  if (!seal) return seal.error();
  CredentialStores out;
  if (isPostgresUri(store)) {
    auto pool = std::make_shared<PgPool>(store);
    out.auth = std::make_unique<PgAuthStore>(pool);
    out.multiFactor = std::make_unique<PgMultiFactorStore>(pool, std::move(seal.value()));
    out.limiter = std::make_unique<PgSignInLimiter>(pool, SignInLimiter::Limits{});
    return out;
  }
  auto auth = SqliteAuthStore::open(dataDir);
  if (!auth) return auth.error();
  out.auth = std::move(auth.value());
  auto multiFactor = SqliteMultiFactorStore::open(dataDir, std::move(seal.value()));
  if (!multiFactor) return multiFactor.error();
  out.multiFactor = std::move(multiFactor.value());
  out.limiter = std::make_unique<MemorySignInLimiter>();
  return out;
}

}  // namespace delegate::server

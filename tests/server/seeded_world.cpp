#include "seeded_world.hpp"

#include <catch2/catch.hpp>

#include <chrono>

#include "core/json_forms.hpp"
#include "server/password_hash.hpp"
#include "server/pg_auth_store.hpp"
#include "server/pg_event_store.hpp"
#include "server/secrets.hpp"
#include "server/sqlite_auth_store.hpp"
#include "server/sqlite_event_store.hpp"

namespace delegate::testing {

SeededWorld::SeededWorld() : source_(20261128) {
  auto seconds = std::chrono::duration_cast<std::chrono::seconds>(
                     std::chrono::system_clock::now().time_since_epoch())
                     .count();
  // A minute in the past, so the server's own clock is always ahead of the seeded state.
  now = Timestamp{static_cast<std::int64_t>(seconds) - 60};
}

Decision SeededWorld::run(const Principal& p, const Command& c) {
  Decision d = decide(state, p, c, source_.contextFor(now, c));
  applyAll(state, d.events);
  log.insert(log.end(), d.events.begin(), d.events.end());
  return d;
}

Principal SeededWorld::as(UserId user) const {
  return Principal::user(user, state.findUser(user)->tenantId);
}

TenantId SeededWorld::tenant(TenantKind kind, const std::string& name, const std::string& prefix,
                             bool certified) {
  Decision d = run(Principal::system(), CreateTenant{kind, name, prefix});
  REQUIRE(d.ok());
  TenantId id = find<TenantCreated>(d)->tenant.id;
  if (certified) REQUIRE(run(Principal::system(), CertifyPartner{id, true}).ok());
  return id;
}

UserId SeededWorld::user(TenantId tenant, const std::string& upn, const std::string& name,
                         RoleSet roles, PartnerAccess access) {
  Decision d = run(Principal::system(), CreateUser{tenant, upn, name, roles, access});
  INFO(upn << ": " << (d.error ? d.error->message : ""));
  REQUIRE(d.ok());
  UserId id = find<UserCreated>(d)->user.id;
  users_.push_back(id);
  return id;
}

void SeededWorld::connect(UserId partnerAdmin, UserId customerAdmin) {
  Decision offer = run(as(partnerAdmin), CreateOffer{});
  REQUIRE(offer.ok());
  Decision accepted = run(as(customerAdmin), AcceptOffer{offer.secrets.at(0).value});
  REQUIRE(accepted.ok());
}

void SeededWorld::writeTo(const std::string& dataDir, const std::string& storeUri) const {
  REQUIRE(server::initSecrets());
  std::vector<std::string> bodies;
  for (const Event& e : log) bodies.push_back(encodeEvent(e));
  if (storeUri.empty()) {
    auto store = server::SqliteEventStore::open(dataDir, server::randomUuid());
    REQUIRE(store.ok());
    REQUIRE(store.value()->append(bodies).ok());
  } else {
    auto store = server::PgEventStore::open(storeUri, server::randomUuid());
    INFO((store ? std::string() : store.error().message));
    REQUIRE(store.ok());
    REQUIRE(store.value()->append(bodies).ok());
  }
  // One Argon2id hash shared by every seeded user keeps world building fast.
  static const std::string hash = server::hashPassword(kPassword);
  std::vector<std::pair<std::string, std::string>> credentials;
  for (UserId id : users_) credentials.emplace_back(id.str(), hash);
  if (storeUri.empty()) {
    auto auth = server::SqliteAuthStore::open(dataDir);
    REQUIRE(auth.ok());
    REQUIRE(auth.value()->setPasswordHashes(credentials));
  } else {
    server::PgAuthStore auth(std::make_shared<server::PgPool>(storeUri, 1));
    auto put = auth.setPasswordHashes(credentials);
    INFO((put ? std::string() : put.error().message));
    REQUIRE(put.ok());
  }
}

Cast::Cast(bool connected) {
  alpha = w.tenant(TenantKind::partner, "Alpha Partners", "alphapartners", true);
  alphaAdmin = w.user(alpha, "admin@alphapartners.onmicrosoft.com", "Ada Alpha",
                      {Role::globalAdministrator}, PartnerAccess::full);
  alphaAgent =
      w.user(alpha, "agent@alphapartners.onmicrosoft.com", "Alex Agent", {}, PartnerAccess::full);
  alphaLimited = w.user(alpha, "limited@alphapartners.onmicrosoft.com", "Lee Limited", {},
                        PartnerAccess::limited);
  beta = w.tenant(TenantKind::partner, "Beta Partners", "betapartners", true);
  betaAdmin = w.user(beta, "admin@betapartners.onmicrosoft.com", "Bea Beta",
                     {Role::globalAdministrator}, PartnerAccess::full);
  contoso = w.tenant(TenantKind::customer, "Contoso", "contoso");
  contosoAdmin = w.user(contoso, "admin@contoso.onmicrosoft.com", "Carla Contoso",
                        {Role::globalAdministrator});
  contosoUser = w.user(contoso, "user@contoso.onmicrosoft.com", "Chris Contoso");
  fabrikam = w.tenant(TenantKind::customer, "Fabrikam", "fabrikam");
  fabrikamAdmin = w.user(fabrikam, "admin@fabrikam.onmicrosoft.com", "Fay Fabrikam",
                         {Role::globalAdministrator});
  fabrikamUser = w.user(fabrikam, "user@fabrikam.onmicrosoft.com", "Finn Fabrikam");
  northwind = w.tenant(TenantKind::customer, "Northwind", "northwind");
  northwindAdmin = w.user(northwind, "admin@northwind.onmicrosoft.com", "Nora Northwind",
                          {Role::globalAdministrator});
  northwindUser = w.user(northwind, "user@northwind.onmicrosoft.com", "Ned Northwind");
  if (connected) {
    w.connect(alphaAdmin, contosoAdmin);
    w.connect(betaAdmin, fabrikamAdmin);
  }
}

}  // namespace delegate::testing

#pragma once
// A small world driven through decide()/apply() the way the server does it, with deterministic
// fresh values, for scenario tests.
#include <string>
#include <type_traits>
#include <vector>

#include "core/apply.hpp"
#include "core/decide.hpp"
#include "core/sha256.hpp"

namespace delegate::testing {

// A decision as the test reads it: "ok" or the refusal's code.
inline std::string codeOf(const Decision& d) {
  return d.error ? d.error->code : "ok";
}

inline Timestamp t0() {
  return timestampFromCivil(2026, 11, 28, 12, 0, 0);
}

class World {
 public:
  State state;
  std::vector<Event> log;
  DeterministicSource source{20261128};
  Timestamp now = t0();

  Decision run(const Principal& p, const Command& c) {
    Decision d = decide(state, p, c, source.contextFor(now, c));
    applyAll(state, d.events);
    log.insert(log.end(), d.events.begin(), d.events.end());
    return d;
  }
  Decision runAsSystem(const Command& c) { return run(Principal::system(), c); }

  // The principal of a user acting in their own tenant, or in `tenant`.
  Principal as(UserId user) const { return Principal::user(user, state.findUser(user)->tenantId); }
  Principal as(UserId user, TenantId tenant) const { return Principal::user(user, tenant); }

  template <class E>
  static const E* find(const Decision& d) {
    for (const Event& e : d.events)
      if (const E* x = std::get_if<E>(&e)) return x;
    return nullptr;
  }
  template <class E>
  static std::size_t count(const Decision& d) {
    std::size_t n = 0;
    for (const Event& e : d.events) n += std::holds_alternative<E>(e) ? 1 : 0;
    return n;
  }

  TenantId tenant(TenantKind kind, const std::string& name, const std::string& prefix) {
    Decision d = runAsSystem(CreateTenant{kind, name, prefix});
    return find<TenantCreated>(d)->tenant.id;
  }
  UserId user(TenantId tenant, const std::string& upn, const std::string& name, RoleSet roles = {},
              PartnerAccess access = PartnerAccess::none) {
    Decision d = runAsSystem(CreateUser{tenant, upn, name, roles, access});
    return find<UserCreated>(d)->user.id;
  }
  void certify(TenantId partner) { runAsSystem(CertifyPartner{partner, true}); }
  std::string secretOf(const Decision& d) const {
    return d.secrets.empty() ? std::string() : d.secrets.front().value;
  }
};

// The seed's cast: a certified partner with a Full agent, a Limited agent and a user without
// access, and a customer with its Global Administrator, a plain user and a password admin.
struct SeedCast {
  World w;
  TenantId partner, customer;
  UserId partnerAdmin, fullAgent, limitedAgent, noAccessAgent;
  UserId customerAdmin, customerUser, customerPasswordAdmin;

  SeedCast() {
    partner = w.tenant(TenantKind::partner, "Fabrikam Partners", "fabrikampartners");
    w.certify(partner);
    partnerAdmin = w.user(partner, "admin@fabrikampartners.onmicrosoft.com", "Fiona Admin",
                          {Role::globalAdministrator}, PartnerAccess::full);
    fullAgent = w.user(partner, "full@fabrikampartners.onmicrosoft.com", "Felix Full", {},
                       PartnerAccess::full);
    limitedAgent = w.user(partner, "limited@fabrikampartners.onmicrosoft.com", "Lena Limited", {},
                          PartnerAccess::limited);
    noAccessAgent = w.user(partner, "none@fabrikampartners.onmicrosoft.com", "Nina None");
    customer = w.tenant(TenantKind::customer, "Contoso", "contoso");
    customerAdmin = w.user(customer, "admin@contoso.onmicrosoft.com", "Carla Admin",
                           {Role::globalAdministrator});
    customerUser = w.user(customer, "user@contoso.onmicrosoft.com", "Chris User");
    customerPasswordAdmin = w.user(customer, "pwadmin@contoso.onmicrosoft.com", "Pat Password",
                                   {Role::passwordAdministrator});
  }

  std::string createOffer() { return w.secretOf(w.run(w.as(partnerAdmin), CreateOffer{})); }
  void connect() {
    std::string token = createOffer();
    w.run(w.as(customerAdmin), AcceptOffer{token});
  }
};

}  // namespace delegate::testing

#pragma once
// A world built with the core in-process (decide/apply, deterministic fresh values) and written
// into a data folder, so a test can start the real server on a known cast of tenants and users.
#include <map>
#include <string>
#include <vector>

#include "core/apply.hpp"
#include "core/decide.hpp"

namespace delegate::testing {

inline constexpr const char* kPassword = "Correct-Horse-42";

class SeededWorld {
 public:
  SeededWorld();

  State state;
  std::vector<Event> log;
  Timestamp now;

  Decision run(const Principal& p, const Command& c);
  Principal as(UserId user) const;
  Principal as(UserId user, TenantId tenant) const { return Principal::user(user, tenant); }

  TenantId tenant(TenantKind kind, const std::string& name, const std::string& prefix,
                  bool certified = false);
  UserId user(TenantId tenant, const std::string& upn, const std::string& name, RoleSet roles = {},
              PartnerAccess access = PartnerAccess::none);
  // A partner's delegated-admin offer accepted by a customer's admin (a DAP relationship).
  void connect(UserId partnerAdmin, UserId customerAdmin);

  // Appends the log to dataDir/events.db and every user's password (kPassword) to auth.db.
  // With `storeUri` (postgresql://...), both go to that PostgreSQL store instead.
  void writeTo(const std::string& dataDir, const std::string& storeUri = {}) const;

  template <class E>
  static const E* find(const Decision& d) {
    for (const Event& e : d.events)
      if (const E* x = std::get_if<E>(&e)) return x;
    return nullptr;
  }

 private:
  DeterministicSource source_;
  std::vector<UserId> users_;
};

// Two partners and three customers, for the seed story and the leakage suite:
//   Alpha Partners (certified): alphaAdmin (GA, Full), alphaAgent (Full), alphaLimited (Limited)
//   Beta Partners (certified):  betaAdmin (GA, Full)
//   Contoso (customer of Alpha): contosoAdmin (GA), contosoUser
//   Fabrikam (customer of Beta): fabrikamAdmin (GA), fabrikamUser
//   Northwind (no partner yet): northwindAdmin (GA), northwindUser
struct Cast {
  SeededWorld w;
  TenantId alpha, beta, contoso, fabrikam, northwind;
  UserId alphaAdmin, alphaAgent, alphaLimited, betaAdmin;
  UserId contosoAdmin, contosoUser, fabrikamAdmin, fabrikamUser, northwindAdmin, northwindUser;
  explicit Cast(bool connected = true);
};

}  // namespace delegate::testing

// Leakage suite: two partners and three customers; every endpoint, the view (snapshot and
// incremental), errors and audit are checked for data of tenants the caller has no business
// with.
#include <catch2/catch.hpp>

#include <algorithm>
#include <functional>

#include "api_client.hpp"
#include "seeded_world.hpp"

using namespace delegate;
using namespace delegate::testing;

namespace {

struct Marker {
  std::string label, text;
};

// What identifies a tenant's data: its id, name, domain prefix and its users' ids.
std::vector<Marker> markersOf(const Cast& c, TenantId tenant, const std::string& name,
                              const std::string& prefix) {
  std::vector<Marker> m = {{name + " id", tenant.str()},
                           {name + " name", name},
                           {name + " domain", prefix + ".onmicrosoft.com"}};
  for (UserId u : c.w.state.usersOf(tenant)) m.push_back({name + " user id", u.str()});
  return m;
}

void checkClean(const std::string& who, const std::string& what, const Reply& r,
                const std::vector<Marker>& foreign) {
  for (const Marker& m : foreign) {
    std::size_t at = r.text.find(m.text);
    INFO(who << " / " << what << " leaks " << m.label << " (" << m.text << "): ..."
             << (at == std::string::npos ? std::string()
                                         : r.text.substr(at > 300 ? at - 300 : 0, 400))
             << "...");
    CHECK(at == std::string::npos);
  }
}

}  // namespace

TEST_CASE("leakage: nobody sees another partner's or another customer's data") {
  Cast c;
  TempDir data;
  c.w.writeTo(data.path());
  ServerProcess server({"--data", data.path()});

  auto alphaM = markersOf(c, c.alpha, "Alpha Partners", "alphapartners");
  auto betaM = markersOf(c, c.beta, "Beta Partners", "betapartners");
  auto contosoM = markersOf(c, c.contoso, "Contoso", "contoso");
  auto fabrikamM = markersOf(c, c.fabrikam, "Fabrikam", "fabrikam");
  auto northwindM = markersOf(c, c.northwind, "Northwind", "northwind");
  auto join = [](std::initializer_list<std::vector<Marker>> lists) {
    std::vector<Marker> all;
    for (auto& l : lists) all.insert(all.end(), l.begin(), l.end());
    return all;
  };

  // Activity everywhere, allowed and refused, so audit, notifications and mail exist.
  Api betaAgent = Api::signIn(server, "admin@betapartners.onmicrosoft.com", kPassword);
  betaAgent.actingTenant = c.fabrikam.str();
  REQUIRE(betaAgent
              .command("addUser", {{"userPrincipalName", "hire@fabrikam.onmicrosoft.com"},
                                   {"displayName", "Fabrikam Hire"}})
              .status == 200);
  REQUIRE(betaAgent.command("resetPassword", {{"userId", c.fabrikamUser.str()}}).status == 200);
  Api alphaAgent = Api::signIn(server, "agent@alphapartners.onmicrosoft.com", kPassword);
  alphaAgent.actingTenant = c.contoso.str();
  REQUIRE(alphaAgent
              .command("addUser", {{"userPrincipalName", "hire@contoso.onmicrosoft.com"},
                                   {"displayName", "Contoso Hire"}})
              .status == 200);
  Api northwindAdmin = Api::signIn(server, "admin@northwind.onmicrosoft.com", kPassword);
  REQUIRE(northwindAdmin
              .command("addUser", {{"userPrincipalName", "hire@northwind.onmicrosoft.com"},
                                   {"displayName", "Northwind Hire"}})
              .status == 200);
  auto hireM = [](const std::string& tenant) {
    return std::vector<Marker>{{tenant + " hire", "hire@" + tenant + ".onmicrosoft.com"}};
  };

  struct Viewer {
    std::string upn;
    std::vector<Marker> foreign;
    TenantId ownCustomer;  // for partners: the customer they serve (nil for customers)
  };
  std::vector<Viewer> viewers = {
      {"admin@alphapartners.onmicrosoft.com",
       join({betaM, fabrikamM, northwindM, hireM("fabrikam"), hireM("northwind")}), c.contoso},
      {"agent@alphapartners.onmicrosoft.com",
       join({betaM, fabrikamM, northwindM, hireM("fabrikam"), hireM("northwind")}), c.contoso},
      {"admin@betapartners.onmicrosoft.com",
       join({alphaM, contosoM, northwindM, hireM("contoso"), hireM("northwind")}), c.fabrikam},
      {"admin@contoso.onmicrosoft.com",
       join({betaM, fabrikamM, northwindM, hireM("fabrikam"), hireM("northwind")}),
       {}},
      {"user@contoso.onmicrosoft.com",
       join({betaM, fabrikamM, northwindM, hireM("fabrikam"), hireM("northwind")}),
       {}},
      {"admin@fabrikam.onmicrosoft.com",
       join({alphaM, contosoM, northwindM, hireM("contoso"), hireM("northwind")}),
       {}},
      {"admin@northwind.onmicrosoft.com",
       join({alphaM, betaM, contosoM, fabrikamM, hireM("contoso"), hireM("fabrikam")}),
       {}},
  };

  const std::string foreignUser = c.fabrikamUser.str();
  auto reads = [&](const Api& api,
                   const std::function<void(const std::string&, const Reply&)>& check) {
    check("GET /api/me", api.get("/api/me"));
    check("GET /api/view (snapshot)", api.get("/api/view"));
    check("GET /api/view?since=0 (events)", api.get("/api/view?since=0"));
    check("GET /api/view?since=5", api.get("/api/view?since=5"));
    check("relationships", api.get("/v1.0/tenantRelationships/delegatedAdminRelationships"));
    check("customers", api.get("/v1.0/tenantRelationships/delegatedAdminCustomers"));
    check("users", api.get("/v1.0/users"));
    check("domains", api.get("/v1.0/domains"));
    check("tokens", api.get("/api/tokens"));
  };

  // Phase 1: everything each viewer can read, before anyone probes.
  for (const Viewer& v : viewers) {
    Api api = Api::signIn(server, v.upn, kPassword);
    reads(api,
          [&](const std::string& what, const Reply& r) { checkClean(v.upn, what, r, v.foreign); });
  }

  // Phase 2: reaching into tenants that are not theirs. A refusal may repeat the id the caller
  // typed, but must not describe what is there.
  auto withoutTyped = [](std::vector<Marker> markers, std::initializer_list<std::string> typed) {
    markers.erase(std::remove_if(markers.begin(), markers.end(),
                                 [&](const Marker& m) {
                                   return std::find(typed.begin(), typed.end(), m.text) !=
                                          typed.end();
                                 }),
                  markers.end());
    return markers;
  };
  for (const Viewer& v : viewers) {
    Api api = Api::signIn(server, v.upn, kPassword);
    for (TenantId t : {c.alpha, c.beta, c.contoso, c.fabrikam, c.northwind}) {
      Api into = api;
      into.actingTenant = t.str();
      auto foreign = withoutTyped(v.foreign, {t.str(), foreignUser});
      auto check = [&](const std::string& what, const Reply& r) {
        checkClean(v.upn, what, r, foreign);
      };
      check("users in " + t.str(), into.get("/v1.0/users"));
      check("resetPassword in " + t.str(),
            into.command("resetPassword", {{"userId", foreignUser}}));
      check("addUser in " + t.str(),
            into.command("addUser", {{"userPrincipalName", "x@" + t.str() + ".example.com"},
                                     {"displayName", "X"}}));
      check("wipeDevice in " + t.str(), into.command("wipeDevice", {{"deviceId", "d1"}}));
    }
    auto foreign = withoutTyped(v.foreign, {foreignUser, c.fabrikam.str(), c.beta.str()});
    checkClean(v.upn, "a foreign user by id", api.get("/v1.0/users/" + foreignUser), foreign);
    checkClean(v.upn, "a foreign relationship",
               api.get("/v1.0/tenantRelationships/delegatedAdminRelationships/" + c.fabrikam.str()),
               foreign);
    checkClean(v.upn, "removePartner of a stranger",
               api.command("removePartner", {{"partnerTenantId", c.beta.str()}}), foreign);
  }

  // Phase 3: after all that probing, views still hold no foreign tenant names. (A tenant's
  // audit does show who tried to act in it and was refused, ids and principal names included:
  // the core shows the target its refused attempts, which the prober brought on itself.)
  for (const Viewer& v : viewers) {
    std::vector<Marker> namesOnly;
    for (const Marker& m : v.foreign)
      if (m.label.size() > 5 && m.label.compare(m.label.size() - 5, 5, " name") == 0)
        namesOnly.push_back(m);
    REQUIRE_FALSE(namesOnly.empty());
    Api api = Api::signIn(server, v.upn, kPassword);
    reads(api,
          [&](const std::string& what, const Reply& r) { checkClean(v.upn, what, r, namesOnly); });
  }

  // A token scoped to one customer cannot be turned into another partner's customer.
  Api scoped =
      Api::signIn(server, "agent@alphapartners.onmicrosoft.com", kPassword, c.contoso.str());
  scoped.actingTenant = c.fabrikam.str();
  Reply refused = scoped.get("/v1.0/users");
  CHECK(refused.status == 403);
  checkClean("scoped agent", "users via mismatched scope", refused, join({fabrikamM}));
}

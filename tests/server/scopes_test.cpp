// Scopes on the wire: /api/view?scope=portfolio (the caller's organization and a summary per
// client) and /api/tenants/{id}/users (a page of a client's users), checked against the whole
// view on the scale world for the agent who sees the most and the one who sees no directory.
#include <catch2/catch.hpp>

#include <set>

#include "api_client.hpp"
#include "server/bootstrap.hpp"

using namespace delegate::testing;
using delegate::server::kDemoPassword;

namespace {
// No Full or Limited access, and its groups (36 and 55) hold no assignment among 12 clients.
const char* const kNobody = "agent36@scalepartners.onmicrosoft.com";
const char* const kFull = "agent1@scalepartners.onmicrosoft.com";
}  // namespace

TEST_CASE("the portfolio, pages of a client's users, and what each leaves out", "[scopes]") {
  TempDir data;
  ServerProcess server({"--scale-world", "12x30", "--data", data.path() + "/data"});
  Api full = Api::signIn(server, kFull, kDemoPassword);
  Api nobody = Api::signIn(server, kNobody, kDemoPassword);

  Reply whole = full.get("/api/view");
  Reply portfolio = full.get("/api/view?scope=portfolio");
  REQUIRE(whole.status == 200);
  REQUIRE(portfolio.status == 200);
  CHECK(portfolio.body["scope"] == "portfolio");
  const auto& snap = portfolio.body["snapshot"];
  const auto& clients = portfolio.body["clients"];
  REQUIRE(clients.size() == 12);
  CHECK(snap["tenants"].size() == whole.body["snapshot"]["tenants"].size());
  CHECK(snap["relationships"].size() == whole.body["snapshot"]["relationships"].size());
  CHECK(snap["users"].size() == 1000);  // the partner's own users only
  for (const auto& c : clients) {
    CHECK(c["directoryReadable"] == true);
    CHECK(c["users"] == 30);
  }
  // Exactly the clients' users are left out (at 10,000 x 100 that is most of the bytes; the
  // ratio there is what scripts/bench snapshot prints).
  CHECK(whole.body["snapshot"]["users"].size() == 1000 + 12 * 30);
  CHECK(portfolio.text.size() < whole.text.size());
  const std::string client = clients[3]["tenantId"];

  SECTION("a partner user without rights in clients: their portfolio counts nothing") {
    Reply p = nobody.get("/api/view?scope=portfolio");
    REQUIRE(p.status == 200);
    REQUIRE(p.body["clients"].size() == 12);
    for (const auto& c : p.body["clients"]) {
      CHECK(c["directoryReadable"] == false);
      CHECK(c["users"] == 0);
    }
  }

  SECTION("pages walk a client's users once each, sorted by the core") {
    std::set<std::string> seen;
    std::string previous;
    for (int offset = 0; offset < 30; offset += 8) {
      Reply page = full.get("/api/tenants/" + client +
                            "/users?limit=8&orderBy=displayName&offset=" + std::to_string(offset));
      REQUIRE(page.status == 200);
      CHECK(page.body["total"] == 30);
      for (const auto& u : page.body["users"]) {
        CHECK(u["tenantId"] == client);
        CHECK(seen.insert(u["userPrincipalName"].get<std::string>()).second);
      }
    }
    CHECK(seen.size() == 30);
    Reply down = full.get("/api/tenants/" + client + "/users?orderBy=userPrincipalName%20desc");
    REQUIRE(down.status == 200);
    CHECK(down.body["users"][0]["userPrincipalName"] == *seen.rbegin());
    const std::string someone = *seen.begin();
    Reply found = full.get("/api/tenants/" + client +
                           "/users?search=" + someone.substr(0, someone.find('@')));
    REQUIRE(found.status == 200);
    CHECK(found.body["total"].get<int>() >= 1);
  }

  SECTION("a page of a client the caller may not read is refused like one that does not exist") {
    Reply refused = nobody.get("/api/tenants/" + client + "/users?search=u");
    Reply missing = nobody.get("/api/tenants/00000000-0000-4000-8000-000000000001/users?search=u");
    CHECK(refused.status == 404);
    CHECK(refused.code() == "tenantNotFound");
    CHECK(refused.body == missing.body);
  }

  SECTION("bad scopes and page requests say what was wrong") {
    Reply scope = full.get("/api/view?scope=everything");
    CHECK(scope.status == 400);
    CHECK(scope.text.find("scope must be") != std::string::npos);
    for (const char* query : {"limit=0", "limit=1001", "limit=ten", "offset=-1", "orderBy=surname",
                              "orderBy=displayName%20sideways"}) {
      INFO(query);
      Reply r = full.get("/api/tenants/" + client + "/users?" + query);
      CHECK(r.status == 400);
      CHECK(r.code() == "invalidRequest");
    }
    Reply notAnId = full.get("/api/tenants/contoso/users");
    CHECK(notAnId.status == 400);
    CHECK(notAnId.text.find("not an organization id") != std::string::npos);
  }

  SECTION("the portfolio's events leave out clients' directories") {
    const auto rev = portfolio.body["revision"].get<std::uint64_t>();
    const std::string upn =
        full.get("/api/tenants/" + client + "/users?limit=1").body["users"][0]["userPrincipalName"];
    Api inClient = full;
    inClient.actingTenant = client;
    REQUIRE(inClient
                .command("addUser", {{"userPrincipalName", "newhire" + upn.substr(upn.find('@'))},
                                     {"displayName", "New Hire"}})
                .status == 200);
    Reply scoped = full.get("/api/view?scope=portfolio&since=" + std::to_string(rev));
    Reply all = full.get("/api/view?since=" + std::to_string(rev));
    REQUIRE(scoped.status == 200);
    REQUIRE(all.status == 200);
    auto types = [](const Reply& r) {
      std::multiset<std::string> t;
      for (const auto& e : r.body["events"]) t.insert(e["event"]["type"].get<std::string>());
      return t;
    };
    CHECK(types(all).count("userCreated") == 1);
    CHECK(types(scoped).count("userCreated") == 0);
    CHECK(types(scoped).count("auditRecorded") == 1);  // the agent's own action, in its activity
    // The client's count is kept current by its summary row, not by its directory's events.
    REQUIRE(scoped.body.contains("clients"));
    REQUIRE(scoped.body["clients"].size() == 1);
    CHECK(scoped.body["clients"][0]["tenantId"] == client);
    CHECK(scoped.body["clients"][0]["users"] == 31);
    CHECK_FALSE(all.body.contains("clients"));
    // With the client open as the workspace, its directory events come too.
    Reply open =
        full.get("/api/view?scope=portfolio&workspace=" + client + "&since=" + std::to_string(rev));
    REQUIRE(open.status == 200);
    CHECK(types(open).count("userCreated") == 1);
  }

  SECTION("a workspace adds that client's directory, if the caller may read it") {
    // Beside the portfolio's snapshot, as when it opens (a large one comes paged).
    Reply open = full.get("/api/view?scope=portfolio&workspace=" + client);
    REQUIRE(open.status == 200);
    CHECK(open.body["snapshot"]["users"].size() == 1000);
    CHECK(open.body["workspace"]["readable"] == true);
    CHECK(open.body["workspace"]["paged"] == false);
    CHECK(open.body["workspace"]["users"].size() == 30);
    Reply closed = nobody.get("/api/view?scope=portfolio&workspace=" + client);
    REQUIRE(closed.status == 200);
    CHECK(closed.body["snapshot"]["users"].size() == 1000);
    CHECK(closed.body["workspace"]["readable"] == false);
    CHECK(closed.body["workspace"]["users"].empty());
    for (const char* bad : {"/api/view?workspace=", "/api/view?scope=portfolio&workspace=c3"}) {
      INFO(bad);
      Reply r = full.get(bad + (std::string(bad).back() == '=' ? client : std::string()));
      CHECK(r.status == 400);
      CHECK(r.text.find("workspace must be") != std::string::npos);
    }
  }

  SECTION("open=1 opens a workspace over the portfolio in hand, without a new snapshot") {
    const auto rev = portfolio.body["revision"].get<std::uint64_t>();
    const std::string base = "/api/view?scope=portfolio&workspace=" + client +
                             "&since=" + std::to_string(rev) + "&open=1";
    Reply opened = full.get(base);
    REQUIRE(opened.status == 200);
    CHECK_FALSE(opened.body.contains("snapshot"));
    CHECK(opened.body["revision"].get<std::uint64_t>() >= rev);
    CHECK(opened.body["workspace"]["tenantId"] == client);
    CHECK(opened.body["workspace"]["readable"] == true);
    CHECK(opened.body["workspace"]["users"].size() == 30);
    for (const auto& u : opened.body["workspace"]["users"]) CHECK(u["tenantId"] == client);
    // Far smaller than the portfolio it lands on.
    CHECK(opened.text.size() * 4 < portfolio.text.size());
    // A caller who may not read the client gets an empty directory, as for an unknown one.
    Reply refused = nobody.get(base);
    REQUIRE(refused.status == 200);
    CHECK(refused.body["workspace"]["readable"] == false);
    CHECK(refused.body["workspace"]["users"].empty());
    // open=1 needs the workspace it opens.
    Reply bad = full.get("/api/view?scope=portfolio&since=" + std::to_string(rev) + "&open=1");
    CHECK(bad.status == 400);
    CHECK(bad.text.find("open=1 opens") != std::string::npos);
  }

  SECTION("details=later: the head lists the customers, details=1 brings the rest over it") {
    Reply head = full.get("/api/view?scope=portfolio&details=later");
    REQUIRE(head.status == 200);
    CHECK(head.body["detailsFollow"] == true);
    CHECK(head.body["snapshot"]["tenants"].size() == 1);  // its own organization only
    CHECK(head.body["snapshot"]["relationships"].empty());
    CHECK(head.body["snapshot"]["accessAssignments"].empty());
    CHECK(head.body["snapshot"]["users"].size() == 1000);
    // Every row is what the Customers list shows.
    REQUIRE(head.body["clients"].size() == 12);
    for (const auto& c : head.body["clients"]) {
      CHECK(c["customer"] == true);
      CHECK(c["standing"] == "active");
      CHECK(c["displayName"].get<std::string>().rfind("Customer ", 0) == 0);
      CHECK_FALSE(c["roles"].empty());
      CHECK(c["defaultDomain"].get<std::string>().find(".onmicrosoft.com") != std::string::npos);
    }
    CHECK(head.text.size() < portfolio.text.size());  // at 10,000 clients: scripts/bench snapshot
    const auto rev = head.body["revision"].get<std::uint64_t>();
    Reply rest = full.get("/api/view?scope=portfolio&since=" + std::to_string(rev) + "&details=1");
    REQUIRE(rest.status == 200);
    CHECK_FALSE(rest.body.contains("snapshot"));
    CHECK(rest.body["details"]["tenants"].size() == 12);
    CHECK(rest.body["details"]["relationships"] == portfolio.body["snapshot"]["relationships"]);
    CHECK(rest.body["details"]["accessAssignments"] ==
          portfolio.body["snapshot"]["accessAssignments"]);
    // Together with a workspace opening, both at one revision.
    Reply both = full.get("/api/view?scope=portfolio&workspace=" + client +
                          "&since=" + std::to_string(rev) + "&open=1&details=1");
    REQUIRE(both.status == 200);
    CHECK(both.body["workspace"]["users"].size() == 30);
    CHECK(both.body["details"]["relationships"].size() == 24);
    // In parts (the browser asks for one per few hundred clients): together, the whole.
    const std::string since = "/api/view?scope=portfolio&since=" + std::to_string(rev);
    std::size_t tenants = 0, relationships = 0, assignments = 0;
    for (int part = 0; part < 3; ++part) {
      Reply one = full.get(since + "&details=1&part=" + std::to_string(part) + "&parts=3");
      REQUIRE(one.status == 200);
      tenants += one.body["details"]["tenants"].size();
      relationships += one.body["details"]["relationships"].size();
      assignments += one.body["details"]["accessAssignments"].size();
    }
    CHECK(tenants == 12);
    CHECK(relationships == portfolio.body["snapshot"]["relationships"].size());
    CHECK(assignments == portfolio.body["snapshot"]["accessAssignments"].size());
    for (const std::string& q :
         {since + "&details=1&part=3&parts=3", since + "&details=1&part=0&parts=0",
          since + "&details=1&part=0", since + "&part=0&parts=2",
          since + "&details=1&part=x&parts=2", since + "&details=1&part=0&parts=5000"}) {
      CAPTURE(q);
      Reply bad = full.get(q);
      CHECK(bad.status == 400);
      CHECK(bad.text.find("part K of N parts") != std::string::npos);
    }
    // Asked for details over another store's revision: a head again, whose details follow.
    Reply restart = full.get(since + "&details=1&part=1&parts=3&store=another");
    REQUIRE(restart.status == 200);
    CHECK(restart.body["detailsFollow"] == true);
    CHECK(restart.body["snapshot"]["tenants"].size() == 1);
    CHECK(restart.body["snapshot"]["relationships"].empty());
    CHECK(restart.body["clients"].size() == 12);
    // Bad input is refused with what to do instead.
    for (const std::string& q : {std::string("/api/view?scope=portfolio&details=soon"),
                                 std::string("/api/view?details=later"),
                                 std::string("/api/view?scope=portfolio&details=1")}) {
      CAPTURE(q);
      Reply bad = full.get(q);
      CHECK(bad.status == 400);
      CHECK(bad.text.find("details") != std::string::npos);
    }
  }

  SECTION("quick search across clients: what the caller may read, and nothing for others") {
    const std::string upn =
        full.get("/api/tenants/" + client + "/users?limit=1").body["users"][0]["userPrincipalName"];
    const std::string local = upn.substr(0, upn.find('@'));
    Reply found = full.get("/api/users?search=" + local + "&limit=5");
    REQUIRE(found.status == 200);
    REQUIRE_FALSE(found.body["users"].empty());
    CHECK(found.body["users"][0]["user"]["userPrincipalName"].get<std::string>().rfind(local, 0) ==
          0);
    Reply none = nobody.get("/api/users?search=" + local);
    REQUIRE(none.status == 200);
    CHECK(none.body["users"].empty());
    Reply bad = full.get("/api/users?search=" + local + "&limit=1000");
    CHECK(bad.status == 400);
    CHECK(bad.code() == "invalidRequest");
  }
}

TEST_CASE("a visibility change reaches a connected agent as a delta, not a snapshot", "[scopes]") {
  TempDir data;
  ServerProcess server({"--scale-world", "300x5", "--data", data.path() + "/data"});
  Api full = Api::signIn(server, kFull, kDemoPassword);
  Api nobody = Api::signIn(server, kNobody, kDemoPassword);
  Reply held = full.get("/api/view?scope=portfolio");
  Reply heldByNobody = nobody.get("/api/view?scope=portfolio");
  REQUIRE(held.status == 200);
  REQUIRE(heldByNobody.status == 200);
  REQUIRE(held.body["clients"].size() == 300);
  const std::string since = std::to_string(held.body["revision"].get<std::uint64_t>());
  const std::string store = held.body["storeId"];
  const std::size_t snapshotBytes = held.text.size();

  // A new client signs up through the Full agent's trial invitation and so accepts delegated
  // administration.
  Reply trial =
      full.command("createTrialInvitation", {{"product", "Microsoft 365 Business Premium"},
                                             {"licenses", 10},
                                             {"trialDays", 30},
                                             {"includesDelegatedAdmin", true}});
  REQUIRE(trial.status == 200);
  Api anonymous(server);
  Reply accepted =
      anonymous.command("acceptTrialInvitation", {{"token", trial.body["secrets"][0]["value"]},
                                                  {"signUp",
                                                   {{"organizationName", "Tailspin Toys"},
                                                    {"domainPrefix", "tailspintoys"},
                                                    {"userName", "ada"},
                                                    {"displayName", "Ada Abbott"},
                                                    {"password", "Tailspin-2026!"}}}});
  INFO(accepted.text);
  REQUIRE(accepted.status == 200);

  for (Api* agent : {&full, &nobody}) {
    Reply delta = agent->get("/api/view?scope=portfolio&since=" + since + "&store=" + store);
    INFO(delta.text.substr(0, 2000));
    REQUIRE(delta.status == 200);
    CHECK_FALSE(delta.body.contains("snapshot"));
    REQUIRE(delta.body["slices"].size() == 1);
    const auto& slice = delta.body["slices"][0];
    CHECK(slice["visible"] == true);
    CHECK(slice["tenant"]["displayName"] == "Tailspin Toys");
    CHECK(slice["summary"]["customer"] == true);
    CHECK(slice["relationships"].size() == 1);
    // A few kilobytes, where the snapshot of 300 clients is hundreds.
    CHECK(delta.text.size() < 20 * 1024);
    CHECK(delta.text.size() * 10 < snapshotBytes);
  }

  SECTION("a client removing the partner: its slice says the agent may no longer read it") {
    const std::string after =
        std::to_string(full.get("/api/view?scope=portfolio&since=" + since + "&store=" + store)
                           .body["revision"]
                           .get<std::uint64_t>());
    Api ada = Api::signIn(server, "ada@tailspintoys.onmicrosoft.com", "Tailspin-2026!");
    Reply me = ada.get("/api/view?scope=portfolio");
    REQUIRE(me.body["clients"].size() == 1);
    const std::string partner = me.body["clients"][0]["tenantId"];
    const std::string client = me.body["snapshot"]["users"][0]["tenantId"];
    Reply open = full.get("/api/view?scope=portfolio&workspace=" + client +
                          "&open=1&since=" + after + "&store=" + store);
    REQUIRE(open.status == 200);
    REQUIRE(open.body["workspace"]["readable"] == true);
    const std::string opened = std::to_string(open.body["revision"].get<std::uint64_t>());
    REQUIRE(ada.command("removePartner", {{"partnerTenantId", partner}}).status == 200);
    Reply closed = full.get("/api/view?scope=portfolio&workspace=" + client + "&since=" + opened +
                            "&store=" + store);
    INFO(closed.text.substr(0, 2000));
    CHECK_FALSE(closed.body.contains("snapshot"));
    REQUIRE(closed.body["slices"].size() == 1);
    CHECK(closed.body["slices"][0]["summary"]["directoryReadable"] == false);
    CHECK(closed.body["slices"][0]["relationships"][0]["status"] == "terminated");
    CHECK(closed.text.size() < 20 * 1024);
  }
}

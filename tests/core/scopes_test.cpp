// Scopes: the portfolio a browser starts from and the pages of a client's users, checked against
// viewOf() for every kind of viewer so a scope never shows more than the whole view would.
#include <catch2/catch.hpp>

#include <cctype>
#include <set>

#include "core/errors.hpp"
#include "core/json_forms.hpp"
#include "core/scopes.hpp"
#include "core/seed/scale_world.hpp"
#include "core/visibility.hpp"
#include "tests/core/world_fixture.hpp"

using namespace delegate;
using namespace delegate::testing;

namespace {

struct SmallScale {
  State state;
  ScaleWorld world;
  SmallScale() {
    ScaleSpec spec;
    spec.customers = 12;
    spec.partnerUsers = 40;
    spec.groups = 100;
    spec.relationships = 24;
    spec.customerUsers = 12 * 30;
    world = buildScaleWorld(spec, state);
    // Partner user 36: no Full or Limited access, and its groups (36 and 55) hold no assignment
    // (those of 12 clients go to groups 0 to 35).
    nobody = world.partnerUsers[36];
  }
  UserId nobody;
  std::vector<UserId> viewers() const {
    std::vector<UserId> v = {world.partnerAdmin, world.fullAgent, world.limitedAgent,
                             world.granularAgent, nobody};
    v.insert(v.end(), world.customerAdmins.begin(), world.customerAdmins.begin() + 2);
    return v;
  }
};

// What a state's index answers, in id order: a state whose index was kept up as parts arrived
// must answer as one rebuilt from its entities.
std::string lookups(const State& s) {
  std::set<TenantId> tenants;
  for (const auto& [id, t] : s.tenants) tenants.insert(id);
  std::set<RelationshipId> relationships;
  for (const auto& [id, r] : s.relationships) relationships.insert(id);
  std::string out;
  auto list = [&](const auto& ids) {
    for (const auto& id : ids) out += id.str() + " ";
    out += "\n";
  };
  for (TenantId t : tenants) {
    list(s.relationshipsOfPartner(t));
    list(s.relationshipsOfCustomer(t));
    for (TenantId other : tenants) list(s.relationshipsBetween(t, other));
  }
  for (RelationshipId r : relationships) {
    list(s.assignmentsOf(r));
    std::set<AccessAssignmentId> active;
    for (const AssignmentRef& ref : s.activeAssignmentsOf(r)) active.insert(ref.id);
    list(active);
  }
  // The directories held: each tenant's lists, each user's groups and sign-in name, each name's
  // claims.
  std::set<UserId> users;
  for (TenantId t : tenants) {
    list(s.usersOf(t));
    list(s.groupsOf(t));
    list(s.subscriptionsOf(t));
    for (const std::string& name : s.domainsOf(t)) {
      out += name + ":";
      list(s.domainClaimsOf(name));
    }
    for (GroupId g : s.groupsOf(t))
      if (const Group* group = s.findGroup(g))
        users.insert(group->members.begin(), group->members.end());
  }
  for (const auto& [id, u] : s.users) users.insert(id);
  for (UserId u : users) {
    list(s.groupsWithMember(u));
    if (const User* user = s.findUser(u)) {
      const User* found = s.findUserByPrincipalName(user->userPrincipalName);
      out += found ? found->id.str() + "\n" : "none\n";
    }
  }
  return out;
}

}  // namespace

TEST_CASE("the portfolio is the view without client directories, plus a summary per client") {
  SmallScale s;
  for (UserId viewer : s.viewers()) {
    CAPTURE(viewer.str());
    const State view = viewOf(s.state, viewer);
    const Portfolio p = portfolioOf(s.state, viewer);
    const TenantId home = s.state.findUser(viewer)->tenantId;
    // The same tenants, relationships and assignments as the whole view.
    CHECK(p.state.tenants.size() == view.tenants.size());
    CHECK(p.state.relationships.size() == view.relationships.size());
    CHECK(p.state.accessAssignments.size() == view.accessAssignments.size());
    // Only the viewer's own directory.
    for (const auto& [id, u] : p.state.users) CHECK(u.tenantId == home);
    CHECK(p.state.usersOf(home).size() == view.usersOf(home).size());
    // One summary per other tenant, and its count only where the whole view holds the users.
    CHECK(p.clients.size() == view.tenants.size() - 1);
    for (const ClientSummary& c : p.clients) {
      CHECK(c.tenantId != home);
      CHECK(c.directoryReadable == canReadDirectory(s.state, viewer, c.tenantId));
      CHECK(c.users == view.usersOf(c.tenantId).size());
    }
  }
}

TEST_CASE("the portfolio is small for the viewer who sees the most") {
  SmallScale s;
  const Portfolio p = portfolioOf(s.state, s.world.fullAgent);
  const State view = viewOf(s.state, s.world.fullAgent);
  std::size_t readable = 0, users = 0;
  for (const ClientSummary& c : p.clients) {
    readable += c.directoryReadable;
    users += c.users;
  }
  CHECK(readable == s.world.customers.size());
  CHECK(users == 12 * 30);
  CHECK(view.users.size() == p.state.users.size() + users);
}

TEST_CASE("no one sees a portfolio through an unknown or disabled account") {
  SmallScale s;
  CHECK(portfolioOf(s.state, UserId(Guid{0x1234, 0x5678})).clients.empty());
}

TEST_CASE("a page of a client's users is searched, sorted and cut in the core") {
  SmallScale s;
  const TenantId client = s.world.customers[3];
  UserPageQuery q;
  q.limit = 7;
  auto first = usersPage(s.state, s.world.fullAgent, client, q, s.state.clock);
  REQUIRE(first.ok());
  CHECK(first.value().total == 30);
  REQUIRE(first.value().users.size() == 7);
  for (std::size_t i = 1; i < first.value().users.size(); ++i)
    CHECK(first.value().users[i - 1].displayName <= first.value().users[i].displayName);

  // Walking every page yields each user exactly once, in order.
  std::set<std::string> seen;
  std::string last;
  for (q.offset = 0; q.offset < 30; q.offset += q.limit) {
    auto page = usersPage(s.state, s.world.fullAgent, client, q, s.state.clock);
    REQUIRE(page.ok());
    for (const User& u : page.value().users) {
      CHECK(u.tenantId == client);
      CHECK(seen.insert(u.userPrincipalName).second);
    }
  }
  CHECK(seen.size() == 30);

  // Descending by sign-in name.
  q.offset = 0;
  q.sort = UserSort::userPrincipalName;
  q.descending = true;
  auto down = usersPage(s.state, s.world.fullAgent, client, q, s.state.clock);
  REQUIRE(down.ok());
  CHECK(down.value().users.front().userPrincipalName == *seen.rbegin());

  // Search: any case, in names or sign-in names.
  const User& someone = first.value().users[2];
  q.search = someone.userPrincipalName.substr(0, someone.userPrincipalName.find('@'));
  for (char& ch : q.search) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  auto found = usersPage(s.state, s.world.fullAgent, client, q, s.state.clock);
  REQUIRE(found.ok());
  CHECK(found.value().total >= 1);
  bool hit = false;
  for (const User& u : found.value().users) hit = hit || u.id == someone.id;
  CHECK(hit);

  // Past the end: an empty page that still says how many there are.
  q = UserPageQuery{};
  q.offset = 1000;
  auto past = usersPage(s.state, s.world.fullAgent, client, q, s.state.clock);
  REQUIRE(past.ok());
  CHECK(past.value().users.empty());
  CHECK(past.value().total == 30);
}

TEST_CASE("a page of a client the viewer may not read leaks nothing") {
  SmallScale s;
  const TenantId client = s.world.customers[0];
  UserPageQuery q;
  q.search = "u";
  // A partner user without rights in clients sees them, not their directories; a client's admin
  // sees nothing of another client.
  REQUIRE(canReadDirectory(s.state, s.world.fullAgent, client));
  for (UserId viewer : {s.nobody, s.world.customerAdmins[1]}) {
    auto refused = usersPage(s.state, viewer, client, q, s.state.clock);
    REQUIRE_FALSE(refused.ok());
    auto missing = usersPage(s.state, viewer, TenantId(Guid{0x1234, 0x5679}), q, s.state.clock);
    REQUIRE_FALSE(missing.ok());
    // Refused exactly like a client that does not exist: same code, same words.
    CHECK(refused.error() == missing.error());
    CHECK(refused.error().code == "tenantNotFound");
  }
  // Its own directory a client admin pages freely.
  auto own = usersPage(s.state, s.world.customerAdmins[0], client, q, s.state.clock);
  CHECK(own.ok());
}

TEST_CASE("a page's size is bounded and says so") {
  SmallScale s;
  UserPageQuery q;
  for (std::size_t limit : {std::size_t{0}, kMaxPageSize + 1}) {
    q.limit = limit;
    auto r = usersPage(s.state, s.world.fullAgent, s.world.customers[0], q, s.state.clock);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == "invalidRequest");
    CHECK(r.error().message.find("1 to 1000") != std::string::npos);
  }
}

TEST_CASE("a browser following the portfolio's events ends where a fresh portfolio would") {
  SeedCast s;
  s.connect();
  World& w = s.w;
  const std::vector<UserId> viewers = {s.fullAgent,    s.limitedAgent,  s.noAccessAgent,
                                       s.partnerAdmin, s.customerAdmin, s.fullAgent,
                                       s.noAccessAgent};
  // The last two have the client open as their workspace.
  const std::vector<std::optional<TenantId>> workspaces = {
      std::nullopt, std::nullopt, std::nullopt, std::nullopt, std::nullopt, s.customer, s.customer};
  auto fresh = [&](std::size_t i) {
    return portfolioOf(w.state, viewers[i], w.state.clock, workspaces[i]).state;
  };
  std::vector<State> followers;
  for (std::size_t i = 0; i < viewers.size(); ++i) followers.push_back(fresh(i));
  REQUIRE(followers[5].findUser(s.customerUser));        // the workspace's directory
  REQUIRE_FALSE(followers[6].findUser(s.customerUser));  // not readable: nothing added

  std::size_t clientDirectoryEventsLeftOut = 0;
  auto step = [&](const Principal& p, const Command& c) {
    State cursor = w.state;
    Decision d = w.run(p, c);
    REQUIRE(d.ok());
    for (const Event& e : d.events) {
      // A visibility change brings a fresh portfolio (as the server answers it).
      for (std::size_t i = 0; i < viewers.size(); ++i) {
        if (changesVisibility(e)) continue;
        const bool whole = canSee(cursor, viewers[i], e);
        const bool portfolio =
            canSeeInPortfolio(cursor, viewers[i], e, cursor.clock, workspaces[i]);
        CHECK((!portfolio || whole));  // never more than the whole view
        clientDirectoryEventsLeftOut += whole && !portfolio;
        if (portfolio) apply(followers[i], e);
      }
      apply(cursor, e);
    }
    for (const Event& e : d.events)
      if (changesVisibility(e))
        for (std::size_t i = 0; i < viewers.size(); ++i) followers[i] = fresh(i);
  };
  step(w.as(s.fullAgent, s.customer), AddUser{"newhire@contoso.onmicrosoft.com", "New Hire"});
  step(w.as(s.fullAgent, s.customer), ResetPassword{s.customerUser});
  step(w.as(s.partnerAdmin), AddUser{"agent@fabrikampartners.onmicrosoft.com", "New Agent"});
  step(w.as(s.customerAdmin), AddUser{"own@contoso.onmicrosoft.com", "Own Hire"});
  step(w.as(s.partnerAdmin), CreateOffer{});
  step(Principal::system(), AdvanceClock{w.now + Duration::ofSeconds(60)});

  // The full agent's directory events in the client were left out of its portfolio, and came
  // with the workspace open.
  CHECK(clientDirectoryEventsLeftOut > 0);
  const User* hire = w.state.findUserByPrincipalName("newhire@contoso.onmicrosoft.com");
  REQUIRE(hire);
  CHECK(followers[5].findUser(hire->id));
  CHECK_FALSE(followers[0].findUser(hire->id));
  for (std::size_t i = 0; i < viewers.size(); ++i) {
    CAPTURE(i);
    State now = fresh(i);
    // Sequence counters are the deciding side's; a follower keeps what it last saw.
    now.nextAuditId = followers[i].nextAuditId;
    now.nextNotificationId = followers[i].nextNotificationId;
    now.nextEmailId = followers[i].nextEmailId;
    CHECK(encodeState(followers[i]) == encodeState(now));
  }
}

TEST_CASE("opening a workspace over a portfolio in hand equals a fresh portfolio with it") {
  SmallScale s;
  for (UserId viewer : s.viewers()) {
    CAPTURE(viewer.str());
    const Timestamp now = s.state.clock;
    const Portfolio without = portfolioOf(s.state, viewer, now);
    std::size_t opened = 0;
    for (const ClientSummary& client : without.clients) {
      CAPTURE(client.tenantId.str());
      const WorkspaceDirectory dir = workspaceOf(s.state, viewer, client.tenantId, now);
      CHECK(dir.readable == client.directoryReadable);
      // The row the server sends alone when a count changes is the portfolio's own.
      const ClientSummary row = clientSummary(s.state, viewer, client.tenantId, now);
      CHECK(row.directoryReadable == client.directoryReadable);
      CHECK(row.users == client.users);
      CHECK(dir.users.size() == client.users);
      State held = without.state;
      attachWorkspace(held, dir);
      CHECK(encodeState(held) ==
            encodeState(portfolioOf(s.state, viewer, now, client.tenantId).state));
      // Its index kept up entry by entry answers as one rebuilt whole.
      State rebuilt = held;
      rebuilt.rebuildIndex();
      CHECK(lookups(held) == lookups(rebuilt));
      // Through the wire form, as the browser receives it.
      auto decoded =
          entityFromJson<WorkspaceDirectory>(nlohmann::json::parse(entityToJson(dir).dump()));
      REQUIRE(decoded.ok());
      State viaWire = without.state;
      attachWorkspace(viaWire, decoded.value());
      CHECK(encodeState(viaWire) == encodeState(held));
      // Closing it gives back the portfolio without it.
      releaseWorkspace(held, client.tenantId);
      CHECK(encodeState(held) == encodeState(without.state));
      CHECK(lookups(held) == lookups(without.state));
      opened += dir.readable && !dir.users.empty();
    }
    // The viewer's own directory is never a workspace: the portfolio always holds it.
    const TenantId home = s.state.findUser(viewer)->tenantId;
    CHECK_FALSE(workspaceOf(s.state, viewer, home, now).readable);
    if (viewer == s.world.fullAgent) CHECK(opened > 0);
    if (viewer == s.nobody) CHECK(opened == 0);
  }
}

TEST_CASE("quick search finds users of every readable client, closest first, and nothing else") {
  SmallScale s;
  const Timestamp now = s.state.clock;
  const Portfolio full = portfolioOf(s.state, s.world.fullAgent, now);
  REQUIRE(full.clients.size() > 1);
  // A user of a client the agent never opened, by a part of its sign-in name.
  const TenantId client = full.clients[2].tenantId;
  const User& someone = *s.state.findUser(s.state.usersOf(client)[3]);
  const std::string local =
      someone.userPrincipalName.substr(0, someone.userPrincipalName.find('@'));
  auto found = searchClientUsers(s.state, s.world.fullAgent, local, 30, now);
  REQUIRE(found.ok());
  REQUIRE_FALSE(found.value().empty());
  bool there = false;
  for (const ClientUserHit& h : found.value()) {
    CHECK(canReadDirectory(s.state, s.world.fullAgent, h.tenantId, now));
    CHECK(h.tenantId != s.state.findUser(s.world.fullAgent)->tenantId);
    there = there || h.user.id == someone.id;
  }
  CHECK(there);
  // The whole sign-in name ranks first.
  auto exact = searchClientUsers(s.state, s.world.fullAgent, someone.userPrincipalName, 5, now);
  REQUIRE(exact.ok());
  REQUIRE_FALSE(exact.value().empty());
  CHECK(exact.value()[0].user.id == someone.id);
  // Someone who may read no client's directory finds nothing, however common the text.
  auto none = searchClientUsers(s.state, s.nobody, "user", 30, now);
  REQUIRE(none.ok());
  CHECK(none.value().empty());
  // Bounded, and says so.
  CHECK(searchClientUsers(s.state, s.world.fullAgent, "user", 0, now).error().code ==
        errc::invalidRequest);
  CHECK(
      searchClientUsers(s.state, s.world.fullAgent, "user", kMaxUserHits + 1, now).error().target ==
      "limit");
  CHECK(searchClientUsers(s.state, s.world.fullAgent, "u", 30, now).error().target == "search");
  auto many = searchClientUsers(s.state, s.world.fullAgent, "user", 7, now);
  REQUIRE(many.ok());
  CHECK(many.value().size() == 7);
}

TEST_CASE("a client's summary is what the Customers list shows, judged by the core") {
  SeedCast s;
  s.connect();
  const Timestamp now = s.w.state.clock;
  const ClientSummary full = clientSummary(s.w.state, s.fullAgent, s.customer, now);
  CHECK(full.displayName == "Contoso");
  CHECK(full.customer);
  CHECK(full.standing == ClientStanding::active);
  CHECK_FALSE(full.accessEnds);  // the offer's standing grant has no end
  CHECK_FALSE(full.roles.empty());
  CHECK(full.directoryReadable);
  CHECK(full.users == 3);
  CHECK(full.defaultDomain == "contoso.onmicrosoft.com");
  // Without delegated access: the client is listed, but its directory facts are not shown.
  const ClientSummary none = clientSummary(s.w.state, s.noAccessAgent, s.customer, now);
  CHECK(none.customer);
  CHECK(none.standing == ClientStanding::active);
  CHECK(none.roles.empty());
  CHECK_FALSE(none.directoryReadable);
  CHECK(none.users == 0);
  CHECK(none.defaultDomain.empty());
  // The customer's own portfolio lists its partner, which is not its customer.
  const Portfolio own = portfolioOf(s.w.state, s.customerAdmin);
  REQUIRE(own.clients.size() == 1);
  CHECK(own.clients[0].tenantId == s.partner);
  CHECK_FALSE(own.clients[0].customer);
}

TEST_CASE("summaries recomputed over a portfolio in hand equal the server's rows") {
  SmallScale s;
  for (UserId viewer : s.viewers()) {
    CAPTURE(viewer.str());
    const Timestamp now = s.state.clock;
    const Portfolio p = portfolioOf(s.state, viewer, now);
    auto json = [](const std::vector<ClientSummary>& rows) {
      std::string out;
      for (const ClientSummary& r : rows) out += entityToJson(r).dump() + "\n";
      return out;
    };
    // The browser: over the portfolio, taking the directory facts it cannot count from the rows.
    CHECK(json(clientSummaries(p.state, viewer, now, &p.clients)) == json(p.clients));
    // Without the rows it knows no client's size.
    for (const ClientSummary& row : clientSummaries(p.state, viewer, now)) CHECK(row.users == 0);
    // The sandbox: over the whole world.
    CHECK(json(clientSummaries(s.state, viewer, now)) == json(p.clients));
    // The server's single rows, and through the wire form.
    for (const ClientSummary& row : p.clients) {
      CHECK(entityToJson(clientSummary(s.state, viewer, row.tenantId, now)) == entityToJson(row));
      auto decoded = entityFromJson<ClientSummary>(nlohmann::json::parse(entityToJson(row).dump()));
      REQUIRE(decoded.ok());
      CHECK(entityToJson(decoded.value()) == entityToJson(row));
      REQUIRE(findClient(p.clients, row.tenantId));
      CHECK(findClient(p.clients, row.tenantId)->tenantId == row.tenantId);
    }
  }
}

TEST_CASE("a portfolio's head and then its details make the portfolio") {
  SmallScale s;
  for (UserId viewer : s.viewers()) {
    CAPTURE(viewer.str());
    const Timestamp now = s.state.clock;
    const Portfolio p = portfolioOf(s.state, viewer, now);
    const TenantId home = s.state.findUser(viewer)->tenantId;
    State head = p.state;
    const PortfolioDetails details = takeDetails(head, home);
    CHECK(head.tenants.size() == 1);
    CHECK(head.findTenant(home));
    CHECK(head.relationships.empty());
    CHECK(head.accessAssignments.empty());
    CHECK(head.usersOf(home).size() == p.state.usersOf(home).size());
    CHECK(details.relationships.size() == p.state.relationships.size());
    // Built without its details (the server's first answer), the same head and rows.
    const Portfolio built = portfolioHeadOf(s.state, viewer, now);
    CHECK(encodeState(built.state) == encodeState(head));
    REQUIRE(built.clients.size() == p.clients.size());
    for (std::size_t i = 0; i < p.clients.size(); ++i)
      CHECK(entityToJson(built.clients[i]) == entityToJson(p.clients[i]));
    // Computed alone (the server's second answer), the same details.
    CHECK(entityToJson(portfolioDetailsOf(s.state, viewer, now)) == entityToJson(details));
    auto decoded =
        entityFromJson<PortfolioDetails>(nlohmann::json::parse(entityToJson(details).dump()));
    REQUIRE(decoded.ok());
    attachDetails(head, decoded.value());
    CHECK(encodeState(head) == encodeState(p.state));
  }
  // In parts: every entity in exactly one part, and all parts attached make the portfolio.
  for (UserId viewer : s.viewers()) {
    CAPTURE(viewer.str());
    const Timestamp now = s.state.clock;
    const Portfolio p = portfolioOf(s.state, viewer, now);
    State head = p.state;
    const PortfolioDetails whole = takeDetails(head, s.state.findUser(viewer)->tenantId);
    for (std::uint32_t count : {1u, 3u, 7u}) {
      CAPTURE(count);
      State held = head;
      std::size_t tenants = 0, relationships = 0, assignments = 0;
      for (std::uint32_t index = 0; index < count; ++index) {
        const PortfolioDetails part = portfolioDetailsOf(s.state, viewer, now, {index, count});
        tenants += part.tenants.size();
        relationships += part.relationships.size();
        assignments += part.accessAssignments.size();
        for (const Tenant& t : part.tenants) CHECK(inDetailsPart(t.id, {index, count}));
        attachDetails(held, part);
      }
      CHECK(tenants == whole.tenants.size());
      CHECK(relationships == whole.relationships.size());
      CHECK(assignments == whole.accessAssignments.size());
      CHECK(encodeState(held) == encodeState(p.state));
      State rebuilt = held;
      rebuilt.rebuildIndex();
      CHECK(lookups(held) == lookups(rebuilt));
    }
  }
  // Rows upserted in place stay sorted and unique.
  std::vector<ClientSummary> rows = portfolioOf(s.state, s.world.fullAgent).clients;
  const std::size_t n = rows.size();
  ClientSummary changed = rows[n / 2];
  changed.users += 5;
  upsertClient(rows, changed);
  CHECK(rows.size() == n);
  CHECK(findClient(rows, changed.tenantId)->users == changed.users);
  ClientSummary fresh;
  fresh.tenantId = TenantId{};
  upsertClient(rows, fresh);
  CHECK(rows.size() == n + 1);
  CHECK(std::is_sorted(rows.begin(), rows.end(),
                       [](const auto& a, const auto& b) { return a.tenantId < b.tenantId; }));
}

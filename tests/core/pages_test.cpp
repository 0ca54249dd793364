// Large directories in pages: a workspace above kPagedDirectoryAbove users opens with its count
// and first page, and the pages bring the rest; below it nothing changes; an unreadable client
// gives nothing either way.
#include <catch2/catch.hpp>

#include <algorithm>
#include <set>

#include "core/json_forms.hpp"
#include "core/pages.hpp"
#include "core/scopes.hpp"
#include "core/seed/scale_world.hpp"

using namespace delegate;

namespace {

// Two clients: the first one user over the threshold, the second exactly at it.
struct TwoLargeClients {
  State state;
  ScaleWorld world;
  UserId nobody;  // a partner user without rights in any client (as in scopes_test)
  TwoLargeClients() {
    ScaleSpec spec;
    spec.customers = 2;
    spec.partnerUsers = 40;
    spec.groups = 100;
    spec.relationships = 4;
    spec.customerUsers = 2 * kPagedDirectoryAbove + 1;
    world = buildScaleWorld(spec, state);
    nobody = world.partnerUsers[36];
  }
  TenantId paged() const { return world.customers[0]; }
  TenantId whole() const { return world.customers[1]; }
};

std::set<UserId> idsOf(const std::vector<User>& users) {
  std::set<UserId> out;
  for (const User& u : users) out.insert(u.id);
  return out;
}

}  // namespace

TEST_CASE("a directory at the threshold opens whole, as before") {
  TwoLargeClients w;
  const Timestamp now = w.state.clock;
  REQUIRE(w.state.usersOf(w.whole()).size() == kPagedDirectoryAbove);
  const WorkspaceDirectory dir = workspaceOf(w.state, w.world.fullAgent, w.whole(), now);
  CHECK(dir.readable);
  CHECK_FALSE(dir.paged);
  CHECK(dir.userTotal == kPagedDirectoryAbove);
  CHECK(idsOf(dir.users) ==
        std::set<UserId>(w.state.usersOf(w.whole()).begin(), w.state.usersOf(w.whole()).end()));
  // Attached to the portfolio, it is the portfolio with that workspace open.
  State held = portfolioOf(w.state, w.world.fullAgent, now).state;
  attachWorkspace(held, dir);
  CHECK(encodeState(held) ==
        encodeState(portfolioOf(w.state, w.world.fullAgent, now, w.whole()).state));
}

TEST_CASE(
    "a directory above the threshold opens with its count and first page; the pages bring "
    "the rest") {
  TwoLargeClients w;
  const Timestamp now = w.state.clock;
  const UserId agent = w.world.fullAgent;
  REQUIRE(w.state.usersOf(w.paged()).size() == kPagedDirectoryAbove + 1);
  const WorkspaceDirectory dir = workspaceOf(w.state, agent, w.paged(), now);
  CHECK(dir.readable);
  CHECK(dir.paged);
  CHECK(dir.userTotal == kPagedDirectoryAbove + 1);
  // Its users are exactly the first page, in the page's order.
  auto first = usersPage(w.state, agent, w.paged(), firstPageQuery(), now);
  REQUIRE(first.ok());
  REQUIRE(dir.users.size() == kUsersPageSize);
  for (std::size_t i = 0; i < kUsersPageSize; ++i)
    CHECK(dir.users[i].id == first.value().users[i].id);
  // The rest of the directory comes whole: groups, domains, subscriptions.
  CHECK(dir.domains.size() == w.state.domainsOf(w.paged()).size());
  CHECK(dir.groups.size() == w.state.groupsOf(w.paged()).size());
  CHECK(dir.subscriptions.size() == w.state.subscriptionsOf(w.paged()).size());

  // The directory and every page, held in the browser's state, are the whole directory: the
  // same state as a portfolio with that workspace open in full.
  State held = portfolioOf(w.state, agent, now).state;
  // Through the wire form, as the browser receives it.
  auto decoded =
      entityFromJson<WorkspaceDirectory>(nlohmann::json::parse(entityToJson(dir).dump()));
  REQUIRE(decoded.ok());
  CHECK(decoded.value().paged);
  CHECK(decoded.value().userTotal == dir.userTotal);
  attachWorkspace(held, decoded.value());
  UserPageQuery q = firstPageQuery();
  std::size_t pages = 0;
  for (q.offset = 0; q.offset < dir.userTotal; q.offset += q.limit, ++pages) {
    auto page = usersPage(w.state, agent, w.paged(), q, now);
    REQUIRE(page.ok());
    CHECK(page.value().total == dir.userTotal);
    holdPageUsers(held, page.value().users);
  }
  CHECK(pages == (kPagedDirectoryAbove + 1 + kUsersPageSize - 1) / kUsersPageSize);
  CHECK(encodeState(held) == encodeState(portfolioOf(w.state, agent, now, w.paged()).state));
  // Holding a page again changes nothing.
  holdPageUsers(held, first.value().users);
  CHECK(encodeState(held) == encodeState(portfolioOf(w.state, agent, now, w.paged()).state));
  // Closing the workspace drops the held pages with it.
  releaseWorkspace(held, w.paged());
  CHECK(encodeState(held) == encodeState(portfolioOf(w.state, agent, now).state));
}

TEST_CASE("an unreadable large directory gives nothing, paged or not") {
  TwoLargeClients w;
  const Timestamp now = w.state.clock;
  for (UserId viewer : {w.nobody, w.world.customerAdmins[1]}) {
    CAPTURE(viewer.str());
    const WorkspaceDirectory dir = workspaceOf(w.state, viewer, w.paged(), now);
    CHECK_FALSE(dir.readable);
    CHECK_FALSE(dir.paged);
    CHECK(dir.userTotal == 0);  // a count leaks too
    CHECK(dir.users.empty());
    CHECK(dir.groups.empty());
    CHECK(dir.domains.empty());
    CHECK(dir.subscriptions.empty());
    auto page = usersPage(w.state, viewer, w.paged(), firstPageQuery(), now);
    REQUIRE_FALSE(page.ok());
    CHECK(page.error().code == "tenantNotFound");
  }
  // Its own administrator is not opening a workspace: its directory is its portfolio's.
  const WorkspaceDirectory own = workspaceOf(w.state, w.world.customerAdmins[0], w.paged(), now);
  CHECK_FALSE(own.readable);
  CHECK(own.userTotal == 0);
}

TEST_CASE("any page of a large directory is the same rows of its full order, the last included") {
  TwoLargeClients w;
  const Timestamp now = w.state.clock;
  const UserId agent = w.world.fullAgent;
  for (UserSort sort : {UserSort::displayName, UserSort::userPrincipalName}) {
    for (bool descending : {false, true}) {
      UserPageQuery all;
      all.sort = sort;
      all.descending = descending;
      all.limit = kMaxPageSize;
      // The full order, sorted here: names any case, ties by sign-in name.
      std::vector<const User*> users;
      for (UserId id : w.state.usersOf(w.paged())) users.push_back(w.state.findUser(id));
      std::sort(users.begin(), users.end(), [&](const User* a, const User* b) {
        const std::string x = sort == UserSort::displayName ? toLowerAscii(a->displayName) : "";
        const std::string y = sort == UserSort::displayName ? toLowerAscii(b->displayName) : "";
        const bool less = x != y ? x < y : a->userPrincipalName < b->userPrincipalName;
        const bool greater = x != y ? x > y : a->userPrincipalName > b->userPrincipalName;
        return descending ? greater : less;
      });
      std::vector<UserId> order;
      for (const User* u : users) order.push_back(u->id);
      REQUIRE(order.size() == kPagedDirectoryAbove + 1);
      for (std::size_t offset : {std::size_t{0}, std::size_t{1}, std::size_t{99}, std::size_t{1234},
                                 kPagedDirectoryAbove - 50, kPagedDirectoryAbove}) {
        CAPTURE(static_cast<int>(sort), descending, offset);
        UserPageQuery q = all;
        q.offset = offset;
        q.limit = kUsersPageSize;
        auto page = usersPage(w.state, agent, w.paged(), q, now);
        REQUIRE(page.ok());
        const std::size_t n = std::min(kUsersPageSize, order.size() - offset);
        REQUIRE(page.value().users.size() == n);
        for (std::size_t i = 0; i < n; ++i) CHECK(page.value().users[i].id == order[offset + i]);
      }
    }
  }
}

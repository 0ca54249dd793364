// The users table of a paged client directory, as its backends drive it: only the pages near the
// rows on screen are asked for and held, a search waits for typing to pause, the last question's
// answers win, and a failed page is asked again later. The fetch here answers when the test says,
// from the core's usersPage over a generated client of 100,000 users, as the server would.
#include <catch2/catch.hpp>

#include <cstdio>
#include <deque>

#include "core/pages.hpp"
#include "core/seed/scale_world.hpp"
#include "web/app/projection.hpp"
#include "web/app/sandbox.hpp"
#include "web/app/user_pager.hpp"
#include "web/platform/native/host.hpp"

using namespace delegate;
using namespace delegate::web;

namespace {

struct LargeClient {
  State state;
  ScaleWorld world;
  LargeClient() {
    ScaleSpec spec;
    spec.customers = 1;
    spec.partnerUsers = 8;
    spec.groups = 4;
    spec.relationships = 1;
    spec.customerUsers = 100000;
    world = buildScaleWorld(spec, state);
  }
  TenantId client() const { return world.customers[0]; }
};

// Page requests waiting for an answer, oldest first.
struct PendingPages {
  struct Asked {
    UserPageQuery query;
    UserPager::Answer answer;
  };
  std::deque<Asked> asked;
  const LargeClient* world = nullptr;
  UserPager::Fetch fetch() {
    return [this](const UserPageQuery& q, UserPager::Answer a) { asked.push_back({q, a}); };
  }
  // Answers the oldest request from the core (or as a failure).
  UserPageQuery answerNext(bool ok = true) {
    Asked a = asked.front();
    asked.pop_front();
    if (!ok) {
      a.answer(std::nullopt);
      return a.query;
    }
    auto page = usersPage(world->state, world->world.fullAgent, world->client(), a.query,
                          world->state.clock);
    REQUIRE(page.ok());
    UserPager::Page rows;
    rows.total = page.value().total;
    for (const User& u : page.value().users) rows.users.push_back(clientUserRow(world->state, u));
    a.answer(std::move(rows));
    return a.query;
  }
  void answerAll() {
    while (!asked.empty()) answerNext();
  }
};

}  // namespace

TEST_CASE("a paged users table holds only the pages near the rows on screen") {
  static const LargeClient w;  // generated once for the file's tests
  PendingPages server;
  server.world = &w;
  UserPager pager(w.client().str(), 100000, server.fetch());
  CHECK(pager.total() == 100000);
  CHECK(pager.row(0) == nullptr);  // not loaded: drawn as a placeholder

  UserRowsQuery q;
  pager.show(q, 0, 30, 0);
  // The window's page and the next one, not the directory.
  REQUIRE(server.asked.size() == 2);
  CHECK(server.asked[0].query.offset == 0);
  CHECK(server.asked[1].query.offset == kUsersPageSize);
  pager.show(q, 0, 30, 16);  // the next frame asks nothing again
  CHECK(server.asked.size() == 2);
  server.answerAll();
  REQUIRE(pager.row(0) != nullptr);
  CHECK(pager.row(0)->displayName == "User 0");
  CHECK(pager.row(199) != nullptr);
  CHECK(pager.row(200) == nullptr);
  CHECK(pager.total() == 100000);
  CHECK(pager.settled());

  // Scrolled to the end: the last pages come, the first ones go.
  pager.show(q, 99970, 100000, 32);
  server.answerAll();
  REQUIRE(pager.row(99999) != nullptr);
  CHECK(pager.row(99999)->displayName == "User 99999");  // the last by name
  CHECK(pager.row(0) == nullptr);
  CHECK(pager.pagesHeld() <= 2 + 4);
  CHECK(pager.requests() == 4);
}

TEST_CASE("a paged users table searches once typing pauses, and the last question wins") {
  static const LargeClient w;
  PendingPages server;
  server.world = &w;
  UserPager pager(w.client().str(), 100000, server.fetch());
  UserRowsQuery q;
  pager.show(q, 0, 30, 0);
  server.answerAll();
  REQUIRE(pager.row(0) != nullptr);

  // Typing "u777" then "u7777": nothing is asked while the keys come.
  q.search = "u777";
  pager.show(q, 0, 30, 1000);
  q.search = "u7777";
  pager.show(q, 0, 30, 1100);
  CHECK(server.asked.empty());
  CHECK_FALSE(pager.settled());
  CHECK(pager.row(0) != nullptr);  // the rows of the last answer stay meanwhile
  pager.tick(1100 + UserPager::kSearchPauseMs);
  REQUIRE(server.asked.size() == 1);  // the first page of the question, only
  CHECK(server.asked[0].query.search == "u7777");
  CHECK(pager.row(0) == nullptr);  // the old question's rows are gone

  // Another question before the answer: the first answer is dropped when it comes.
  q.search = "u77777";
  pager.show(q, 0, 30, 2000);
  pager.tick(2000 + UserPager::kSearchPauseMs);
  REQUIRE(server.asked.size() == 2);
  server.answerNext();  // "u7777": too late
  CHECK(pager.row(0) == nullptr);
  CHECK(pager.total() == 100000);
  server.answerNext();  // "u77777"
  CHECK(pager.settled());
  CHECK(pager.total() == 1);
  REQUIRE(pager.row(0) != nullptr);
  CHECK(pager.row(0)->upn == "u77777@c0.onmicrosoft.com");

  // A sort goes at once, and its pages replace the others.
  q.search.clear();
  pager.show(q, 0, 30, 3000);
  pager.tick(3000 + UserPager::kSearchPauseMs);
  server.answerAll();
  q.sort = UserSort::userPrincipalName;
  q.descending = true;
  pager.show(q, 0, 30, 4000);
  REQUIRE(server.asked.size() == 1);
  CHECK(server.asked[0].query.sort == UserSort::userPrincipalName);
  CHECK(server.asked[0].query.descending);
  server.answerAll();
  REQUIRE(pager.row(0) != nullptr);
  CHECK(pager.row(0)->upn == "u9@c0.onmicrosoft.com");  // '@' sorts after the digits
}

TEST_CASE("a paged users table reads its rows again after a change, and retries a failed page") {
  static const LargeClient w;
  PendingPages server;
  server.world = &w;
  UserPager pager(w.client().str(), 100000, server.fetch());
  UserRowsQuery q;
  pager.show(q, 0, 30, 0);
  server.answerNext(false);  // page 0 failed
  server.answerNext();       // page 1 came
  CHECK(pager.row(0) == nullptr);
  pager.show(q, 0, 30, 100);
  CHECK(server.asked.empty());  // not at once
  pager.show(q, 0, 30, UserPager::kRetryMs + 1);
  REQUIRE(server.asked.size() == 1);
  server.answerAll();
  REQUIRE(pager.row(0) != nullptr);

  // The directory changed: the rows stay drawn while the pages on screen are read again.
  const std::size_t asked = pager.requests();
  pager.refresh();
  pager.tick(UserPager::kRetryMs + 2);
  CHECK(pager.row(0) != nullptr);
  CHECK(pager.requests() == asked + 2);
  server.answerAll();
  CHECK(pager.row(0) != nullptr);
}

TEST_CASE("a workspace's pager follows the client on screen while its directory is paged") {
  WorkspacePages pages;
  std::vector<UserPageQuery> asked;
  auto fetchFor = [&](const std::string&) -> UserPager::Fetch {
    return [&](const UserPageQuery& q, UserPager::Answer) { asked.push_back(q); };
  };
  pages.follow("c1", kPagedDirectoryAbove, 1, 0, fetchFor);
  CHECK(pages.of("c1") == nullptr);  // at the threshold: whole, as before
  pages.follow("c2", kPagedDirectoryAbove + 1, 1, 0, fetchFor);
  REQUIRE(pages.of("c2") != nullptr);
  CHECK(pages.of("c1") == nullptr);
  CHECK(asked.size() == 1);  // its first page, before the table asks
  pages.follow("c2", kPagedDirectoryAbove + 1, 2, 10, fetchFor);  // the model changed
  CHECK(asked.size() == 2);
  pages.follow("c2", 0, 2, 20, fetchFor);  // no longer readable
  CHECK(pages.of("c2") == nullptr);
  pages.follow("c2", kPagedDirectoryAbove + 1, 2, 30, fetchFor);
  pages.follow("", 0, 2, 40, fetchFor);  // closed
  CHECK(pages.of("c2") == nullptr);
}

TEST_CASE("the sandbox pages a large client's users through the core, as the server would",
          "[web][sandbox]") {
  host::reset();
  SandboxBackend sandbox;
  REQUIRE(sandbox.load().empty());
  // A persona and a client it may open.
  int persona = -1;
  std::string client;
  for (int i = 0; i < static_cast<int>(sandbox.personaLabels().size()) && persona < 0; ++i) {
    sandbox.setPersona(i);
    for (const MCustomer& c : sandbox.model().customers)
      if (c.canOpen && persona < 0) {
        persona = i;
        client = c.tenantId;
      }
  }
  REQUIRE(persona >= 0);
  // The client grows past the threshold: copies of one of its users, imported as a saved world.
  nlohmann::json saved = nlohmann::json::parse(sandbox.exportJson());
  nlohmann::json& users = saved["state"]["users"];
  nlohmann::json model;
  std::size_t had = 0;
  for (const nlohmann::json& u : users)
    if (u["tenantId"] == client) {
      model = u;
      ++had;
    }
  REQUIRE(had > 0);
  const std::string domain = model["userPrincipalName"].get<std::string>().substr(
      model["userPrincipalName"].get<std::string>().find('@'));
  for (std::size_t i = 0; i < kPagedDirectoryAbove; ++i) {
    nlohmann::json u = model;
    char id[40];
    std::snprintf(id, sizeof id, "00000000-0000-4000-8000-%012zu", i + 1);
    u["id"] = id;
    u["userPrincipalName"] = "bulk" + std::to_string(i) + domain;
    u["displayName"] = "Bulk " + std::to_string(i);
    u["roles"] = nlohmann::json::array();
    users.push_back(u);
  }
  REQUIRE(sandbox.importJson(saved.dump()).empty());
  sandbox.setPersona(persona);

  sandbox.focus(client);
  sandbox.tick(0);
  const UserPager* pager = sandbox.pagedUsers(client);
  REQUIRE(pager != nullptr);
  CHECK(pager->total() == had + kPagedDirectoryAbove);
  REQUIRE(pager->row(0) != nullptr);  // answered at once, from the core
  UserRowsQuery q;
  q.search = "BULK 1999";
  sandbox.showUserRows(client, q, 0, 30, 10);
  sandbox.tick(10 + UserPager::kSearchPauseMs);
  CHECK(pager->settled());
  CHECK(pager->total() == 1);
  REQUIRE(pager->row(0) != nullptr);
  CHECK(pager->row(0)->upn == "bulk1999" + domain);
  // Closed, its pages go.
  sandbox.focus("");
  sandbox.tick(1000);
  CHECK(sandbox.pagedUsers(client) == nullptr);
}

// Rights end at the second they end: reads and sync judge a relationship at the request's time,
// exactly as writes do, with no clock tick in between; and a tick wakes nobody whose view did not
// change. The server runs on the real wall clock; the world is seeded so that a relationship ends
// a few seconds after the server starts (the default minute tick never comes during the test).
#include <catch2/catch.hpp>

#include <chrono>
#include <thread>

#include "api_client.hpp"
#include "seeded_world.hpp"

using namespace delegate;
using namespace delegate::testing;

namespace {

constexpr std::int64_t kDay = 24 * 3600;

std::int64_t wallSeconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

bool holdsUser(const Reply& view, UserId user) {
  for (const auto& u : view.body["snapshot"]["users"])
    if (u["id"] == user.str()) return true;
  return false;
}

// Alpha's helpdesk agent reaches Contoso only through a one-day granular relationship that ends
// `secondsLeft` seconds from now.
struct EndingSoon {
  SeededWorld w;
  TenantId alpha, contoso;
  UserId admin, agent, contosoUser;
  Timestamp end;

  explicit EndingSoon(std::int64_t secondsLeft) {
    // The whole world happens a day ago (the state's clock never goes back, so it starts there).
    w.now = Timestamp{wallSeconds() + secondsLeft - kDay};
    alpha = w.tenant(TenantKind::partner, "Alpha Partners", "alphapartners", true);
    admin = w.user(alpha, "admin@alphapartners.onmicrosoft.com", "Ada Alpha",
                   {Role::globalAdministrator});
    agent = w.user(alpha, "agent@alphapartners.onmicrosoft.com", "Hana Helpdesk");
    contoso = w.tenant(TenantKind::customer, "Contoso", "contoso");
    UserId contosoAdmin = w.user(contoso, "admin@contoso.onmicrosoft.com", "Carla Contoso",
                                 {Role::globalAdministrator});
    contosoUser = w.user(contoso, "user@contoso.onmicrosoft.com", "Chris Contoso");
    Decision g = w.run(w.as(admin), CreateGroup{"Helpdesk agents"});
    REQUIRE(g.ok());
    GroupId group = SeededWorld::find<GroupCreated>(g)->group.id;
    REQUIRE(w.run(w.as(admin), AddGroupMember{group, agent}).ok());

    CreateRelationship c;
    c.displayName = "One-day support";
    c.customerTenantId = contoso;
    c.accessDetails.unifiedRoles = {Role::helpdeskAdministrator};
    c.duration = Duration::ofDays(1);
    Decision created = w.run(w.as(admin), c);
    REQUIRE(created.ok());
    RelationshipId rel = SeededWorld::find<RelationshipCreated>(created)->relationship.id;
    Decision locked = w.run(w.as(admin), LockForApproval{rel});
    REQUIRE(locked.ok());
    REQUIRE(w.run(w.as(contosoAdmin), ApproveRelationship{rel, locked.secrets.at(0).value}).ok());
    CreateAccessAssignment a;
    a.relationshipId = rel;
    a.accessContainer.accessContainerId = group;
    a.accessDetails.unifiedRoles = {Role::helpdeskAdministrator};
    REQUIRE(w.run(w.as(admin), a).ok());
    end = *w.state.findRelationship(rel)->endDateTime;
  }
};

}  // namespace

TEST_CASE("an ended relationship stops granting reads and sync at the second it ends") {
  EndingSoon world(15);  // room for seeding and starting the server on a busy machine
  TempDir data;
  world.w.writeTo(data.path());
  ServerProcess server({"--data", data.path()});  // the default minute tick
  const std::string agentUpn = "agent@alphapartners.onmicrosoft.com";
  Api scoped = Api::signIn(server, agentUpn, kPassword, world.contoso.str());
  Api agent = Api::signIn(server, agentUpn, kPassword);

  Reply users = scoped.get("/v1.0/users");
  REQUIRE(users.status == 200);
  CHECK(users.text.find(world.contosoUser.str()) != std::string::npos);
  Reply view = agent.get("/api/view");
  REQUIRE(view.status == 200);
  REQUIRE(holdsUser(view, world.contosoUser));
  const std::uint64_t revision = view.body["revision"];
  const std::string store = view.body["storeId"];
  REQUIRE(wallSeconds() < world.end.seconds);  // the seeding took less than the margin

  // Wait for the wall clock (the thing under test), not for the server.
  std::this_thread::sleep_until(std::chrono::system_clock::time_point(
      std::chrono::seconds(world.end.seconds) + std::chrono::milliseconds(50)));

  Reply after = scoped.get("/v1.0/users");
  CHECK(after.status == 403);
  CHECK(after.code() == "noActiveRelationship");
  CHECK(after.text.find(world.contosoUser.str()) == std::string::npos);
  CHECK(scoped.get("/v1.0/users/" + world.contosoUser.str()).status == 403);
  CHECK(scoped.get("/v1.0/domains").status == 403);

  // Sync: a fresh snapshot no longer holds the customer's directory, and an incremental request
  // from before the end gets a snapshot (no event in between would take the directory away).
  Reply fresh = agent.get("/api/view");
  REQUIRE(fresh.status == 200);
  CHECK_FALSE(holdsUser(fresh, world.contosoUser));
  Reply since =
      agent.get("/api/view?since=" + std::to_string(revision) + "&store=" + store + "&wait=0");
  REQUIRE(since.status == 200);
  REQUIRE(since.body.contains("snapshot"));
  CHECK_FALSE(holdsUser(since, world.contosoUser));
}

TEST_CASE("a clock tick does not wake a long-poll whose view did not change") {
  Cast cast;
  TempDir data;
  cast.w.writeTo(data.path());
  ServerProcess server({"--data", data.path(), "--tick-seconds", "1"});
  Api agent = Api::signIn(server, "agent@alphapartners.onmicrosoft.com", kPassword);
  Reply view = agent.get("/api/view");
  REQUIRE(view.status == 200);
  const std::string base = "/api/view?store=" + view.body["storeId"].get<std::string>() + "&since=";

  auto started = std::chrono::steady_clock::now();
  Reply poll =
      agent.get(base + std::to_string(view.body["revision"].get<std::uint64_t>()) + "&wait=3");
  const double waited =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  REQUIRE(poll.status == 200);
  // Ticks happened every second meanwhile; they ride along with the answer at the deadline.
  REQUIRE(poll.body.contains("events"));
  int ticks = 0;
  for (const auto& e : poll.body["events"]) {
    CHECK(e["event"]["type"] == "clockAdvanced");
    ++ticks;
  }
  CHECK(ticks >= 2);
  CHECK(waited >= 2.9);
}

// The background tick: expiry and lapse happen on the server's own clock, with no client sending
// anything. --tick-seconds shortens the minute so a test can watch it.
#include <catch2/catch.hpp>

#include <chrono>
#include <thread>

#include "api_client.hpp"
#include "seeded_world.hpp"
#include "server/options.hpp"

using namespace delegate;
using namespace delegate::testing;

namespace {

constexpr std::int64_t kDay = 24 * 3600;

struct AgedWorld {
  SeededWorld w;
  RelationshipId lapsing, expiring;

  // A request left unanswered for 100 days (lapses after 90) and a one-day relationship
  // approved three days ago: both overdue, but only a tick can notice.
  AgedWorld() {
    const Timestamp today = w.now;
    w.now = Timestamp{today.seconds - 100 * kDay};
    TenantId partner = w.tenant(TenantKind::partner, "Alpha Partners", "alphapartners", true);
    UserId partnerAdmin = w.user(partner, "admin@alphapartners.onmicrosoft.com", "Ada Alpha",
                                 {Role::globalAdministrator}, PartnerAccess::full);
    TenantId customer = w.tenant(TenantKind::customer, "Contoso", "contoso");
    UserId customerAdmin = w.user(customer, "admin@contoso.onmicrosoft.com", "Carla Contoso",
                                  {Role::globalAdministrator});
    lapsing = create(partnerAdmin, customer, "Unanswered request", Duration::ofDays(730));
    REQUIRE(w.run(w.as(partnerAdmin), LockForApproval{lapsing}).ok());

    w.now = Timestamp{today.seconds - 3 * kDay};
    expiring = create(partnerAdmin, customer, "One-day support", Duration::ofDays(1));
    Decision locked = w.run(w.as(partnerAdmin), LockForApproval{expiring});
    REQUIRE(locked.ok());
    REQUIRE(
        w.run(w.as(customerAdmin), ApproveRelationship{expiring, locked.secrets.at(0).value}).ok());
  }

  RelationshipId create(UserId admin, TenantId customer, const std::string& name,
                        Duration duration) {
    CreateRelationship c;
    c.displayName = name;
    c.customerTenantId = customer;
    c.accessDetails.unifiedRoles = {Role::helpdeskAdministrator};
    c.duration = duration;
    Decision d = w.run(w.as(admin), c);
    REQUIRE(d.ok());
    return SeededWorld::find<RelationshipCreated>(d)->relationship.id;
  }
};

std::string statusOf(const Reply& view, RelationshipId id) {
  for (const auto& r : view.body["snapshot"]["relationships"])
    if (r["id"] == id.str()) return r["status"];
  return "missing";
}

int notificationsOfKind(const Reply& view, const std::string& kind) {
  int n = 0;
  for (const auto& x : view.body["snapshot"]["notifications"]) n += x["kind"] == kind ? 1 : 0;
  return n;
}

}  // namespace

TEST_CASE("the background tick expires and lapses relationships without any client request") {
  AgedWorld aged;
  TempDir data;
  aged.w.writeTo(data.path());
  const std::string admin = "admin@alphapartners.onmicrosoft.com";

  {
    // Even with the default minute, a relationship whose end has passed is ticked at once:
    // the tick also runs at the second rights end (here: already overdue at startup).
    ServerProcess server({"--data", data.path()});
    Api partner = Api::signIn(server, admin, kPassword);
    Reply view;
    auto until = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    do {
      view = partner.get("/api/view");
      REQUIRE(view.status == 200);
      if (statusOf(view, aged.expiring) == "expired") break;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    } while (std::chrono::steady_clock::now() < until);
    CHECK(statusOf(view, aged.expiring) == "expired");
    CHECK(statusOf(view, aged.lapsing) == "expired");  // the same tick noticed the lapse
    CHECK(server.stop() == 0);
  }

  ServerProcess server({"--data", data.path(), "--tick-seconds", "1"});
  Api partner = Api::signIn(server, admin, kPassword);
  // Only reads from here on: whatever changes, the server's tick changed it.
  Reply view;
  auto until = std::chrono::steady_clock::now() + std::chrono::seconds(15);
  do {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    view = partner.get("/api/view");
    REQUIRE(view.status == 200);
  } while (statusOf(view, aged.expiring) != "expired" && std::chrono::steady_clock::now() < until);
  CHECK(statusOf(view, aged.expiring) == "expired");
  CHECK(statusOf(view, aged.lapsing) == "expired");
  CHECK(notificationsOfKind(view, "relationshipExpired") == 1);
  CHECK(notificationsOfKind(view, "approvalRequestLapsed") == 1);

  // The tick keeps running without repeating what it already did.
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  Reply later = partner.get("/api/view");
  CHECK(later.body["revision"].get<std::uint64_t>() > view.body["revision"].get<std::uint64_t>());
  CHECK(notificationsOfKind(later, "relationshipExpired") == 1);
  CHECK(notificationsOfKind(later, "approvalRequestLapsed") == 1);
}

TEST_CASE("the tick runs every minute unless --tick-seconds (1 to 86400) says otherwise") {
  CHECK(server::parseOptions({}).options.tickSeconds == 60);
  server::ParsedOptions five = server::parseOptions({"--tick-seconds", "5"});
  CHECK(five.error.empty());
  CHECK(five.options.tickSeconds == 5);
  for (const char* bad : {"0", "86401", "-5", "soon"}) {
    server::ParsedOptions p = server::parseOptions({"--tick-seconds", bad});
    CHECK(p.error.find("--tick-seconds") != std::string::npos);
  }
  CHECK_FALSE(server::parseOptions({"--tick-seconds"}).error.empty());
}

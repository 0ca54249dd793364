// First start: the operator's organization with a printed one-time password, or with --demo the
// core's demo world with printed sign-in names and the known demo password. A second start
// seeds nothing.
#include <catch2/catch.hpp>

#include <regex>
#include <set>

#include "api_client.hpp"
#include "server/bootstrap.hpp"

using namespace delegate::testing;

TEST_CASE("first start creates the operator and prints a one-time password, once") {
  TempDir data;
  std::string password;
  std::uint64_t revision = 0;
  {
    ServerProcess server({"--data", data.path()});
    std::smatch m;
    std::string log = server.log();
    REQUIRE(std::regex_search(log, m, std::regex("password +(\\S+)")));
    password = m[1];
    Api admin = Api::browser(server, "admin@operator.onmicrosoft.com", password);
    Reply me = admin.get("/api/me");
    CHECK(me.body["tenant"]["certifiedForDelegatedAdmin"] == true);
    CHECK(admin
              .post("/api/me/password",
                    {{"currentPassword", password}, {"newPassword", "A-New-Password-1"}})
              .status == 204);
    // The change is an event (the must-change flag, the audit); a restart adds nothing more.
    revision = admin.get("/api/me").body["revision"];
    CHECK(revision > me.body["revision"].get<std::uint64_t>());
  }
  ServerProcess again({"--data", data.path()});
  CHECK(again.log().find("password") == std::string::npos);
  Api admin = Api::browser(again, "admin@operator.onmicrosoft.com", "A-New-Password-1");
  CHECK(admin.get("/api/me").body["revision"] == revision);
}

TEST_CASE("--demo seeds the core's demo world with known sign-ins") {
  ServerProcess server({"--demo"});
  std::string log = server.log();
  CHECK(log.find(delegate::server::kDemoPassword) != std::string::npos);
  CHECK(log.find("amy.admin@northwindpartners.onmicrosoft.com") != std::string::npos);
  Api amy = Api::signIn(server, "amy.admin@northwindpartners.onmicrosoft.com",
                        delegate::server::kDemoPassword);
  Reply customers = amy.get("/v1.0/tenantRelationships/delegatedAdminCustomers?$top=300");
  REQUIRE(customers.status == 200);
  CHECK(customers.body["value"].size() >= 100);
  Reply relationships = amy.get("/v1.0/tenantRelationships/delegatedAdminRelationships?$top=300");
  std::set<std::string> statuses;
  for (const auto& r : relationships.body["value"]) statuses.insert(r["status"]);
  CHECK(statuses.size() >= 3);
}

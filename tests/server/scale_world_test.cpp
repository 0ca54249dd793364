// --scale-world CLIENTSxUSERS: the core's scale world on an empty store, with printed sign-ins
// that share the demo password; refused on a malformed spec or a store that holds events.
#include <catch2/catch.hpp>

#include "api_client.hpp"
#include "server/bootstrap.hpp"
#include "server/options.hpp"
#include "tests/support/loopback_port.hpp"

using namespace delegate::testing;
using delegate::server::kDemoPassword;

namespace {
const char* const kFull = "agent1@scalepartners.onmicrosoft.com";
}

TEST_CASE("--scale-world seeds the scale world with printed sign-ins", "[scale]") {
  TempDir data;
  {
    ServerProcess server({"--scale-world", "12x4", "--data", data.path() + "/data"});
    const std::string log = server.log();
    CHECK(log.find("12 clients x 4 users") != std::string::npos);
    CHECK(log.find(kDemoPassword) != std::string::npos);
    for (const char* who : {"agent0@", "agent1@", "agent2@", "agent3@", "u0@c0.onmicrosoft.com"})
      CHECK(log.find(who) != std::string::npos);

    Api full = Api::signIn(server, kFull, kDemoPassword);
    Reply view = full.get("/api/view");
    REQUIRE(view.status == 200);
    const auto& snapshot = view.body["snapshot"];
    CHECK(snapshot["tenants"].size() == 13);        // the partner and its 12 clients
    CHECK(snapshot["users"].size() == 1000 + 48);   // partner users and every client user
    CHECK(snapshot["relationships"].size() == 24);  // DAP and granular for each client
    // The other printed sign-ins work with the same password.
    for (const char* who :
         {"agent0@scalepartners.onmicrosoft.com", "agent2@scalepartners.onmicrosoft.com",
          "agent3@scalepartners.onmicrosoft.com", "u0@c0.onmicrosoft.com"})
      CHECK(Api::signIn(server, who, kDemoPassword).get("/api/me").status == 200);
  }
  // On a store that holds events it refuses, and says why.
  auto [again, said] =
      runUntilExit({"--scale-world", "3", "--port", std::to_string(freeLoopbackPort())}, data);
  CHECK(again != 0);
  CHECK(said.find("seeds an empty store") != std::string::npos);
}

TEST_CASE("--scale-world refuses a malformed or oversized spec", "[scale]") {
  for (const char* spec : {"", "x", "0", "10x0", "10x", "x10", "-5", "10y5", "1e3", "100001",
                           "10000x1001", "99999999999999999999", "12 x4"}) {
    std::size_t clients = 0, users = 0;
    INFO(spec);
    CHECK_FALSE(delegate::server::parseScaleWorld(spec, clients, users).empty());
  }
  std::size_t clients = 0, users = 0;
  CHECK(delegate::server::parseScaleWorld("10000x100", clients, users).empty());
  CHECK((clients == 10000 && users == 100));
  CHECK(delegate::server::parseScaleWorld("250", clients, users).empty());
  CHECK((clients == 250 && users == 100));
  TempDir dir;
  auto [code, output] = runUntilExit({"--scale-world", "10x0"}, dir);
  CHECK(code == 2);
  CHECK(output.find("--scale-world takes CLIENTS or CLIENTSxUSERS") != std::string::npos);
  auto [both, why] = runUntilExit({"--scale-world", "10", "--demo"}, dir);
  CHECK(both == 2);
  CHECK(why.find("choose one") != std::string::npos);
}

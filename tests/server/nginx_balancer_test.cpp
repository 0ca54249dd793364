// The deployment of issue 12: Debian's nginx, configured by scripts/nginx-balancer, round-robin
// in front of two delegate-servers over one PostgreSQL, no sticky sessions. The seed story's API
// steps all pass through it, with consecutive requests of one person landing on either server.
#include <catch2/catch.hpp>

#include <string>

#include "api_client.hpp"
#include "nginx_balancer.hpp"
#include "pg_servers.hpp"
#include "seed_story.hpp"

using namespace delegate;
using namespace delegate::testing;

namespace {

std::size_t countOf(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

}  // namespace

TEST_CASE("postgres: the seed story through nginx, round-robin in front of two servers",
          "[postgres][nginx]") {
  // nginx is the servers' trusted proxy: sign-in limits count the client it names.
  Servers servers(2, {"--trusted-proxy", "127.0.0.1"}, PgCluster::shared().createDatabase(),
                  /*connected=*/false);
  NginxBalancer nginx({servers[0].port(), servers[1].port()});
  walkSeedStory(servers.store().cast, Api(nginx.port()));

  // Both servers answered parts of it, in turn.
  const std::string log = nginx.accessLog();
  INFO(log);
  const std::size_t onA = countOf(log, "upstream=127.0.0.1:" + std::to_string(servers[0].port()));
  const std::size_t onB = countOf(log, "upstream=127.0.0.1:" + std::to_string(servers[1].port()));
  CHECK(onA >= 10);
  CHECK(onB >= 10);
  CHECK(onA + onB == countOf(log, "upstream="));
}

TEST_CASE("postgres: a read on one server sees a write acknowledged on another just before",
          "[postgres]") {
  Servers servers(2);
  Api onA = Api::signIn(servers[0], "admin@contoso.onmicrosoft.com", kPassword);
  Api onB = sameCredentials(onA, servers[1]);
  for (int i = 0; i < 20; ++i) {
    Reply made = onA.command("createGroup", {{"displayName", "Read " + std::to_string(i)}});
    REQUIRE(made.status == 200);
    Reply view = onB.get("/api/view");
    REQUIRE(view.status == 200);
    INFO(i);
    CHECK(view.body["revision"].get<std::uint64_t>() >= made.body["revision"].get<std::uint64_t>());
  }
}

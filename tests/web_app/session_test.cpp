// The web's session flow against a scripted server (web/platform/native/host): the first view,
// a command and its answer, a session that ends; and the sandbox's world kept in storage.
#include <catch2/catch.hpp>

#include "core/visibility.hpp"
#include "tests/web_app/web_fixture.hpp"
#include "web/app/commands.hpp"
#include "web/app/core_adapter.hpp"
#include "web/app/sandbox.hpp"
#include "web/app/server_backend.hpp"

using namespace delegate;
using namespace delegate::testing;
namespace host = delegate::web::host;

namespace {

std::string viewBody(const State& s, UserId viewer, std::uint64_t revision) {
  nlohmann::json j = {{"revision", revision},
                      {"storeId", "store-1"},
                      {"snapshot", {{"state", web::stateToJson(viewOf(s, viewer))}}}};
  return j.dump();
}

}  // namespace

TEST_CASE("signed in to a server: the first view, a command, and the session ending",
          "[web][session]") {
  host::reset();
  SeedCast s;
  s.connect();
  web::ServerBackend backend;
  bool ended = false;
  const std::string me =
      nlohmann::json{{"user", {{"id", s.fullAgent.str()}}}, {"csrfToken", "csrf-1"}}.dump();
  REQUIRE(backend.begin(me, [&] { ended = true; }).empty());

  backend.tick(0);
  REQUIRE(host::requests().size() == 1);
  CHECK(host::requests()[0].url.rfind("api/view", 0) == 0);
  CHECK(host::requests()[0].headers.at("X-CSRF-Token") == "csrf-1");
  REQUIRE(host::answer("GET", "api/view", 200, viewBody(s.w.state, s.fullAgent, 12)));
  const web::Model& m = backend.model();
  CHECK(m.meUpn == "full@fabrikampartners.onmicrosoft.com");
  REQUIRE(m.customers.size() == 1);
  CHECK(m.customers[0].canOpen);
  // The buttons ask the core through the backend.
  CHECK(backend.can("resetPassword", s.customer.str(), s.customerUser.str()).allowed);
  CHECK_FALSE(backend.can("wipeDevice", s.customer.str(), "").allowed);

  // A command acting in the client goes out with its tenant beside it.
  nlohmann::json add = web::cmd::addUser(s.customer.str(), "new@contoso.onmicrosoft.com", "New");
  add.erase(web::cmd::kActingTenant);
  web::CommandResult result;
  backend.submit(add, s.customer.str(), [&](const web::CommandResult& r) { result = r; });
  auto& rs = host::requests();
  auto post = std::find_if(rs.begin(), rs.end(), [](const host::Request& r) {
    return r.method == "POST" && r.url == "api/commands";
  });
  REQUIRE(post != rs.end());
  CHECK(post->headers.at("X-Acting-Tenant") == s.customer.str());
  REQUIRE(
      host::answer("POST", "api/commands", 403,
                   R"({"error": {"code": "denied", "message": "Not allowed.", "target": "x"}})"));
  CHECK_FALSE(result.ok);
  CHECK(result.code == "denied");
  CHECK(result.target == "x");

  // 401 on a command: the session ended, and the app is told.
  backend.submit(add, s.customer.str(), [&](const web::CommandResult& r) { result = r; });
  REQUIRE(host::answer("POST", "api/commands", 401, R"({"error": {"code": "unauthenticated"}})"));
  CHECK(ended);
  CHECK(result.status == 401);
}

TEST_CASE("the sandbox seeds the demo world, keeps it in storage and answers through the core",
          "[web][session][sandbox]") {
  host::reset();
  web::SandboxBackend sandbox;
  REQUIRE(sandbox.load().empty());
  CHECK(host::storage().count("delegate.sandbox.v1") == 1);
  REQUIRE_FALSE(sandbox.personaLabels().empty());
  const std::string partnerName = sandbox.model().tenantName;

  web::CommandResult result;
  sandbox.submit(web::cmd::createDelegatedAdminOffer(), "",
                 [&](const web::CommandResult& r) { result = r; });
  CHECK(result.ok);
  CHECK_FALSE(result.secret.empty());  // the offer's token, shown once

  // A reload finds the same world, with the new offer.
  const size_t offers = sandbox.model().offers.size();
  web::SandboxBackend reloaded;
  REQUIRE(reloaded.load().empty());
  CHECK(reloaded.model().tenantName == partnerName);
  CHECK(reloaded.model().offers.size() == offers);

  // A refusal comes back with the core's code and the server's status for it.
  sandbox.submit(web::cmd::revokeOffer("00000000-0000-4000-8000-000000000000"), "",
                 [&](const web::CommandResult& r) { result = r; });
  CHECK_FALSE(result.ok);
  CHECK(result.status == 404);
}

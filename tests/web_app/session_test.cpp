// The web's session flow against a scripted server (web/platform/native/host): the first view,
// a command and its answer, a session that ends; and the sandbox's world kept in storage.
#include <catch2/catch.hpp>

#include "core/product.hpp"
#include "core/visibility.hpp"
#include "tests/web_app/web_fixture.hpp"
#include "web/app/commands.hpp"
#include "web/app/core_adapter.hpp"
#include "web/app/sandbox.hpp"
#include "web/app/server_backend.hpp"
#include "web/app/session_api.hpp"

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

TEST_CASE("a sandbox that cannot save says so once and keeps working", "[web][session][sandbox]") {
  host::reset();
  web::SandboxBackend sandbox;
  REQUIRE(sandbox.load().empty());
  CHECK(sandbox.takeSaveProblem().empty());
  host::setStorageFull(true);
  web::CommandResult result;
  sandbox.submit(web::cmd::createDelegatedAdminOffer(), "",
                 [&](const web::CommandResult& r) { result = r; });
  CHECK(result.ok);
  CHECK_FALSE(sandbox.takeSaveProblem().empty());
  sandbox.submit(web::cmd::createDelegatedAdminOffer(), "",
                 [&](const web::CommandResult& r) { result = r; });
  CHECK(result.ok);
  CHECK(sandbox.takeSaveProblem().empty());  // told once, not on every change
}

TEST_CASE("signing in, changing the password and signing out go through the session API",
          "[web][session]") {
  host::reset();
  web::HttpSession session;
  web::CommandResult result;
  auto keep = [&](const web::CommandResult& r) { result = r; };

  // A wrong password: the error lands on its field.
  session.signIn("admin@contoso.onmicrosoft.com", "wrong", keep);
  REQUIRE(host::requests().size() == 1);
  CHECK(host::requests()[0].method == "POST");
  CHECK(host::requests()[0].url == "api/session");
  CHECK(nlohmann::json::parse(host::requests()[0].body)["userPrincipalName"] ==
        "admin@contoso.onmicrosoft.com");
  REQUIRE(host::answerNext(401, R"({"error": {"code": "invalidCredentials",
      "message": "That user name and password do not match.", "target": "password"}})"));
  CHECK_FALSE(result.ok);
  CHECK(result.target == "password");

  // Signed in: later writes carry the session's CSRF token.
  session.signIn("admin@contoso.onmicrosoft.com", "right", keep);
  REQUIRE(host::answerNext(201, R"({"csrfToken": "csrf-9"})"));
  CHECK(result.ok);
  session.changePassword("right", "Better-Password-1", keep);
  REQUIRE(host::requests().size() == 1);
  CHECK(host::requests()[0].url == "api/me/password");
  CHECK(host::requests()[0].headers.at("X-CSRF-Token") == "csrf-9");
  REQUIRE(host::answerNext(400, R"({"error": {"code": "currentPasswordIncorrect",
      "message": "The current password is not right.", "target": "currentPassword"}})"));
  CHECK(result.target == "currentPassword");
  session.changePassword("right", "Better-Password-1", keep);
  REQUIRE(host::answerNext(204, ""));
  CHECK(result.ok);

  session.signOut();
  REQUIRE(host::requests().size() == 1);
  CHECK(host::requests()[0].method == "DELETE");
  CHECK(host::requests()[0].headers.at("X-CSRF-Token") == "csrf-9");  // the server checks it
  session.changePassword("a", "b", keep);  // whatever comes next no longer carries it
  CHECK(host::requests().back().headers.count("X-CSRF-Token") == 0);

  // No server at all: a message a person can act on.
  host::reset();
  session.signIn("a@b.c", "x", keep);
  REQUIRE(host::answerNext(0, ""));
  CHECK_FALSE(result.ok);
  CHECK(result.code == "unreachable");
}

TEST_CASE("signing up through a trial link: the server's command, or the sandbox's new persona",
          "[web][session][sandbox]") {
  host::reset();
  const nlohmann::json command = web::cmd::signUpForTrial("tok", "Adatum", "adatum", "admin",
                                                          "Ada Admin", "Secret-Password-1");
  web::HttpSession session;
  web::CommandResult result;
  session.signUp(command, [&](const web::CommandResult& r) { result = r; });
  REQUIRE(host::requests().size() == 1);
  CHECK(host::requests()[0].url == "api/commands");
  CHECK(nlohmann::json::parse(host::requests()[0].body) == command);
  REQUIRE(host::answerNext(400, R"({"error": {"code": "domainPrefixTaken", "message": "Taken.",
      "target": "signUp.domainPrefix"}})"));
  CHECK(result.target == "signUp.domainPrefix");

  // The sandbox: a trial invitation of the demo world, accepted by a new organization.
  web::SandboxBackend sandbox;
  REQUIRE(sandbox.load().empty());
  std::string token;
  sandbox.submit(web::cmd::createTrialInvitation("Microsoft 365 Business Basic", 5, 30, false), "",
                 [&](const web::CommandResult& r) { token = r.secret; });
  REQUIRE_FALSE(token.empty());
  const size_t personas = sandbox.personaLabels().size();
  web::SessionApi& accounts = sandbox;
  accounts.signUp(web::cmd::signUpForTrial(token, "Wingtip", "wingtiptest", "admin", "Wes Admin",
                                           "Secret-Password-1"),
                  [&](const web::CommandResult& r) { result = r; });
  INFO(result.message);
  CHECK(result.ok);
  CHECK(sandbox.personaLabels().size() == personas + 1);
  CHECK(sandbox.model().meUpn == "admin@wingtiptest.onmicrosoft.com");
  accounts.signIn("admin@wingtiptest.onmicrosoft.com", "Secret-Password-1",
                  [&](const web::CommandResult& r) { result = r; });
  CHECK_FALSE(result.ok);  // the sandbox has personas, not accounts
}

TEST_CASE("before a session: whether a server is there, and who this browser is signed in as",
          "[web][session]") {
  host::reset();
  web::HttpSession http;
  web::ServerHello hello;
  http.hello([&](const web::ServerHello& h) { hello = h; });
  REQUIRE(host::requests().size() == 1);
  CHECK(host::requests()[0].url == "api/health");
  REQUIRE(host::answerNext(200, healthJson(ProductInfo{"Delegate", "9.9.9"}, 3)));
  CHECK(hello.reached);
  CHECK(hello.name == "Delegate");
  CHECK(hello.version == "9.9.9");

  // Something else answers (a static file server): the app runs its sandbox, and says why.
  http.hello([&](const web::ServerHello& h) { hello = h; });
  REQUIRE(host::answerNext(404, "not found"));
  CHECK_FALSE(hello.reached);
  CHECK(hello.problem == "GET /api/health answered 404");
  http.hello([&](const web::ServerHello& h) { hello = h; });
  REQUIRE(host::answerNext(200, "<html>"));  // a 200 that is not Delegate's health
  CHECK_FALSE(hello.reached);

  web::MeAnswer me;
  http.me([&](const web::MeAnswer& m) { me = m; });
  REQUIRE(host::requests().size() == 1);
  CHECK(host::requests()[0].url == "api/me");
  REQUIRE(host::answerNext(200, R"({"user": {"id": "u"}})"));
  CHECK(me.check == web::SessionCheck::signedIn);
  CHECK(me.body == R"({"user": {"id": "u"}})");
  http.me([&](const web::MeAnswer& m) { me = m; });
  REQUIRE(host::answerNext(401, R"({"error": {"code": "unauthenticated"}})"));
  CHECK(me.check == web::SessionCheck::signedOut);
  CHECK(me.body.empty());
  http.me([&](const web::MeAnswer& m) { me = m; });
  REQUIRE(host::answerNext(404, ""));
  CHECK(me.check == web::SessionCheck::noAccounts);
}

TEST_CASE("a link's preview from the server: the offer, the approval, or the server's refusal",
          "[web][session][preview]") {
  host::reset();
  web::HttpSession http;
  web::OfferPreview p;
  auto keep = [&](const web::OfferPreview& x) { p = x; };

  http.offerPreview("tok-1", keep);
  REQUIRE(host::requests().size() == 1);
  CHECK(host::requests()[0].method == "GET");
  CHECK(host::requests()[0].url == "api/offers/tok-1");
  REQUIRE(host::answerNext(200, R"({"offer": {"kind": "purchaseOffer", "licenses": 10,
      "pricePerLicenseCents": 1250}, "partner": {"displayName": "Fabrikam"}})"));
  CHECK(p.found);
  CHECK(p.offerKind == OfferKind::purchaseOffer);
  CHECK(p.partnerName == "Fabrikam");

  http.offerPreview("gone", keep);
  REQUIRE(host::answerNext(404, R"({"error": {"code": "notFound",
      "message": "This offer link is not valid."}})"));
  CHECK_FALSE(p.found);
  CHECK(p.error == "This offer link is not valid.");

  http.approvalPreview("rel-1", "tok-2", keep);
  REQUIRE(host::requests().size() == 1);
  CHECK(host::requests()[0].url == "api/approvals/rel-1?token=tok-2");
  REQUIRE(host::answerNext(200, R"({"relationship": {"status": "approvalPending",
      "duration": "P90D"}, "partner": {"displayName": "Fabrikam"}})"));
  CHECK(p.found);
  CHECK_FALSE(p.offerKind);
  CHECK(p.duration == "90 days");
}

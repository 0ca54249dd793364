// Multi-factor sign-in end to end, with codes made by Debian's oathtool (an independent TOTP
// implementation): setup with a QR code and recovery codes, the code after the password, no
// replay, recovery codes once, wrong codes limited, the partner's requirement and the tokens.
#include <catch2/catch.hpp>

#include <cctype>

#include "api_client.hpp"
#include "multi_factor_support.hpp"
#include "seeded_world.hpp"

using namespace delegate;
using namespace delegate::testing;

namespace {

const char* kAgent = "agent@alphapartners.onmicrosoft.com";

// A command acting in a client through delegated access.
Reply commandIn(Api api, TenantId tenant, const std::string& type, const nlohmann::json& fields) {
  api.actingTenant = tenant.str();
  return api.command(type, fields);
}

}  // namespace

TEST_CASE("setting up an authenticator app: QR code, confirmation, recovery codes once") {
  Cast c;
  TempDir data;
  c.w.writeTo(data.path());
  ServerProcess server({"--data", data.path()});
  Api browser = Api::browser(server, kAgent, kPassword);
  CHECK(browser.get("/api/me").body["multiFactor"]["registered"] == false);

  Reply confirmFirst = browser.post("/api/me/multiFactor/confirm", {{"code", "123456"}});
  CHECK(confirmFirst.body["error"]["code"] == "multiFactorNotStarted");

  Reply setup = browser.post("/api/me/multiFactor/setup", nlohmann::json::object());
  REQUIRE(setup.status == 200);
  const std::string secret = setup.body["secret"];
  CHECK(secret.size() == 32);  // 160 bits in base32
  const std::string uri = setup.body["otpauthUri"];
  CHECK(uri.rfind("otpauth://totp/Delegate:agent@alphapartners.onmicrosoft.com?secret=" + secret,
                  0) == 0);
  const auto& rows = setup.body["qrModules"];
  REQUIRE(rows.size() >= 21);
  CHECK(rows[0].get<std::string>().size() == rows.size());      // square
  CHECK(rows[0].get<std::string>().substr(0, 7) == "1111111");  // a finder pattern

  // A wrong code changes nothing; the right one turns it on and yields ten recovery codes.
  Reply wrong = browser.post("/api/me/multiFactor/confirm", {{"code", "000000"}});
  if (oathtool(secret) != "000000") {
    CHECK(wrong.status == 400);
    CHECK(wrong.body["error"]["code"] == "invalidMultiFactorCode");
    CHECK(wrong.body["error"]["message"].get<std::string>().find("6-digit") != std::string::npos);
  }
  CHECK(browser.get("/api/me").body["multiFactor"]["registered"] == false);
  Reply done = browser.post("/api/me/multiFactor/confirm", {{"code", oathtool(secret)}});
  INFO(done.text);
  REQUIRE(done.status == 200);
  CHECK(done.body["recoveryCodes"].size() == 10);
  Reply me = browser.get("/api/me");
  CHECK(me.body["multiFactor"]["registered"] == true);
  CHECK(me.body["multiFactor"]["thisSignIn"] == true);
  CHECK(me.body["multiFactor"]["recoveryCodesLeft"] == 10);
  // Once set up, it is not set up again over it.
  CHECK(browser.post("/api/me/multiFactor/setup", nlohmann::json::object()).body["error"]["code"] ==
        "multiFactorAlreadyRegistered");
  // Nobody claims it without a code by sending the core's command.
  CHECK(browser.command("registerMultiFactor", nlohmann::json::object()).body["error"]["code"] ==
        "provenByItsOwnRoute");
  CHECK(browser.command("changeOwnPassword", {{"newPassword", "Another-Horse-77!"}})
            .body["error"]["code"] == "provenByItsOwnRoute");
}

TEST_CASE("signing in with a second factor: the code after the password, never twice") {
  Cast c;
  TempDir data;
  c.w.writeTo(data.path());
  ServerProcess server({"--data", data.path()});
  Api first = Api::browser(server, kAgent, kPassword);
  Enrolled e = enrol(first);
  const std::string usedCode = oathtool(e.secret);

  // The password alone no longer signs in.
  std::string challenge = passwordStep(server, kAgent);
  Api anon(server);
  // The code just used to confirm the setup is not accepted again (no replay in its window).
  Reply replay =
      anon.post("/api/session/secondFactor", {{"challenge", challenge}, {"code", usedCode}});
  CHECK(replay.status == 400);
  CHECK(replay.body["error"]["code"] == "invalidMultiFactorCode");
  // A made-up challenge is refused as a sign-in that must start again.
  Reply madeUp = anon.post("/api/session/secondFactor",
                           {{"challenge", "not-a-challenge"}, {"code", oathtool(e.secret, 30)}});
  CHECK(madeUp.status == 401);
  // The next code (the phone's clock a step ahead is tolerated) signs in, once.
  const std::string next = oathtool(e.secret, 30);
  Reply ok = anon.post("/api/session/secondFactor", {{"challenge", challenge}, {"code", next}});
  INFO(ok.text);
  REQUIRE(ok.status == 200);
  CHECK(ok.body["multiFactor"] == true);
  CHECK_FALSE(ok.header("Set-Cookie").empty());
  Reply again = anon.post("/api/session/secondFactor", {{"challenge", challenge}, {"code", next}});
  CHECK(again.status == 401);  // the challenge is spent

  // A recovery code signs in once; typed with capitals and without its dash it is the same code.
  std::string recovery = e.recoveryCodes.front();
  std::string typed;
  for (char ch : recovery)
    if (ch != '-') typed += static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  Reply viaRecovery =
      anon.post("/api/session/secondFactor",
                {{"challenge", passwordStep(server, kAgent)}, {"recoveryCode", typed}});
  CHECK(viaRecovery.status == 200);
  Reply reused =
      anon.post("/api/session/secondFactor",
                {{"challenge", passwordStep(server, kAgent)}, {"recoveryCode", recovery}});
  CHECK(reused.status == 400);
  CHECK(reused.body["error"]["code"] == "invalidMultiFactorCode");
}

TEST_CASE("wrong second-factor codes are limited like wrong passwords") {
  Cast c;
  TempDir data;
  c.w.writeTo(data.path());
  ServerProcess server({"--data", data.path()});
  Api browser = Api::browser(server, kAgent, kPassword);
  Enrolled e = enrol(browser);
  const std::string right = oathtool(e.secret, 30);
  std::string wrongCode = right == "111111" ? "222222" : "111111";
  const std::string challenge = passwordStep(server, kAgent);
  Api anon(server);
  int refused = 0, heldOff = 0;
  for (int i = 0; i < 8; ++i) {
    Reply r =
        anon.post("/api/session/secondFactor", {{"challenge", challenge}, {"code", wrongCode}});
    if (r.status == 400) ++refused;
    if (r.status == 429) {
      ++heldOff;
      CHECK(!r.header("Retry-After").empty());
    }
  }
  CHECK(refused == 5);
  CHECK(heldOff == 3);
  // Held off, even the right code waits.
  CHECK(
      anon.post("/api/session/secondFactor", {{"challenge", challenge}, {"code", right}}).status ==
      429);
}

TEST_CASE(
    "a partner that requires multi-factor sign-in: agents without it cannot act in clients, and "
    "tokens need it") {
  Cast c;
  TempDir data;
  c.w.writeTo(data.path());
  ServerProcess server({"--data", data.path()});
  Api admin = Api::browser(server, "admin@alphapartners.onmicrosoft.com", kPassword);
  Api agent = Api::browser(server, kAgent, kPassword);
  const nlohmann::json resetContosoUser = {{"userId", c.contosoUser.str()}};
  CHECK(commandIn(agent, c.contoso, "resetPassword", resetContosoUser).status == 200);

  // Only a partner administrator sets the requirement.
  CHECK(agent.command("setMultiFactorRequirement", {{"required", true}}).status == 403);
  REQUIRE(admin.command("setMultiFactorRequirement", {{"required", true}}).status == 200);
  CHECK(agent.get("/api/me").body["multiFactor"]["requiredByOrganization"] == true);

  Reply refused = commandIn(agent, c.contoso, "resetPassword", resetContosoUser);
  CHECK(refused.status == 403);
  CHECK(refused.body["error"]["code"] == "multiFactorRequired");
  CHECK(refused.body["error"]["message"].get<std::string>().find("Settings") != std::string::npos);
  // Nor may a script get around it with a token minted from a password-only sign-in.
  Reply token = agent.post("/api/tokens", {{"name", "script"}});
  CHECK(token.status == 403);
  CHECK(token.body["error"]["code"] == "multiFactorRequired");

  enrol(agent);
  CHECK(commandIn(agent, c.contoso, "resetPassword", resetContosoUser).status == 200);
  Reply minted = agent.post("/api/tokens", {{"name", "script"}});
  INFO(minted.text);
  REQUIRE(minted.status == 201);
  CHECK(minted.body["multiFactor"] == true);

  // The administrator resets it (a lost phone): the password alone signs in again, and the
  // agent is back to needing it before acting in a client.
  REQUIRE(admin.command("resetMultiFactor", {{"userId", c.alphaAgent.str()}}).status == 200);
  Api again = Api::browser(server, kAgent, kPassword);
  CHECK(commandIn(again, c.contoso, "resetPassword", resetContosoUser).body["error"]["code"] ==
        "multiFactorRequired");
}

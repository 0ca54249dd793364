// Signing up a new organization through a partner's trial invitation, without an account: the
// first administrator picks a password, which the server keeps only as a hash and never echoes,
// and can sign in with right away.
#include <catch2/catch.hpp>

#include "api_client.hpp"
#include "seeded_world.hpp"

using namespace delegate;
using namespace delegate::testing;

namespace {

nlohmann::json signUp(const std::string& token, const std::string& password) {
  return {{"token", token},
          {"signUp",
           {{"organizationName", "Tailspin Toys"},
            {"domainPrefix", "tailspintoys"},
            {"userName", "ada"},
            {"displayName", "Ada Abbott"},
            {"password", password}}}};
}

}  // namespace

TEST_CASE("sign-up through a trial invitation: chosen password, then sign in") {
  Cast c(false);
  TempDir data;
  c.w.writeTo(data.path());
  ServerProcess server({"--data", data.path()});

  Api partnerAdmin = Api::signIn(server, "admin@alphapartners.onmicrosoft.com", kPassword);
  Reply trial =
      partnerAdmin.command("createTrialInvitation", {{"product", "Microsoft 365 Business Premium"},
                                                     {"licenses", 10},
                                                     {"trialDays", 30},
                                                     {"includesDelegatedAdmin", true}});
  INFO(trial.text);
  REQUIRE(trial.status == 200);
  const std::string token = trial.body["secrets"][0]["value"];

  Api anonymous(server);
  // A password that is too short is refused before anything is created.
  Reply weak = anonymous.command("acceptTrialInvitation", signUp(token, "short"));
  CHECK(weak.status == 400);
  CHECK(weak.code() == "weakPassword");
  CHECK(weak.body["error"]["target"] == "password");
  CHECK(anonymous
            .post("/api/session", {{"userPrincipalName", "ada@tailspintoys.onmicrosoft.com"},
                                   {"password", "short"}})
            .status == 401);

  Reply ok = anonymous.command("acceptTrialInvitation", signUp(token, "Tailspin-2026!"));
  INFO(ok.text);
  REQUIRE(ok.status == 200);
  CHECK(ok.body["secrets"].empty());
  CHECK(ok.text.find("Tailspin-2026!") == std::string::npos);

  Api ada = Api::signIn(server, "ada@tailspintoys.onmicrosoft.com", "Tailspin-2026!");
  Reply me = ada.get("/api/me");
  REQUIRE(me.status == 200);
  CHECK(me.text.find("Tailspin Toys") != std::string::npos);
  // The new organization sees its partner at once (the invitation included delegated admin).
  Reply view = ada.get("/api/view");
  REQUIRE(view.status == 200);
  CHECK(view.text.find("Alpha Partners") != std::string::npos);
}

TEST_CASE("a temporary password must be replaced: the change clears the flag, the session stays") {
  Cast c(true);
  TempDir data;
  c.w.writeTo(data.path());
  ServerProcess server({"--data", data.path()});

  Api admin = Api::signIn(server, "admin@contoso.onmicrosoft.com", kPassword);
  Reply reset = admin.command("resetPassword", {{"userId", c.contosoUser.str()}});
  INFO(reset.text);
  REQUIRE(reset.status == 200);
  const std::string temporary = reset.body["secrets"][0]["value"];

  Api user = Api::browser(server, "user@contoso.onmicrosoft.com", temporary);
  CHECK(user.get("/api/me").body["user"]["forceChangePasswordNextSignIn"] == true);
  Reply weak =
      user.post("/api/me/password", {{"currentPassword", temporary}, {"newPassword", "short"}});
  CHECK(weak.status == 400);
  CHECK(weak.code() == "weakPassword");
  Reply changed = user.post("/api/me/password",
                            {{"currentPassword", temporary}, {"newPassword", "Mine-At-Last"}});
  INFO(changed.text);
  CHECK(changed.status == 204);
  Reply me = user.get("/api/me");
  REQUIRE(me.status == 200);  // the session used for the change still works
  CHECK(me.body["user"]["forceChangePasswordNextSignIn"] == false);
  CHECK(Api(server)
            .post("/api/session",
                  {{"userPrincipalName", "user@contoso.onmicrosoft.com"}, {"password", temporary}})
            .status == 401);
  (void)Api::browser(server, "user@contoso.onmicrosoft.com", "Mine-At-Last");
}

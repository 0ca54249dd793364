// Accounts and sessions under attack: disabling and password changes end sessions, the sign-in
// limit holds under concurrency and cannot be used to lock an owner out, JSON bodies are strict
// (type and duplicate keys), scoped tokens stay narrow, and Argon2id checks are bounded.
#include <catch2/catch.hpp>

#include <atomic>
#include <fstream>
#include <set>
#include <thread>

#include "api_client.hpp"
#include "raw_http.hpp"
#include "seeded_world.hpp"

using namespace delegate;
using namespace delegate::testing;

namespace {

const char* kNorthwindUser = "user@northwind.onmicrosoft.com";

nlohmann::json signInBody(const std::string& upn, const std::string& password) {
  return {{"userPrincipalName", upn}, {"password", password}};
}

// Peak resident memory of a process (VmHWM), in bytes.
std::size_t peakResidentBytes(pid_t pid) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(status, line))
    if (line.rfind("VmHWM:", 0) == 0) return std::stoull(line.substr(6)) * 1024;
  return 0;
}

}  // namespace

TEST_CASE("disabling a user ends every session and token at once, and for good") {
  Cast c(false);
  TempDir data;
  c.w.writeTo(data.path());
  ServerProcess server({"--data", data.path()});
  Api admin = Api::signIn(server, "admin@contoso.onmicrosoft.com", kPassword);
  Api token = Api::signIn(server, "user@contoso.onmicrosoft.com", kPassword);
  Api browser = Api::browser(server, "user@contoso.onmicrosoft.com", kPassword);
  REQUIRE(token.get("/api/tokens").status == 200);

  REQUIRE(admin.command("disableUser", {{"userId", c.contosoUser.str()}}).status == 200);
  // Nothing of the user's works: listing or minting tokens (a 365-day one), reading, writing.
  CHECK(token.get("/api/tokens").status == 401);
  Reply mint = token.post("/api/tokens", {{"name", "long"}, {"expiresInDays", 365}});
  CHECK(mint.status == 401);
  CHECK(browser.post("/api/tokens", {{"name", "x"}}).status == 401);
  CHECK(browser.get("/api/view").status == 401);
  CHECK(token.get("/v1.0/users").status == 401);

  // Enabled again, the old session and token stay ended; signing in again works.
  REQUIRE(admin.command("enableUser", {{"userId", c.contosoUser.str()}}).status == 200);
  CHECK(token.get("/api/me").status == 401);
  CHECK(browser.get("/api/me").status == 401);
  CHECK(Api::browser(server, "user@contoso.onmicrosoft.com", kPassword).get("/api/me").status ==
        200);
}

TEST_CASE("changing one's own password ends every other session and token, not the one in use") {
  Cast c(false);
  TempDir data;
  c.w.writeTo(data.path());
  ServerProcess server({"--data", data.path()});
  Api mine = Api::browser(server, kNorthwindUser, kPassword);
  Api other = Api::browser(server, kNorthwindUser, kPassword);
  Api script = Api::signIn(server, kNorthwindUser, kPassword);
  Api neighbour = Api::browser(server, "admin@northwind.onmicrosoft.com", kPassword);
  REQUIRE(mine.post("/api/me/password",
                    {{"currentPassword", kPassword}, {"newPassword", "Another-Horse-43"}})
              .status == 204);
  CHECK(mine.get("/api/me").status == 200);
  CHECK(other.get("/api/me").status == 401);
  CHECK(script.get("/api/me").status == 401);
  CHECK(neighbour.get("/api/me").status == 200);  // other users keep theirs
}

TEST_CASE("the current-password check of a password change is rate limited") {
  Cast c(false);
  TempDir data;
  c.w.writeTo(data.path());
  ServerProcess server({"--data", data.path()});
  Api mine = Api::browser(server, kNorthwindUser, kPassword);
  int refused = 0, heldOff = 0;
  Reply last;
  for (int i = 0; i < 8 && heldOff == 0; ++i) {
    last = mine.post("/api/me/password", {{"currentPassword", "guess-" + std::to_string(i)},
                                          {"newPassword", "Another-Horse-43"}});
    if (last.status == 403) ++refused;
    if (last.status == 429) ++heldOff;
  }
  CHECK(refused == 5);
  REQUIRE(heldOff == 1);
  CHECK(std::stoi(last.header("Retry-After")) > 0);
  // Held off even with the right password, until the wait is over.
  CHECK(mine.post("/api/me/password",
                  {{"currentPassword", kPassword}, {"newPassword", "Another-Horse-43"}})
            .status == 429);
  // Signing in is a separate count: the owner can still sign in.
  CHECK(Api(server).post("/api/session", signInBody(kNorthwindUser, kPassword)).status == 200);
}

TEST_CASE("parallel wrong passwords check no more than the limit") {
  Cast c(false);
  TempDir data;
  c.w.writeTo(data.path());
  ServerProcess server({"--data", data.path()});
  std::atomic<int> checked{0}, heldOff{0};
  std::vector<std::thread> attempts;
  for (int i = 0; i < 16; ++i)
    attempts.emplace_back([&, i] {
      Reply r = Api(server).post("/api/session",
                                 signInBody(kNorthwindUser, "guess-" + std::to_string(i)));
      if (r.status == 401) ++checked;
      if (r.status == 429) ++heldOff;
    });
  for (auto& t : attempts) t.join();
  CHECK(checked.load() == 5);
  CHECK(heldOff.load() == 11);
}

TEST_CASE("a guesser at one address cannot lock the owner out from another") {
  Cast c(false);
  TempDir data;
  c.w.writeTo(data.path());
  ServerProcess server({"--data", data.path()});
  std::string body = signInBody(kNorthwindUser, "wrong").dump();
  const std::string json = "Content-Type: application/json\r\n";
  int lastStatus = 0;
  for (int i = 0; i < 10; ++i)
    lastStatus = rawRequest(server.port(), "127.0.0.2", "POST", "/api/session", json, body).status;
  CHECK(lastStatus == 429);
  // The owner, elsewhere, signs in at once.
  CHECK(Api(server).post("/api/session", signInBody(kNorthwindUser, kPassword)).status == 200);
  // The guesser stays held off, even with the right password.
  CHECK(rawRequest(server.port(), "127.0.0.2", "POST", "/api/session", json,
                   signInBody(kNorthwindUser, kPassword).dump())
            .status == 429);
}

TEST_CASE("JSON bodies need Content-Type application/json and may not repeat a key") {
  Cast c;
  TempDir data;
  c.w.writeTo(data.path());
  ServerProcess server({"--data", data.path()});
  Api anon(server);
  std::string signIn = signInBody(kNorthwindUser, kPassword).dump();

  SECTION("sign-in as text/plain or with no type is refused with 415 (a cross-site form)") {
    Reply plain = anon.postRaw("/api/session", signIn, "text/plain");
    CHECK(plain.status == 415);
    CHECK(plain.code() == "unsupportedMediaType");
    CHECK(plain.header("Set-Cookie").empty());
    RawReply none = rawRequest(server.port(), "127.0.0.1", "POST", "/api/session", "", signIn);
    CHECK(none.status == 415);
    CHECK(anon.postRaw("/api/session", signIn, "application/json; charset=utf-8").status == 200);
  }
  SECTION("every JSON endpoint checks the type") {
    Api admin = Api::signIn(server, "admin@contoso.onmicrosoft.com", kPassword);
    nlohmann::json group = {{"schemaVersion", 1}, {"type", "createGroup"}, {"displayName", "g"}};
    CHECK(admin.postRaw("/api/commands", group.dump(), "text/plain").status == 415);
    CHECK(admin.postRaw("/api/tokens", "{}", "application/x-www-form-urlencoded").status == 415);
    CHECK(admin.postRaw("/v1.0/users", "{}", "text/plain").status == 415);
  }
  SECTION("a repeated key is refused by name and changes nothing") {
    Api admin = Api::signIn(server, "admin@contoso.onmicrosoft.com", kPassword);
    std::uint64_t before = admin.get("/api/me").body["revision"];
    Reply r = admin.postRaw(
        "/api/commands",
        R"({"schemaVersion":1,"type":"wipeDevice","type":"createGroup","displayName":"g"})");
    CHECK(r.status == 400);
    CHECK(r.code() == "duplicateField");
    CHECK(r.body["error"]["target"] == "type");
    CHECK(r.body["error"]["message"].get<std::string>().find("'type'") != std::string::npos);
    Reply nested = admin.postRaw(
        "/v1.0/users", R"({"displayName":"A","passwordProfile":{"password":"x","password":"y"}})");
    CHECK(nested.status == 400);
    CHECK(nested.body["error"]["target"] == "password");
    // The same key in two different objects is fine.
    Reply twoObjects = admin.postRaw(
        "/v1.0/users", R"({"displayName":"A","passwordProfile":{"displayName":"x"}})");
    CHECK(twoObjects.code() != "duplicateField");
    CHECK(admin.get("/api/me").body["revision"] == before);
  }
}

TEST_CASE("a scoped token stays narrow, and scoping tells nobody which tenants exist") {
  Cast c;
  TempDir data;
  c.w.writeTo(data.path());
  ServerProcess server({"--data", data.path()});
  Api partner = Api::browser(server, "admin@alphapartners.onmicrosoft.com", kPassword);
  Reply full = partner.post("/api/tokens", {{"name", "full"}});
  REQUIRE(full.status == 201);
  Reply scoped =
      partner.post("/api/tokens", {{"name", "contoso"}, {"scopeTenantId", c.contoso.str()}});
  REQUIRE(scoped.status == 201);
  Api script(server);
  script.bearer = scoped.body["token"];

  SECTION("it lists and revokes only itself") {
    Reply list = script.get("/api/tokens");
    REQUIRE(list.status == 200);
    REQUIRE(list.body["value"].size() == 1);
    CHECK(list.body["value"][0]["name"] == "contoso");
    CHECK(script.del("/api/tokens/" + full.body["id"].get<std::string>()).status == 404);
    Api fullScript(server);
    fullScript.bearer = full.body["token"];
    CHECK(fullScript.get("/api/me").status == 200);
    CHECK(partner.get("/api/tokens").body["value"].size() == 2);
  }
  SECTION("its /api/view holds only its client, and of its own tenant only its own account") {
    Reply view = script.get("/api/view");
    REQUIRE(view.status == 200);
    const nlohmann::json& snapshot = view.body["snapshot"];
    std::set<std::string> tenants, userTenants;
    for (const auto& t : snapshot["tenants"]) tenants.insert(t["id"].get<std::string>());
    for (const auto& u : snapshot["users"]) userTenants.insert(u["tenantId"].get<std::string>());
    CHECK(tenants == std::set<std::string>{c.alpha.str(), c.contoso.str()});
    CHECK(userTenants == std::set<std::string>{c.alpha.str(), c.contoso.str()});
    std::size_t alphaUsers = 0;
    for (const auto& u : snapshot["users"]) alphaUsers += u["tenantId"] == c.alpha.str();
    CHECK(alphaUsers == 1);
    // The unscoped session of the same user sees its whole organization.
    CHECK(partner.get("/api/view").body["snapshot"]["users"].size() > snapshot["users"].size());
  }
  SECTION("a tenant with no relationship and a made-up id get the same answer") {
    Reply unrelated = partner.post("/api/tokens", {{"scopeTenantId", c.fabrikam.str()}});
    Reply madeUp =
        partner.post("/api/tokens", {{"scopeTenantId", "3f2504e0-4f89-41d3-9a0c-0305e82c3301"}});
    CHECK(unrelated.status == 400);
    CHECK(unrelated.status == madeUp.status);
    CHECK(unrelated.body == madeUp.body);
  }
}

TEST_CASE("a burst of sign-ins runs a bounded number of Argon2id checks at once") {
  Cast c(false);
  TempDir data;
  c.w.writeTo(data.path());
  ServerProcess server({"--data", data.path()});
  REQUIRE(Api(server).post("/api/session", signInBody(kNorthwindUser, kPassword)).status == 200);
  std::size_t before = peakResidentBytes(server.pid());
  REQUIRE(before > 0);
  // 16 at once over different accounts (so no limit holds them back); unbounded they would need
  // 16 x 64 MiB together.
  std::vector<std::string> names;
  for (const char* t : {"alphapartners", "betapartners", "contoso", "fabrikam", "northwind"})
    for (const char* u : {"admin", "user", "agent", "limited"})
      names.push_back(std::string(u) + "@" + t + ".onmicrosoft.com");
  names.resize(16);
  std::vector<std::thread> burst;
  for (const std::string& name : names)
    burst.emplace_back(
        [&, name] { (void)Api(server).post("/api/session", signInBody(name, "x")); });
  for (auto& t : burst) t.join();
  std::size_t grown = peakResidentBytes(server.pid()) - before;
  INFO("peak grew by " << grown / (1 << 20) << " MiB");
  CHECK(grown < std::size_t{6} * 64 * 1024 * 1024);
}

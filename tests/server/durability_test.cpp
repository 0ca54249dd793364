// Durability through the real process: a restart keeps every change, session and token; SIGKILL
// during concurrent writes loses no acknowledged command and leaves a store that opens clean.
#include <catch2/catch.hpp>

#include <atomic>
#include <mutex>
#include <set>
#include <thread>

#include "api_client.hpp"
#include "seeded_world.hpp"
#include "server/sqlite_event_store.hpp"

using namespace delegate;
using namespace delegate::testing;

namespace {

std::set<std::string> groupNames(const Api& api) {
  Reply view = api.get("/api/view");
  REQUIRE(view.status == 200);
  std::set<std::string> names;
  for (const auto& g : view.body["snapshot"]["groups"])
    names.insert(g["displayName"].get<std::string>());
  return names;
}

}  // namespace

TEST_CASE("a restart keeps every change, password, session and token") {
  Cast c;
  TempDir data;
  c.w.writeTo(data.path());
  nlohmann::json before;
  std::string token, cookie, csrf, temporary;
  std::uint64_t revision = 0;
  {
    ServerProcess server({"--data", data.path()});
    Api partner = Api::signIn(server, "admin@alphapartners.onmicrosoft.com", kPassword);
    token = partner.bearer;
    Api browser = Api::browser(server, "admin@contoso.onmicrosoft.com", kPassword);
    cookie = browser.cookie;
    csrf = browser.csrf;
    REQUIRE(partner.command("createOffer").status == 200);
    REQUIRE(partner.command("createGroup", {{"displayName", "Night shift"}}).status == 200);
    Reply added = browser.command("addUser", {{"userPrincipalName", "kept@contoso.onmicrosoft.com"},
                                              {"displayName", "Kept"}});
    REQUIRE(added.status == 200);
    temporary = added.body["secrets"][0]["value"];
    Reply view = partner.get("/api/view");
    before = view.body["snapshot"];
    revision = view.body["revision"];
    CHECK(server.stop() == 0);
  }
  ServerProcess server({"--data", data.path()});
  Api partner(server);
  partner.bearer = token;
  Reply view = partner.get("/api/view");
  REQUIRE(view.status == 200);  // the token survived
  CHECK(view.body["revision"] == revision);
  CHECK(view.body["snapshot"] == before);
  Api browser(server);
  browser.cookie = cookie;
  browser.csrf = csrf;
  CHECK(browser.get("/api/me").status == 200);                      // the session survived
  Api::browser(server, "kept@contoso.onmicrosoft.com", temporary);  // and the password
  // The log continues where it stopped.
  Reply next = partner.command("createGroup", {{"displayName", "Day shift"}});
  REQUIRE(next.status == 200);
  CHECK(next.body["revision"].get<std::uint64_t>() > revision);
}

TEST_CASE(
    "SIGKILL during concurrent writes: every acknowledged command survives, store opens clean") {
  Cast c(false);
  TempDir data;
  c.w.writeTo(data.path());
  std::set<std::string> acknowledged;
  {
    ServerProcess server({"--data", data.path()});
    Api partner = Api::signIn(server, "admin@alphapartners.onmicrosoft.com", kPassword);
    std::mutex mutex;
    std::atomic<bool> stop{false};
    std::vector<std::thread> writers;
    for (int t = 0; t < 8; ++t) {
      writers.emplace_back([&, t] {
        for (int i = 0; !stop; ++i) {
          std::string name = "g" + std::to_string(t) + "-" + std::to_string(i);
          Reply r = partner.command("createGroup", {{"displayName", name}});
          if (r.status == 200) {
            std::lock_guard lock(mutex);
            acknowledged.insert(name);
          }
        }
      });
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(800));
    server.kill9();  // mid-flight: some requests are being decided, written or answered
    stop = true;
    for (auto& w : writers) w.join();
  }
  REQUIRE(acknowledged.size() > 50);
  {
    auto store = server::SqliteEventStore::open(data.path(), "unused");
    REQUIRE(store.ok());
    CHECK(store.value()->checkIntegrity());
  }
  ServerProcess server({"--data", data.path()});
  Api partner = Api::signIn(server, "admin@alphapartners.onmicrosoft.com", kPassword);
  std::set<std::string> present = groupNames(partner);
  std::size_t missing = 0;
  for (const auto& name : acknowledged) missing += present.count(name) ? 0 : 1;
  CHECK(missing == 0);
  CHECK(present.size() >= acknowledged.size());
}

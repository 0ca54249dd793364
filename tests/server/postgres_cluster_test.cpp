// Several delegate-servers over one PostgreSQL (issue 12): each follows the shared log, a long-poll
// on one answers a commit made on another, two servers racing a single-use approval link yield
// one approval, a restarted server sees the same state, and the store refuses what is not its own.
#include <libpq-fe.h>
#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <future>
#include <map>
#include <mutex>
#include <optional>
#include <thread>

#include "api_client.hpp"
#include "multi_factor_support.hpp"
#include "pg_cluster.hpp"
#include "pg_servers.hpp"
#include "seeded_world.hpp"
#include "server/core_codec.hpp"
#include "server/pg_event_store.hpp"

using namespace delegate;
using namespace delegate::testing;
using Clock = std::chrono::steady_clock;

namespace {

const std::string kRelationships = "/v1.0/tenantRelationships/delegatedAdminRelationships";
const std::string kUserAdmin = "fe930be7-5e62-47db-91af-98c3a49a38b1";
const char* kAgent = "agent@alphapartners.onmicrosoft.com";

template <class E>
std::size_t countInLog(const std::string& uri) {
  auto store = server::PgEventStore::open(uri, "unused");
  REQUIRE(store.ok());
  std::size_t n = 0;
  REQUIRE(store.value()
              ->readSince(0,
                          [&](std::uint64_t, std::string_view body) {
                            auto e = server::decodeEventBody(body);
                            if (e && std::holds_alternative<E>(e.value())) ++n;
                            return true;
                          })
              .ok());
  return n;
}

bool sawEvent(const Reply& r, const std::string& type) {
  for (const auto& e : r.body["events"])
    if (e["event"]["type"] == type) return true;
  return false;
}

// Writers creating uniquely named groups through the given servers until stopped, keeping the
// names that were acknowledged and counting the other answers.
class GroupLoad {
 public:
  GroupLoad(std::vector<const Api*> apis, int writers) {
    for (int i = 0; i < writers; ++i)
      threads_.emplace_back([this, api = apis[i % apis.size()], i] { write(*api, i); });
  }
  ~GroupLoad() { stop(); }
  void stop() {
    stopping_ = true;
    for (auto& t : threads_)
      if (t.joinable()) t.join();
  }
  std::size_t acknowledgedCount() {
    std::lock_guard lock(mutex_);
    return acknowledged_.size();
  }
  std::vector<std::string> acknowledged() {
    std::lock_guard lock(mutex_);
    return acknowledged_;
  }
  std::atomic<int> unavailable{0}, withoutRetryAfter{0}, failedTransport{0}, other{0};

 private:
  void write(const Api& api, int id) {
    for (int n = 0; !stopping_; ++n) {
      const std::string name = "g" + std::to_string(id) + "-" + std::to_string(n);
      Reply r = api.command("createGroup", {{"displayName", name}});
      if (r.status == 200) {
        std::lock_guard lock(mutex_);
        acknowledged_.push_back(name);
      } else if (r.status == 503) {
        ++unavailable;
        if (r.header("Retry-After").empty()) ++withoutRetryAfter;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
      } else if (r.status == 0) {
        ++failedTransport;  // its server was killed
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
      } else {
        ++other;
      }
    }
  }
  std::atomic<bool> stopping_{false};
  std::mutex mutex_;
  std::vector<std::string> acknowledged_;
  std::vector<std::thread> threads_;
};

// Every acknowledged name is in the log exactly once, and no name twice.
void checkEachOnce(const std::string& uri, const std::vector<std::string>& acknowledged) {
  auto store = server::PgEventStore::open(uri, "unused");
  REQUIRE(store.ok());
  std::map<std::string, int> inLog;
  REQUIRE(store.value()
              ->readSince(0,
                          [&](std::uint64_t, std::string_view body) {
                            auto e = server::decodeEventBody(body);
                            if (e)
                              if (auto* g = std::get_if<GroupCreated>(&e.value()))
                                ++inLog[g->group.displayName];
                            return true;
                          })
              .ok());
  for (const std::string& name : acknowledged) {
    INFO(name);
    CHECK(inLog[name] == 1);
  }
  for (const auto& [name, count] : inLog) {
    INFO(name);
    CHECK(count == 1);
  }
}

}  // namespace

TEST_CASE("postgres: a long-poll on one server answers a commit made on another", "[postgres]") {
  Servers servers(2);
  ServerProcess &a = servers[0], &b = servers[1];
  Api contosoOnA = Api::signIn(a, "admin@contoso.onmicrosoft.com", kPassword);
  Api alphaOnB = Api::signIn(b, "admin@alphapartners.onmicrosoft.com", kPassword);

  Reply first = alphaOnB.get("/api/view");
  REQUIRE(first.status == 200);
  std::uint64_t rev = first.body["revision"];
  // Both servers name the same store, so a browser may move between them.
  CHECK(first.body["storeId"] == contosoOnA.get("/api/view").body["storeId"]);

  std::vector<double> latencies;
  for (int i = 0; i < 5; ++i) {
    auto poll = std::async(std::launch::async, [&] {
      Reply r = alphaOnB.get("/api/view?since=" + std::to_string(rev) + "&wait=20");
      return std::make_pair(r, Clock::now());
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(100));  // the poll is waiting
    // A group: no password to hash after the commit, so the acknowledgement follows it closely.
    auto sent = Clock::now();
    Reply added = contosoOnA.command("createGroup", {{"displayName", "Seen " + std::to_string(i)}});
    REQUIRE(added.status == 200);
    auto acked = Clock::now();
    auto [r, answered] = poll.get();
    REQUIRE(r.status == 200);
    CHECK(sawEvent(r, "groupCreated"));
    CHECK(answered - acked < std::chrono::seconds(1));
    // From the request's start: an upper bound on commit-to-visibility across servers.
    latencies.push_back(std::chrono::duration<double, std::milli>(answered - sent).count());
    rev = r.body["revision"];
    CHECK(rev >= added.body["revision"].get<std::uint64_t>());
  }
  std::sort(latencies.begin(), latencies.end());
  WARN("command sent on A to long-poll answered on B: median "
       << latencies[latencies.size() / 2] << " ms, max " << latencies.back() << " ms");

  // Writes on both servers interleave into one log without gaps or lost updates.
  Api contosoOnB = Api::signIn(b, "admin@contoso.onmicrosoft.com", kPassword);
  std::vector<std::future<int>> writers;
  for (int i = 0; i < 8; ++i)
    writers.push_back(std::async(std::launch::async, [&, i] {
      const Api& api = i % 2 ? contosoOnA : contosoOnB;
      return api
          .command("addUser",
                   {{"userPrincipalName", "w" + std::to_string(i) + "@contoso.onmicrosoft.com"},
                    {"displayName", "Writer"}})
          .status;
    }));
  for (auto& w : writers) CHECK(w.get() == 200);
  // Each server follows the other's commits: the two views meet at one revision.
  checkSameState(contosoOnA, contosoOnB);
}

TEST_CASE("postgres: two servers racing one single-use approval link: exactly one wins",
          "[postgres]") {
  Servers servers(2);
  ServerProcess &a = servers[0], &b = servers[1];
  SharedStore& store = servers.store();
  Api partner = Api::signIn(a, "admin@alphapartners.onmicrosoft.com", kPassword);
  Reply created =
      partner.post(kRelationships,
                   {{"displayName", "Northwind helpdesk"},
                    {"duration", "P730D"},
                    {"customer", {{"tenantId", store.cast.northwind.str()}}},
                    {"accessDetails", {{"unifiedRoles", {{{"roleDefinitionId", kUserAdmin}}}}}}});
  REQUIRE(created.status == 201);
  const std::string id = created.body["id"];
  Reply lock =
      partner.post(kRelationships + "/" + id + "/requests", {{"action", "lockForApproval"}});
  REQUIRE(lock.status == 201);
  const std::string link = lock.body["approvalLink"];
  const std::string token = link.substr(link.find("token=") + 6);

  Api onA = Api::signIn(a, "admin@northwind.onmicrosoft.com", kPassword);
  Api onB = Api::signIn(b, "admin@northwind.onmicrosoft.com", kPassword);
  auto approve = [&](const Api& api) {
    return api.command("approveRelationship", {{"relationshipId", id}, {"token", token}});
  };
  auto ra = std::async(std::launch::async, [&] { return approve(onA); });
  auto rb = std::async(std::launch::async, [&] { return approve(onB); });
  Reply x = ra.get(), y = rb.get();
  INFO(x.text << "\n" << y.text);
  CHECK(((x.status == 200) != (y.status == 200)));
  const Reply& loser = x.status == 200 ? y : x;
  CHECK(loser.status == 409);  // the core's refusal: the link is used
  CHECK(countInLog<RelationshipApproved>(store.uri) == 1);
  CHECK(Api::signIn(b, "admin@alphapartners.onmicrosoft.com", kPassword)
            .get(kRelationships + "/" + id)
            .body["status"] == "active");
}

TEST_CASE("postgres: a restarted server joins and sees the same state", "[postgres]") {
  Servers servers(2);
  ServerProcess& a = servers[0];
  servers[1].stop();
  Api contoso = Api::signIn(a, "admin@contoso.onmicrosoft.com", kPassword);
  for (int i = 0; i < 3; ++i)
    REQUIRE(contoso
                .command("addUser", {{"userPrincipalName",
                                      "late" + std::to_string(i) + "@contoso.onmicrosoft.com"},
                                     {"displayName", "Late"}})
                .status == 200);
  servers.restart(1);
  ServerProcess& again = servers[1];
  Api alphaOnA = Api::signIn(a, "admin@alphapartners.onmicrosoft.com", kPassword);
  Api alphaOnB = Api::signIn(again, "admin@alphapartners.onmicrosoft.com", kPassword);
  Reply va = alphaOnA.get("/api/view"), vb = alphaOnB.get("/api/view");
  REQUIRE(va.status == 200);
  REQUIRE(vb.status == 200);
  CHECK(va.body["revision"] == vb.body["revision"]);
  CHECK(va.body["snapshot"] == vb.body["snapshot"]);
  // And it decides on that state: a user name taken on A is taken on the restarted server too.
  Reply dup = Api::signIn(again, "admin@contoso.onmicrosoft.com", kPassword)
                  .command("addUser", {{"userPrincipalName", "late0@contoso.onmicrosoft.com"},
                                       {"displayName", "Again"}});
  CHECK(dup.status == 409);
}

TEST_CASE("postgres: the store refuses what is not its own", "[postgres]") {
  TempDir dir;
  SECTION("a database holding another application's tables") {
    std::string uri = PgCluster::shared().createDatabase();
    sql(uri, "CREATE TABLE invoices (id int)");
    auto [code, out] = runUntilExit({"--store", uri}, dir);
    CHECK(code == 1);
    CHECK(out.find("is not a Delegate store") != std::string::npos);
  }
  SECTION("a store written by a newer delegate-server") {
    std::string uri = PgCluster::shared().createDatabase();
    { REQUIRE(server::PgEventStore::open(uri, "s1").ok()); }
    sql(uri, "UPDATE delegate_meta SET value = '99' WHERE key = 'schema_version'");
    auto [code, out] = runUntilExit({"--store", uri}, dir);
    CHECK(code == 1);
    CHECK(out.find("schema version 99, written by a newer delegate-server") != std::string::npos);
  }
  SECTION("a wrong password is reported without echoing it") {
    std::string uri = PgCluster::shared().createDatabase();
    std::string withPassword = uri;
    withPassword.replace(withPassword.find("postgres@"), 9, "nobody:s3cret-pw@");
    auto [code, out] = runUntilExit({"--store", withPassword}, dir);
    CHECK(code == 1);
    CHECK(out.find("cannot connect") != std::string::npos);
    CHECK(out.find("s3cret-pw") == std::string::npos);
  }
}

TEST_CASE("postgres: stopped under load, then back: 503 meanwhile, nothing acknowledged lost",
          "[postgres]") {
  PgCluster cluster;  // its own: this test stops it
  const std::string uri = cluster.createDatabase();
  Servers servers(2, {}, uri);
  ServerProcess &a = servers[0], &b = servers[1];
  Api onA = Api::signIn(a, "admin@contoso.onmicrosoft.com", kPassword);
  Api onB = Api::signIn(b, "admin@contoso.onmicrosoft.com", kPassword);

  GroupLoad load({&onA, &onB}, 4);
  CHECK(waitFor([&] { return load.acknowledgedCount() >= 20; }));
  cluster.stop();
  CHECK(waitFor([&] { return load.unavailable >= 8; }));
  cluster.start();
  // Both servers write again without a restart.
  const std::size_t before = load.acknowledgedCount();
  CHECK(waitFor([&] { return load.acknowledgedCount() >= before + 20; }));
  load.stop();
  CHECK(a.running());
  CHECK(b.running());
  CHECK(load.withoutRetryAfter == 0);
  CHECK(load.other == 0);
  checkEachOnce(uri, load.acknowledged());
  checkSameState(onA, onB);
}

TEST_CASE("postgres: a server killed under load from 8 writers loses nothing acknowledged",
          "[postgres]") {
  Servers servers(2);
  ServerProcess &a = servers[0], &b = servers[1];
  SharedStore& store = servers.store();
  Api onA = Api::signIn(a, "admin@contoso.onmicrosoft.com", kPassword);
  Api onB = Api::signIn(b, "admin@contoso.onmicrosoft.com", kPassword);
  GroupLoad load({&onA, &onB}, 8);
  CHECK(waitFor([&] { return load.acknowledgedCount() >= 40; }));
  a.kill9();
  // The survivor keeps deciding (the killed server's open transaction, if any, was rolled back).
  const std::size_t before = load.acknowledgedCount();
  CHECK(waitFor([&] { return load.acknowledgedCount() >= before + 20; }));
  load.stop();
  CHECK(load.other == 0);
  checkEachOnce(store.uri, load.acknowledged());
  // Restarted, the killed server folds the same log as the survivor.
  servers.restart(0);
  checkSameState(Api::signIn(servers[0], "admin@contoso.onmicrosoft.com", kPassword), onB);
}

TEST_CASE("postgres: --migrate-from copies an embedded store and serves the same state",
          "[postgres]") {
  Cast cast;
  TempDir data;
  cast.w.writeTo(data.path());
  Reply before;
  std::optional<Api> token, browser;
  std::vector<std::string> recoveryCodes;
  {
    ServerProcess embedded({"--data", data.path()});
    token = Api::signIn(embedded, "admin@alphapartners.onmicrosoft.com", kPassword);
    browser = Api::browser(embedded, "admin@contoso.onmicrosoft.com", kPassword);
    Api agent = Api::browser(embedded, kAgent, kPassword);
    recoveryCodes = enrol(agent).recoveryCodes;
    Reply used = Api(embedded).post(
        "/api/session/secondFactor",
        {{"challenge", passwordStep(embedded, kAgent)}, {"recoveryCode", recoveryCodes[0]}});
    REQUIRE(used.status == 200);
    before = token->get("/api/view");
    REQUIRE(before.status == 200);
  }
  const std::string uri = PgCluster::shared().createDatabase();
  ServerProcess migrated({"--data", data.path(), "--store", uri, "--migrate-from", data.path()});
  CHECK(migrated.log().find("both read back the same") != std::string::npos);
  CHECK(migrated.log().find("1 authenticators, 10 recovery codes from") != std::string::npos);
  // The same store id and state...
  Reply after = sameCredentials(*token, migrated).get("/api/view");
  REQUIRE(after.status == 200);
  CHECK(after.body["storeId"] == before.body["storeId"]);
  CHECK(after.body["revision"] == before.body["revision"]);
  CHECK(after.body["snapshot"] == before.body["snapshot"]);
  // ...and the credentials, in PostgreSQL: a second server whose folder holds only copies of the
  // keys honours the sessions, tokens, passwords and authenticators made before the migration.
  TempDir own;
  for (const char* key : {"/offer-link.key", "/mfa.key"})
    std::filesystem::copy_file(data.path() + key, own.path() + key);
  ServerProcess other({"--data", own.path(), "--store", uri});
  CHECK(sameCredentials(*token, other).get("/api/me").status == 200);
  CHECK(sameCredentials(*browser, other).get("/api/me").status == 200);
  CHECK(Api(other).post("/api/session", signInBody("admin@northwind.onmicrosoft.com")).status ==
        200);
  // The agent still needs a code; the recovery code used before is still used.
  CHECK(Api(other)
            .post("/api/session/secondFactor",
                  {{"challenge", passwordStep(other, kAgent)}, {"recoveryCode", recoveryCodes[0]}})
            .status == 400);
  CHECK(Api(other)
            .post("/api/session/secondFactor",
                  {{"challenge", passwordStep(other, kAgent)}, {"recoveryCode", recoveryCodes[1]}})
            .status == 200);
}

TEST_CASE("postgres: one server advances the clock, and another takes over when it dies",
          "[postgres]") {
  Servers servers(2, {"--tick-seconds", "1"});
  SharedStore& store = servers.store();
  auto ticks = [&] { return countInLog<ClockAdvanced>(store.uri); };
  const std::size_t start = ticks();
  const auto began = Clock::now();
  CHECK(waitFor([&] { return ticks() >= start + 6; }));
  // Two servers ticking would log about two a second; the leader alone about one.
  const double seconds = std::chrono::duration<double>(Clock::now() - began).count();
  CHECK(static_cast<double>(ticks() - start) <= seconds + 2);
  servers[0].kill9();  // whichever led, the clock goes on
  const std::size_t afterKill = ticks();
  CHECK(waitFor([&] { return ticks() >= afterKill + 3; }));
}

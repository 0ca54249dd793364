// Fast start over PostgreSQL (issue 12, item 5): the clock leader snapshots the state into the
// store every N events; a joining server starts from the newest snapshot and folds only the
// events after it, reaching the state a full replay reaches. A snapshot it cannot use (spoilt,
// or written for another core schema) is ignored with its reason, and the whole log is folded.
#include <catch2/catch.hpp>

#include <string>

#include "api_client.hpp"
#include "pg_servers.hpp"
#include "seeded_world.hpp"

using namespace delegate;
using namespace delegate::testing;

namespace {

const char* kContoso = "admin@contoso.onmicrosoft.com";
const char* kAlpha = "admin@alphapartners.onmicrosoft.com";

std::uint64_t newestSnapshot(const std::string& uri) {
  std::string v = sqlValue(uri, "SELECT coalesce(max(revision), 0) FROM delegate_snapshots");
  return std::stoull(v.empty() ? "0" : v);
}

void addGroups(const Api& api, const std::string& prefix, int count) {
  for (int i = 0; i < count; ++i)
    REQUIRE(api.command("createGroup", {{"displayName", prefix + std::to_string(i)}}).status ==
            200);
}

// A new server on the store reaches the leader's state for two people.
void checkJoins(ServerProcess& leader, ServerProcess& joined) {
  checkSameState(Api::signIn(leader, kContoso, kPassword),
                 Api::signIn(joined, kContoso, kPassword));
  checkSameState(Api::signIn(leader, kAlpha, kPassword), Api::signIn(joined, kAlpha, kPassword));
}

}  // namespace

TEST_CASE("postgres: a server joining a log with a snapshot reaches the state of a full replay",
          "[postgres][snapshot]") {
  Servers servers(1, {"--snapshot-every", "5"});
  SharedStore& store = servers.store();
  Api contoso = Api::signIn(servers[0], kContoso, kPassword);
  addGroups(contoso, "Before ", 6);
  REQUIRE(waitFor([&] { return newestSnapshot(store.uri) > 0; }));
  const std::uint64_t at = newestSnapshot(store.uri);
  // Events after the snapshot, which the joining server folds on top of it.
  addGroups(contoso, "After ", 3);
  CHECK(contoso.get("/api/view").body["revision"].get<std::uint64_t>() > at);

  std::vector<std::string> args = store.args(1);
  SECTION("from the newest snapshot") {
    ServerProcess joined(args);
    CHECK(joined.log().find("Started from the snapshot at revision") != std::string::npos);
    checkJoins(servers[0], joined);
    // And it decides on that state: a name taken before the snapshot is still taken.
    CHECK(Api::signIn(joined, kContoso, kPassword)
              .command("addUser", {{"userPrincipalName", "admin@contoso.onmicrosoft.com"},
                                   {"displayName", "X"}})
              .status == 409);
  }
  SECTION("a spoilt snapshot is ignored and the whole log folded") {
    servers[0].stop();  // so no newer snapshot lands after the spoilt ones
    sql(store.uri, "UPDATE delegate_snapshots SET body = left(body, 100)");
    ServerProcess joined(args);
    servers.restart(0);
    CHECK(joined.log().find("snapshot ignored, folding the whole log") != std::string::npos);
    CHECK(joined.log().find("does not decode") != std::string::npos);
    CHECK(joined.log().find("Started from the snapshot") == std::string::npos);
    checkJoins(servers[0], joined);
  }
  SECTION("a snapshot for another core schema is ignored") {
    servers[0].stop();
    sql(store.uri, "UPDATE delegate_snapshots SET core_schema = 99");
    ServerProcess joined(args);
    servers.restart(0);
    CHECK(joined.log().find("written for core schema 99") != std::string::npos);
    checkJoins(servers[0], joined);
  }
}

TEST_CASE("postgres: a store of schema version 2 is upgraded with the snapshot table",
          "[postgres][snapshot]") {
  Servers servers(1, {"--snapshot-every", "1"});
  const std::string uri = servers.store().uri;
  REQUIRE(waitFor([&] { return newestSnapshot(uri) > 0; }));
  servers[0].stop();
  // As a version-2 server left it.
  sql(uri, "DROP TABLE delegate_snapshots");
  sql(uri, "UPDATE delegate_meta SET value = '2' WHERE key = 'schema_version'");
  servers.restart(0);
  CHECK(sqlValue(uri, "SELECT value FROM delegate_meta WHERE key = 'schema_version'") == "3");
  CHECK(waitFor([&] { return newestSnapshot(uri) > 0; }));
}

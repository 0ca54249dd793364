#pragma once
// Several delegate-servers over one PostgreSQL store, as behind a load balancer: the seeded world
// (Cast) in a fresh database, and servers that each keep a --data folder of their own holding
// only the keys an operator copies to every machine (offer-link.key, mfa.key). Whatever else
// they share, they share through PostgreSQL.
#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "api_client.hpp"
#include "pg_cluster.hpp"
#include "seeded_world.hpp"
#include "server_process.hpp"

namespace delegate::testing {

struct SharedStore {
  Cast cast;
  std::string uri;
  // `connected`: the Cast's partners already hold their customers' consent (see Cast).
  explicit SharedStore(std::string databaseUri = PgCluster::shared().createDatabase(),
                       bool connected = true);
  // The arguments of server `index` (its own data folder, made on first use).
  std::vector<std::string> args(std::size_t index = 0);

 private:
  std::vector<std::unique_ptr<TempDir>> folders_;
  std::string offerLinkKey_, mfaKey_;
};

// `count` servers over one shared store, each started with `extra` arguments too.
class Servers {
 public:
  explicit Servers(std::size_t count, std::vector<std::string> extra = {},
                   std::string databaseUri = PgCluster::shared().createDatabase(),
                   bool connected = true);
  ServerProcess& operator[](std::size_t i) { return *servers_.at(i); }
  SharedStore& store() { return store_; }
  // Server `i` again (stopped and started on the same port and folder).
  void restart(std::size_t i);

 private:
  SharedStore store_;
  std::vector<std::string> extra_;
  std::vector<std::unique_ptr<ServerProcess>> servers_;
};

// Runs one SQL statement against `uri` (setting up or spoiling a store for a test).
void sql(const std::string& uri, const std::string& statement);
// The first column of the first row `query` returns ("" when no row).
std::string sqlValue(const std::string& uri, const std::string& query);

// Waits (bounded: 30 s) until `done()` holds; its last answer.
template <class F>
bool waitFor(F done) {
  using Clock = std::chrono::steady_clock;
  for (auto until = Clock::now() + std::chrono::seconds(30); Clock::now() < until && !done();)
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  return done();
}

// Two servers' views meet at one revision, with equal snapshots.
void checkSameState(const Api& x, const Api& y);

// The same credentials (session cookie and CSRF token, or bearer token) sent to another server,
// as a load balancer without sticky sessions would.
Api sameCredentials(const Api& from, const ServerProcess& to);

}  // namespace delegate::testing

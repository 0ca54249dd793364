// Several delegate-servers over one PostgreSQL (issue 12), on a throwaway cluster (initdb into a
// temp folder, loopback only). Prints:
// - durable commands/s with 16 clients spread over 1, 2 and 3 servers on one PostgreSQL, next to
//   the single embedded (SQLite) server in the same run;
// - cross-server visibility: a command sent on A until a long-poll on B answers with it, p50/p99;
// - a new server joining a large log (the core's scale world written straight into the store),
//   without a snapshot and from the snapshot the clock leader wrote, extrapolated to 10,000,000.
// Run with scripts/bench cluster. Flags: --quick (shorter runs), --events N (join size,
// default 1000000), --join-only.
#include <httplib.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <future>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "bench/scale_events.hpp"
#include "bench/wire_load.hpp"
#include "server/pg_event_store.hpp"
#include "server/secrets.hpp"
#include "tests/server/pg_cluster.hpp"

namespace {

using namespace delegate::bench;
using nlohmann::json;

constexpr int kClients = 16;

double ms(Clock::duration d) {
  return std::chrono::duration<double, std::milli>(d).count();
}

double percentile(std::vector<double> v, int p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, v.size() * p / 100)];
}

// A server over `uri` with a --data folder of its own under `base`.
// (A server joining a large log may take minutes on a loaded machine: allow 15.)
std::unique_ptr<Server> pgServer(const std::string& base, const std::string& name,
                                 const std::string& uri, std::vector<std::string> extra = {}) {
  const std::string dir = base + "/" + name;
  std::filesystem::create_directories(dir);
  extra.insert(extra.begin(), {"--store", uri});
  return std::make_unique<Server>(dir, extra, 900);
}

LoadResult commandLoad(const std::vector<const Server*>& servers, const BenchSession& session,
                       double seconds) {
  return runLoad(servers, kClients, seconds, [&](httplib::Client& c, int client, long i) {
    return sendCommand(c, session, client, i);
  });
}

// Command on A, long-poll on B: from sending the command to B's answer holding it.
void visibility(const Server& a, const Server& b, const BenchSession& session, int samples) {
  httplib::Headers auth = {{"Authorization", "Bearer " + session.token}};
  auto onA = a.client();
  auto head = [&] {
    auto v = onA.Get("/api/view", auth);
    return v && v->status == 200 ? json::parse(v->body)["revision"].get<std::uint64_t>() : 0;
  };
  std::uint64_t since = head();
  std::vector<double> latencies;
  int failures = 0;
  for (int i = 0; i < samples; ++i) {
    auto poll = std::async(std::launch::async, [&] {
      auto onB = b.client();
      auto r = onB.Get(("/api/view?since=" + std::to_string(since) + "&wait=20").c_str(), auth);
      return std::make_pair(r && r->status == 200 ? json::parse(r->body) : json(), Clock::now());
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(15));  // the poll is parked on B
    const auto sent = Clock::now();
    if (!sendCommand(onA, session, 99, i)) ++failures;
    auto [body, answered] = poll.get();
    if (!body.is_object() || !body.contains("revision")) {
      ++failures;
      since = head();
      continue;
    }
    latencies.push_back(ms(answered - sent));
    since = body["revision"].get<std::uint64_t>();
  }
  std::printf("%-44s p50 %6.1f ms   p99 %6.1f ms   (%zu samples; goal p50 <= 100, p99 <= 250)%s\n",
              "command on A to long-poll answer on B", percentile(latencies, 50),
              percentile(latencies, 99), latencies.size(), failures ? "   FAILURES" : "");
  std::fflush(stdout);
}

void throughput(const std::string& base, delegate::testing::PgCluster& pg, double seconds) {
  {
    std::filesystem::create_directories(base + "/sqlite");
    Server embedded(base + "/sqlite", {"--demo"});
    BenchSession s = prepare(embedded.client());
    if (!s.ok) {
      std::fprintf(stderr, "cannot prepare the embedded server: %s\n", s.error.c_str());
      std::exit(1);
    }
    print("durable commands, 1 server on SQLite", commandLoad({&embedded}, s, seconds));
  }
  const std::string uri = pg.createDatabase();
  std::vector<std::unique_ptr<Server>> servers;
  servers.push_back(pgServer(base, "pg0", uri, {"--demo"}));
  BenchSession session = prepare(servers[0]->client());
  if (!session.ok) {
    std::fprintf(stderr, "cannot prepare the PostgreSQL servers: %s\n", session.error.c_str());
    std::exit(1);
  }
  for (int n = 1; n <= 3; ++n) {
    if (n > 1) servers.push_back(pgServer(base, "pg" + std::to_string(n - 1), uri));
    std::vector<const Server*> over;
    for (auto& s : servers) over.push_back(s.get());
    const std::string what = "durable commands, " + std::to_string(n) + " server" +
                             (n > 1 ? "s" : "") + " on PostgreSQL";
    print(what.c_str(), commandLoad(over, session, seconds));
  }
  visibility(*servers[0], *servers[1], session, seconds < 3 ? 50 : 200);
}

std::uint64_t newestSnapshot(const std::string& uri) {
  auto db = delegate::server::PgConnection::connect(uri);
  if (!db) return 0;
  auto row = db.value()->exec("SELECT coalesce(max(revision), 0) FROM delegate_snapshots");
  return row && row.value().rows() == 1 ? static_cast<std::uint64_t>(row.value().integer(0, 0)) : 0;
}

void join(const std::string& base, delegate::testing::PgCluster& pg, long events) {
  const std::string uri = pg.createDatabase();
  auto t0 = Clock::now();
  {
    auto store = delegate::server::PgEventStore::open(uri, delegate::server::randomUuid());
    if (!store) {
      std::fprintf(stderr, "cannot open the store: %s\n", store.error().message.c_str());
      std::exit(1);
    }
    if (std::string problem = writeScaleEvents(*store.value(), events); !problem.empty()) {
      std::fprintf(stderr, "cannot write the log: %s\n", problem.c_str());
      std::exit(1);
    }
  }
  std::printf("wrote %ld events of the scale world into PostgreSQL in %.1f s\n", events,
              std::chrono::duration<double>(Clock::now() - t0).count());
  // The first server folds the whole log (no snapshot yet), then, leading, writes one.
  auto first = pgServer(base, "join0", uri, {"--snapshot-every", "100000"});
  const double full = first->startSeconds();
  std::printf("%-44s %9.2f s\n", "join without a snapshot (whole log folded)", full);
  std::fflush(stdout);
  const auto waitFrom = Clock::now();
  std::uint64_t at = 0;
  for (int i = 0; i < 3000 && (at = newestSnapshot(uri)) == 0; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  if (at == 0) {
    std::printf("no snapshot within 300 s; see %s/join0/server.log\n", base.c_str());
    return;
  }
  std::printf("%-44s %9.2f s    (revision %llu, off the request path)\n",
              "leader wrote its snapshot within",
              std::chrono::duration<double>(Clock::now() - waitFrom).count(),
              static_cast<unsigned long long>(at));
  auto second = pgServer(base, "join1", uri);
  const double fromSnapshot = second->startSeconds();
  std::printf("%-44s %9.2f s\n", "join from the snapshot", fromSnapshot);
  // Linear in the log without a snapshot; from one, linear in the state (the scale world's state
  // grows with its events) plus at most --snapshot-every events folded after it.
  const double scale = 1e7 / static_cast<double>(events);
  const double tail = full * 100000.0 / static_cast<double>(events);
  std::printf(
      "extrapolated to 10,000,000 events: %.1f s without a snapshot, about %.1f s from "
      "one (%.1f s x %.0f for the state, plus up to %.1f s folding the <= 100,000 events "
      "after it); goal <= 5 s\n",
      full * scale, fromSnapshot * scale + tail, fromSnapshot, scale, tail);
  std::fflush(stdout);
}

}  // namespace

int main(int argc, char** argv) {
  bool quick = false, joinOnly = false;
  long events = 1000000;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--quick") quick = true;
    if (a == "--join-only") joinOnly = true;
    if (a == "--events" && i + 1 < argc) events = std::atol(argv[++i]);
  }
  if (!delegate::server::initSecrets()) return 1;
  const std::string base =
      (std::filesystem::temp_directory_path() / ("delegate-cluster-" + std::to_string(getpid())))
          .string();
  std::filesystem::create_directories(base);
  std::printf(
      "cluster benchmark: %d concurrent clients, loopback, throwaway PostgreSQL, %u cores\n",
      kClients, std::thread::hardware_concurrency());
  std::fflush(stdout);
  {
    // The shared cluster is stopped at exit, also when a step ends the benchmark early.
    delegate::testing::PgCluster& pg = delegate::testing::PgCluster::shared();
    if (!joinOnly) throughput(base, pg, quick ? 1.5 : 5);
    join(base, pg, events);
  }
  std::error_code ec;
  std::filesystem::remove_all(base, ec);
  return 0;
}

// Measures delegate-server over loopback HTTP with TCP_NODELAY on and the store on disk, and prints
// the figures: durable commands/s with 16 concurrent clients, incremental view reads/s, p50/p99,
// the ratio to the same server's empty endpoint, and cold start with 1,000,000 events.
// Run with scripts/bench server. Flags: --quick (shorter runs), --events N (cold-start size),
// --cold-only (only the cold start, for profiling it).
#include <httplib.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "bench/spawn_process.hpp"
#include "core/json_forms.hpp"
#include "core/seed/scale_world.hpp"
#include "server/bootstrap.hpp"
#include "server/secrets.hpp"
#include "server/sqlite_event_store.hpp"
#include "tests/support/loopback_port.hpp"

namespace {

using Clock = std::chrono::steady_clock;
using nlohmann::json;

std::string serverBinary() {
  std::error_code ec;
  auto self = std::filesystem::read_symlink("/proc/self/exe", ec);
  return (self.parent_path().parent_path() / "server" / "delegate-server").string();
}

// The real server binary in its own process, as in production.
class Server {
 public:
  Server(const std::string& dataDir, std::vector<std::string> extra)
      : port_(delegate::testing::freeLoopbackPort()) {
    std::vector<std::string> args = {serverBinary(),        "--host", "127.0.0.1", "--port",
                                     std::to_string(port_), "--data", dataDir};
    args.insert(args.end(), extra.begin(), extra.end());
    started_ = Clock::now();
    pid_ = delegate::bench::spawnLogged(args, dataDir + "/server.log");
    for (int i = 0; i < 6000; ++i) {
      auto c = client();
      if (auto r = c.Get("/api/health"); r && r->status == 200) {
        ready_ = Clock::now();
        return;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    std::fprintf(stderr, "server did not start; see %s/server.log\n", dataDir.c_str());
    std::exit(1);
  }
  ~Server() {
    kill(pid_, SIGTERM);
    waitpid(pid_, nullptr, 0);
  }
  httplib::Client client() const {
    httplib::Client c("127.0.0.1", port_);
    c.set_tcp_nodelay(true);
    c.set_keep_alive(true);
    c.set_read_timeout(60);
    return c;
  }
  double startSeconds() const { return std::chrono::duration<double>(ready_ - started_).count(); }

 private:
  int port_;
  pid_t pid_ = -1;
  Clock::time_point started_, ready_;
};

struct LoadResult {
  double perSecond = 0;
  double p50Ms = 0;
  double p99Ms = 0;
  long failures = 0;
};

// `clients` threads, each with its own keep-alive connection, call `request` back to back for
// `seconds`; `request` returns false for a failed call.
LoadResult runLoad(const Server& server, int clients, double seconds,
                   const std::function<bool(httplib::Client&, int client, long i)>& request) {
  std::vector<std::vector<double>> latencies(clients);
  std::atomic<long> failures{0};
  std::atomic<bool> go{false};
  auto until = Clock::now() + std::chrono::duration_cast<Clock::duration>(
                                  std::chrono::duration<double>(seconds + 0.2));
  std::vector<std::thread> threads;
  for (int c = 0; c < clients; ++c) {
    threads.emplace_back([&, c] {
      auto client = server.client();
      while (!go) std::this_thread::yield();
      for (long i = 0; Clock::now() < until; ++i) {
        auto t0 = Clock::now();
        if (!request(client, c, i)) ++failures;
        latencies[c].push_back(
            std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
      }
    });
  }
  auto t0 = Clock::now();
  go = true;
  for (auto& t : threads) t.join();
  double elapsed = std::chrono::duration<double>(Clock::now() - t0).count();
  std::vector<double> all;
  for (auto& l : latencies) all.insert(all.end(), l.begin(), l.end());
  std::sort(all.begin(), all.end());
  LoadResult r;
  r.failures = failures;
  if (!all.empty()) {
    r.perSecond = static_cast<double>(all.size()) / elapsed;
    r.p50Ms = all[all.size() / 2];
    r.p99Ms = all[std::min(all.size() - 1, all.size() * 99 / 100)];
  }
  return r;
}

void print(const char* what, const LoadResult& r, double goal = 0) {
  std::printf("%-44s %9.0f /s   p50 %6.2f ms   p99 %6.2f ms", what, r.perSecond, r.p50Ms, r.p99Ms);
  if (goal > 0) std::printf("   (goal >= %.0f)", goal);
  if (r.failures) std::printf("   FAILURES: %ld", r.failures);
  std::printf("\n");
  std::fflush(stdout);
}

}  // namespace

// The scenario: the demo world's partner administrator creates security groups (durable
// commands) and reads its view incrementally; the cold-start store is the core's scale world.
namespace delegate::bench {

struct BenchSession {
  bool ok = false;
  std::string error;
  std::string token;
  std::string since;
};

BenchSession prepare(httplib::Client c) {
  BenchSession s;
  auto signIn =
      c.Post("/api/session",
             R"({"userPrincipalName":"amy.admin@northwindpartners.onmicrosoft.com","password":")" +
                 std::string(server::kDemoPassword) + "\"}",
             "application/json");
  if (!signIn || signIn->status != 200) return BenchSession{false, "sign-in failed"};
  std::string cookie = signIn->get_header_value("Set-Cookie");
  cookie = cookie.substr(0, cookie.find(';'));
  auto body = json::parse(signIn->body);
  httplib::Headers h = {{"Cookie", cookie}, {"X-CSRF-Token", body["csrfToken"].get<std::string>()}};
  auto token = c.Post("/api/tokens", h, R"({"name":"bench"})", "application/json");
  if (!token || token->status != 201) return BenchSession{false, "token failed"};
  s.token = json::parse(token->body)["token"];
  httplib::Headers auth = {{"Authorization", "Bearer " + s.token}};
  auto view = c.Get("/api/view", auth);
  if (!view || view->status != 200) return BenchSession{false, "view failed"};
  s.since = std::to_string(json::parse(view->body)["revision"].get<std::uint64_t>());
  s.ok = true;
  return s;
}

// A client in sync: `since` a few events behind the current head, as after a long-poll that
// just missed the latest commits. Taken right before reading, so each read is a small catch-up
// rather than the whole command phase.
bool catchUp(httplib::Client c, BenchSession& s, std::uint64_t behind) {
  httplib::Headers auth = {{"Authorization", "Bearer " + s.token}};
  auto view = c.Get("/api/view", auth);
  if (!view || view->status != 200) return false;
  auto head = json::parse(view->body)["revision"].get<std::uint64_t>();
  s.since = std::to_string(head > behind ? head - behind : 0);
  return true;
}

bool sendCommand(httplib::Client& c, const BenchSession& s, int client, long i) {
  httplib::Headers auth = {{"Authorization", "Bearer " + s.token}};
  std::string body = R"({"schemaVersion":1,"type":"createGroup","displayName":"bench )" +
                     std::to_string(client) + "-" + std::to_string(i) + "\"}";
  auto r = c.Post("/api/commands", auth, body, "application/json");
  return r && r->status == 200;
}

bool readView(httplib::Client& c, const BenchSession& s, int, long) {
  httplib::Headers auth = {{"Authorization", "Bearer " + s.token}};
  auto r = c.Get(("/api/view?since=" + s.since).c_str(), auth);
  // A snapshot instead of the events would measure something else: count it as a failure.
  return r && r->status == 200 && r->body.find("\"events\":[{") != std::string::npos;
}

// Writes `count` events of the core's scale world straight into a store, as a long-lived
// deployment would hold them.
std::string writeEvents(const std::string& dir, long count) {
  if (!server::initSecrets()) return "libsodium";
  auto store = server::SqliteEventStore::open(dir, server::randomUuid());
  if (!store) return store.error().message;
  ScaleSpec spec;
  spec.customerUsers = static_cast<std::size_t>(count);  // more than enough; cut at `count`
  std::vector<std::string> batch;
  long written = 0;
  std::string problem;
  generateScaleWorld(spec, [&](const Event& e) {
    if (written + static_cast<long>(batch.size()) >= count || !problem.empty()) return;
    batch.push_back(encodeEvent(e));
    if (batch.size() == 50000) {
      if (auto r = store.value()->append(batch); !r) problem = r.error().message;
      written += static_cast<long>(batch.size());
      batch.clear();
    }
  });
  if (!batch.empty())
    if (auto r = store.value()->append(batch); !r) problem = r.error().message;
  (void)store.value()->checkpoint();
  return problem;
}

}  // namespace delegate::bench

int main(int argc, char** argv) {
  bool quick = false;
  bool coldOnly = false;
  long coldEvents = 1000000;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--quick") quick = true;
    if (a == "--cold-only") coldOnly = true;
    if (a == "--events" && i + 1 < argc) coldEvents = std::atol(argv[++i]);
  }
  const double seconds = quick ? 1.5 : 5;
  const int clients = 16;
  std::string base =
      (std::filesystem::temp_directory_path() / ("delegate-bench-" + std::to_string(getpid())))
          .string();
  std::filesystem::create_directories(base + "/hot");
  std::printf(
      "delegate-server benchmark: %d concurrent clients, loopback, TCP_NODELAY, store on "
      "disk (%s), %u cores\n",
      clients, base.c_str(), std::thread::hardware_concurrency());
  int rc = 0;
  if (!coldOnly) {
    Server server(base + "/hot", {"--demo"});
    delegate::bench::BenchSession session = delegate::bench::prepare(server.client());
    if (!session.ok) {
      std::fprintf(stderr, "cannot prepare the benchmark: %s\n", session.error.c_str());
      return 1;
    }
    auto empty = runLoad(server, clients, seconds, [](httplib::Client& c, int, long) {
      auto r = c.Get("/api/health");
      return r && r->status == 200;
    });
    print("empty endpoint GET /api/health", empty);

    auto commands = runLoad(server, clients, seconds, [&](httplib::Client& c, int client, long i) {
      return delegate::bench::sendCommand(c, session, client, i);
    });
    print("durable POST /api/commands", commands, 5000);

    if (!delegate::bench::catchUp(server.client(), session, 4)) {
      std::fprintf(stderr, "cannot refresh the view before reading it\n");
      return 1;
    }
    auto views = runLoad(server, clients, seconds, [&](httplib::Client& c, int client, long i) {
      return delegate::bench::readView(c, session, client, i);
    });
    print("incremental GET /api/view", views, 20000);
    if (empty.perSecond > 0) {
      std::printf("ratio to the empty endpoint: commands %.2f, view reads %.2f\n",
                  commands.perSecond / empty.perSecond, views.perSecond / empty.perSecond);
    }
    if (commands.failures || views.failures) rc = 1;
  }
  {
    std::string cold = base + "/cold";
    std::filesystem::create_directories(cold);
    auto t0 = Clock::now();
    std::string problem = delegate::bench::writeEvents(cold, coldEvents);
    if (!problem.empty()) {
      std::fprintf(stderr, "cannot write the cold-start store: %s\n", problem.c_str());
      return 1;
    }
    std::printf("wrote %ld events in %.1f s\n", coldEvents,
                std::chrono::duration<double>(Clock::now() - t0).count());
    Server server(cold, {});
    std::printf("%-44s %9.2f s    (goal <= 5 s)\n",
                ("cold start with " + std::to_string(coldEvents) + " events").c_str(),
                server.startSeconds());
  }
  std::error_code ec;
  std::filesystem::remove_all(base, ec);
  return rc;
}

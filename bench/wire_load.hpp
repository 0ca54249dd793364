#pragma once
// What the wire benchmarks share: delegate-server in its own process on a loopback port, clients
// calling it back to back for a while, and the demo partner's session that sends durable
// commands (createGroup).
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
#include "server/bootstrap.hpp"
#include "tests/support/loopback_port.hpp"

namespace delegate::bench {

using Clock = std::chrono::steady_clock;
using nlohmann::json;

inline std::string serverBinary() {
  std::error_code ec;
  auto self = std::filesystem::read_symlink("/proc/self/exe", ec);
  return (self.parent_path().parent_path() / "server" / "delegate-server").string();
}

// The real server binary in its own process, as in production.
class Server {
 public:
  // Waits (at most `startLimitSeconds`) until it answers /api/health; else the benchmark ends.
  Server(const std::string& dataDir, std::vector<std::string> extra, double startLimitSeconds = 60)
      : port_(delegate::testing::freeLoopbackPort()) {
    std::vector<std::string> args = {serverBinary(),        "--host", "127.0.0.1", "--port",
                                     std::to_string(port_), "--data", dataDir};
    args.insert(args.end(), extra.begin(), extra.end());
    started_ = Clock::now();
    pid_ = delegate::bench::spawnLogged(args, dataDir + "/server.log");
    const auto limit = started_ + std::chrono::duration_cast<Clock::duration>(
                                      std::chrono::duration<double>(startLimitSeconds));
    while (Clock::now() < limit) {
      auto c = client();
      if (auto r = c.Get("/api/health"); r && r->status == 200) {
        ready_ = Clock::now();
        return;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    std::fprintf(stderr, "server did not start within %.0f s; see %s/server.log\n",
                 startLimitSeconds, dataDir.c_str());
    kill(pid_, SIGTERM);
    waitpid(pid_, nullptr, 0);
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
  int port() const { return port_; }
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
// Client c calls servers[c % servers.size()].
inline LoadResult runLoad(
    const std::vector<const Server*>& servers, int clients, double seconds,
    const std::function<bool(httplib::Client&, int client, long i)>& request) {
  std::vector<std::vector<double>> latencies(clients);
  std::atomic<long> failures{0};
  std::atomic<bool> go{false};
  auto until = Clock::now() + std::chrono::duration_cast<Clock::duration>(
                                  std::chrono::duration<double>(seconds + 0.2));
  std::vector<std::thread> threads;
  for (int c = 0; c < clients; ++c) {
    threads.emplace_back([&, c] {
      auto client = servers[c % servers.size()]->client();
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

inline LoadResult runLoad(
    const Server& server, int clients, double seconds,
    const std::function<bool(httplib::Client&, int client, long i)>& request) {
  return runLoad(std::vector<const Server*>{&server}, clients, seconds, request);
}

inline void print(const char* what, const LoadResult& r, double goal = 0) {
  std::printf("%-44s %9.0f /s   p50 %6.2f ms   p99 %6.2f ms", what, r.perSecond, r.p50Ms, r.p99Ms);
  if (goal > 0) std::printf("   (goal >= %.0f)", goal);
  if (r.failures) std::printf("   FAILURES: %ld", r.failures);
  std::printf("\n");
  std::fflush(stdout);
}

struct BenchSession {
  bool ok = false;
  std::string error;
  std::string token;
  std::string since;
};

inline BenchSession prepare(httplib::Client c) {
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
inline bool catchUp(httplib::Client c, BenchSession& s, std::uint64_t behind) {
  httplib::Headers auth = {{"Authorization", "Bearer " + s.token}};
  auto view = c.Get("/api/view", auth);
  if (!view || view->status != 200) return false;
  auto head = json::parse(view->body)["revision"].get<std::uint64_t>();
  s.since = std::to_string(head > behind ? head - behind : 0);
  return true;
}

inline bool sendCommand(httplib::Client& c, const BenchSession& s, int client, long i) {
  httplib::Headers auth = {{"Authorization", "Bearer " + s.token}};
  std::string body = R"({"schemaVersion":1,"type":"createGroup","displayName":"bench )" +
                     std::to_string(client) + "-" + std::to_string(i) + "\"}";
  auto r = c.Post("/api/commands", auth, body, "application/json");
  return r && r->status == 200;
}

}  // namespace delegate::bench

// Measures how delegate-server holds many waiting connections (issue 11's budgets) and prints:
// - GET /api/health p50/p99 over 200 requests while 10,000 idle connections are held open
//   (from 40 loopback addresses, 250 each: under the per-address cap);
// - the same while 500 slow-loris sockets from 127.0.0.1 send their header a byte at a time,
//   probing from 127.0.0.2 (the per-address cap is lifted so all 500 are held: the worst case;
//   with the default cap of 256 the rest would be refused at once).
// Budget for both: p99 <= 20 ms. Run with scripts/bench connections. Flags: --idle N.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "bench/spawn_process.hpp"
#include "tests/support/loopback_port.hpp"
#include "tests/support/socket_swarm.hpp"

namespace {

using Clock = std::chrono::steady_clock;
using delegate::testing::SocketSwarm;

std::string serverBinary() {
  std::error_code ec;
  auto self = std::filesystem::read_symlink("/proc/self/exe", ec);
  return (self.parent_path().parent_path() / "server" / "delegate-server").string();
}

// One keep-alive connection from `source` that sends GET /api/health and reads each answer.
class Probe {
 public:
  Probe(int port, const std::string& source) : fd_(delegate::testing::connectFrom(port, source)) {}
  ~Probe() {
    if (fd_ >= 0) ::close(fd_);
  }
  // Milliseconds for one answer, or -1.
  double health() {
    static const std::string request =
        "GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: application/json\r\n\r\n";
    const auto t0 = Clock::now();
    if (fd_ < 0 || ::send(fd_, request.data(), request.size(), MSG_NOSIGNAL) < 0) return -1;
    SocketSwarm::Peer answer;
    char buffer[4096];
    while (!SocketSwarm::answered(answer)) {
      ssize_t n = ::recv(fd_, buffer, sizeof buffer, 0);
      if (n <= 0) return -1;
      answer.received.append(buffer, static_cast<std::size_t>(n));
    }
    if (SocketSwarm::status(answer) != 200) return -1;
    return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
  }

 private:
  int fd_;
};

struct Figures {
  double p50 = 0, p99 = 0, max = 0;
  int failures = 0;
};

Figures probe(int port, const std::string& source, int requests, std::chrono::milliseconds pause) {
  Probe p(port, source);
  std::vector<double> ms;
  Figures f;
  for (int i = 0; i < requests; ++i) {
    double t = p.health();
    if (t < 0)
      ++f.failures;
    else
      ms.push_back(t);
    if (pause.count() > 0) std::this_thread::sleep_for(pause);
  }
  if (ms.empty()) return f;
  std::sort(ms.begin(), ms.end());
  f.p50 = ms[ms.size() / 2];
  f.p99 = ms[std::min(ms.size() - 1, ms.size() * 99 / 100)];
  f.max = ms.back();
  return f;
}

void print(const char* what, const Figures& f) {
  std::printf(
      "%-58s p50 %6.2f ms  p99 %6.2f ms  max %6.2f ms  failures %d  (budget p99 <= 20 ms)%s\n",
      what, f.p50, f.p99, f.max, f.failures, f.p99 <= 20 && f.failures == 0 ? "" : "  OVER BUDGET");
}

class Server {
 public:
  Server(const std::string& dir, std::vector<std::string> extra)
      : port_(delegate::testing::freeLoopbackPort()) {
    std::filesystem::create_directories(dir);
    std::vector<std::string> args = {serverBinary(), "--port", std::to_string(port_), "--data",
                                     dir + "/data"};
    args.insert(args.end(), extra.begin(), extra.end());
    pid_ = delegate::bench::spawnLogged(args, dir + "/server.log");
    for (int i = 0; i < 2000; ++i) {
      if (Probe(port_, "127.0.0.1").health() >= 0) return;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    std::fprintf(stderr, "server did not start; see %s/server.log\n", dir.c_str());
    std::exit(1);
  }
  ~Server() {
    ::kill(pid_, SIGTERM);
    int status = 0;
    ::waitpid(pid_, &status, 0);
  }
  int port() const { return port_; }

 private:
  int port_;
  pid_t pid_;
};

}  // namespace

int main(int argc, char** argv) {
  std::size_t idle = 10000;
  for (int i = 1; i < argc; ++i)
    if (std::string(argv[i]) == "--idle" && i + 1 < argc) idle = std::stoul(argv[++i]);
  const std::uint64_t files = delegate::testing::raiseOwnOpenFileLimit();
  if (files < idle + 600) {
    std::fprintf(stderr, "the open-file limit is %llu; %zu connections need more\n",
                 static_cast<unsigned long long>(files), idle + 600);
    return 1;
  }
  const std::string dir =
      (std::filesystem::temp_directory_path() / ("delegate-conn-bench-" + std::to_string(getpid())))
          .string();
  std::filesystem::create_directories(dir);
  std::printf("delegate-server connections benchmark: loopback, %u cores\n",
              std::thread::hardware_concurrency());
  int rc = 0;
  {
    Server server(dir + "/idle", {"--demo"});
    SocketSwarm swarm;
    const auto t0 = Clock::now();
    std::size_t opened = 0;
    for (int a = 10; opened < idle; ++a)
      opened += swarm.open(server.port(), "127.0.0." + std::to_string(a),
                           std::min<std::size_t>(250, idle - opened));
    std::printf("opened %zu idle connections in %.2f s\n", opened,
                std::chrono::duration<double>(Clock::now() - t0).count());
    Figures f = probe(server.port(), "127.0.0.2", 200, std::chrono::milliseconds(0));
    swarm.pump(std::chrono::milliseconds(10));
    std::printf("idle connections still open: %zu of %zu\n", swarm.size() - swarm.countClosed(),
                swarm.size());
    print(("GET /api/health with " + std::to_string(opened) + " idle connections").c_str(), f);
    if (f.p99 > 20 || f.failures) rc = 1;
  }
  {
    Server server(dir + "/loris", {"--demo", "--max-connections-per-address", "0"});
    SocketSwarm loris;
    const std::size_t opened = loris.open(server.port(), "127.0.0.1", 500);
    std::atomic<bool> done{false};
    const std::string header =
        "GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: " + std::string(400, 'a');
    std::thread trickle([&] {
      for (std::size_t i = 0; i < header.size() && !done; ++i) {
        loris.sendEach(header.substr(i, 1));
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
      }
    });
    Figures f = probe(server.port(), "127.0.0.2", 200, std::chrono::milliseconds(20));
    done = true;
    trickle.join();
    print(("GET /api/health from 127.0.0.2, " + std::to_string(opened) +
           " slow-loris sockets from 127.0.0.1")
              .c_str(),
          f);
    if (f.p99 > 20 || f.failures) rc = 1;
  }
  std::error_code ec;
  std::filesystem::remove_all(dir, ec);
  return rc;
}

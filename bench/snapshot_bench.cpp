// The first GET /api/view at partner scale, and the encoder behind it. Prints:
// - in process: the Full agent's view of the scale world (viewOf time), the streaming encoder's
//   throughput in MB/s (budget: at least 150), the core's DOM encoder for comparison (--dom),
//   and gzip's throughput and ratio on that text;
// - on the wire: delegate-server started with --scale-world CLIENTSxUSERS (its seeding time),
//   the Full agent signed in, and its first GET /api/view plain and gzipped: bytes, time to first
//   byte and total; and the same for the portfolio (GET /api/view?scope=portfolio), what the
//   Customers screen needs.
// Run with scripts/bench snapshot. Flags: --world CLIENTSxUSERS (default 10000x100), --dom,
// --wire-only, --encoder-only.
#include <arpa/inet.h>
#include <httplib.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "bench/raw_get.hpp"
#include "bench/spawn_process.hpp"
#include "core/scopes.hpp"
#include "core/seed/scale_world.hpp"
#include "core/visibility.hpp"
#include "server/bootstrap.hpp"
#include "server/core_codec.hpp"
#include "server/gzip.hpp"
#include "server/json_writer.hpp"
#include "server/options.hpp"
#include "server/snapshot_writer.hpp"
#include "tests/support/loopback_port.hpp"

namespace {

using namespace delegate;
using delegate::bench::Clock;
using delegate::bench::Fetch;
using delegate::bench::rawGet;
using delegate::bench::secondsSince;
using delegate::bench::serverBinary;

double mb(double bytes) {
  return bytes / 1e6;
}

void encoderFigures(std::size_t clients, std::size_t users, bool dom) {
  ScaleSpec spec;
  spec.customers = clients;
  spec.customerUsers = clients * users;
  spec.relationships = clients * 2;
  State state;
  auto t = Clock::now();
  ScaleWorld world = buildScaleWorld(spec, state);
  std::printf("  scale world %zux%zu built in process: %.1f s\n", clients, users, secondsSince(t));
  t = Clock::now();
  Portfolio portfolio = portfolioOf(state, world.fullAgent);
  std::printf("  portfolioOf(Full agent): %.3f s (%zu users, %zu client summaries)\n",
              secondsSince(t), portfolio.state.users.size(), portfolio.clients.size());
  // What the browser recomputes on each change once it holds the portfolio's details.
  t = Clock::now();
  const std::vector<ClientSummary> rows =
      clientSummaries(portfolio.state, world.fullAgent, state.clock, &portfolio.clients);
  std::printf("  clientSummaries over the portfolio (the browser's Customers rows): %.3f s (%zu)\n",
              secondsSince(t), rows.size());
  t = Clock::now();
  State view = viewOf(state, world.fullAgent);
  std::printf("  viewOf(Full agent): %.2f s (%zu users, %zu tenants)\n", secondsSince(t),
              view.users.size(), view.tenants.size());
  state = State{};  // only the view is needed from here

  // Streaming, into a sink that only counts (as a socket would take it).
  std::uint64_t bytes = 0;
  double best = 1e9;
  for (int run = 0; run < 3; ++run) {
    bytes = 0;
    server::JsonWriter out([&](std::string& text) { bytes += text.size(); });
    t = Clock::now();
    server::writeSnapshotBody(out, 1, "bench", view);
    best = std::min(best, secondsSince(t));
  }
  std::printf(
      "  streaming encoder: %.1f MB in %.2f s = %.0f MB/s (best of 3; budget >= 150 MB/s)\n",
      mb(bytes), best, mb(bytes) / best);

  server::JsonWriter whole;
  server::writeSnapshotBody(whole, 1, "bench", view);
  const std::string& text = whole.text();
  t = Clock::now();
  std::string zipped = server::gzipText(text);
  const double gz = secondsSince(t);
  std::printf("  gzip (zlib level 1): %.1f MB -> %.1f MB (%.1fx) in %.2f s = %.0f MB/s\n",
              mb(text.size()), mb(zipped.size()), double(text.size()) / zipped.size(), gz,
              mb(text.size()) / gz);
  if (dom) {
    t = Clock::now();
    std::string old = server::stateJson(view).dump();
    const double d = secondsSince(t);
    std::printf("  DOM encoder (nlohmann, before): %.1f MB in %.2f s = %.0f MB/s\n", mb(old.size()),
                d, mb(old.size()) / d);
  }
}

int wireFigures(const std::string& worldSpec) {
  const int port = testing::freeLoopbackPort();
  const std::string dir =
      (std::filesystem::temp_directory_path() / ("delegate-snapshot-" + std::to_string(getpid())))
          .string();
  std::filesystem::create_directories(dir);
  const std::string log = dir + "/server.log";
  std::vector<std::string> args = {serverBinary(), "--port",         std::to_string(port),
                                   "--data",       dir + "/data",    "--scale-world",
                                   worldSpec,      "--tick-seconds", "3600"};
  auto started = Clock::now();
  pid_t pid = delegate::bench::spawnLogged(args, log);
  httplib::Client c("127.0.0.1", port);
  c.set_read_timeout(600);
  bool up = false;
  for (int i = 0; i < 60000 && !up; ++i) {
    if (auto r = c.Get("/api/health"); r && r->status == 200) up = true;
    if (!up) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  int rc = 0;
  if (!up) {
    std::fprintf(stderr, "  the server did not start; see %s\n", log.c_str());
    rc = 1;
  } else {
    std::ifstream in(log);
    std::string first;
    std::getline(in, first);
    std::printf("  delegate-server --scale-world %s: ready in %.1f s\n    (%s)\n",
                worldSpec.c_str(), secondsSince(started), first.c_str());
    auto session =
        c.Post("/api/session",
               nlohmann::json{{"userPrincipalName", "agent1@scalepartners.onmicrosoft.com"},
                              {"password", server::kDemoPassword}}
                   .dump(),
               "application/json");
    std::string cookie;
    if (session && session->status == 200)
      for (const auto& [k, v] : session->headers)
        if (k == "Set-Cookie" && cookie.empty()) cookie = v.substr(0, v.find(';'));
    if (cookie.empty()) {
      std::fprintf(stderr, "  the Full agent could not sign in\n");
      rc = 1;
    } else {
      const std::string auth = "Cookie: " + cookie + "\r\n";
      // The portfolio's head names the revision its details are asked over.
      std::string revision = "0";
      if (auto head = c.Get("/api/view?scope=portfolio&details=later", {{"Cookie", cookie}});
          head && head->status == 200)
        revision = std::to_string(
            nlohmann::json::parse(head->body, nullptr, false).value("revision", 0ull));
      const std::string details = "/api/view?scope=portfolio&since=" + revision + "&details=1";
      for (const std::string& path :
           {std::string("/api/view"), std::string("/api/view?scope=portfolio"),
            std::string("/api/view?scope=portfolio&details=later"), details}) {
        for (const char* accept : {"", "gzip, deflate, br"}) {
          Fetch f =
              rawGet(port, path,
                     auth + (*accept ? std::string("Accept-Encoding: ") + accept + "\r\n" : ""));
          std::printf(
              "  Full agent, first GET %s%s: HTTP %d, %.2f MB on the wire%s, first byte "
              "%.2f s, total %.2f s\n",
              path.c_str(), *accept ? " (Accept-Encoding: gzip)" : " (no Accept-Encoding)",
              f.status, mb(f.bytes), f.encoding.empty() ? "" : " gzipped", f.firstByte, f.total);
          if (f.status != 200) rc = 1;
        }
      }
    }
  }
  kill(pid, SIGTERM);
  waitpid(pid, nullptr, 0);
  std::filesystem::remove_all(dir);
  return rc;
}

}  // namespace

int main(int argc, char** argv) {
  std::string world = "10000x100";
  bool dom = false, wire = true, encoder = true;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--world" && i + 1 < argc) world = argv[++i];
    if (a == "--dom") dom = true;
    if (a == "--wire-only") encoder = false;
    if (a == "--encoder-only") wire = false;
  }
  std::size_t clients = 0, users = 0;
  if (std::string problem = server::parseScaleWorld(world, clients, users); !problem.empty()) {
    std::fprintf(stderr, "%s\n", problem.c_str());
    return 2;
  }
  std::printf("snapshot benchmark: the Full agent's view of the scale world %zux%zu, %u cores\n",
              clients, users, std::thread::hardware_concurrency());
  if (encoder) encoderFigures(clients, users, dom);
  return wire ? wireFigures(world) : 0;
}

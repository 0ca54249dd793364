// Measures delegate-server over loopback HTTP with TCP_NODELAY on and the store on disk, and prints
// the figures: durable commands/s with 16 concurrent clients, incremental view reads/s, p50/p99,
// the ratio to the same server's empty endpoint, and cold start with 1,000,000 events.
// Run with scripts/bench server. Flags: --quick (shorter runs), --events N (cold-start size),
// --cold-only (only the cold start, for profiling it).
#include <httplib.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <thread>

#include "bench/scale_events.hpp"
#include "bench/wire_load.hpp"
#include "server/secrets.hpp"
#include "server/sqlite_event_store.hpp"

// The scenario: the demo world's partner administrator creates security groups (durable
// commands) and reads its view incrementally; the cold-start store is the core's scale world.
namespace delegate::bench {

bool readView(httplib::Client& c, const BenchSession& s, int, long) {
  httplib::Headers auth = {{"Authorization", "Bearer " + s.token}};
  auto r = c.Get(("/api/view?since=" + s.since).c_str(), auth);
  // A snapshot instead of the events would measure something else: count it as a failure.
  return r && r->status == 200 && r->body.find("\"events\":[{") != std::string::npos;
}

// The core's scale world in a new embedded store in `dir`, checkpointed.
std::string writeEvents(const std::string& dir, long count) {
  if (!server::initSecrets()) return "libsodium";
  auto store = server::SqliteEventStore::open(dir, server::randomUuid());
  if (!store) return store.error().message;
  std::string problem = writeScaleEvents(*store.value(), count);
  (void)store.value()->checkpoint();
  return problem;
}

}  // namespace delegate::bench

int main(int argc, char** argv) {
  using namespace delegate::bench;
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

// What the browser spends turning a partner-scale portfolio into its read model, natively (the
// browser's wasm is slower by a factor printed next to it by tests/e2e/bench.js). Prints, for the
// Full agent of the scale world (default 10000x100, or --world CLIENTSxUSERS): the core's client
// rows (all of them, and one client's after a change), and the projection's rebuild with them.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <set>
#include <string>
#include <vector>

#include "core/scopes.hpp"
#include "core/seed/scale_world.hpp"
#include "web/app/projection.hpp"

namespace {

using Clock = std::chrono::steady_clock;
using namespace delegate;

double msSince(Clock::time_point t) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t).count();
}

// The median of `runs` timings of `f`, in milliseconds.
template <class F>
double medianMs(int runs, F&& f) {
  std::vector<double> times;
  for (int i = 0; i < runs; ++i) {
    auto t = Clock::now();
    f();
    times.push_back(msSince(t));
  }
  std::sort(times.begin(), times.end());
  return times[times.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  std::size_t clients = 10000, users = 100;
  for (int i = 1; i < argc; ++i)
    if (std::string(argv[i]) == "--world" && i + 1 < argc)
      std::sscanf(argv[++i], "%zux%zu", &clients, &users);
  ScaleSpec spec;
  spec.customers = clients;
  spec.customerUsers = clients * users;
  spec.relationships = clients * 2;
  State world;
  ScaleWorld scale = buildScaleWorld(spec, world);
  Portfolio portfolio = portfolioOf(world, scale.fullAgent);
  world = State{};
  std::printf("projection benchmark: the Full agent's portfolio of the scale world %zux%zu\n",
              clients, users);
  const State& view = portfolio.state;
  std::vector<ClientSummary> rows;
  std::printf("  clientSummaries (every row): median %.1f ms\n", medianMs(5, [&] {
                rows = clientSummaries(view, scale.fullAgent, view.clock, &portfolio.clients);
              }));
  // What a browser recomputes after one client's change (summaryReachOf() names it).
  const std::set<TenantId> one{rows[rows.size() / 2].tenantId};
  std::printf("  refreshSummaries (one client's row): median %.3f ms\n", medianMs(5, [&] {
                refreshSummaries(view, scale.fullAgent, view.clock, one, rows, &portfolio.clients);
              }));
  web::Projection projection;
  web::KnownSecrets secrets;
  std::uint64_t revision = 0;
  std::printf("  Projection::rebuild (the whole model): median %.1f ms\n", medianMs(5, [&] {
                projection.rebuild(view, scale.fullAgent, secrets, "http://x", ++revision, rows);
              }));
  std::printf("  (%zu customers, %zu relationships, %zu assignments in the model)\n",
              projection.model().customers.size(), projection.model().relationships.size(),
              projection.model().assignments.size());
  return 0;
}

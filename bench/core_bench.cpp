// Core benchmarks on the generated world of 10,000 customers, 1,000 partner users, 100 groups,
// 20,000 relationships and 1,000,000 customer users (core/seed/scale_world.hpp). Prints:
//  - authorize(): median per call (target <= 1 us), measured call by call;
//  - applying 1,000,000 events (target <= 3 s);
//  - heap bytes per customer user (target <= 400), by mallinfo2 deltas.
#include <benchmark/benchmark.h>
#include <malloc.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <memory>
#include <vector>

#include "core/apply.hpp"
#include "core/authorize.hpp"
#include "core/decide.hpp"
#include "core/json_forms.hpp"
#include "core/seed/scale_world.hpp"

using namespace delegate;

namespace {

ScaleSpec fullSpec() {
  return ScaleSpec{};
}

std::size_t heapInUse() {
  struct mallinfo2 m = mallinfo2();
  return m.uordblks + m.hblkhd;
}

struct World {
  State state;
  ScaleWorld ids;
};

// Built once; every benchmark that needs the big world shares it.
World& world() {
  static World* w = [] {
    auto* out = new World;
    auto start = std::chrono::steady_clock::now();
    out->ids = buildScaleWorld(fullSpec(), out->state);
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf(
        "world: %zu tenants, %zu users, %zu groups, %zu relationships, %zu assignments "
        "(generated and applied in %.2f s)\n",
        out->state.tenants.size(), out->state.users.size(), out->state.groups.size(),
        out->state.relationships.size(), out->state.accessAssignments.size(), secs);
    return out;
  }();
  return *w;
}

struct Query {
  Principal principal;
  Action action;
  Target target;
};

std::vector<Query> queries(std::size_t n) {
  World& w = world();
  const Action actions[] = {Action::readDirectory, Action::createUser, Action::resetPassword,
                            Action::updateUser,    Action::addDomain,  Action::manageDevices};
  DeterministicSource rng(7);
  std::vector<Query> out;
  out.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    UserId agent = w.ids.partnerUsers[rng.nextU64() % w.ids.partnerUsers.size()];
    std::size_t c = rng.nextU64() % w.ids.customers.size();
    TenantId customer = w.ids.customers[c];
    const auto& users = w.state.usersOf(customer);
    UserId target = users[rng.nextU64() % users.size()];
    out.push_back({Principal::user(agent, customer), actions[rng.nextU64() % std::size(actions)],
                   Target::onUser(customer, target)});
  }
  return out;
}

void BM_Authorize(benchmark::State& bs) {
  World& w = world();
  auto qs = queries(1 << 14);
  std::size_t i = 0, allowed = 0;
  for (auto _ : bs) {
    const Query& q = qs[i++ & (qs.size() - 1)];
    Authorization a = authorize(w.state, q.principal, q.action, q.target);
    allowed += a.allowed;
    benchmark::DoNotOptimize(a);
  }
  bs.counters["allowedShare"] = static_cast<double>(allowed) / static_cast<double>(i);
}
BENCHMARK(BM_Authorize);

// The median of individually timed calls: the figure the issue sets a limit on.
void BM_AuthorizeMedian(benchmark::State& bs) {
  World& w = world();
  auto qs = queries(200000);
  std::vector<double> ns;
  ns.reserve(qs.size());
  for (auto _ : bs) {
    ns.clear();
    for (const Query& q : qs) {
      auto t0 = std::chrono::steady_clock::now();
      Authorization a = authorize(w.state, q.principal, q.action, q.target);
      benchmark::DoNotOptimize(a);
      auto t1 = std::chrono::steady_clock::now();
      ns.push_back(std::chrono::duration<double, std::nano>(t1 - t0).count());
    }
  }
  std::sort(ns.begin(), ns.end());
  const double median = ns[ns.size() / 2], p99 = ns[ns.size() * 99 / 100];
  bs.counters["median_ns"] = median;
  bs.counters["p99_ns"] = p99;
  std::printf("authorize(): median %.0f ns, p99 %.0f ns per call (limit 1000 ns) — %s\n", median,
              p99, median <= 1000 ? "OK" : "OVER");
}
BENCHMARK(BM_AuthorizeMedian)->Iterations(1)->Unit(benchmark::kMillisecond);

void BM_Explain(benchmark::State& bs) {
  World& w = world();
  auto qs = queries(1 << 12);
  std::size_t i = 0;
  for (auto _ : bs) {
    const Query& q = qs[i++ & (qs.size() - 1)];
    std::string s = explain(w.state, authorize(w.state, q.principal, q.action, q.target));
    benchmark::DoNotOptimize(s);
  }
}
BENCHMARK(BM_Explain);

void BM_Apply1M(benchmark::State& bs) {
  // The first 1,000,000 events of the scale world (tenants, users, relationships...).
  std::vector<Event> events;
  events.reserve(1000000);
  generateScaleWorld(fullSpec(), [&](const Event& e) {
    if (events.size() < 1000000) events.push_back(e);
  });
  double secs = 0;
  for (auto _ : bs) {
    State s;
    auto t0 = std::chrono::steady_clock::now();
    applyAll(s, events);
    secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    benchmark::DoNotOptimize(s.users.size());
    bs.PauseTiming();
    {
      State drop = std::move(s);  // destruction is not part of the figure
    }
    bs.ResumeTiming();
  }
  bs.counters["seconds"] = secs;
  std::printf("apply(): 1,000,000 events in %.2f s (limit 3 s) — %s\n", secs,
              secs <= 3 ? "OK" : "OVER");
}
BENCHMARK(BM_Apply1M)->Iterations(1)->Unit(benchmark::kMillisecond);

void BM_MemoryPerCustomerUser(benchmark::State& bs) {
  // The same world with and without its customer users; the difference is what they cost.
  double perUser = 0;
  for (auto _ : bs) {
    ScaleSpec without = fullSpec();
    without.customerUsers = without.customers;  // keep each customer's administrator
    const std::size_t base0 = heapInUse();
    auto small = std::make_unique<State>();
    buildScaleWorld(without, *small);
    const std::size_t smallBytes = heapInUse() - base0;
    small.reset();
    malloc_trim(0);

    const std::size_t base1 = heapInUse();
    auto big = std::make_unique<State>();
    buildScaleWorld(fullSpec(), *big);
    const std::size_t bigBytes = heapInUse() - base1;
    const std::size_t users = fullSpec().customerUsers - without.customerUsers;
    perUser = static_cast<double>(bigBytes - smallBytes) / static_cast<double>(users);
    std::printf("memory: %.0f bytes per customer user (limit 400) — %s; whole world %.0f MB\n",
                perUser, perUser <= 400 ? "OK" : "OVER", bigBytes / 1e6);
  }
  bs.counters["bytesPerCustomerUser"] = perUser;
}
BENCHMARK(BM_MemoryPerCustomerUser)->Iterations(1)->Unit(benchmark::kMillisecond);

void BM_DecideResetPassword(benchmark::State& bs) {
  World& w = world();
  DeterministicSource src(9);
  UserId agent = w.ids.partnerUsers[1];  // Full administration
  std::size_t i = 0;
  for (auto _ : bs) {
    TenantId customer = w.ids.customers[i++ % w.ids.customers.size()];
    UserId target = w.state.usersOf(customer)[1];
    Command c = ResetPassword{target};
    Decision d =
        decide(w.state, Principal::user(agent, customer), c, src.contextFor(w.state.clock, c));
    benchmark::DoNotOptimize(d);
  }
}
BENCHMARK(BM_DecideResetPassword);

void BM_CommandJsonRoundTrip(benchmark::State& bs) {
  CreateRelationship c;
  c.displayName = "Managed support";
  c.accessDetails.unifiedRoles = {Role::userAdministrator, Role::helpdeskAdministrator};
  Command cmd = c;
  for (auto _ : bs) {
    auto back = decodeCommand(encodeCommand(cmd));
    benchmark::DoNotOptimize(back);
  }
}
BENCHMARK(BM_CommandJsonRoundTrip);

}  // namespace

BENCHMARK_MAIN();

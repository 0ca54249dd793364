#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "core/apply.hpp"
#include "core/json_forms.hpp"
#include "core/seed/scale_world.hpp"
#include "server/live_domain.hpp"
#include "server/parallel_replay.hpp"
#include "server/sqlite_event_store.hpp"
#include "server_process.hpp"

using namespace delegate;
using namespace delegate::server;
using delegate::testing::TempDir;

namespace {

std::vector<Event> smallWorld() {
  ScaleSpec spec;
  spec.customers = 40;
  spec.partnerUsers = 30;
  spec.groups = 5;
  spec.relationships = 60;
  spec.customerUsers = 2000;
  std::vector<Event> events;
  generateScaleWorld(spec, [&](const Event& e) { events.push_back(e); });
  return events;
}

std::unique_ptr<SqliteEventStore> storeWith(const std::string& dir,
                                            const std::vector<std::string>& bodies) {
  auto store = SqliteEventStore::open(dir, "replay-test");
  REQUIRE(store.ok());
  REQUIRE(store.value()->append(bodies).ok());
  return std::move(store.value());
}

}  // namespace

TEST_CASE("parallel replay visits every stored event once, in revision order, decoded") {
  TempDir dir;
  std::vector<Event> events = smallWorld();
  std::vector<std::string> bodies;
  for (const Event& e : events) bodies.push_back(encodeEvent(e));
  auto store = storeWith(dir.path(), bodies);

  // Small batches and more decoders than cores, so batches finish out of order.
  for (unsigned decoders : {1u, 3u, 8u}) {
    std::uint64_t expected = 11;
    bool inOrder = true, sameEvents = true;
    Status s = replayInOrder(
        *store, 10,
        [&](std::uint64_t revision, const Event& event, std::string_view body) {
          inOrder = inOrder && revision == expected;
          sameEvents = sameEvents && body == bodies[revision - 1] &&
                       encodeEvent(event) == bodies[revision - 1];
          ++expected;
        },
        ReplayOptions{decoders, 7});
    REQUIRE(s.ok());
    CHECK(inOrder);
    CHECK(sameEvents);
    CHECK(expected == bodies.size() + 1);
  }
}

TEST_CASE("parallel replay stops at a body the core cannot decode, after the events before it") {
  TempDir dir;
  std::vector<Event> events = smallWorld();
  std::vector<std::string> bodies;
  for (std::size_t i = 0; i < 300; ++i) bodies.push_back(encodeEvent(events[i]));
  bodies[149] = R"({"schemaVersion":1,"type":"noSuchEvent"})";  // revision 150
  auto store = storeWith(dir.path(), bodies);

  std::uint64_t last = 0;
  Status s = replayInOrder(
      *store, 0, [&](std::uint64_t revision, const Event&, std::string_view) { last = revision; },
      ReplayOptions{2, 16});
  REQUIRE_FALSE(s.ok());
  CHECK(s.error().message.find("event 150 cannot be read") != std::string::npos);
  CHECK(last == 149);
}

TEST_CASE("a live domain loaded in parallel equals the serial fold of the log") {
  TempDir dir;
  std::vector<Event> events = smallWorld();
  std::vector<std::string> bodies;
  for (const Event& e : events) bodies.push_back(encodeEvent(e));
  auto store = storeWith(dir.path(), bodies);

  LiveDomain domain(100);
  REQUIRE(domain.loadFrom(*store).ok());
  State serial = replay(events);
  bool equal = domain.read([&](const State& s, std::uint64_t) { return s == serial; });
  CHECK(equal);
  CHECK(domain.appliedRevision() == events.size());
  // The newest events are kept for incremental sync, exactly as stored.
  domain.readWithRecent([&](const State&, const std::deque<RecordedEvent>& recent, std::uint64_t) {
    REQUIRE(recent.size() == 100);
    CHECK(recent.front().revision == events.size() - 99);
    CHECK(recent.back().body == bodies.back());
  });
}

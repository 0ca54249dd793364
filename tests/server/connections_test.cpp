// Thousands of connections (issue 11): a waiting or slow client costs no thread and takes no
// capacity from others. Idle sockets, half-sent headers and parked long-polls are held in the
// thousands while /api/health and commands are answered at once; slow headers are cut at the
// header deadline; connections beyond the per-address cap are refused with 503.
#include <catch2/catch.hpp>

#include <chrono>
#include <future>
#include <thread>

#include "api_client.hpp"
#include "raw_http.hpp"
#include "seeded_world.hpp"
#include "tests/support/socket_swarm.hpp"

using namespace delegate;
using namespace delegate::testing;
using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

namespace {

// The slowest of `n` health checks from `source`, each on a fresh connection.
milliseconds slowestHealth(int port, const std::string& source, int n) {
  milliseconds worst{0};
  for (int i = 0; i < n; ++i) {
    auto t0 = Clock::now();
    RawReply r = rawRequest(port, source, "GET", "/api/health", "");
    auto took = std::chrono::duration_cast<milliseconds>(Clock::now() - t0);
    if (r.status != 200) return milliseconds(1000000);
    worst = std::max(worst, took);
  }
  return worst;
}

// `count` connections spread over 127.0.0.<first>.. in groups of `perAddress`.
std::size_t openSpread(SocketSwarm& swarm, int port, int first, std::size_t count,
                       std::size_t perAddress) {
  std::size_t opened = 0;
  for (int a = first; opened < count; ++a)
    opened +=
        swarm.open(port, "127.0.0." + std::to_string(a), std::min(perAddress, count - opened));
  return opened;
}

std::uint64_t revisionOf(const Api& api) {
  Reply r = api.get("/api/view");
  REQUIRE(r.status == 200);
  return r.body["revision"].get<std::uint64_t>();
}

Reply addUser(const Api& admin, const std::string& name) {
  return admin.command(
      "addUser", {{"userPrincipalName", name + "@contoso.onmicrosoft.com"}, {"displayName", name}});
}

}  // namespace

TEST_CASE("2,000 idle connections: health answers at once and a long-poll within a second",
          "[connections]") {
  REQUIRE(raiseOwnOpenFileLimit() > 2200);
  Cast c;
  TempDir data;
  c.w.writeTo(data.path());
  ServerProcess server({"--data", data.path()});
  Api alpha = Api::signIn(server, "admin@alphapartners.onmicrosoft.com", kPassword);
  Api contoso = Api::signIn(server, "admin@contoso.onmicrosoft.com", kPassword);
  const std::uint64_t rev = revisionOf(alpha);

  SocketSwarm idle;
  REQUIRE(openSpread(idle, server.port(), 10, 2000, 250) == 2000);  // under the cap of 256
  // httplib 0.11 had 96 threads: this many waiting sockets stalled every request for seconds.
  CHECK(slowestHealth(server.port(), "127.0.0.2", 20) < milliseconds(500));

  auto poll = std::async(std::launch::async, [&] {
    Reply r = alpha.get("/api/view?since=" + std::to_string(rev) + "&wait=25");
    return std::make_pair(r, Clock::now());
  });
  std::this_thread::sleep_for(milliseconds(300));  // let it park (it answers either way)
  REQUIRE(addUser(contoso, "idle").status == 200);
  const auto acked = Clock::now();
  auto [r, answered] = poll.get();
  CHECK(answered - acked < std::chrono::seconds(1));
  REQUIRE(r.status == 200);
  CHECK(r.text.find("userCreated") != std::string::npos);

  // They were held all along, not dropped to make room.
  idle.pump(milliseconds(10));
  CHECK(idle.countClosed() == 0);
}

TEST_CASE("slow-loris headers are cut at the header deadline without delaying anyone",
          "[connections]") {
  REQUIRE(raiseOwnOpenFileLimit() > 700);
  ServerProcess server({"--header-timeout", "2"});
  // 500 from one address: 256 (the default cap) are taken, the rest refused at once.
  SocketSwarm loris;
  REQUIRE(loris.open(server.port(), "127.0.0.3", 500) == 500);
  REQUIRE(loris.pumpUntil([&] { return loris.countClosed() >= 244; }, milliseconds(5000)));
  std::size_t refused = 0;
  for (const auto& p : loris.peers())
    if (p.closed) {
      CHECK(SocketSwarm::status(p) == 503);
      CHECK(p.received.find("serviceUnavailable") != std::string::npos);
      ++refused;
    }
  CHECK(refused == 244);

  // A header a byte at a time; health from another address answers at once meanwhile.
  const std::string header =
      "GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: " + std::string(200, 'a');
  const auto started = Clock::now();
  milliseconds worst{0};
  for (std::size_t i = 0; i < header.size() && loris.countClosed() < 500; ++i) {
    loris.sendEach(header.substr(i, 1));
    worst = std::max(worst, slowestHealth(server.port(), "127.0.0.2", 1));
    loris.pump(milliseconds(100));
  }
  CHECK(worst < milliseconds(500));
  REQUIRE(loris.countClosed() == 500);  // every slow header was cut...
  const auto cut = Clock::now() - started;
  CHECK(cut >= std::chrono::milliseconds(1500));  // ...at the deadline (2 s), not before
  CHECK(cut < std::chrono::seconds(8));
  CHECK(Api(server).get("/api/health").status == 200);
}

TEST_CASE("1,000 long-polls park without a thread and one commit wakes them all", "[connections]") {
  REQUIRE(raiseOwnOpenFileLimit() > 1200);
  Cast c;
  TempDir data;
  c.w.writeTo(data.path());
  ServerProcess server({"--data", data.path(), "--http-workers", "4"});
  Api alpha = Api::signIn(server, "admin@alphapartners.onmicrosoft.com", kPassword);
  Api contoso = Api::signIn(server, "admin@contoso.onmicrosoft.com", kPassword);
  const std::uint64_t rev = revisionOf(alpha);

  SocketSwarm polls;
  REQUIRE(openSpread(polls, server.port(), 20, 1000, 250) == 1000);
  polls.sendEach("GET /api/view?since=" + std::to_string(rev) +
                 "&wait=25 HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + alpha.bearer +
                 "\r\n\r\n");
  // With 4 workers, a poll that held one would leave nothing for health (or the polls).
  CHECK(slowestHealth(server.port(), "127.0.0.2", 10) < milliseconds(500));
  polls.pump(milliseconds(300));
  CHECK(polls.countAnswered() == 0);  // all still waiting

  REQUIRE(addUser(contoso, "woken").status == 200);
  const auto acked = Clock::now();
  REQUIRE(polls.pumpUntil([&] { return polls.countAnswered() == 1000; }, milliseconds(15000)));
  CHECK(Clock::now() - acked < std::chrono::seconds(5));
  std::size_t right = 0;
  for (const auto& p : polls.peers())
    right += SocketSwarm::status(p) == 200 && p.received.find("userCreated") != std::string::npos &&
             p.received.find("woken@contoso") != std::string::npos;
  CHECK(right == 1000);
}

// The event-driven transport on its own (no ServerApp): routes with httplib's patterns and
// matches, streamed answers through httplib's chunked content provider, parked handlers woken by
// the revision table or their deadline, the header deadline, and the pieces it is made of
// (ParkedWaits, static file paths).
#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <future>
#include <thread>

#include <unistd.h>

#include "raw_http.hpp"
#include "server/async_http_server.hpp"
#include "server/long_poll.hpp"
#include "server/parked_waits.hpp"
#include "server/router.hpp"
#include "server/static_files.hpp"
#include "tests/support/socket_swarm.hpp"

using namespace delegate::server;
using namespace delegate::testing;
using Clock = std::chrono::steady_clock;

namespace {

// An AsyncHttpServer on a free loopback port, served from a thread for the test's duration.
class Running {
 public:
  Running(const Router& router, HttpLimits limits) : server_(router, limits) {
    REQUIRE(server_.bind("127.0.0.1", 0).empty());
    thread_ = std::thread([this] { server_.run(); });
  }
  ~Running() {
    server_.parked().close();
    server_.stop();
    thread_.join();
  }
  int port() const { return server_.port(); }
  AsyncHttpServer& server() { return server_; }

 private:
  AsyncHttpServer server_;
  std::thread thread_;
};

}  // namespace

TEST_CASE("parked waits wake once, by the head or by cancel, and all at close", "[transport]") {
  ParkedWaits waits(5);
  int woken = 0;
  CHECK_FALSE(waits.park(4, [&] { ++woken; }));  // already past: go on at once
  auto a = waits.park(5, [&] { ++woken; });
  auto b = waits.park(7, [&] { ++woken; });
  auto c = waits.park(9, [&] { ++woken; });
  REQUIRE((a && b && c));
  waits.publish(6);  // beyond 5 only
  CHECK(woken == 1);
  CHECK_FALSE(waits.cancel(*a));  // woken already
  CHECK(waits.cancel(*b));        // its deadline came first
  waits.publish(8);
  CHECK(woken == 1);
  waits.close();
  CHECK(woken == 2);
  CHECK(waits.size() == 0);
  CHECK_FALSE(waits.park(100, [&] { ++woken; }));
}

TEST_CASE("static file paths never climb out of the web folder", "[transport]") {
  CHECK(isSafeSubPath("delegate.wasm"));
  CHECK(isSafeSubPath("assets/font.ttf"));
  CHECK(isSafeSubPath("a..b/c"));
  CHECK_FALSE(isSafeSubPath("../etc/passwd"));
  CHECK_FALSE(isSafeSubPath("assets/../../x"));
  CHECK_FALSE(isSafeSubPath("assets/.."));
  CHECK_FALSE(isSafeSubPath("a\\b"));
  CHECK(contentTypeOf("x/delegate.wasm") == "application/wasm");
  CHECK(contentTypeOf("index.HTML") == "text/html");
}

TEST_CASE("the app's WebAssembly and font data are sent gzipped to browsers that accept it",
          "[transport]") {
  char folder[] = "/tmp/delegate-static-XXXXXX";
  REQUIRE(::mkdtemp(folder));
  const std::string wasm(200000, '\x01');  // compresses well, like the real module
  for (const char* name : {"delegate.wasm", "delegate.data"}) {
    std::FILE* f = std::fopen((std::string(folder) + "/" + name).c_str(), "wb");
    REQUIRE(f);
    std::fwrite(wasm.data(), 1, wasm.size(), f);
    std::fclose(f);
    httplib::Request gzipOk;
    gzipOk.headers.emplace("Accept-Encoding", "gzip, deflate, br");
    httplib::Response zipped;
    REQUIRE(serveFile(folder, name, gzipOk, zipped));
    CHECK(zipped.get_header_value("Content-Encoding") == "gzip");
    CHECK(zipped.body.size() < wasm.size() / 10);
    httplib::Request plain;
    httplib::Response whole;
    REQUIRE(serveFile(folder, name, plain, whole));
    CHECK_FALSE(whole.has_header("Content-Encoding"));
    CHECK(whole.body == wasm);
    std::remove((std::string(folder) + "/" + name).c_str());
  }
  ::rmdir(folder);
}

TEST_CASE("the transport routes, streams and parks with httplib's handler signature",
          "[transport]") {
  Router router;
  router.Get(R"(/items/(\d+))", [](const httplib::Request& req, httplib::Response& res) {
    res.set_content("item " + req.matches[1].str() + " q=" + req.get_param_value("q"),
                    "text/plain");
  });
  router.Get("/stream", [](const httplib::Request&, httplib::Response& res) {
    res.set_chunked_content_provider("text/plain", [](std::size_t, httplib::DataSink& sink) {
      const std::string piece(1000, 'x');
      for (int i = 0; i < 1000; ++i) sink.write(piece.data(), piece.size());
      sink.done();
      return true;
    });
  });
  std::atomic<std::uint64_t> head{0};
  std::atomic<int> runs{0};
  // Answers once the head is beyond ?seen=N, or after 2 s (never an assertion off the main
  // thread: Catch is not thread-safe).
  router.Get("/wait", [&](const httplib::Request& req, httplib::Response& res) {
    ++runs;
    LongPoll* poll = LongPoll::current();
    if (!poll) return;  // status 200 with no body: fails the checks below
    const std::uint64_t seen = std::stoull(req.get_param_value("seen"));
    const auto deadline = poll->firstRun() + std::chrono::seconds(2);
    if (head <= seen && Clock::now() < deadline) return poll->park(seen, deadline);
    res.set_content("head " + std::to_string(head.load()), "text/plain");
  });
  HttpLimits limits;
  limits.workerThreads = 1;
  limits.headerSeconds = 1;
  Running running(router, limits);
  httplib::Client client("127.0.0.1", running.port());

  SECTION("regex groups, parameters, 404 and HEAD") {
    auto r = client.Get("/items/42?q=a%20b");
    REQUIRE(r);
    CHECK(r->body == "item 42 q=a b");
    CHECK(client.Get("/items/x")->status == 404);
    auto head = client.Head("/items/7");
    REQUIRE(head);
    CHECK(head->body.empty());
    CHECK(head->get_header_value("Content-Length") == "9");  // "item 7 q="
  }
  SECTION("a chunked content provider streams the whole body") {
    auto r = client.Get("/stream");
    REQUIRE(r);
    CHECK(r->get_header_value("Transfer-Encoding") == "chunked");
    CHECK(r->body.size() == 1000000);
  }
  SECTION("a parked handler runs again on a commit, and at its deadline, on one worker") {
    const auto t0 = Clock::now();
    auto woken = std::async(std::launch::async, [&] { return client.Get("/wait?seen=0"); });
    auto timedOut = std::async(std::launch::async, [&] {
      httplib::Client other("127.0.0.1", running.port());
      return other.Get("/wait?seen=10");
    });
    // Both are parked and the single worker is free: another request is served meanwhile.
    for (auto until = Clock::now() + std::chrono::seconds(5); runs < 2 && Clock::now() < until;)
      std::this_thread::yield();
    httplib::Client third("127.0.0.1", running.port());
    CHECK(third.Get("/items/1")->status == 200);
    head = 3;
    running.server().parked().publish(3);
    auto r = woken.get();
    REQUIRE(r);
    CHECK(r->body == "head 3");
    CHECK(Clock::now() - t0 < std::chrono::milliseconds(1500));
    auto late = timedOut.get();
    REQUIRE(late);
    CHECK(late->body == "head 3");
    CHECK(Clock::now() - t0 >= std::chrono::milliseconds(1900));
  }
  SECTION("a header sent a byte at a time is cut at the header deadline") {
    SocketSwarm slow;
    REQUIRE(slow.open(running.port(), "127.0.0.1", 1) == 1);
    const std::string header = "GET /items/1 HTTP/1.1\r\nHost: x\r\n";
    const auto t0 = Clock::now();
    for (std::size_t i = 0; i < header.size() && slow.countClosed() == 0; ++i) {
      slow.sendEach(header.substr(i, 1));
      slow.pump(std::chrono::milliseconds(100));
    }
    CHECK(slow.pumpUntil([&] { return slow.countClosed() == 1; }, std::chrono::seconds(3)));
    CHECK(Clock::now() - t0 < std::chrono::milliseconds(2500));
    CHECK(slow.peers()[0].received.empty());  // cut, not answered
  }
}

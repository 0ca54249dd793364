// Request bodies are held to 1 MiB: a declared Content-Length far above it (or above it with
// Expect: 100-continue) is refused at once, before the body is read; a chunked body is counted as
// it arrives and refused with 413 once it passes the limit (a 32 MiB chunked POST was read whole
// under httplib 0.11), while a small one is read like any other; and the open-file limit is
// raised at start.
#include <sys/resource.h>
#include <catch2/catch.hpp>

#include <cstdio>
#include <fstream>

#include "api_client.hpp"
#include "raw_http.hpp"

using namespace delegate::testing;

namespace {

const std::string kPost =
    "POST /api/commands HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n";

std::string chunked(std::size_t bytes) {
  const std::string chunk = "10000\r\n" + std::string(0x10000, 'a') + "\r\n";
  std::string body;
  body.reserve(bytes + bytes / 8);
  for (std::size_t n = 0; n < bytes; n += 0x10000) body += chunk;
  return body + "0\r\n\r\n";
}

}  // namespace

TEST_CASE("request bodies are held to the limit before they are read") {
  ServerProcess server;
  long ms = 0;

  SECTION("a 32 MiB chunked body is refused at the limit, not buffered, and nothing changes") {
    const auto before = Api(server).get("/api/health").body["revision"];
    RawReply r = rawExchange(server.port(),
                             kPost + "Transfer-Encoding: chunked\r\n\r\n" + chunked(32u << 20),
                             2000, 8000, &ms);
    CHECK(r.status == 413);
    CHECK(r.body.find("requestTooLarge") != std::string::npos);
    CHECK(Api(server).get("/api/health").body["revision"] == before);
    // A small chunked body is read and judged like a declared one (here: nobody signed in).
    const std::string command =
        R"({"schemaVersion":1,"type":"createGroup","displayName":"Chunked"})";
    char size[16];
    std::snprintf(size, sizeof size, "%zx", command.size());
    CHECK(rawExchange(server.port(),
                      kPost + "Transfer-Encoding: chunked\r\n\r\n" + size + "\r\n" + command +
                          "\r\n0\r\n\r\n",
                      2000, 8000)
              .status == 401);
  }
  SECTION("an oversized declared body is refused at once, without waiting for it") {
    RawReply r =
        rawExchange(server.port(), kPost + "Content-Length: 33554432\r\n\r\n", 2000, 8000, &ms);
    CHECK(r.status == 413);
    CHECK(r.body.find("requestTooLarge") != std::string::npos);
    CHECK(ms < 2000);  // the read timeout is 10 s
    // With Expect: 100-continue the refusal comes instead of the go-ahead.
    r = rawExchange(server.port(),
                    kPost + "Content-Length: 1048577\r\nExpect: 100-continue\r\n\r\n", 2000, 8000,
                    &ms);
    CHECK(r.status == 413);
    CHECK(ms < 2000);
    CHECK(rawExchange(server.port(), kPost + "Content-Length: 12x\r\n\r\n", 2000, 8000).status ==
          400);
    // A little too much, sent in full: drained, so the client reads a clean refusal.
    r = rawExchange(server.port(),
                    kPost + "Content-Length: 2097152\r\n\r\n" + std::string(2u << 20, ' '), 5000,
                    8000);
    CHECK(r.status == 413);
  }
  SECTION("a body within the limit is read as before") {
    // Read in full (1 MiB exactly) and then judged: blanks are not a command.
    std::string body(1u << 20, ' ');
    RawReply r =
        rawExchange(server.port(), kPost + "Content-Length: 1048576\r\n\r\n" + body, 5000, 8000);
    CHECK(r.status == 400);
  }
  // Other requests were served all along.
  CHECK(Api(server).get("/api/health").status == 200);
}

TEST_CASE("the server raises its open-file limit to the hard limit at start") {
  rlimit before{};
  REQUIRE(getrlimit(RLIMIT_NOFILE, &before) == 0);
  if (before.rlim_max <= 512) return;  // nothing to raise on this machine
  rlimit lowered = before;
  lowered.rlim_cur = 512;
  REQUIRE(setrlimit(RLIMIT_NOFILE, &lowered) == 0);
  ServerProcess server;  // inherits 512
  setrlimit(RLIMIT_NOFILE, &before);
  std::ifstream limits("/proc/" + std::to_string(server.pid()) + "/limits");
  std::string line;
  std::string soft;
  while (std::getline(limits, line))
    if (line.rfind("Max open files", 0) == 0) soft = line.substr(26, 20);
  soft = soft.substr(0, soft.find(' '));
  REQUIRE_FALSE(soft.empty());
  const std::string hard =
      before.rlim_max == RLIM_INFINITY ? "unlimited" : std::to_string(before.rlim_max);
  CHECK((soft == hard || (hard == "unlimited" && soft != "512")));
}

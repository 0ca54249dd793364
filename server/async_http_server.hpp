#pragma once
// The HTTP transport: event-driven, so a waiting browser costs no thread.
//
// Why this shape: cpp-httplib 0.11 gave each connection a thread from a pool of 96, so 120
// long-polling browsers (or 100 idle or half-sent sockets from anyone) stalled every other
// request (/api/health took 17.9 s). The servers that hold tens of thousands of connections
// (nginx, Envoy, Seastar-style C++ servers, Boost.Beast's own examples) multiplex sockets over a
// few event loops and keep slow work off them. Here: Boost.Asio accepts and moves bytes on a few
// I/O threads, Boost.Beast parses requests (header-only, from Debian's libboost1.81-dev), and
// handlers run on a bounded worker pool (server/worker_pool.hpp). A long-poll with nothing to say
// parks (server/long_poll.hpp): the connection waits on the revision signal and a timer, holding
// neither an I/O nor a worker thread, and its handler runs again when a commit or its deadline
// comes.
//
// What keeps one client from taking capacity from others (server/http_setup.hpp's HttpLimits):
// a header deadline from a request's first byte (slow loris), a body deadline, an idle timeout,
// a per-address and a total connection cap (503 beyond them), bodies held to the limit whether
// declared or chunked (server/body_limits.hpp), and a write deadline per chunk.
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "server/http_setup.hpp"

namespace delegate::server {

class ParkedWaits;
class Router;

class AsyncHttpServer {
 public:
  // `exemptFromAddressCap`: addresses the per-address cap does not apply to (trusted proxies).
  AsyncHttpServer(const Router& router, const HttpLimits& limits,
                  std::function<bool(const std::string& address)> exemptFromAddressCap = {});
  ~AsyncHttpServer();
  AsyncHttpServer(const AsyncHttpServer&) = delete;
  AsyncHttpServer& operator=(const AsyncHttpServer&) = delete;

  // Serves HTTPS with this PEM certificate (chain) and key; the problem in words, or empty.
  std::string useTls(const std::string& certFile, const std::string& keyFile);
  // Binds and listens (backlog: the system's maximum); the problem in words, or empty.
  std::string bind(const std::string& host, int port);
  int port() const;
  // Serves until stop(); returns once the answers in flight are written.
  void run();
  // From any thread: stop accepting, let handlers finish and their answers go out, then return
  // from run(). Parked long-polls are woken by the revision signal's close (ServerApp).
  void stop();

  // Where long-polls park: feed it the durable head (and its close) from the commit path.
  ParkedWaits& parked();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace delegate::server

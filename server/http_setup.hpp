#pragma once
#include <cstddef>

namespace httplib {
class Server;
}

namespace delegate::server {

struct HttpLimits {
  std::size_t maxBodyBytes = 1 << 20;  // larger bodies get 413
  int readTimeoutSeconds = 10;         // a client that stalls mid-request is cut off
  int writeTimeoutSeconds = 10;
  int keepAliveSeconds = 5;
  // Each open connection holds a worker while it is kept alive, and a long-poll holds one for up
  // to 25 s, so the pool is much larger than the core count.
  std::size_t workerThreads = 96;
};

// Transport settings shared by the product and the tests: TCP_NODELAY (without it a small POST
// waits ~40 ms for Nagle + delayed ACK), body limit, timeouts and the worker pool.
void configureHttp(httplib::Server& server, const HttpLimits& limits);

}  // namespace delegate::server

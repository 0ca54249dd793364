#pragma once
#include <cstddef>
#include <string>

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

// The Content-Security-Policy for pages built from `indexHtml` (the web app's page): scripts only
// from this origin plus the page's own inline scripts by their SHA-256 ('unsafe-inline' is never
// allowed), WebAssembly compilation ('wasm-unsafe-eval'), inline styles (the loading screen's),
// no plugins, and no framing by any site.
std::string contentSecurityPolicy(const std::string& indexHtml);

// Headers on every response: no MIME sniffing, the policy above, no framing (X-Frame-Options for
// browsers without frame-ancestors), and no Referer (offer and approval links carry their token
// in the URL; a page they lead to must not hand it on). `webRoot` may be empty (API only).
// `https`: the server is reached over HTTPS, so browsers are told to never use plain HTTP for it
// again (Strict-Transport-Security, one year).
void addSecurityHeaders(httplib::Server& server, const std::string& webRoot, bool https);

}  // namespace delegate::server

#pragma once
#include <cstddef>
#include <string>

namespace delegate::server {

class Router;

// What the transport (server/async_http_server.hpp) holds each connection to. A waiting
// connection costs a socket and a few hundred bytes, never a thread, so the caps are about
// file descriptors and fairness, not about a worker pool.
struct HttpLimits {
  std::size_t maxBodyBytes = 1 << 20;  // larger bodies get 413, declared or chunked
  // From a request's first byte to its last header line: a client that sends a header a byte at
  // a time (slow loris) is cut off here, whatever its pace.
  int headerSeconds = 10;
  int bodySeconds = 20;   // from the end of the header to the end of a body (1 MiB at most)
  int writeSeconds = 10;  // each write of an answer (a streamed snapshot: each chunk)
  // A connection that has sent nothing yet, or nothing since its last answer (keep-alive).
  int idleSeconds = 30;
  // Open connections beyond these get 503 and are closed at once. The per-address cap keeps one
  // host from taking them all; addresses of trusted proxies (--trusted-proxy) are exempt, since
  // every client behind a balancer shares its address. 0: no per-address cap.
  std::size_t maxConnections = 20000;
  std::size_t maxConnectionsPerAddress = 256;
  // Handlers run here (SQLite, password hashing, encoding): never on the I/O threads. A parked
  // long-poll holds none of them.
  std::size_t workerThreads = 16;
  std::size_t ioThreads = 2;
};

// Transport-independent answer rules: JSON is gzipped by our rules (compressJsonResponse).
void configureHttp(Router& router);

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
void addSecurityHeaders(Router& router, const std::string& webRoot, bool https);

}  // namespace delegate::server

#pragma once
// Request-body rules applied before any body byte is read (httplib 0.11 reads a declared body
// in full before refusing it, and buffers a chunked one without any limit):
// - a declared Content-Length above the limit with "Expect: 100-continue": 413 instead of the
//   go-ahead, the body never sent;
// - a declared Content-Length above kDrainAtMostBytes: 413 at once, the body never read (a
//   client that sends it anyway may see the connection reset before the answer);
// - between the two: httplib reads and discards the body, then answers 413, so a client that
//   sent a little too much reads a clean refusal (bounded by kDrainAtMostBytes and the read
//   timeout, like any slow request);
// - a chunked (or otherwise transfer-coded) body: 411, send a Content-Length instead. httplib
//   offers no hook to count a chunked body as it arrives, and every client of this API (the web
//   app, Graph SDKs, curl -d) declares its length.
#include <cstddef>

namespace httplib {
class Server;
}

namespace delegate::server {

inline constexpr std::size_t kDrainAtMostBytes = 8u << 20;

void limitRequestBodies(httplib::Server& server, std::size_t maxBodyBytes);

}  // namespace delegate::server

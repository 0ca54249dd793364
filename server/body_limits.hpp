#pragma once
// Request-body rules, judged from the header before any body byte is read:
// - a declared Content-Length above the limit with "Expect: 100-continue": 413 instead of the
//   go-ahead, the body never sent;
// - a declared Content-Length above kDrainAtMostBytes: 413 at once, the body never read (a
//   client that sends it anyway may see the connection reset before the answer);
// - between the two: the body is read and discarded, then 413, so a client that sent a little
//   too much reads a clean refusal (bounded by kDrainAtMostBytes and the body deadline);
// - a chunked body is read with the same limit as a declared one: the transport's parser counts
//   it as it arrives and answers 413 (refuseLargeBody) the moment it passes the limit.
#include <cstddef>

namespace httplib {
struct Request;
struct Response;
}  // namespace httplib

namespace delegate::server {

inline constexpr std::size_t kDrainAtMostBytes = 8u << 20;

enum class BodyPlan {
  read,             // read the body (at most the limit) and route the request
  drainThenRefuse,  // read and discard the declared body, then answer `res` (413)
  refuseNow,        // answer `res` (400 or 413) without reading the body, then close
};

// Judges `req` (its header only) against `maxBodyBytes`; for a refusal, fills `res`.
BodyPlan planBody(const httplib::Request& req, httplib::Response& res, std::size_t maxBodyBytes);

// The answer to a body that turned out larger than the limit while it arrived.
void refuseLargeBody(httplib::Response& res);

}  // namespace delegate::server

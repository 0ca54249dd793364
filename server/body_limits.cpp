#include "server/body_limits.hpp"

#include <httplib.h>

#include <algorithm>

#include "core/errors.hpp"
#include "server/http_errors.hpp"

namespace delegate::server {

namespace {

// The refusal's status, or 0 when the body may be read (httplib still refuses one above
// `maxBodyBytes` after reading it). Sets the answer in `res`.
int refuseBody(const httplib::Request& req, httplib::Response& res, std::size_t maxBodyBytes) {
  if (req.has_header("Transfer-Encoding")) {
    res.set_header("Connection", "close");
    sendTransportError(res, 411, errc::invalidRequest,
                       "Send the request body with a Content-Length (at most 1 MiB); chunked "
                       "bodies are not accepted.");
    return 411;
  }
  if (!req.has_header("Content-Length")) return 0;
  const std::string length = req.get_header_value("Content-Length");
  bool digits = !length.empty() && length.size() <= 19;
  for (char c : length) digits = digits && c >= '0' && c <= '9';
  if (digits && std::stoull(length) <= maxBodyBytes) return 0;
  res.set_header("Connection", "close");
  if (!digits) {
    sendTransportError(res, 400, errc::invalidRequest, "Content-Length must be a number of bytes.");
    return 400;
  }
  sendError(res, errc::requestTooLarge, "The request body is larger than 1 MiB.");
  return 413;
}

}  // namespace

void limitRequestBodies(httplib::Server& server, std::size_t maxBodyBytes) {
  server.set_payload_max_length(maxBodyBytes);
  server.set_expect_100_continue_handler(
      [maxBodyBytes](const httplib::Request& req, httplib::Response& res) {
        const int refused = refuseBody(req, res, maxBodyBytes);  // nothing sent yet: refuse
        return refused ? refused : 100;
      });
  server.set_pre_routing_handler(
      [maxBodyBytes](const httplib::Request& req, httplib::Response& res) {
        // A body on its way (no Expect) is drained when modestly too large, see the header.
        const std::size_t cap =
            req.has_header("Expect") ? maxBodyBytes : std::max(maxBodyBytes, kDrainAtMostBytes);
        return refuseBody(req, res, cap) ? httplib::Server::HandlerResponse::Handled
                                         : httplib::Server::HandlerResponse::Unhandled;
      });
}

}  // namespace delegate::server

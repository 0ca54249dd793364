#include "server/body_limits.hpp"

#include <httplib.h>

#include "core/errors.hpp"
#include "server/http_errors.hpp"

namespace delegate::server {

void refuseLargeBody(httplib::Response& res) {
  res.set_header("Connection", "close");
  sendError(res, errc::requestTooLarge, "The request body is larger than 1 MiB.");
}

BodyPlan planBody(const httplib::Request& req, httplib::Response& res, std::size_t maxBodyBytes) {
  // A transfer-coded body has no declared length: the parser holds it to the limit as it comes.
  if (req.has_header("Transfer-Encoding") || !req.has_header("Content-Length"))
    return BodyPlan::read;
  const std::string length = req.get_header_value("Content-Length");
  bool digits = !length.empty() && length.size() <= 19;
  for (char c : length) digits = digits && c >= '0' && c <= '9';
  if (!digits) {
    res.set_header("Connection", "close");
    sendTransportError(res, 400, errc::invalidRequest, "Content-Length must be a number of bytes.");
    return BodyPlan::refuseNow;
  }
  const unsigned long long declared = std::stoull(length);
  if (declared <= maxBodyBytes) return BodyPlan::read;
  refuseLargeBody(res);
  // With Expect: 100-continue nothing was sent yet; a body on its way is drained when modestly
  // too large, see the header.
  return req.has_header("Expect") || declared > kDrainAtMostBytes ? BodyPlan::refuseNow
                                                                  : BodyPlan::drainThenRefuse;
}

}  // namespace delegate::server

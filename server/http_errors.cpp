#include "server/http_errors.hpp"

#include <httplib.h>

#include "server/json_response.hpp"

namespace delegate::server {

namespace {
void writeError(httplib::Response& res, int status, std::string_view code,
                const std::string& message, const std::string& target,
                const nlohmann::json& details) {
  nlohmann::json error = {{"code", code}, {"message", message}};
  if (!target.empty()) error["target"] = target;
  if (!details.is_null()) error["details"] = details;
  sendJson(res, status, nlohmann::json{{"error", std::move(error)}});
}
}  // namespace

void sendError(httplib::Response& res, std::string_view code, const std::string& message,
               const std::string& target, const nlohmann::json& details) {
  writeError(res, httpStatus(errorKind(code)), code, message, target, details);
}

void sendError(httplib::Response& res, const Error& error) {
  sendError(res, error.code, error.message, error.target);
}

void sendTransportError(httplib::Response& res, int status, std::string_view code,
                        const std::string& message) {
  writeError(res, status, code, message, {}, nullptr);
}

void sendJson(httplib::Response& res, int status, const nlohmann::json& body) {
  res.status = status;
  res.set_header("Cache-Control", "no-store");
  // Replace invalid UTF-8 instead of throwing: an error must never turn into a 500.
  res.set_content(body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
                  kJsonContentType);
}

}  // namespace delegate::server

#pragma once
#include <nlohmann/json.hpp>
#include <string>

namespace httplib {
struct Response;
}

namespace delegate::server {

// Writes the API's error body {"error":{"code","message"[,"target"][,"details"]}} with
// `status`. The same shape serves /api and /v1.0 (it is Graph's), so one parser reads both.
// `target` names the field or object at fault, so a form can mark the right input.
void sendError(httplib::Response& res, int status, const std::string& code,
               const std::string& message, const std::string& target = {},
               const nlohmann::json& details = nullptr);

// Writes `body` as JSON with `status`, never cached (every answer depends on who asks).
void sendJson(httplib::Response& res, int status, const nlohmann::json& body);

}  // namespace delegate::server

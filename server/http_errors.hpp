#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace httplib {
struct Response;
}

namespace delegate::server {

// Writes the API's error body {"error":{"code","message"[,"target"][,"details"]}}. The status
// comes from the code's kind in the catalog (core/errors.hpp), so a code and a status can never
// disagree; pass errc:: constants. The same shape serves /api and /v1.0 (it is Graph's), so one
// parser reads both. `target` names the field or object at fault, so a form can mark the right
// input.
void sendError(httplib::Response& res, std::string_view code, const std::string& message,
               const std::string& target = {}, const nlohmann::json& details = nullptr);
void sendError(httplib::Response& res, const Error& error);

// Only for refusals the transport decided before any route ran (its own status, such as 400).
void sendTransportError(httplib::Response& res, int status, std::string_view code,
                        const std::string& message);

// Writes `body` as JSON with `status`, never cached (every answer depends on who asks).
void sendJson(httplib::Response& res, int status, const nlohmann::json& body);

}  // namespace delegate::server

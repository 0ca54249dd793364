#pragma once
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace httplib {
struct Request;
struct Response;
}  // namespace httplib

namespace delegate::server {

// Parses outside input, refusing an object that names one key twice (nlohmann would keep the
// last). Empty on invalid JSON; on a repeated key also sets `duplicate` to it.
std::optional<nlohmann::json> parseJsonRejectingDuplicates(const std::string& text,
                                                           std::string& duplicate);

// The request body as a JSON object, or an error response that says what is wrong with it:
// 415 unless Content-Type is application/json, 400 for invalid JSON or a repeated key.
std::optional<nlohmann::json> jsonObjectBody(const httplib::Request& req, httplib::Response& res);

// Reads a string member; on a wrong type or absence (when required) writes a 400 naming it.
bool readString(const nlohmann::json& body, const char* name, std::string& into, bool required,
                httplib::Response& res, std::size_t maxLength = 1000);

// Refuses members other than `allowed` (a typo should not be silently ignored).
bool onlyKnownMembers(const nlohmann::json& body, std::initializer_list<const char*> allowed,
                      httplib::Response& res);

}  // namespace delegate::server

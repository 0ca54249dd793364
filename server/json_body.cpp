#include "server/json_body.hpp"

#include <httplib.h>

#include "server/http_errors.hpp"

namespace delegate::server {

std::optional<nlohmann::json> jsonObjectBody(const httplib::Request& req, httplib::Response& res) {
  if (req.body.empty()) {
    sendError(res, 400, "invalidRequest", "The request needs a JSON object body.");
    return std::nullopt;
  }
  nlohmann::json body = nlohmann::json::parse(req.body, nullptr, false);
  if (body.is_discarded()) {
    sendError(res, 400, "invalidJson", "The body is not valid JSON.");
    return std::nullopt;
  }
  if (!body.is_object()) {
    sendError(res, 400, "invalidRequest",
              std::string("The body must be a JSON object, not ") + body.type_name() + ".");
    return std::nullopt;
  }
  return body;
}

bool readString(const nlohmann::json& body, const char* name, std::string& into, bool required,
                httplib::Response& res, std::size_t maxLength) {
  auto it = body.find(name);
  if (it == body.end() || it->is_null()) {
    if (!required) return true;
    sendError(res, 400, "invalidRequest", std::string("The field '") + name + "' is required.",
              name);
    return false;
  }
  if (!it->is_string()) {
    sendError(
        res, 400, "invalidRequest",
        std::string("The field '") + name + "' must be a string, not " + it->type_name() + ".",
        name);
    return false;
  }
  into = it->get<std::string>();
  if (into.size() > maxLength) {
    sendError(res, 400, "invalidRequest",
              std::string("The field '") + name + "' is longer than " + std::to_string(maxLength) +
                  " characters.",
              name);
    return false;
  }
  return true;
}

bool onlyKnownMembers(const nlohmann::json& body, std::initializer_list<const char*> allowed,
                      httplib::Response& res) {
  for (auto it = body.begin(); it != body.end(); ++it) {
    bool known = false;
    for (const char* a : allowed) known = known || it.key() == a;
    if (!known) {
      sendError(res, 400, "unknownField", "The field '" + it.key() + "' is not understood here.",
                it.key());
      return false;
    }
  }
  return true;
}

}  // namespace delegate::server

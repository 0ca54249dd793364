#include "server/json_body.hpp"

#include <httplib.h>

#include <set>
#include <vector>

#include "core/errors.hpp"
#include "server/http_errors.hpp"

namespace delegate::server {

namespace {

// "application/json", any case, optionally followed by parameters ("; charset=utf-8").
bool isJsonMediaType(const std::string& header) {
  std::string type = header.substr(0, header.find(';'));
  while (!type.empty() && (type.back() == ' ' || type.back() == '\t')) type.pop_back();
  std::size_t start = type.find_first_not_of(" \t");
  if (start == std::string::npos) return false;
  type = type.substr(start);
  for (char& c : type)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return type == "application/json";
}

}  // namespace

std::optional<nlohmann::json> parseJsonRejectingDuplicates(const std::string& text,
                                                           std::string& duplicate) {
  // nlohmann keeps the last of two equal keys; we refuse them instead, because two readers of
  // one body could each see a different value. The callback sees every key before it is stored:
  // a stack holds the keys of each object being parsed.
  std::vector<std::set<std::string>> open;
  duplicate.clear();
  auto callback = [&](int, nlohmann::json::parse_event_t event, nlohmann::json& parsed) {
    switch (event) {
      case nlohmann::json::parse_event_t::object_start:
        open.emplace_back();
        break;
      case nlohmann::json::parse_event_t::object_end:
        if (!open.empty()) open.pop_back();
        break;
      case nlohmann::json::parse_event_t::key:
        if (!open.empty() && parsed.is_string() &&
            !open.back().insert(parsed.get<std::string>()).second && duplicate.empty())
          duplicate = parsed.get<std::string>();
        break;
      default:
        break;
    }
    return true;
  };
  nlohmann::json body = nlohmann::json::parse(text, callback, false);
  if (body.is_discarded() || !duplicate.empty()) return std::nullopt;
  return body;
}

std::optional<nlohmann::json> jsonObjectBody(const httplib::Request& req, httplib::Response& res) {
  // Only a JSON content type: a cross-site HTML form can send text/plain (or no type) without a
  // preflight, so accepting those would let another site post to us in a victim's browser.
  if (!isJsonMediaType(req.get_header_value("Content-Type"))) {
    sendError(res, errc::unsupportedMediaType,
              "Send the body as JSON with the header Content-Type: application/json.");
    return std::nullopt;
  }
  if (req.body.empty()) {
    sendError(res, errc::invalidRequest, "The request needs a JSON object body.");
    return std::nullopt;
  }
  std::string duplicate;
  std::optional<nlohmann::json> body = parseJsonRejectingDuplicates(req.body, duplicate);
  if (!body && !duplicate.empty()) {
    sendError(
        res, errc::duplicateField,
        "The field '" + duplicate + "' appears more than once in one object; send each field once.",
        duplicate);
    return std::nullopt;
  }
  if (!body) {
    sendError(res, errc::invalidJson, "The body is not valid JSON.");
    return std::nullopt;
  }
  if (!body->is_object()) {
    sendError(res, errc::invalidRequest,
              std::string("The body must be a JSON object, not ") + body->type_name() + ".");
    return std::nullopt;
  }
  return body;
}
bool readString(const nlohmann::json& body, const char* name, std::string& into, bool required,
                httplib::Response& res, std::size_t maxLength) {
  auto it = body.find(name);
  if (it == body.end() || it->is_null()) {
    if (!required) return true;
    sendError(res, errc::invalidRequest, std::string("The field '") + name + "' is required.",
              name);
    return false;
  }
  if (!it->is_string()) {
    sendError(
        res, errc::invalidRequest,
        std::string("The field '") + name + "' must be a string, not " + it->type_name() + ".",
        name);
    return false;
  }
  into = it->get<std::string>();
  if (into.size() > maxLength) {
    sendError(res, errc::invalidRequest,
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
      sendError(res, errc::unknownField, "The field '" + it.key() + "' is not understood here.",
                it.key());
      return false;
    }
  }
  return true;
}

}  // namespace delegate::server

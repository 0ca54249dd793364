#include <nlohmann/json.hpp>

#include "web/platform/fetch.hpp"

// Kept apart from fetch.cpp: reading an error body is the same in the browser and in the native
// build of web/app (tests), only sending the request differs.
namespace delegate::web {

ApiError parseApiError(const HttpResponse& r) {
  ApiError e;
  if (r.status == 0) {
    e.code = "unreachable";
    e.message = "The Delegate server cannot be reached. Check your connection and try again.";
    return e;
  }
  nlohmann::json j = nlohmann::json::parse(r.body, nullptr, false);
  if (!j.is_discarded() && j.is_object() && j.contains("error") && j["error"].is_object()) {
    const nlohmann::json& err = j["error"];
    if (err.contains("code") && err["code"].is_string()) e.code = err["code"].get<std::string>();
    if (err.contains("message") && err["message"].is_string())
      e.message = err["message"].get<std::string>();
    if (err.contains("target") && err["target"].is_string())
      e.target = err["target"].get<std::string>();
  }
  if (e.message.empty())
    e.message = "The server answered " + std::to_string(r.status) + ". Try again in a moment.";
  return e;
}

}  // namespace delegate::web

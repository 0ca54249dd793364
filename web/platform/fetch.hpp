#pragma once
#include <functional>
#include <map>
#include <string>

namespace delegate::web {

struct HttpResponse {
  int status = 0;  // 0 when no server answered (network error, refused, CORS)
  std::string body;
  std::string error;  // the browser's reason when status is 0
};

using HttpCallback = std::function<void(const HttpResponse&)>;

// A header sent with every request from now on (e.g. the CSRF token); empty value removes it.
void setDefaultHeader(const std::string& name, const std::string& value);

// The prefix for API URLs: "" (relative) normally, "/" when the page was opened on an app route
// such as /offer/{token} (relative URLs would land under it).
std::string apiBase();

// The error of a failed API answer: {"error": {"code", "message", "target"?}} or a generic text.
struct ApiError {
  std::string code, message, target;
};
ApiError parseApiError(const HttpResponse& r);

// Sends a request with the browser's fetch(); the callback runs on a later frame, on the main
// thread.
void httpRequest(const std::string& method, const std::string& url, const std::string& body,
                 HttpCallback callback, const std::map<std::string, std::string>& headers = {});

}  // namespace delegate::web

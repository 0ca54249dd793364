#pragma once
#include <functional>
#include <string>

namespace delegate::web {

struct HttpResponse {
  int status = 0;         // 0 when no server answered (network error, refused, CORS)
  std::string body;
  std::string error;      // the browser's reason when status is 0
};

using HttpCallback = std::function<void(const HttpResponse&)>;

// Sends a request with the browser's fetch(); the callback runs on a later frame, on the main thread.
void httpRequest(const std::string& method, const std::string& url, const std::string& body,
                 HttpCallback callback);

}  // namespace delegate::web

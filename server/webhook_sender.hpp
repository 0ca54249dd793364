#pragma once
#include <atomic>
#include <string>
#include <utility>
#include <vector>

namespace delegate::server {

struct WebhookHttpResult {
  int status = 0;     // the HTTP status; 0 when no answer came (connection error, timeout)
  std::string error;  // why there was no answer, or the start of a non-2xx answer's body
};

// POSTs `body` (application/json) to `url` with `headers` over libcurl: no redirects followed
// (a 3xx is an answer like any other), TLS verified against the system's trust store.
WebhookHttpResult postWebhook(const std::string& url,
                              const std::vector<std::pair<std::string, std::string>>& headers,
                              const std::string& body, long timeoutSeconds,
                              const std::atomic<bool>& cancel);

}  // namespace delegate::server

#pragma once
// The partners' webhook endpoints and their deliveries, in `webhooks.db` beside the event log
// (like mail.db). Endpoints live here and not in the event log: their signing secrets must never
// reach a log that is synced and backed up elsewhere.
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/webhooks.hpp"
#include "server/failure.hpp"
#include "server/sqlite_db.hpp"

namespace delegate::server {

struct WebhookEndpoint {
  std::string id;        // "ep_" + random
  std::string tenantId;  // the partner that registered it
  std::string url;
  std::string secret;                   // "whsec_..."
  std::vector<std::string> eventTypes;  // core names, as validated by the core
  bool enabled = true;
  std::int64_t createdMs = 0;
  std::int64_t failingSinceMs = 0;  // 0: the last try succeeded (or none failed yet)
  std::string disabledReason;
};

struct WebhookDelivery {
  std::int64_t id = 0;
  std::string endpointId;
  std::string tenantId;
  std::string messageId;  // the webhook-id header, the same on every try
  std::string eventType;
  std::string body;  // exactly what is signed and sent
  WebhookDeliveryStatus status = WebhookDeliveryStatus::queued;
  int attempts = 0;
  std::int64_t createdMs = 0;
  std::int64_t windowStartMs = 0;
  std::int64_t nextAttemptMs = 0;
  std::int64_t doneMs = 0;
  int lastStatusCode = 0;  // 0: no HTTP answer
  std::string lastError;
};

// One try of one delivery, for the endpoint's log.
struct WebhookAttempt {
  std::int64_t deliveryId = 0;
  int attempt = 0;
  std::int64_t atMs = 0;
  int statusCode = 0;
  std::string error;
  std::string messageId, eventType;  // of the delivery
};

class WebhookStore {
 public:
  static Result<std::unique_ptr<WebhookStore>> open(const std::string& dataDir);

  Status addEndpoint(const WebhookEndpoint& e);
  std::vector<WebhookEndpoint> endpointsOf(const std::string& tenantId);
  std::vector<WebhookEndpoint> enabledEndpoints();
  std::optional<WebhookEndpoint> endpoint(const std::string& id);
  // Removes the endpoint with its deliveries and log; false when there was none.
  bool deleteEndpoint(const std::string& id);
  Status updateEndpoint(const WebhookEndpoint& e);

  // The highest event revision already considered; empty on a store that never looked.
  std::optional<std::uint64_t> cursor();
  // Queues `rows` and moves the cursor to `through`, in one transaction.
  Status enqueue(const std::vector<WebhookDelivery>& rows, std::uint64_t through);
  std::vector<WebhookDelivery> due(std::int64_t nowMs, std::size_t limit);
  std::optional<std::int64_t> nextDueMs();
  // Saves the delivery's new state and logs the try, in one transaction.
  Status recordAttempt(const WebhookDelivery& row, const WebhookAttempt& attempt);
  // The endpoint's latest tries, newest first.
  std::vector<WebhookAttempt> log(const std::string& endpointId, std::size_t limit);
  std::vector<WebhookDelivery> deliveriesOf(const std::string& endpointId, std::size_t limit);
  std::optional<WebhookDelivery> delivery(const std::string& endpointId,
                                          const std::string& messageId);
  // Makes `seen` due at `nowMs` with a fresh retry window, unless it changed since it was read
  // (a try in flight finished meanwhile): then false, and nothing changes.
  Result<bool> retryNow(const WebhookDelivery& seen, std::int64_t nowMs);

 private:
  explicit WebhookStore(std::unique_ptr<SqliteDb> db) : db_(std::move(db)) {}

  std::mutex mutex_;
  std::unique_ptr<SqliteDb> db_;
};

}  // namespace delegate::server

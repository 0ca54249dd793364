#pragma once
#include <cstdint>
#include <functional>
#include <string>

#include "core/retry.hpp"
#include "server/delivery_loop.hpp"
#include "server/event_store.hpp"
#include "server/live_domain.hpp"
#include "server/webhook_store.hpp"

namespace delegate::server {

struct WebhookConfig {
  RetryPolicy retry;  // core/retry.hpp: the same policy as mail
  long timeoutSeconds = 15;
  std::int64_t pollMs = 250;  // how often new events are looked for
};

// Delivers webhooks from one background thread. It follows the durable event log with a cursor
// kept in webhooks.db, asks the core which partner hears of each event (core/webhooks.hpp),
// queues one delivery per subscribed endpoint (durably, before the first try) and POSTs it with
// Standard Webhooks headers; the webhook-id stays the same on every try and across restarts.
class WebhookService {
 public:
  // `endpointDisabled(tenantId, url)` is called after an endpoint was switched off for failing
  // too long (the server records it as a core event).
  using DisabledFn = std::function<void(const std::string& tenantId, const std::string& url)>;
  WebhookService(WebhookConfig config, WebhookStore& store, LiveDomain& domain, EventStore& events,
                 std::string storeId, DisabledFn endpointDisabled);
  ~WebhookService();

  void start();
  void stop();
  // Look for new events now (after a command that may have produced some).
  void kick();

 private:
  void pass();
  void enqueueNew();
  void deliver(WebhookDelivery row);

  WebhookConfig config_;
  WebhookStore& store_;
  LiveDomain& domain_;
  EventStore& events_;
  std::string storeId_;
  DisabledFn endpointDisabled_;

  DeliveryLoop loop_;
};

}  // namespace delegate::server

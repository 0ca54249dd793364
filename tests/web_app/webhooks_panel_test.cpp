// The Webhooks screen's data: the delivery log's deliveries, and which of them offer Retry (the
// core's rule, core/webhooks.hpp, with the endpoint's status from the list).
#include <catch2/catch.hpp>

#include "web/app/webhooks_panel.hpp"

using namespace delegate::web;

TEST_CASE("the delivery log's deliveries offer Retry where the core allows it", "[webhooks]") {
  WebhooksPanel panel;
  REQUIRE(parseWebhooksJson(
      R"({"eventTypes": [], "value": [{"id": "ep_1", "url": "https://h.example/x",
          "eventTypes": ["offer.accepted"], "status": "enabled"}]})",
      panel));
  panel.selectedId = "ep_1";
  REQUIRE(parseWebhookLogJson(R"({"value": [{"webhookId": "msg_a_2", "type": "offer.declined",
      "attempt": 1, "dateTime": "2026-01-01T00:00:00Z", "responseStatus": 410, "error": "gone"}],
      "deliveries": [
        {"webhookId": "msg_a_2", "type": "offer.declined", "status": "failed", "attempts": 1,
         "queuedDateTime": "2026-01-01T00:00:00Z", "lastResponseStatus": 410, "lastError": "gone"},
        {"webhookId": "msg_a_1", "type": "offer.accepted", "status": "delivered", "attempts": 2},
        {"webhookId": "msg_a_3", "type": "offer.accepted", "status": "retrying", "attempts": 3,
         "nextAttemptDateTime": "2026-01-01T00:05:00Z"},
        {"webhookId": "msg_a_4", "type": "offer.accepted", "status": "queued", "attempts": 0}]})",
                              panel));
  REQUIRE(panel.log.size() == 1);
  REQUIRE(panel.deliveries.size() == 4);
  const WebhookDeliveryRow& failed = panel.deliveries[0];
  CHECK(failed.lastResponseStatus == 410);
  CHECK(failed.error == "gone");
  CHECK(panel.deliveries[2].nextAttempt == "2026-01-01T00:05:00Z");
  CHECK(webhookDeliveryRetryable(panel, failed));
  CHECK_FALSE(webhookDeliveryRetryable(panel, panel.deliveries[1]));  // delivered
  CHECK(webhookDeliveryRetryable(panel, panel.deliveries[2]));        // retrying
  CHECK_FALSE(webhookDeliveryRetryable(panel, panel.deliveries[3]));  // queued
  // Nothing is sent to a disabled endpoint, so nothing offers Retry there.
  panel.endpoints[0].status = "disabled";
  CHECK_FALSE(webhookDeliveryRetryable(panel, failed));
}

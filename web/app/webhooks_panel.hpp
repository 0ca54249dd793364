#pragma once
// The Webhooks screen's data: the partner's endpoints (GET /api/webhooks), the selected one's
// delivery log (GET /api/webhooks/{id}/deliveries) and the add form. Server data, not the core's
// state: endpoints and their secrets never enter the event log.
#include <string>
#include <vector>

namespace delegate::web {

struct WebhookEventTypeOption {
  std::string name, description;
  bool checked = false;  // in the add form
};

struct WebhookEndpointRow {
  std::string id, url, status, detail;
  std::vector<std::string> eventTypes;
};

// One event to the endpoint, with where it stands.
struct WebhookDeliveryRow {
  std::string webhookId, type, status, queued, nextAttempt, error;
  int attempts = 0;
  int lastResponseStatus = 0;  // 0: no HTTP answer (yet)
};

struct WebhookLogRow {
  std::string webhookId, type, dateTime, error;
  int attempt = 0;
  int responseStatus = 0;  // 0: no answer
};

struct WebhooksPanel {
  bool loading = false;
  bool loaded = false;
  std::string error;  // the last request's failure
  std::vector<WebhookEventTypeOption> eventTypes;
  std::vector<WebhookEndpointRow> endpoints;
  double fetchedAtMs = 0;
  // The add form.
  std::string url, formError;
  bool adding = false;
  // The delivery log of the selected endpoint.
  std::string selectedId;
  std::vector<WebhookLogRow> log;
  std::vector<WebhookDeliveryRow> deliveries;
  bool logLoading = false;
  double logFetchedAtMs = 0;
};

// Fills `panel` from GET /api/webhooks (keeping the form's checked boxes); false when the body is
// not that.
bool parseWebhooksJson(const std::string& body, WebhooksPanel& panel);
// Fills `panel.log` (the tries) and `panel.deliveries` from GET /api/webhooks/{id}/deliveries.
bool parseWebhookLogJson(const std::string& body, WebhooksPanel& panel);
// Whether the core lets a delivery of the selected endpoint be sent again by hand
// (core/webhooks.hpp's mayRetryWebhookDelivery).
bool webhookDeliveryRetryable(const WebhooksPanel& panel, const WebhookDeliveryRow& row);
// The body of POST /api/webhooks from the form.
std::string webhookCreateBody(const WebhooksPanel& panel);

}  // namespace delegate::web

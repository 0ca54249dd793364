#include "web/app/webhooks_panel.hpp"

#include <nlohmann/json.hpp>

#include "core/webhooks.hpp"

namespace delegate::web {

namespace {

std::string str(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

bool parseWebhooksJson(const std::string& body, WebhooksPanel& panel) {
  nlohmann::json j = nlohmann::json::parse(body, nullptr, false);
  if (j.is_discarded() || !j.is_object() || !j.contains("value") || !j["value"].is_array())
    return false;
  if (j.contains("eventTypes") && j["eventTypes"].is_array()) {
    std::vector<WebhookEventTypeOption> types;
    for (const auto& t : j["eventTypes"]) {
      if (!t.is_object()) continue;
      WebhookEventTypeOption o{str(t, "name"), str(t, "description"), false};
      for (const auto& old : panel.eventTypes)
        if (old.name == o.name) o.checked = old.checked;
      types.push_back(std::move(o));
    }
    panel.eventTypes = std::move(types);
  }
  panel.endpoints.clear();
  for (const auto& e : j["value"]) {
    if (!e.is_object()) continue;
    WebhookEndpointRow r;
    r.id = str(e, "id");
    r.url = str(e, "url");
    r.status = str(e, "status");
    if (e.contains("eventTypes") && e["eventTypes"].is_array())
      for (const auto& t : e["eventTypes"])
        if (t.is_string()) r.eventTypes.push_back(t.get<std::string>());
    if (r.status == "disabled")
      r.detail = str(e, "disabledReason");
    else if (!str(e, "failingSinceDateTime").empty())
      r.detail = "Failing since " + str(e, "failingSinceDateTime");
    panel.endpoints.push_back(std::move(r));
  }
  return true;
}

bool parseWebhookLogJson(const std::string& body, WebhooksPanel& panel) {
  nlohmann::json j = nlohmann::json::parse(body, nullptr, false);
  if (j.is_discarded() || !j.is_object() || !j.contains("value") || !j["value"].is_array())
    return false;
  panel.log.clear();
  for (const auto& a : j["value"]) {
    if (!a.is_object()) continue;
    WebhookLogRow r;
    r.webhookId = str(a, "webhookId");
    r.type = str(a, "type");
    r.dateTime = str(a, "dateTime");
    r.error = str(a, "error");
    r.attempt = a.value("attempt", 0);
    r.responseStatus = a.value("responseStatus", 0);
    panel.log.push_back(std::move(r));
  }
  panel.deliveries.clear();
  if (j.contains("deliveries") && j["deliveries"].is_array())
    for (const auto& d : j["deliveries"]) {
      if (!d.is_object()) continue;
      WebhookDeliveryRow r;
      r.webhookId = str(d, "webhookId");
      r.type = str(d, "type");
      r.status = str(d, "status");
      r.queued = str(d, "queuedDateTime");
      r.nextAttempt = str(d, "nextAttemptDateTime");
      r.error = str(d, "lastError");
      r.attempts = d.value("attempts", 0);
      r.lastResponseStatus = d.value("lastResponseStatus", 0);
      panel.deliveries.push_back(std::move(r));
    }
  return true;
}

bool webhookDeliveryRetryable(const WebhooksPanel& panel, const WebhookDeliveryRow& row) {
  std::optional<WebhookDeliveryStatus> status = webhookDeliveryStatusFromName(row.status);
  bool enabled = false;
  for (const WebhookEndpointRow& e : panel.endpoints)
    if (e.id == panel.selectedId) enabled = e.status == "enabled";
  return status && mayRetryWebhookDelivery(*status, enabled).ok();
}

std::string webhookCreateBody(const WebhooksPanel& panel) {
  nlohmann::json types = nlohmann::json::array();
  for (const auto& t : panel.eventTypes)
    if (t.checked) types.push_back(t.name);
  return nlohmann::json{{"url", panel.url}, {"eventTypes", std::move(types)}}.dump();
}

}  // namespace delegate::web

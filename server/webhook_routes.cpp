// Webhook endpoints for a partner's administrators: GET/POST /api/webhooks, DELETE
// /api/webhooks/{id}, POST /api/webhooks/{id}/rotateSecret, GET /api/webhooks/{id}/deliveries
// (the endpoint's delivery log) and POST /api/webhooks/{id}/deliveries/{webhook-id}/retry. The
// rules are the core's (core/webhooks.hpp).
#include <httplib.h>

#include <nlohmann/json.hpp>

#include "core/errors.hpp"
#include "core/webhooks.hpp"
#include "server/acting_principal.hpp"
#include "server/delivery_loop.hpp"
#include "server/http_errors.hpp"
#include "server/json_body.hpp"
#include "server/own_admin.hpp"
#include "server/routes.hpp"
#include "server/secrets.hpp"
#include "server/server_app.hpp"
#include "server/webhook_signature.hpp"

namespace delegate::server {

namespace {

constexpr std::size_t kLogLimit = 200;
constexpr const char* kEndpointId = R"(/api/webhooks/(ep_[A-Za-z0-9_-]{1,64}))";

std::string isoMs(std::int64_t ms) {
  return formatTimestamp(Timestamp{ms / 1000});
}

nlohmann::json endpointJson(const WebhookEndpoint& e) {
  nlohmann::json j{{"id", e.id},
                   {"url", e.url},
                   {"eventTypes", e.eventTypes},
                   {"status", e.enabled ? "enabled" : "disabled"},
                   {"createdDateTime", isoMs(e.createdMs)}};
  if (e.failingSinceMs) j["failingSinceDateTime"] = isoMs(e.failingSinceMs);
  if (!e.disabledReason.empty()) j["disabledReason"] = e.disabledReason;
  return j;
}

// The caller's principal when they may manage their organization's webhooks, else an answer.
std::optional<Principal> webhookManager(ServerApp& app, const httplib::Request& req,
                                        httplib::Response& res) {
  return requireOwnAdmin(app, req, res, mayManageWebhooks,
                         "Only a partner organization's Global Administrators manage its "
                         "webhooks, in their own organization.");
}

// The endpoint named in the path when it belongs to the caller's organization.
std::optional<WebhookEndpoint> ownEndpoint(ServerApp& app, const Principal& p,
                                           const httplib::Request& req, httplib::Response& res) {
  std::optional<WebhookEndpoint> e = app.webhookStore().endpoint(req.matches[1].str());
  if (!e || e->tenantId != p.actingTenant.str()) {
    sendError(res, errc::webhookNotFound,
              "Your organization has no webhook endpoint with that id.");
    return std::nullopt;
  }
  return e;
}

void listEndpoints(ServerApp& app, const httplib::Request& req, httplib::Response& res) {
  auto p = webhookManager(app, req, res);
  if (!p) return;
  nlohmann::json types = nlohmann::json::array();
  for (WebhookEventType t : allWebhookEventTypes())
    types.push_back({{"name", std::string(webhookEventTypeName(t))},
                     {"description", std::string(webhookEventTypeLabel(t))}});
  nlohmann::json list = nlohmann::json::array();
  for (const WebhookEndpoint& e : app.webhookStore().endpointsOf(p->actingTenant.str()))
    list.push_back(endpointJson(e));
  sendJson(res, 200, {{"eventTypes", std::move(types)}, {"value", std::move(list)}});
}

void createEndpoint(ServerApp& app, const httplib::Request& req, httplib::Response& res) {
  auto p = webhookManager(app, req, res);
  if (!p) return;
  std::optional<nlohmann::json> body = jsonObjectBody(req, res);
  if (!body || !onlyKnownMembers(*body, {"url", "eventTypes"}, res)) return;
  std::string url;
  if (!readString(*body, "url", url, true, res, kMaxWebhookUrl + 1)) return;
  if (Status s = validateWebhookUrl(url); !s) {
    sendError(res, s.error());
    return;
  }
  std::vector<std::string> names;
  const auto types = body->find("eventTypes");
  if (types == body->end() || !types->is_array()) {
    sendError(res, errc::invalidWebhookEventTypes,
              "eventTypes must be a list of event type names, like [\"relationship.approved\"].",
              "eventTypes");
    return;
  }
  for (const auto& t : *types) {
    if (!t.is_string()) {
      sendError(res, errc::invalidWebhookEventTypes, "Each event type must be a string.",
                "eventTypes");
      return;
    }
    names.push_back(t.get<std::string>());
  }
  auto parsed = parseWebhookEventTypes(names);
  if (!parsed) {
    sendError(res, parsed.error());
    return;
  }
  const std::string tenant = p->actingTenant.str();
  if (app.webhookStore().endpointsOf(tenant).size() >= kMaxWebhookEndpointsPerPartner) {
    sendError(res, errc::tooManyWebhookEndpoints,
              "Your organization has " + std::to_string(kMaxWebhookEndpointsPerPartner) +
                  " endpoints already; delete one first.");
    return;
  }
  WebhookEndpoint e;
  e.id = "ep_" + randomToken(16);
  e.tenantId = tenant;
  e.url = url;
  e.secret = newWebhookSecret();
  for (WebhookEventType t : parsed.value()) e.eventTypes.emplace_back(webhookEventTypeName(t));
  e.createdMs = DeliveryLoop::nowMs();
  if (Status s = app.webhookStore().addEndpoint(e); !s) {
    sendError(res, errc::serviceUnavailable, "The endpoint could not be saved; try again.");
    return;
  }
  nlohmann::json j = endpointJson(e);
  // The only time the secret is shown: the server keeps it to sign, never shows it again.
  j["secret"] = e.secret;
  res.set_header("Location", app.publicUrl() + "/api/webhooks/" + e.id);
  sendJson(res, 201, j);
}

void deleteEndpoint(ServerApp& app, const httplib::Request& req, httplib::Response& res) {
  auto p = webhookManager(app, req, res);
  if (!p) return;
  auto e = ownEndpoint(app, *p, req, res);
  if (!e) return;
  if (!app.webhookStore().deleteEndpoint(e->id)) {
    sendError(res, errc::serviceUnavailable, "The endpoint could not be deleted; try again.");
    return;
  }
  res.status = 204;
}

void rotateSecret(ServerApp& app, const httplib::Request& req, httplib::Response& res) {
  auto p = webhookManager(app, req, res);
  if (!p) return;
  auto e = ownEndpoint(app, *p, req, res);
  if (!e) return;
  e->secret = newWebhookSecret();
  if (Status s = app.webhookStore().updateEndpoint(*e); !s) {
    sendError(res, errc::serviceUnavailable, "The new secret could not be saved; try again.");
    return;
  }
  nlohmann::json j = endpointJson(*e);
  j["secret"] = e->secret;
  sendJson(res, 200, j);
}

void deliveryLog(ServerApp& app, const httplib::Request& req, httplib::Response& res) {
  auto p = webhookManager(app, req, res);
  if (!p) return;
  auto e = ownEndpoint(app, *p, req, res);
  if (!e) return;
  nlohmann::json tries = nlohmann::json::array();
  for (const WebhookAttempt& a : app.webhookStore().log(e->id, kLogLimit)) {
    nlohmann::json j{{"webhookId", a.messageId},
                     {"type", a.eventType},
                     {"attempt", a.attempt},
                     {"dateTime", isoMs(a.atMs)},
                     {"responseStatus", a.statusCode}};
    if (!a.error.empty()) j["error"] = a.error;
    tries.push_back(std::move(j));
  }
  nlohmann::json deliveries = nlohmann::json::array();
  for (const WebhookDelivery& d : app.webhookStore().deliveriesOf(e->id, kLogLimit)) {
    nlohmann::json j{{"webhookId", d.messageId},
                     {"type", d.eventType},
                     {"status", webhookDeliveryStatusName(d.status)},
                     {"attempts", d.attempts},
                     {"queuedDateTime", isoMs(d.createdMs)}};
    if (d.status == WebhookDeliveryStatus::queued || d.status == WebhookDeliveryStatus::retrying)
      j["nextAttemptDateTime"] = isoMs(d.nextAttemptMs);
    if (d.lastStatusCode) j["lastResponseStatus"] = d.lastStatusCode;
    if (!d.lastError.empty()) j["lastError"] = d.lastError;
    deliveries.push_back(std::move(j));
  }
  sendJson(res, 200,
           {{"endpoint", endpointJson(*e)},
            {"value", std::move(tries)},
            {"deliveries", std::move(deliveries)}});
}

// Sends one delivery again now, with a fresh 48-hour window, when the core allows it.
void retryDelivery(ServerApp& app, const httplib::Request& req, httplib::Response& res) {
  auto p = webhookManager(app, req, res);
  if (!p) return;
  auto e = ownEndpoint(app, *p, req, res);
  if (!e) return;
  std::optional<WebhookDelivery> d = app.webhookStore().delivery(e->id, req.matches[2].str());
  if (!d) {
    sendError(res, errc::webhookNotFound, "That endpoint has no delivery with that webhook-id.");
    return;
  }
  if (Status allowed = mayRetryWebhookDelivery(d->status, e->enabled); !allowed) {
    sendError(res, allowed.error());
    return;
  }
  Result<bool> changed = app.webhookStore().retryNow(*d, DeliveryLoop::nowMs());
  if (!changed) {
    sendError(res, errc::serviceUnavailable, "The delivery could not be queued; try again.");
    return;
  }
  if (!changed.value()) {
    sendError(res, errc::staleVersion,
              "That delivery was just tried again by the server; look at its log first.");
    return;
  }
  if (app.webhooks()) app.webhooks()->kick();
  sendJson(res, 200,
           {{"webhookId", d->messageId},
            {"status", webhookDeliveryStatusName(WebhookDeliveryStatus::queued)},
            {"attempts", d->attempts}});
}

}  // namespace

void installWebhookRoutes(Router& http, ServerApp& app) {
  http.Get("/api/webhooks",
           [&app](const httplib::Request& q, httplib::Response& r) { listEndpoints(app, q, r); });
  http.Post("/api/webhooks",
            [&app](const httplib::Request& q, httplib::Response& r) { createEndpoint(app, q, r); });
  http.Delete(kEndpointId, [&app](const httplib::Request& q, httplib::Response& r) {
    deleteEndpoint(app, q, r);
  });
  http.Post(std::string(kEndpointId) + "/rotateSecret",
            [&app](const httplib::Request& q, httplib::Response& r) { rotateSecret(app, q, r); });
  http.Get(std::string(kEndpointId) + "/deliveries",
           [&app](const httplib::Request& q, httplib::Response& r) { deliveryLog(app, q, r); });
  http.Post(std::string(kEndpointId) + R"(/deliveries/(msg_[A-Za-z0-9_-]{1,80})/retry)",
            [&app](const httplib::Request& q, httplib::Response& r) { retryDelivery(app, q, r); });
}

}  // namespace delegate::server

#include "server/webhook_service.hpp"

#include <chrono>
#include <cstdio>

#include "core/json_forms.hpp"
#include "core/webhooks.hpp"
#include "server/webhook_payload.hpp"
#include "server/webhook_sender.hpp"
#include "server/webhook_signature.hpp"

namespace delegate::server {

namespace {

constexpr std::size_t kEventBatch = 500;  // log events looked at per pass
constexpr std::size_t kSendBatch = 8;     // sends per pass, so new events are seen between

std::int64_t nowMs() {
  return DeliveryLoop::nowMs();
}

}  // namespace

WebhookService::WebhookService(WebhookConfig config, WebhookStore& store, LiveDomain& domain,
                               EventStore& events, std::string storeId, DisabledFn endpointDisabled)
    : config_(std::move(config)),
      store_(store),
      domain_(domain),
      events_(events),
      storeId_(std::move(storeId)),
      endpointDisabled_(std::move(endpointDisabled)) {}

WebhookService::~WebhookService() {
  stop();
}

void WebhookService::start() {
  loop_.start(
      config_.pollMs, [this] { pass(); }, [this] { return store_.nextDueMs(); });
}

void WebhookService::stop() {
  loop_.stop();
}

void WebhookService::kick() {
  loop_.kick();
}

void WebhookService::enqueueNew() {
  std::optional<std::uint64_t> cursor = store_.cursor();
  if (!cursor) {
    // The first start with webhooks: what happened before is not replayed to anyone.
    (void)store_.enqueue({}, events_.head());
    return;
  }
  // Only what the store holds: every event in it is durable.
  std::vector<std::pair<std::uint64_t, std::string>> bodies;
  Status read = events_.readSince(*cursor, [&](std::uint64_t revision, std::string_view body) {
    bodies.emplace_back(revision, std::string(body));
    return bodies.size() < kEventBatch;
  });
  if (!read || bodies.empty()) return;
  const std::uint64_t through = bodies.back().first;
  std::vector<WebhookEndpoint> endpoints = store_.enabledEndpoints();
  std::vector<WebhookDelivery> rows;
  if (!endpoints.empty()) {
    std::vector<std::pair<std::uint64_t, Event>> events;
    for (auto& [revision, body] : bodies)
      if (Result<Event> e = decodeEvent(body); e.ok()) events.emplace_back(revision, e.value());
    std::vector<std::vector<WebhookEventType>> subscribed;
    for (const WebhookEndpoint& ep : endpoints) {
      auto types = parseWebhookEventTypes(ep.eventTypes);
      subscribed.push_back(types.ok() ? types.value() : std::vector<WebhookEventType>{});
    }
    const std::int64_t now = nowMs();
    domain_.read([&](const State& s, std::uint64_t) {
      for (const auto& [revision, event] : events) {
        std::optional<WebhookNotice> notice = webhookNoticeFor(s, event);
        if (!notice) continue;
        std::string body;
        for (std::size_t i = 0; i < endpoints.size(); ++i) {
          std::optional<TenantId> tenant = TenantId::parse(endpoints[i].tenantId);
          if (!tenant || !webhookEndpointReceives(*tenant, subscribed[i], *notice)) continue;
          if (body.empty()) body = webhookBody(s, *notice);
          WebhookDelivery d;
          d.endpointId = endpoints[i].id;
          d.tenantId = endpoints[i].tenantId;
          // One id per event, derived from the store and the revision: every try (and every
          // restart) carries the same one, so receivers can drop duplicates.
          d.messageId = "msg_" + storeId_.substr(0, 8) + "_" + std::to_string(revision);
          d.eventType = std::string(webhookEventTypeName(notice->type));
          d.body = body;
          d.createdMs = now;
          rows.push_back(std::move(d));
        }
      }
      return 0;
    });
  }
  if (Status s = store_.enqueue(rows, through); !s)
    std::fprintf(stderr, "delegate-server: webhooks: %s\n", s.error().message.c_str());
}

void WebhookService::deliver(WebhookDelivery row) {
  std::optional<WebhookEndpoint> ep = store_.endpoint(row.endpointId);
  if (!ep) return;  // deleted meanwhile (its rows went with it)
  const std::int64_t tried = nowMs();
  WebhookAttempt attempt;
  attempt.attempt = row.attempts + 1;
  attempt.atMs = tried;
  WebhookOutcome outcome = WebhookOutcome::temporary;
  if (!ep->enabled) {
    outcome = WebhookOutcome::permanent;
    attempt.error = "The endpoint is disabled.";
  } else {
    std::optional<std::string> key = decodeWebhookSecret(ep->secret);
    const std::int64_t ts = tried / 1000;
    WebhookHttpResult r = postWebhook(
        ep->url,
        {{"webhook-id", row.messageId},
         {"webhook-timestamp", std::to_string(ts)},
         {"webhook-signature", signWebhook(key.value_or(""), row.messageId, ts, row.body)}},
        row.body, config_.timeoutSeconds, loop_.stopping());
    if (loop_.stopping() && r.status == 0) return;  // not a failure: tried again after the restart
    attempt.statusCode = r.status;
    attempt.error = r.error;
    outcome = r.status ? classifyWebhookResponse(r.status) : WebhookOutcome::temporary;
  }
  const std::int64_t done = nowMs();
  row.attempts = attempt.attempt;
  row.lastStatusCode = attempt.statusCode;
  row.lastError = attempt.error;
  switch (outcome) {
    case WebhookOutcome::delivered:
      row.status = WebhookDeliveryStatus::delivered;
      row.doneMs = done;
      break;
    case WebhookOutcome::permanent:
      row.status = WebhookDeliveryStatus::failed;
      row.doneMs = done;
      break;
    case WebhookOutcome::temporary:
      if (std::optional<std::int64_t> next =
              nextRetryAtMs(config_.retry, row.attempts, row.windowStartMs, tried, done)) {
        row.status = WebhookDeliveryStatus::retrying;
        row.nextAttemptMs = *next;
      } else {
        row.status = WebhookDeliveryStatus::failed;
        row.doneMs = done;
        row.lastError =
            "Gave up after 48 hours of failures; the last: " +
            (attempt.statusCode ? "HTTP " + std::to_string(attempt.statusCode) : attempt.error);
      }
      break;
  }
  if (Status s = store_.recordAttempt(row, attempt); !s)
    std::fprintf(stderr, "delegate-server: webhooks: %s\n", s.error().message.c_str());
  if (!ep->enabled) return;
  // The endpoint's health: failing since its first failure after a success; off after 5 days.
  const bool ok = outcome == WebhookOutcome::delivered;
  if (ok && ep->failingSinceMs == 0) return;
  if (ok) {
    ep->failingSinceMs = 0;
  } else {
    if (ep->failingSinceMs == 0) ep->failingSinceMs = tried;
    if (webhookEndpointShouldBeDisabled(ep->failingSinceMs, done)) {
      ep->enabled = false;
      ep->disabledReason =
          "Every delivery failed for 5 days; the last: " +
          (attempt.statusCode ? "HTTP " + std::to_string(attempt.statusCode) : attempt.error);
    }
  }
  if (Status s = store_.updateEndpoint(*ep); !s) {
    std::fprintf(stderr, "delegate-server: webhooks: %s\n", s.error().message.c_str());
    return;
  }
  if (!ep->enabled && endpointDisabled_) endpointDisabled_(ep->tenantId, ep->url);
}

void WebhookService::pass() {
  enqueueNew();
  for (WebhookDelivery& row : store_.due(nowMs(), kSendBatch)) {
    if (loop_.stopping()) return;
    deliver(std::move(row));
  }
}

}  // namespace delegate::server

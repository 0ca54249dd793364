// The Webhooks screen's requests (REST under /api/webhooks): kept beside app.cpp so the screen
// adds only a dispatch line there.
#include "web/app/app.hpp"
#include "web/platform/browser.hpp"
#include "web/platform/fetch.hpp"

namespace delegate::web {

void App::refreshWebhookLog() {
  WebhooksPanel& w = ui_.webhooks;
  if (w.selectedId.empty()) return;
  w.logLoading = true;
  w.logFetchedAtMs = monotonicMs();
  const std::string id = w.selectedId;
  httpRequest("GET", apiBase() + "api/webhooks/" + id + "/deliveries", "",
              [this, id](const HttpResponse& r) {
                WebhooksPanel& p = ui_.webhooks;
                p.logLoading = false;
                p.logFetchedAtMs = monotonicMs();
                if (p.selectedId != id) return;
                if (r.status != 200 || !parseWebhookLogJson(r.body, p)) {
                  p.log.clear();
                  p.error = parseApiError(r).message;
                }
              });
}

void App::onWebhooks(const WebhooksAction& a) {
  WebhooksPanel& w = ui_.webhooks;
  if (sandbox_ || !server_) {
    // Nothing to deliver from: the sandbox has no server to send from.
    w.loaded = true;
    w.fetchedAtMs = monotonicMs();
    w.error = "The sandbox sends no webhooks: sign in to a Delegate server to register endpoints.";
    return;
  }
  using K = WebhooksAction::Kind;
  switch (a.kind) {
    case K::refresh:
      w.loading = true;
      w.fetchedAtMs = monotonicMs();
      httpRequest("GET", apiBase() + "api/webhooks", "", [this](const HttpResponse& r) {
        WebhooksPanel& p = ui_.webhooks;
        p.loading = false;
        p.loaded = true;
        p.fetchedAtMs = monotonicMs();
        if (r.status == 200 && parseWebhooksJson(r.body, p))
          p.error.clear();
        else
          p.error = r.status == 0 ? "The server did not answer." : parseApiError(r).message;
      });
      refreshWebhookLog();
      break;
    case K::create:
      w.adding = true;
      httpRequest("POST", apiBase() + "api/webhooks", webhookCreateBody(w),
                  [this](const HttpResponse& r) {
                    WebhooksPanel& p = ui_.webhooks;
                    p.adding = false;
                    nlohmann::json j = nlohmann::json::parse(r.body, nullptr, false);
                    if (r.status != 201 || j.is_discarded() || !j.is_object()) {
                      p.formError = parseApiError(r).message;
                      return;
                    }
                    p.formError.clear();
                    p.url.clear();
                    for (auto& t : p.eventTypes) t.checked = false;
                    p.selectedId = j.value("id", "");
                    ui_.shownOnce =
                        ShownOnce{"Endpoint registered", "Signing secret", j.value("secret", ""),
                                  "Copy it now: Delegate shows it only once. Verify each "
                                  "delivery's webhook-signature with it (Standard Webhooks).",
                                  "webhooks.secret"};
                    onWebhooks({WebhooksAction::Kind::refresh, ""});
                  });
      break;
    case K::remove:
      httpRequest("DELETE", apiBase() + "api/webhooks/" + a.endpointId, "",
                  [this, id = a.endpointId](const HttpResponse& r) {
                    if (r.status != 204) {
                      toast(ui::ToastKind::Error, parseApiError(r).message);
                      return;
                    }
                    toast(ui::ToastKind::Success, "The endpoint was deleted.");
                    if (ui_.webhooks.selectedId == id) ui_.webhooks.selectedId.clear();
                    onWebhooks({WebhooksAction::Kind::refresh, ""});
                  });
      break;
    case K::showLog:
      w.selectedId = a.endpointId;
      w.log.clear();
      w.deliveries.clear();
      refreshWebhookLog();
      break;
    case K::rotateSecret:
      httpRequest("POST", apiBase() + "api/webhooks/" + a.endpointId + "/rotateSecret", "{}",
                  [this](const HttpResponse& r) {
                    nlohmann::json j = nlohmann::json::parse(r.body, nullptr, false);
                    if (r.status != 200 || j.is_discarded() || !j.is_object()) {
                      toast(ui::ToastKind::Error, parseApiError(r).message);
                      return;
                    }
                    ui_.shownOnce = ShownOnce{
                        "Secret rotated", "New signing secret", j.value("secret", ""),
                        "The old secret no longer verifies deliveries: put this one in your "
                        "receiver now. Delegate shows it only once.",
                        "webhooks.secret"};
                  });
      break;
    case K::retryDelivery:
      httpRequest(
          "POST",
          apiBase() + "api/webhooks/" + a.endpointId + "/deliveries/" + a.webhookId + "/retry", "",
          [this](const HttpResponse& r) {
            if (r.status != 200) {
              toast(ui::ToastKind::Error, parseApiError(r).message);
            } else {
              toast(ui::ToastKind::Success, "The delivery is being sent again.");
            }
            refreshWebhookLog();
          });
      break;
  }
}

}  // namespace delegate::web

// Webhooks (partner administrators): the organization's endpoints with their status, a form to
// register one (URL and event types; the signing secret is then shown once), rotate an endpoint's
// secret and delete it (each after a confirmation), and the selected endpoint's deliveries (a
// failed one can be sent again) with each try's response code.
#include <imgui.h>

#include "web/platform/test_hook.hpp"
#include "web/ui/theme.hpp"
#include "web/ui/widgets.hpp"
#include "web/views/views.hpp"

namespace delegate::web {

namespace {

constexpr double kRefreshMs = 5000;  // endpoints and log refresh themselves while on screen

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& s : items) out += (out.empty() ? "" : ", ") + s;
  return out;
}

void drawAddForm(WebhooksPanel& w, Intents& out) {
  ui::heading("Add an endpoint");
  bool submitted = false;
  // The server's refusal (URL or event types) shows under the field.
  ui::textField("Endpoint URL", "webhooks.url", w.url, w.formError,
                "https://hooks.example.com/delegate", 480.0f, &submitted);
  ui::muted("Events to send:");
  for (WebhookEventTypeOption& t : w.eventTypes)
    ui::checkbox((t.name + "  " + t.description).c_str(), "webhooks.type." + t.name, t.checked);
  if ((ui::button(w.adding ? "Adding..." : "Add endpoint", "webhooks.add") || submitted) &&
      !w.adding)
    out.push_back(WebhooksAction{WebhooksAction::Kind::create, ""});
}

void drawEndpoints(const WebhooksPanel& w, Intents& out) {
  testHook().state("webhooks.count", std::to_string(w.endpoints.size()));
  if (w.endpoints.empty()) {
    ui::muted("No endpoints yet.");
    return;
  }
  const ImGuiTableFlags flags =
      ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp;
  if (!ImGui::BeginTable("##webhooks", 5, flags)) return;
  ImGui::TableSetupColumn("URL", 0, 3.0f);
  ImGui::TableSetupColumn("Events", 0, 3.0f);
  ImGui::TableSetupColumn("Status", 0, 0.8f);
  ImGui::TableSetupColumn("Details", 0, 2.0f);
  // Log, Rotate secret and Delete.
  ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed, dp(330));
  ImGui::TableHeadersRow();
  for (std::size_t i = 0; i < w.endpoints.size(); ++i) {
    const WebhookEndpointRow& e = w.endpoints[i];
    ImGui::PushID(e.id.c_str());
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextWrapped("%s", e.url.c_str());
    ImGui::TableNextColumn();
    ImGui::TextWrapped("%s", joined(e.eventTypes).c_str());
    ImGui::TableNextColumn();
    ui::badge(e.status, e.status == "enabled" ? palette().ok : palette().danger);
    ImGui::TableNextColumn();
    ImGui::TextWrapped("%s", e.detail.c_str());
    ImGui::TableNextColumn();
    const std::string n = std::to_string(i);
    testHook().state("webhooks.status." + n, e.status);
    if (ui::button(e.id == w.selectedId ? "Log (shown)" : "Log", "webhooks.log." + n,
                   ui::ButtonKind::Secondary))
      out.push_back(WebhooksAction{WebhooksAction::Kind::showLog, e.id});
    ImGui::SameLine();
    // The receiver stops verifying deliveries until it has the new secret: asked first.
    if (ui::button("Rotate secret", "webhooks.rotate." + n, ui::ButtonKind::Secondary))
      out.push_back(confirmThen(
          {"Rotate the signing secret?",
           "Deliveries to " + e.url +
               " are signed with a new secret from now on; the current one stops verifying "
               "them. The new secret is shown once.",
           "Rotate secret", true},
          {WebhooksAction{WebhooksAction::Kind::rotateSecret, e.id}}));
    ImGui::SameLine();
    if (ui::button("Delete", "webhooks.delete." + n, ui::ButtonKind::Danger))
      out.push_back(confirmThen({"Delete this endpoint?",
                                 "Delegate stops sending to " + e.url +
                                     " and deletes its delivery log. This cannot be undone.",
                                 "Delete endpoint", true},
                                {WebhooksAction{WebhooksAction::Kind::remove, e.id}}));
    ImGui::PopID();
  }
  ImGui::EndTable();
}

ImVec4 deliveryColor(const std::string& status) {
  if (status == "delivered") return palette().ok;
  if (status == "failed") return palette().danger;
  if (status == "retrying") return palette().warning;
  return palette().muted;
}

// Each event sent to the endpoint and where it stands; Retry where the core allows it.
void drawDeliveries(const WebhooksPanel& w, Intents& out) {
  if (w.deliveries.empty()) return;
  testHook().state("webhooks.deliveries.first",
                   w.deliveries.front().status + " | " + w.deliveries.front().webhookId);
  const ImGuiTableFlags flags =
      ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp;
  if (!ImGui::BeginTable("##webhookDeliveries", 6, flags)) return;
  ImGui::TableSetupColumn("Queued", 0, 1.6f);
  ImGui::TableSetupColumn("Event", 0, 1.6f);
  ImGui::TableSetupColumn("webhook-id", 0, 2.0f);
  ImGui::TableSetupColumn("Status", 0, 0.9f);
  ImGui::TableSetupColumn("Details", 0, 2.4f);
  ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed, dp(80));
  ImGui::TableHeadersRow();
  for (std::size_t i = 0; i < w.deliveries.size(); ++i) {
    const WebhookDeliveryRow& d = w.deliveries[i];
    ImGui::PushID(d.webhookId.c_str());
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(d.queued.c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(d.type.c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(d.webhookId.c_str());
    ImGui::TableNextColumn();
    ui::badge(d.status, deliveryColor(d.status));
    ImGui::TableNextColumn();
    std::string detail = std::to_string(d.attempts) + (d.attempts == 1 ? " try" : " tries");
    if (d.lastResponseStatus) detail += ", last HTTP " + std::to_string(d.lastResponseStatus);
    if (!d.nextAttempt.empty() && d.status == "retrying") detail += ", next " + d.nextAttempt;
    if (!d.error.empty()) detail += ": " + d.error;
    ImGui::TextWrapped("%s", detail.c_str());
    ImGui::TableNextColumn();
    if (webhookDeliveryRetryable(w, d) &&
        ui::button("Retry", "webhooks.retry." + std::to_string(i), ui::ButtonKind::Secondary))
      out.push_back(WebhooksAction{WebhooksAction::Kind::retryDelivery, w.selectedId, d.webhookId});
    ImGui::PopID();
  }
  ImGui::EndTable();
}

void drawLog(const WebhooksPanel& w, Intents& out) {
  if (w.selectedId.empty()) return;
  std::string url;
  for (const WebhookEndpointRow& e : w.endpoints)
    if (e.id == w.selectedId) url = e.url;
  ui::heading(("Deliveries: " + url).c_str());
  testHook().state("webhooks.deliveries.count", std::to_string(w.deliveries.size()));
  drawDeliveries(w, out);
  ImGui::Spacing();
  ui::heading("Tries");
  testHook().state("webhooks.log.count", std::to_string(w.log.size()));
  if (!w.log.empty())
    testHook().state("webhooks.log.first",
                     std::to_string(w.log.front().responseStatus) + " | " + w.log.front().type);
  if (w.log.empty()) {
    ui::muted(w.logLoading ? "Loading..." : "No deliveries yet.");
    return;
  }
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                                ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingStretchProp;
  if (!ImGui::BeginTable("##webhookLog", 6, flags, ImVec2(0, 0))) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn("When", 0, 1.6f);
  ImGui::TableSetupColumn("Event", 0, 1.6f);
  ImGui::TableSetupColumn("webhook-id", 0, 2.0f);
  ImGui::TableSetupColumn("Try", 0, 0.4f);
  ImGui::TableSetupColumn("Response", 0, 0.8f);
  ImGui::TableSetupColumn("Error", 0, 2.0f);
  ImGui::TableHeadersRow();
  for (const WebhookLogRow& r : w.log) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(r.dateTime.c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(r.type.c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(r.webhookId.c_str());
    ImGui::TableNextColumn();
    ImGui::Text("%d", r.attempt);
    ImGui::TableNextColumn();
    const bool ok = r.responseStatus >= 200 && r.responseStatus < 300;
    ui::badge(r.responseStatus ? std::to_string(r.responseStatus) : "no answer",
              ok ? palette().ok : palette().danger);
    ImGui::TableNextColumn();
    ImGui::TextWrapped("%s", r.error.c_str());
  }
  ImGui::EndTable();
}

}  // namespace

void drawWebhooks(const ViewCtx& ctx, UiState& ui, Intents& out) {
  WebhooksPanel& w = ui.webhooks;
  screenHeader("Webhooks",
               "Signed HTTPS calls to your systems when customers answer, relationships change "
               "or access assignments change.");
  if (!ctx.m.isAdmin) {
    ui::mutedWrapped("Only your organization's Global Administrators manage its webhooks.");
    return;
  }
  if (!w.loading && (!w.loaded || ctx.nowMs - w.fetchedAtMs > kRefreshMs))
    out.push_back(WebhooksAction{WebhooksAction::Kind::refresh, ""});
  if (!w.error.empty()) ui::errorText(w.error);
  testHook().state("webhooks.loaded", w.loaded ? "yes" : "no");
  drawEndpoints(w, out);
  ImGui::Spacing();
  drawAddForm(w, out);
  ImGui::Spacing();
  drawLog(w, out);
}

}  // namespace delegate::web

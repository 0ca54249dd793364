// Mail (partner and client administrators): each message of the organization and how its
// delivery stands — queued, sent, retrying (when, and why), failed (why) with a Retry button.
#include <imgui.h>

#include "web/platform/test_hook.hpp"
#include "web/ui/theme.hpp"
#include "web/ui/widgets.hpp"
#include "web/views/views.hpp"

namespace delegate::web {

namespace {

constexpr double kRefreshMs = 5000;  // the list refreshes itself while on screen

ImVec4 statusColor(const std::string& s) {
  if (s == "sent") return palette().ok;
  if (s == "failed") return palette().danger;
  if (s == "retrying") return palette().warning;
  return palette().muted;
}

}  // namespace

void drawMail(const ViewCtx& ctx, UiState& ui, Intents& out) {
  const MailPanel& mail = ui.mail;
  screenHeader("Mail", "Messages Delegate sends your administrators, and whether they arrived.");
  if (!ctx.m.isAdmin) {
    ui::mutedWrapped("Only your organization's Global Administrators see its mail.");
    return;
  }
  if (!mail.loading && (!mail.loaded || ctx.nowMs - mail.fetchedAtMs > kRefreshMs))
    out.push_back(MailRefresh{});
  if (ui::button("Refresh", "mail.refresh", ui::ButtonKind::Secondary))
    out.push_back(MailRefresh{});
  if (!mail.error.empty()) ui::errorText(mail.error);
  if (mail.loaded && !mail.configured) {
    ui::banner(ui::BannerKind::Warning, mail.message.empty()
                                            ? "Mail is not configured; messages stay in the outbox."
                                            : mail.message);
    testHook().state("mail.configured", "no");
  } else if (mail.loaded) {
    testHook().state("mail.configured", "yes");
  }
  testHook().state("mail.count", std::to_string(mail.rows.size()));
  if (mail.loaded && mail.rows.empty()) {
    ui::muted("No messages yet.");
    return;
  }
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                                ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingStretchProp;
  if (!ImGui::BeginTable("##mail", 5, flags, ImVec2(0, 0))) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn("Subject", 0, 3.0f);
  ImGui::TableSetupColumn("To", 0, 2.0f);
  ImGui::TableSetupColumn("Status", 0, 0.8f);
  ImGui::TableSetupColumn("Details", 0, 3.0f);
  ImGui::TableSetupColumn("", 0, 0.7f);
  ImGui::TableHeadersRow();
  for (const MailRow& r : mail.rows) {
    ImGui::PushID(static_cast<int>(r.id));
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextWrapped("%s", r.subject.c_str());
    ImGui::TableNextColumn();
    ImGui::TextWrapped("%s", r.to.c_str());
    ImGui::TableNextColumn();
    ui::badge(r.status, statusColor(r.status));
    ImGui::TableNextColumn();
    ImGui::TextWrapped("%s", r.detail.c_str());
    ImGui::TableNextColumn();
    const std::string id = std::to_string(r.id);
    testHook().state("mail.status." + id, r.status);
    if (&r == &mail.rows.front()) {
      testHook().state("mail.firstId", id);
      testHook().state("mail.first", r.status + " | " + r.detail);
    }
    if ((r.status == "failed" || r.status == "retrying") &&
        ui::button("Retry", "mail.retry." + id, ui::ButtonKind::Secondary))
      out.push_back(MailRetry{r.id});
    ImGui::PopID();
  }
  ImGui::EndTable();
}

}  // namespace delegate::web

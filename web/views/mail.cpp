// Mail (partner and client administrators): each message of the organization and how its
// delivery stands — queued, sent, retrying (when, and why), failed (why) with a Retry button. The
// list is the app's shared table (web/ui/table.hpp): sorted, and by keyboard Up/Down move the
// cursor and Enter opens the message below the list with its whole reason.
#include <imgui.h>

#include <algorithm>

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

bool retryable(const MailRow& r) {
  return r.status == "failed" || r.status == "retrying";
}

void retryButton(const MailRow& r, Intents& out) {
  if (retryable(r) &&
      ui::button("Retry", "mail.retry." + std::to_string(r.id), ui::ButtonKind::Secondary))
    out.push_back(MailRetry{r.id});
}

// The opened message in full: the reason is often longer than its cell.
void drawOpened(const MailRow& r, Intents& out) {
  ImGui::Spacing();
  ui::beginCard("card.mail.open", ImVec2(0, 0));
  ui::heading(r.subject.c_str());
  const float kw = dp(90);
  ui::keyValue("To", r.to, kw);
  ui::keyValue("Created", r.created, kw);
  ui::keyValue("Status", r.status, kw);
  if (!r.detail.empty()) {
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(r.detail.c_str());
    ImGui::PopTextWrapPos();
  }
  testHook().state("mail.open", std::to_string(r.id));
  testHook().state("mail.open.detail", r.status + " | " + r.detail);
  retryButton(r, out);
  ui::endCard();
}

}  // namespace

void drawMail(const ViewCtx& ctx, UiState& ui, Intents& out) {
  MailPanel& mail = ui.mail;
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
  const std::vector<MailRow>& rows = mail.rows;
  ui::TableSource src;
  src.count = rows.size();
  src.revision = mail.revision;
  src.less = [&](size_t a, size_t b, int col) {
    const MailRow& x = rows[a];
    const MailRow& y = rows[b];
    switch (col) {
      case 1:
        return x.subject < y.subject;
      case 2:
        return x.to < y.to;
      case 3:
        return x.status < y.status;
      case 4:
        return x.detail < y.detail;
      default:  // created, then id: messages made in the same second keep their order
        return x.created != y.created ? x.created < y.created : x.id < y.id;
    }
  };
  src.key = [&](size_t i) { return std::to_string(rows[i].id); };
  src.cell = [&](size_t i, int col) {
    const MailRow& r = rows[i];
    switch (col) {
      case 0:
        ui::fitText(r.created);
        testHook().state("mail.status." + std::to_string(r.id), r.status);
        break;
      case 1:
        ui::fitText(r.subject);
        break;
      case 2:
        ui::fitText(r.to);
        break;
      case 3:
        ui::badge(r.status, statusColor(r.status));
        break;
      case 4:
        ui::fitText(r.detail);
        break;
      case 5:
        retryButton(r, out);
        break;
    }
  };
  const MailRow* opened = nullptr;
  for (const MailRow& r : rows)
    if (r.id == mail.openId) opened = &r;
  static const std::vector<ui::TableColumn> cols = {{"Created", 165, true, true},
                                                    {"Subject"},
                                                    {"To"},
                                                    {"Status", 90},
                                                    {"Details"},
                                                    {"", 80, false}};
  const float h = opened ? std::max(dp(160), ImGui::GetContentRegionAvail().y * 0.5f) : 0.0f;
  ui::TableEvents ev = ui::drawTable("mail", cols, src, ui.mailTable, ImVec2(0, h), false);
  const std::vector<size_t>& order = ui::visibleRows(src, ui.mailTable);
  if (!order.empty()) {
    const MailRow& first = rows[order.front()];
    testHook().state("mail.firstId", std::to_string(first.id));
    testHook().state("mail.first", first.status + " | " + first.detail);
  }
  if (!ev.activated.empty())
    for (const MailRow& r : rows)
      if (std::to_string(r.id) == ev.activated) mail.openId = r.id;
  testHook().state("mail.open", opened ? std::to_string(opened->id) : "");
  if (opened) drawOpened(*opened, out);
}

}  // namespace delegate::web

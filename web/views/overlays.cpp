// Everything drawn above the screens: notifications, shown-once secrets, bulk progress,
// confirmations, quick search and toasts.
#include <imgui.h>

#include <algorithm>

#include "web/platform/test_hook.hpp"
#include "web/ui/theme.hpp"
#include "web/ui/widgets.hpp"
#include "web/views/common.hpp"
#include "web/views/views.hpp"

namespace delegate::web {

namespace {

// How well `text` answers the query (lowercase): 0 the whole text, 1 its start, 2 the start of
// a word in it, 3 anywhere; -1 not at all. "Contoso" ranks above "Contoso Oslo" for "contoso".
int matchRank(const std::string& text, const std::string& q) {
  const std::string t = ui::lower(text);
  const size_t at = t.find(q);
  if (at == std::string::npos) return -1;
  if (t == q) return 0;
  if (at == 0) return 1;
  for (size_t p = t.find(q); p != std::string::npos; p = t.find(q, p + 1))
    if (p > 0 && (t[p - 1] == ' ' || t[p - 1] == '.' || t[p - 1] == '@' || t[p - 1] == '-'))
      return 2;
  return 3;
}

int bestRank(std::initializer_list<const std::string*> texts, const std::string& q) {
  int best = -1;
  for (const std::string* t : texts) {
    const int r = matchRank(*t, q);
    if (r >= 0 && (best < 0 || r < best)) best = r;
  }
  return best;
}

std::vector<ui::QuickItem> quickResults(const ViewCtx& ctx, const std::string& query) {
  const Model& m = ctx.m;
  const std::string q = ui::lower(query);
  if (q.empty()) return {};
  struct Hit {
    int rank, kind;  // kind: clients before users on a tie
    ui::QuickItem item;
  };
  std::vector<Hit> hits;
  // Enough candidates to rank; the list shows the best 30.
  const size_t candidates = 300, limit = 30;
  for (const MCustomer& c : m.customers) {
    if (hits.size() >= candidates) break;
    const int r = bestRank({&c.name, &c.defaultDomain}, q);
    if (r >= 0)
      hits.push_back(
          {r,
           0,
           {"customer:" + c.tenantId, c.name,
            c.defaultDomain + "  -  " + std::string(standingLabel(c.standing)), "Customer"}});
  }
  for (const MUser& u : m.users) {
    if (hits.size() >= candidates) break;
    const int r = bestRank({&u.displayName, &u.upn}, q);
    if (r >= 0) hits.push_back({r, 1, {"user:" + u.id, u.displayName, u.upn, "User"}});
  }
  // Users of every client whose directory the viewer may read, searched by the core where the
  // directories are (the browser holds only the open workspace's).
  if (ctx.backend)
    for (const ClientUserMatch& u : ctx.backend->findClientUsers(query)) {
      if (hits.size() >= candidates) break;
      const int r = bestRank({&u.displayName, &u.upn}, q);
      if (r >= 0)
        hits.push_back({r,
                        2,
                        {"clientuser:" + u.customerId, u.displayName,
                         u.upn + "  -  " + u.customerName, "User of " + u.customerName}});
    }
  std::stable_sort(hits.begin(), hits.end(), [](const Hit& a, const Hit& b) {
    if (a.rank != b.rank) return a.rank < b.rank;
    if (a.kind != b.kind) return a.kind < b.kind;
    return ui::lower(a.item.label) < ui::lower(b.item.label);
  });
  std::vector<ui::QuickItem> r;
  for (size_t i = 0; i < hits.size() && i < limit; ++i) r.push_back(std::move(hits[i].item));
  return r;
}

void drawShownOnce(UiState& ui, Intents& out) {
  const ShownOnce& s = *ui.shownOnce;
  if (ui::beginDialog("##shownonce", 560, 0.0f, 0.35f)) {
    ui::heading(s.title.c_str());
    ImGui::Spacing();
    ImGui::TextUnformatted(s.label.c_str());
    if (ui::copyField(s.testId, s.value)) out.push_back(Copy{s.value, s.label});
    if (!s.note.empty()) ui::mutedWrapped(s.note);
    ImGui::Spacing();
    if (ui::button("Done", "shownonce.done") || ImGui::IsKeyPressed(ImGuiKey_Escape)) {
      out.push_back(ClearSecret{});
      ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
  }
  testHook().state("shownOnce", s.value);
  testHook().state("shownOnceTitle", s.title);
}

void drawBulk(UiState& ui, Intents& out) {
  const BulkState& b = ui.bulk;
  if (ui::beginDialog("##bulk", 640, ImGui::GetIO().DisplaySize.y * 0.6f, 0.45f)) {
    ui::heading(b.title.c_str());
    size_t done = 0, ok = 0, failed = 0;
    for (int o : b.outcome) {
      done += o != 0;
      ok += o == 1;
      failed += o == 2;
    }
    const float frac = b.commands.empty() ? 1.0f : static_cast<float>(done) / b.commands.size();
    std::string overlay = std::to_string(done) + " of " + std::to_string(b.commands.size());
    ImGui::ProgressBar(frac, ImVec2(-FLT_MIN, 0), overlay.c_str());
    testHook().item("bulk.progress");
    ui::muted("%zu done, %zu refused", ok, failed);
    testHook().state("bulk", std::to_string(done) + "/" + std::to_string(b.commands.size()) +
                                 " ok=" + std::to_string(ok) + " failed=" + std::to_string(failed));
    ImGui::BeginChild("##bulkrows", ImVec2(0, -ImGui::GetFrameHeightWithSpacing() - dp(6)),
                      ImGuiChildFlags_Border);
    // Two columns, the reason wrapped in its own: long client names and the core's refusals
    // would otherwise run into each other.
    if (ImGui::BeginTable("##bulktable", 2,
                          ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_BordersInnerH)) {
      ImGui::TableSetupColumn("Relationship", ImGuiTableColumnFlags_WidthStretch, 1.0f);
      ImGui::TableSetupColumn("Result", ImGuiTableColumnFlags_WidthStretch, 1.2f);
      ImGuiListClipper clip;
      clip.Begin(static_cast<int>(b.labels.size()));
      while (clip.Step()) {
        for (int i = clip.DisplayStart; i < clip.DisplayEnd; ++i) {
          const size_t k = static_cast<size_t>(i);
          ImGui::TableNextRow();
          ImGui::TableNextColumn();
          ImGui::PushTextWrapPos(0.0f);
          ImGui::TextUnformatted(b.labels[k].c_str());
          ImGui::PopTextWrapPos();
          ImGui::TableNextColumn();
          std::string shown;
          if (b.outcome[k] == 0) {
            shown = b.running ? "waiting" : "not run";
            ui::muted("%s", shown.c_str());
          } else {
            shown = b.results[k];
            ImGui::PushStyleColor(ImGuiCol_Text,
                                  b.outcome[k] == 1 ? palette().ok : palette().danger);
            ImGui::PushTextWrapPos(0.0f);
            ImGui::TextUnformatted(shown.c_str());
            ImGui::PopTextWrapPos();
            ImGui::PopStyleColor();
          }
          // Only rows on screen: a bulk run can cover hundreds of clients.
          testHook().state("bulk.row." + std::to_string(i), b.labels[k] + " | " + shown);
        }
      }
      ImGui::EndTable();
    }
    ImGui::EndChild();
    if (!b.running) {
      if (ui::button("Close", "bulk.close")) {
        out.push_back(CloseBulk{});
        ImGui::CloseCurrentPopup();
      }
    } else {
      ui::muted("Working...");
    }
    ImGui::EndPopup();
  }
}

void drawNotifications(const ViewCtx& ctx, UiState& ui, Intents& out) {
  ImVec2 display = ImGui::GetIO().DisplaySize;
  const float w = std::min(dp(420), display.x - dp(24));
  ImGui::SetNextWindowPos(ImVec2(display.x - w - dp(12), ctx.layout.topBarSize.y + dp(6)));
  ImGui::SetNextWindowSize(ImVec2(w, std::min(dp(480), display.y * 0.7f)));
  ImGui::PushStyleColor(ImGuiCol_WindowBg, palette().surface);
  ImGui::PushStyleColor(ImGuiCol_Border, palette().border);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, dp(1));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, dp(8));
  bool open = true;
  ImGui::Begin("Notifications##panel", &open,
               ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoCollapse |
                   ImGuiWindowFlags_NoSavedSettings);
  if (ctx.m.notifications.empty()) ui::muted("Nothing yet.");
  bool anyUnread = false;
  for (const MNotification& n : ctx.m.notifications) {
    anyUnread |= !n.read;
    ImGui::PushID(n.id.c_str());
    notificationLine(n);
    ImGui::Separator();
    ImGui::PopID();
  }
  if (anyUnread &&
      ui::button("Mark all as read", "notifications.markread", ui::ButtonKind::Secondary))
    out.push_back(MarkNotificationsRead{});
  ImGui::End();
  ImGui::PopStyleVar(2);
  ImGui::PopStyleColor(2);
  if (!open) ui.notificationsOpen = false;
  std::string all;
  for (auto& n : ctx.m.notifications) all += n.text + "\n";
  testHook().state("notifications", all);
}

}  // namespace

void drawOverlays(const ViewCtx& ctx, UiState& ui, Intents& out) {
  ImGuiIO& io = ImGui::GetIO();
  // Ctrl+K (Cmd+K) opens quick search from anywhere.
  if ((io.KeyCtrl || io.KeySuper) && ImGui::IsKeyPressed(ImGuiKey_K, false) && tenantKnown(ctx))
    out.push_back(OpenQuickSearch{});
  if (ui.notificationsOpen && ctx.signedIn) drawNotifications(ctx, ui, out);
  if (ui.shownOnce) drawShownOnce(ui, out);
  if (ui.bulk.open) drawBulk(ui, out);
  if (ui.confirm) {
    ui::ModalResult r = ui::drawConfirm(*ui.confirm);
    if (r == ui::ModalResult::Confirmed) {
      if (ui.confirmThen)
        for (const Intent& i : ui.confirmThen->items) out.push_back(i);
      ui.confirm.reset();
      ui.confirmThen.reset();
      ui.confirmGate.reset();
    } else if (r == ui::ModalResult::Cancelled) {
      ui.confirm.reset();
      ui.confirmThen.reset();
      ui.confirmGate.reset();
    }
  }
  if (ui.quick.open) {
    std::string chosen =
        ui::drawQuickSearch(ui.quick, quickResults(ctx, ui.quick.query), io.DisplaySize);
    if (!chosen.empty()) {
      const auto colon = chosen.find(':');
      const std::string kind = chosen.substr(0, colon), id = chosen.substr(colon + 1);
      if (kind == "customer" || kind == "clientuser") {
        ui.workspaceTab = 0;
        out.push_back(Navigate{
            ctx.m.tenantKind == TenantKind::Customer ? Section::MyUsers : Section::Workspace, id});
      } else if (kind == "user") {
        ui.f.selectedUserId = id;
        out.push_back(Navigate{
            ctx.m.tenantKind == TenantKind::Customer ? Section::MyUsers : Section::PartnerUsers,
            ""});
      }
    }
  }
  testHook().state("quicksearch", ui.quick.open ? "open" : "closed");
  int closed = ui::drawToasts(ui.toasts, io.DisplaySize);
  if (closed) out.push_back(DismissToast{closed});
}

}  // namespace delegate::web

// Customer side: home, partners (with removal), own users and domains, and accepting a link.
#include <imgui.h>

#include "web/app/commands.hpp"
#include "web/platform/test_hook.hpp"
#include "web/ui/table.hpp"
#include "web/views/common.hpp"
#include "web/views/views.hpp"

namespace delegate::web {

void drawDirectoryUsers(const ViewCtx& ctx, UiState& ui, Intents& out,
                        const std::vector<MUser>& users, const std::string& tenantId,
                        const std::string& customerId, ui::TableState& st,
                        const std::string& prefix);
void drawDomains(const ViewCtx& ctx, UiState& ui, Intents& out, const std::vector<MDomain>& domains,
                 const std::string& tenantId, const std::string& customerId,
                 const std::string& prefix);
void drawSubscriptions(const std::vector<MSubscription>& subs);

namespace {

void partnerList(const ViewCtx& ctx, Intents& out, bool withActions) {
  const Model& m = ctx.m;
  if (m.partners.empty()) {
    ui::muted("No partner holds rights over %s.", m.tenantName.c_str());
    testHook().state("partners", "");
    return;
  }
  std::string names, rows;
  const ui::Gate g = gateOf(ctx.can("managePartners", ""));
  if (ImGui::BeginTable(
          "##partners", withActions ? 6 : 5,
          ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_BordersOuter)) {
    ImGui::TableSetupColumn("Partner");
    ImGui::TableSetupColumn("Kind", ImGuiTableColumnFlags_WidthFixed, dp(190));
    ImGui::TableSetupColumn("Roles");
    ImGui::TableSetupColumn("Since", ImGuiTableColumnFlags_WidthFixed, dp(110));
    ImGui::TableSetupColumn("Until", ImGuiTableColumnFlags_WidthFixed, dp(110));
    if (withActions) ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed, dp(110));
    ImGui::TableHeadersRow();
    for (const MPartner& p : m.partners) {
      ImGui::PushID(p.tenantId.c_str());
      // One row per grant: a standing delegated grant (no end) and each relationship apart,
      // never merged into one "Until". The partner is removed as a whole, from its first row.
      for (size_t k = 0; k < p.grants.size(); ++k) {
        const MGrant& gr = p.grants[k];
        ImGui::PushID(static_cast<int>(k));
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::AlignTextToFramePadding();
        if (k == 0) {
          ui::fitText(p.name);
          testHook().item("partner." + p.name);
        }
        ImGui::TableNextColumn();
        ui::fitText(gr.kind);
        ImGui::TableNextColumn();
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextUnformatted(gr.roles.c_str());
        ImGui::PopTextWrapPos();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(gr.since.c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(gr.until.empty() ? "No end date" : gr.until.c_str());
        if (withActions && k == 0) {
          ImGui::TableNextColumn();
          if (ui::button("Remove", "partner.remove." + p.name, ui::ButtonKind::Danger, g))
            out.push_back(confirmThen(
                {"Remove " + p.name + "?",
                 p.name + " loses every right in " + m.tenantName +
                     " at once: its people can no longer see or change your users, passwords, "
                     "domains or services, and every relationship with it ends. To work with "
                     "them again you would accept a new offer.",
                 "Remove partner", true},
                {SendCommand{cmd::removePartner(p.tenantId), "partners",
                             p.name + " no longer has any rights in " + m.tenantName + "."}}));
        }
        rows += p.name + "|" + gr.kind + "|" + (gr.until.empty() ? "No end date" : gr.until) + "\n";
        ImGui::PopID();
      }
      ImGui::PopID();
      names += p.name + "\n";
    }
    ImGui::EndTable();
  }
  testHook().state("partners", names);
  testHook().state("partners.rows", rows);
}

}  // namespace

void drawCustomerHome(const ViewCtx& ctx, UiState& ui, Intents& out) {
  const Model& m = ctx.m;
  screenHeader(m.tenantName.c_str(),
               "Your organization, the partners that can administer it, "
               "and what they did.");
  const float gap = ImGui::GetStyle().ItemSpacing.x;
  const float w = (ImGui::GetContentRegionAvail().x - gap * 3) / 4.0f;
  if (ui::statCard("stat.partners", std::to_string(m.partners.size()), "partners with rights",
                   palette().accent, w))
    out.push_back(Navigate{Section::Partners, ""});
  ImGui::SameLine();
  if (ui::statCard("stat.users", std::to_string(m.users.size()), "users", palette().text, w))
    out.push_back(Navigate{Section::MyUsers, ""});
  ImGui::SameLine();
  if (ui::statCard("stat.domains", std::to_string(m.domains.size()), "domains", palette().text, w))
    out.push_back(Navigate{Section::MyDomains, ""});
  ImGui::SameLine();
  size_t pending = 0;
  for (const MRelationship& r : m.relationships)
    pending += r.status == RelationshipStatus::approvalPending;
  ui::statCard("stat.requests", std::to_string(pending), "requests waiting for you",
               pending ? palette().warning : palette().text, w);
  ImGui::Spacing();
  ui::heading("Partners with rights");
  partnerList(ctx, out, false);
  ImGui::Spacing();
  ui::heading("Subscriptions");
  drawSubscriptions(m.subscriptions);
  (void)ui;
}

void drawPartners(const ViewCtx& ctx, UiState& ui, Intents& out) {
  const Model& m = ctx.m;
  screenHeader("Partners", "Every partner that holds rights over " + m.tenantName +
                               ", what it can do, since when and until when. Removing a partner "
                               "takes effect at once.");
  partnerList(ctx, out, true);
  const FormState& f = ui.form("partners");
  if (!f.error.empty()) ui::errorText(f.error);
  // Requests waiting for approval.
  bool any = false;
  for (const MRelationship& r : m.relationships) {
    if (r.status != RelationshipStatus::approvalPending) continue;
    if (!any) {
      ImGui::Spacing();
      ui::heading("Requests waiting for your approval");
      any = true;
    }
    ImGui::PushID(r.id.c_str());
    ImGui::BulletText("%s asks for: %s (%s)", r.partnerName.c_str(), r.roles.c_str(),
                      r.duration.c_str());
    ImGui::SameLine();
    if (ui::button("Review", "request.review." + r.id, ui::ButtonKind::Secondary)) {
      ui.f.acceptRelationshipId = r.id;
      ui.f.acceptToken.clear();
      out.push_back(Navigate{Section::Accept, ""});
    }
    ImGui::PopID();
  }
}

void drawMyUsers(const ViewCtx& ctx, UiState& ui, Intents& out) {
  const Model& m = ctx.m;
  screenHeader("Users", "The people of " + m.tenantName + ".");
  drawDirectoryUsers(ctx, ui, out, m.users, m.tenantId, "", ui.myUsersTable, "my");
}

void drawMyDomains(const ViewCtx& ctx, UiState& ui, Intents& out) {
  const Model& m = ctx.m;
  screenHeader("Domains", "The domains of " + m.tenantName + ".");
  drawDomains(ctx, ui, out, m.domains, m.tenantId, "", "my");
}

void drawSettings(const ViewCtx& ctx, UiState& ui, Intents& out) {
  screenHeader("Settings", "Your account, and how Delegate looks in this browser.");
  const float kw = dp(170);
  if (ctx.signedIn) {
    // The account first: changing a password is what people come here for.
    ui::beginCard("card.me", ImVec2(0, 0));
    if (ImGui::BeginTable("##account", ctx.sandbox ? 1 : 2, ImGuiTableFlags_SizingStretchSame)) {
      ImGui::TableNextColumn();
      ui::heading("Signed in as");
      ui::keyValue("Name", ctx.m.meName, kw);
      ui::keyValue("User name", ctx.m.meUpn, kw);
      ui::keyValue("Organization", ctx.m.tenantName, kw);
      if (!ctx.sandbox) {
        ImGui::TableNextColumn();
        ui::heading("Change password");
        drawPasswordForm(ctx, ui, out, std::min(dp(360), ImGui::GetContentRegionAvail().x), true);
      }
      ImGui::EndTable();
    }
    ui::endCard();
    ImGui::Spacing();
    if (!ctx.sandbox) {
      drawMultiFactorCard(ctx, ui, out);
      ImGui::Spacing();
    }
  }
  ui::beginCard("card.theme", ImVec2(0, 0));
  ui::heading("Theme");
  int t = ui.theme == ThemeMode::Dark ? 1 : 0;
  int before = t;
  ImGui::RadioButton("Light", &t, 0);
  testHook().item("settings.light");
  ImGui::SameLine();
  ImGui::RadioButton("Dark", &t, 1);
  testHook().item("settings.dark");
  if (t != before) out.push_back(ToggleTheme{});
  ui::endCard();
  ImGui::Spacing();
  ui::beginCard("card.keys", ImVec2(0, 0));
  ui::heading("Keyboard");
  ui::keyValue("Ctrl+K", "quick search over customers and users", kw);
  ui::keyValue("Tab / Shift+Tab", "move between controls", kw);
  ui::keyValue("Arrow keys", "move in tables and lists", kw);
  ui::keyValue("Enter", "open the selected row, confirm a dialog", kw);
  ui::keyValue("Space", "select a row (bulk actions)", kw);
  ui::keyValue("Escape", "close a dialog", kw);
  ui::endCard();
}

}  // namespace delegate::web

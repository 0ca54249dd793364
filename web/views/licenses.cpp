#include "web/views/licenses.hpp"

#include <imgui.h>

#include <algorithm>
#include <functional>
#include <map>

#include "web/app/commands.hpp"
#include "web/platform/test_hook.hpp"
#include "web/ui/table.hpp"
#include "web/views/common.hpp"

namespace delegate::web {

namespace {

constexpr const char* kForm = "ws.license";

// By subscription, not product: a client may hold two subscriptions of the same product.
bool holds(const MUser& u, const MSubscription& sub) {
  return std::find(u.subscriptionIds.begin(), u.subscriptionIds.end(), sub.id) !=
         u.subscriptionIds.end();
}

// Returns the subscription picked for its users (null when none is).
const MSubscription* drawSubscriptionRows(const std::vector<MSubscription>& subs, UiState& ui) {
  const MSubscription* picked = nullptr;
  if (!ImGui::BeginTable(
          "##licsubs", 6,
          ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_BordersOuter))
    return nullptr;
  ImGui::TableSetupColumn("Product");
  ImGui::TableSetupColumn("Kind", ImGuiTableColumnFlags_WidthFixed, dp(80));
  ImGui::TableSetupColumn("Assigned", ImGuiTableColumnFlags_WidthFixed, dp(180));
  ImGui::TableSetupColumn("Available", ImGuiTableColumnFlags_WidthFixed, dp(90));
  ImGui::TableSetupColumn("Ends", ImGuiTableColumnFlags_WidthFixed, dp(120));
  ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed, dp(150));
  ImGui::TableHeadersRow();
  std::map<std::string, int> seen;  // a client may hold a product twice: "<product>#2"
  for (const MSubscription& s : subs) {
    const bool selected = ui.f.licenseSubscriptionId == s.id;
    if (selected) picked = &s;
    const int available = std::max(0, s.licenses - s.assigned);
    const int nth = ++seen[s.product];
    const std::string id = "ws.sub." + s.product + (nth > 1 ? "#" + std::to_string(nth) : "");
    ImGui::PushID(s.id.c_str());
    ImGui::TableNextRow();
    if (selected)
      ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg1, ImGui::GetColorU32(palette().accentSoft));
    ImGui::TableNextColumn();
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(s.product.c_str());
    ImGui::TableNextColumn();
    ui::badge(s.trial ? "Trial" : "Paid", s.trial ? palette().warning : palette().ok);
    ImGui::TableNextColumn();
    const float frac = s.licenses ? static_cast<float>(s.assigned) / s.licenses : 0.0f;
    const std::string counts = std::to_string(s.assigned) + " of " + std::to_string(s.licenses);
    ImGui::ProgressBar(frac, ImVec2(-FLT_MIN, 0), counts.c_str());
    testHook().state(id, counts);
    ImGui::TableNextColumn();
    if (available == 0)
      ui::badge("None left", palette().danger);
    else
      ImGui::Text("%d", available);
    testHook().state(id + ".available", std::to_string(available));
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(s.endDate.c_str());
    ImGui::TableNextColumn();
    if (selected) {
      if (ui::button("Hide users", id + ".manage", ui::ButtonKind::Link))
        ui.f.licenseSubscriptionId.clear();
    } else if (ui::button("Assign to users", id + ".manage", ui::ButtonKind::Secondary)) {
      ui.f.licenseSubscriptionId = s.id;
      ui.forms[kForm] = FormState{};  // an earlier refusal was about another subscription
    }
    ImGui::PopID();
  }
  ImGui::EndTable();
  return picked;
}

void drawLicenseUsers(const ViewCtx& ctx, UiState& ui, Intents& out,
                      const std::vector<MUser>& users, const MSubscription& sub,
                      const std::string& customerId) {
  const int available = std::max(0, sub.licenses - sub.assigned);
  ImGui::Spacing();
  ui::heading((sub.product + ": who has a license").c_str());
  ImGui::Text("%d assigned,", sub.assigned);
  ImGui::SameLine();
  ImGui::TextColored(available ? palette().ok : palette().danger, "%d available", available);
  ImGui::SameLine();
  ui::muted("of %d licenses", sub.licenses);
  if (available == 0)
    ui::mutedWrapped("Every license is in use: remove one from someone first, or buy more.");
  const FormState& f = ui.form(kForm);
  const std::string error = f.onlyFieldError("addLicenses", "removeLicenses");
  if (!error.empty()) ui::banner(ui::BannerKind::Danger, error);
  testHook().state("error." + std::string(kForm), error);

  ui::TableState& st = ui.f.licenseUsersTable;
  ui::searchBox("ws.licusers.search", st.search, "Search users", dp(300));
  ImGui::SameLine();
  ImGui::SetNextItemWidth(dp(190));
  static const char* filters[] = {"All users", "With this license", "Without it"};
  ImGui::Combo("##licfilter", &st.filter, filters, 3);
  testHook().item("ws.licusers.filter");

  ui::TableSource src;
  src.count = users.size();
  src.revision = ctx.m.revision * 31 + std::hash<std::string>()(customerId + sub.id);
  src.match = [&](size_t i, const std::string& needle, int filter) {
    const MUser& u = users[i];
    if (filter && holds(u, sub) != (filter == 1)) return false;
    return userMatches(u, needle);
  };
  src.less = [&](size_t a, size_t b, int col) {
    const MUser& x = users[a];
    const MUser& y = users[b];
    switch (col) {
      case 1:
        return x.upn < y.upn;
      case 2:
        return x.licenses < y.licenses;
      case 3:
        return holds(x, sub) > holds(y, sub);
      default:
        return x.displayName < y.displayName;
    }
  };
  src.key = [&](size_t i) { return users[i].upn; };
  src.cell = [&](size_t i, int col) {
    const MUser& u = users[i];
    const bool has = holds(u, sub);
    switch (col) {
      case 0:
        ui::fitText(u.displayName);
        break;
      case 1:
        ui::fitText(u.upn);
        break;
      case 2:
        if (u.licenses.empty())
          ui::muted("None");
        else
          ui::fitText(u.licenses);
        break;
      case 3:
        testHook().state("ws.license." + u.upn, has ? "assigned" : "none");
        if (has)
          ui::badge("Assigned", palette().ok);
        else
          ui::muted("-");
        break;
      case 4: {
        const ui::Gate g = gateOf(ctx.can("assignLicenses", customerId, u.id));
        ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(dp(8), dp(3)));
        if (has) {
          if (ui::button("Remove", "ws.license.remove." + u.upn, ui::ButtonKind::Secondary, g))
            out.push_back(SendCommand{cmd::removeLicense(customerId, sub.id, u.id), kForm,
                                      u.upn + " no longer has a " + sub.product + " license."});
        } else if (ui::button("Assign", "ws.license.assign." + u.upn, ui::ButtonKind::Primary, g)) {
          out.push_back(SendCommand{cmd::assignLicense(customerId, sub.id, u.id), kForm,
                                    u.upn + " now has a " + sub.product + " license."});
        }
        ImGui::PopStyleVar();
        break;
      }
    }
  };
  static const std::vector<ui::TableColumn> cols = {
      {"Name"}, {"User name"}, {"Licenses"}, {"This subscription", 140}, {"", 100, false}};
  const auto& rows = ui::visibleRows(src, st);
  ImGui::SameLine();
  countLabel(rows.size(), users.size(), "users");
  ui::drawTable("ws.licusers", cols, src, st, ImVec2(0, 0), false);
}

}  // namespace

void drawLicenses(const ViewCtx& ctx, UiState& ui, Intents& out, const ClientDirectory& dir,
                  const std::string& customerId) {
  if (dir.subscriptions.empty()) {
    ui::muted("This customer has no subscriptions.");
    return;
  }
  const MSubscription* picked = drawSubscriptionRows(dir.subscriptions, ui);
  testHook().state("ws.sub.picked", picked ? picked->product : "");
  if (picked)
    drawLicenseUsers(ctx, ui, out, dir.users, *picked, customerId);
  else
    ui::mutedWrapped("Pick a subscription to assign its licenses to users or take them back.");
}

}  // namespace delegate::web

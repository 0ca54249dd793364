#include "web/platform/test_hook.hpp"
#include "web/ui/theme.hpp"
#include "web/views/fixed_window.hpp"
#include "web/views/views.hpp"

namespace delegate::web {

namespace {

const char* sectionSummary(Section s) {
  switch (s) {
    case Section::Overview:
      return "Your clients, relationships that need attention, open offers and recent activity.";
    case Section::Customers:
      return "Every client you support, the relationship with each, and your roles there.";
    case Section::Offers:
      return "Delegated administration offers, trial invitations and purchase offers.";
    case Section::Relationships:
      return "Granular admin relationships: roles, duration, approval and expiry.";
    case Section::PartnerUsers:
      return "Who in your organization may administer clients, and with which roles.";
    case Section::Activity:
      return "Every action taken in clients, allowed or refused, by whom.";
  }
  return "";
}

}  // namespace

void drawMainArea(const Layout& layout, const AppState& state, const UiState& ui, Intents&) {
  if (beginFixedWindow("##main", layout.mainPos, layout.mainSize,
                       ImGui::GetStyle().Colors[ImGuiCol_WindowBg])) {
    ImGui::PushFont(fonts().title);
    ImGui::TextUnformatted(sectionTitle(ui.section));
    ImGui::PopFont();
    testHook().item("main.title");
    ImGui::PushStyleColor(ImGuiCol_Text, palette().muted);
    ImGui::TextWrapped("%s", sectionSummary(ui.section));
    ImGui::PopStyleColor();
    ImGui::Spacing();
    ImGui::Separator();
    ImGui::Spacing();
    if (state.connection == Connection::Sandbox)
      ImGui::TextWrapped("No server is connected. This screen will show sandbox data.");
    else
      ImGui::TextWrapped("This section is being built.");
    testHook().state("section", sectionId(ui.section));
  }
  endFixedWindow();
}

}  // namespace delegate::web

#include "web/platform/test_hook.hpp"
#include "web/ui/theme.hpp"
#include "web/views/fixed_window.hpp"
#include "web/views/views.hpp"

namespace delegate::web {

namespace {

constexpr Section kSections[] = {Section::Overview,      Section::Customers,
                                 Section::Offers,        Section::Relationships,
                                 Section::PartnerUsers, Section::Activity};

}  // namespace

void drawNavigation(const Layout& layout, const UiState& ui, Intents& out) {
  if (beginFixedWindow("##nav", layout.navPos, layout.navSize, palette().navBar)) {
    const float rowH = ImGui::GetTextLineHeight() + ImGui::GetStyle().FramePadding.y * 3.0f;
    ImGui::PushStyleVar(ImGuiStyleVar_SelectableTextAlign, ImVec2(0.0f, 0.5f));
    for (Section s : kSections) {
      const bool selected = ui.section == s;
      if (selected) ImGui::PushFont(fonts().strong);
      std::string label = std::string(sectionTitle(s)) + "##nav." + sectionId(s);
      if (ImGui::Selectable(label.c_str(), selected, 0, ImVec2(0, rowH)) && !selected)
        out.push_back(Navigate{s});
      if (selected) ImGui::PopFont();
      testHook().item(std::string("nav.") + sectionId(s));
    }
    ImGui::PopStyleVar();
  }
  endFixedWindow();
}

}  // namespace delegate::web

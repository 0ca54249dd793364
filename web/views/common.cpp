#include "web/views/common.hpp"

#include <imgui.h>

#include "web/platform/test_hook.hpp"
#include "web/ui/table.hpp"

namespace delegate::web {

float beginCardPage(const char* windowId, const char* cardId, const char* title,
                    float topFraction) {
  ImVec2 display = ImGui::GetIO().DisplaySize;
  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(display);
  ImGui::PushStyleColor(ImGuiCol_WindowBg, palette().background);
  ImGui::Begin(windowId, nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus);
  ImGui::PopStyleColor();
  const float w = std::min(dp(400), display.x - dp(40));
  ImGui::SetCursorPos(ImVec2((display.x - w) * 0.5f - dp(24), display.y * topFraction));
  ui::beginCard(cardId, ImVec2(w + dp(48), 0));
  ImGui::PushFont(fonts().title);
  ImGui::TextColored(palette().accent, "%s", title);
  ImGui::PopFont();
  testHook().item("main.title");
  return w;
}

void endCardPage(const std::string& footer) {
  ui::endCard();
  if (!footer.empty()) {
    const float w = std::min(dp(400), ImGui::GetIO().DisplaySize.x - dp(40));
    ImGui::SetCursorPosX((ImGui::GetIO().DisplaySize.x - w) * 0.5f - dp(24));
    ImGui::PushFont(fonts().small);
    ui::muted("%s", footer.c_str());
    ImGui::PopFont();
  }
  ImGui::End();
}

bool userMatches(const MUser& u, const std::string& needle) {
  return ui::containsLower(u.displayName, needle) || ui::containsLower(u.upn, needle);
}

ui::Gate adminGate(const Model& m, const char* what) {
  if (m.isAdmin) return {};
  return ui::Gate::no(std::string("Only an administrator of ") + m.tenantName + " can " + what +
                      ".");
}

ImVec4 toneColor(StatusTone tone) {
  const Palette& p = palette();
  switch (tone) {
    case StatusTone::good:
      return p.ok;
    case StatusTone::attention:
      return p.warning;
    case StatusTone::ended:
      return p.danger;
    case StatusTone::neutral:
      break;
  }
  return p.muted;
}

void notificationLine(const MNotification& n) {
  if (!n.read) {
    ui::statusDot(palette().accent);
    ImGui::SameLine();
  }
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextUnformatted(n.text.c_str());
  ImGui::PopTextWrapPos();
  ImGui::PushFont(fonts().small);
  ui::muted("%s", n.time.c_str());
  ImGui::PopFont();
}

bool tab(const char* label, const std::string& testId, int index, int& current) {
  const bool selected = current == index;
  ImGui::PushStyleColor(ImGuiCol_Button, selected ? palette().accentSoft : ImVec4(0, 0, 0, 0));
  ImGui::PushStyleColor(ImGuiCol_ButtonHovered, palette().accentSoft);
  ImGui::PushStyleColor(ImGuiCol_ButtonActive, palette().accentSoft);
  ImGui::PushStyleColor(ImGuiCol_Text, selected ? palette().accent : palette().text);
  ImGui::PushStyleColor(ImGuiCol_Border, ImVec4(0, 0, 0, 0));
  if (selected) ImGui::PushFont(fonts().strong);
  std::string full = std::string(label) + "##" + testId;
  if (ImGui::Button(full.c_str())) current = index;
  if (selected) ImGui::PopFont();
  ImGui::PopStyleColor(5);
  testHook().item(testId);
  ImGui::SameLine();
  return selected;
}

const MCustomer* findCustomer(const Model& m, const std::string& tenantId) {
  for (const MCustomer& c : m.customers)
    if (c.tenantId == tenantId) return &c;
  return nullptr;
}

std::string plural(long long n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

void countLabel(size_t shown, size_t total, const char* noun) {
  // "1 user", not "1 users": the nouns passed are plurals ending in s.
  std::string nouns = noun;
  if (total == 1 && !nouns.empty() && nouns.back() == 's') nouns.pop_back();
  if (shown == total)
    ui::muted("%zu %s", total, nouns.c_str());
  else
    ui::muted("%zu of %zu %s", shown, total, nouns.c_str());
}

}  // namespace delegate::web

#include "web/ui/overlays.hpp"

#include <imgui_stdlib.h>

#include <algorithm>

#include "web/platform/test_hook.hpp"
#include "web/ui/theme.hpp"
#include "web/ui/widgets.hpp"

namespace delegate::web::ui {

void Toasts::push(ToastKind kind, std::string text, double nowMs) {
  items.push_back(Toast{nextId++, kind, std::move(text), nowMs});
  if (items.size() > 5) items.erase(items.begin());
}

void Toasts::expire(double nowMs) {
  items.erase(std::remove_if(items.begin(), items.end(),
                             [&](const Toast& t) {
                               double life = t.kind == ToastKind::Error ? 9000 : 4500;
                               return nowMs - t.shownAtMs > life;
                             }),
              items.end());
}

int drawToasts(const Toasts& toasts, ImVec2 display) {
  int closed = 0;
  const float w = std::min(dp(420), display.x - dp(32));
  float y = display.y - dp(16);
  const Palette& p = palette();
  std::string all;
  for (auto it = toasts.items.rbegin(); it != toasts.items.rend(); ++it) {
    const Toast& t = *it;
    const float textW = w - dp(28) - dp(34);
    const float textH = ImGui::CalcTextSize(t.text.c_str(), nullptr, false, textW).y;
    const float h = textH + dp(24);
    y -= h;
    ImGui::SetNextWindowPos(ImVec2(display.x - w - dp(16), y));
    ImGui::SetNextWindowSize(ImVec2(w, h));
    ImVec4 edge = t.kind == ToastKind::Success ? p.ok
                  : t.kind == ToastKind::Error ? p.danger
                                               : p.accent;
    ImGui::PushStyleColor(ImGuiCol_WindowBg, p.surface);
    ImGui::PushStyleColor(ImGuiCol_Border, p.border);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, dp(1));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, dp(8));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(dp(16), dp(12)));
    std::string wid = "##toast" + std::to_string(t.id);
    ImGui::Begin(wid.c_str(), nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                     ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoFocusOnAppearing |
                     ImGuiWindowFlags_NoNav);
    ImVec2 wp = ImGui::GetWindowPos();
    ImGui::GetWindowDrawList()->AddRectFilled(wp, ImVec2(wp.x + dp(5), wp.y + h),
                                              ImGui::GetColorU32(edge), dp(8),
                                              ImDrawFlags_RoundCornersLeft);
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + textW);
    ImGui::TextUnformatted(t.text.c_str());
    ImGui::PopTextWrapPos();
    ImGui::SameLine(w - dp(34));
    ImGui::PushStyleColor(ImGuiCol_Button, ImVec4(0, 0, 0, 0));
    ImGui::PushStyleColor(ImGuiCol_Text, p.muted);
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(dp(4), 0));
    if (ImGui::Button("x")) closed = t.id;
    ImGui::PopStyleVar();
    ImGui::PopStyleColor(2);
    ImGui::End();
    ImGui::PopStyleVar(3);
    ImGui::PopStyleColor(2);
    y -= dp(8);
    all += (all.empty() ? "" : "\n") + t.text;
  }
  testHook().state("toasts", all);
  return closed;
}

bool beginDialog(const char* id, float width, float height, float yFraction) {
  if (!ImGui::IsPopupOpen(id)) ImGui::OpenPopup(id);
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  ImGui::SetNextWindowPos(ImVec2(display.x * 0.5f, display.y * yFraction), ImGuiCond_Always,
                          ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowSize(ImVec2(std::min(dp(width), display.x - dp(32)), height));
  // Padding and rounding are taken when the window begins, so they can be popped right after.
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(dp(22), dp(18)));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, dp(10));
  const bool open =
      ImGui::BeginPopupModal(id, nullptr,
                             ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoResize |
                                 ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings);
  ImGui::PopStyleVar(2);
  return open;
}

DialogChoice dialogButtons(const std::string& okLabel, const std::string& cancelId,
                           const std::string& okId, ButtonKind okKind, const Gate& okGate) {
  const ImGuiStyle& style = ImGui::GetStyle();
  const float cancelW = ImGui::CalcTextSize("Cancel").x + style.FramePadding.x * 2;
  const float okW = ImGui::CalcTextSize(okLabel.c_str()).x + style.FramePadding.x * 2;
  ImGui::SetCursorPosX(ImGui::GetWindowWidth() - dp(22) - cancelW - okW - style.ItemSpacing.x);
  DialogChoice choice = DialogChoice::None;
  if (button("Cancel", cancelId, ButtonKind::Secondary)) choice = DialogChoice::Cancel;
  ImGui::SameLine();
  if (button(okLabel.c_str(), okId, okKind, okGate)) choice = DialogChoice::Ok;
  return choice;
}

ModalResult drawConfirm(const ConfirmSpec& spec) {
  ModalResult result = ModalResult::None;
  if (beginDialog("##confirm", 460)) {
    heading(spec.title.c_str());
    ImGui::Spacing();
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(spec.body.c_str());
    ImGui::PopTextWrapPos();
    ImGui::Spacing();
    ImGui::Spacing();
    const DialogChoice choice =
        dialogButtons(spec.confirmLabel, "confirm.cancel", "confirm.ok",
                      spec.danger ? ButtonKind::Danger : ButtonKind::Primary);
    if (choice == DialogChoice::Cancel) result = ModalResult::Cancelled;
    if (choice == DialogChoice::Ok) result = ModalResult::Confirmed;
    if (ImGui::IsKeyPressed(ImGuiKey_Escape)) result = ModalResult::Cancelled;
    if (ImGui::IsKeyPressed(ImGuiKey_Enter) || ImGui::IsKeyPressed(ImGuiKey_KeypadEnter))
      result = ModalResult::Confirmed;
    if (result != ModalResult::None) ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
  }
  testHook().state("confirm", spec.title);
  testHook().state("confirmBody", spec.body);
  return result;
}

std::string drawQuickSearch(QuickSearchState& st, const std::vector<QuickItem>& results,
                            ImVec2 display) {
  std::string chosen;
  const char* id = "##quicksearch";
  if (!ImGui::IsPopupOpen(id)) ImGui::OpenPopup(id);
  const float w = std::min(dp(600), display.x - dp(32));
  ImGui::SetNextWindowPos(ImVec2(display.x * 0.5f, display.y * 0.12f), ImGuiCond_Always,
                          ImVec2(0.5f, 0.0f));
  ImGui::SetNextWindowSize(ImVec2(w, 0));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(dp(14), dp(14)));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, dp(10));
  if (ImGui::BeginPopupModal(id, nullptr,
                             ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoResize |
                                 ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings)) {
    if (st.focusInput) {
      ImGui::SetKeyboardFocusHere();
      st.focusInput = false;
    }
    ImGui::SetNextItemWidth(-FLT_MIN);
    if (ImGui::InputTextWithHint("##q", "Search customers and users...", &st.query)) st.cursor = 0;
    testHook().item("quicksearch.input");
    const int n = static_cast<int>(results.size());
    if (ImGui::IsKeyPressed(ImGuiKey_DownArrow) && n) st.cursor = std::min(n - 1, st.cursor + 1);
    if (ImGui::IsKeyPressed(ImGuiKey_UpArrow) && n) st.cursor = std::max(0, st.cursor - 1);
    if (st.cursor >= n) st.cursor = std::max(0, n - 1);
    if ((ImGui::IsKeyPressed(ImGuiKey_Enter) || ImGui::IsKeyPressed(ImGuiKey_KeypadEnter)) && n)
      chosen = results[static_cast<size_t>(st.cursor)].key;
    ImGui::Spacing();
    const float rowH = ImGui::GetTextLineHeightWithSpacing() * 2.0f;
    const float listH = std::min(static_cast<float>(std::max(n, 1)), 8.0f) * rowH;
    ImGui::BeginChild("##results", ImVec2(0, listH));
    if (n == 0)
      muted("%s", st.query.empty() ? "Type a name, a domain or a user name." : "No match.");
    for (int i = 0; i < n; ++i) {
      const QuickItem& item = results[static_cast<size_t>(i)];
      ImGui::PushID(i);
      ImVec2 start = ImGui::GetCursorPos();
      if (ImGui::Selectable("##it", i == st.cursor, 0, ImVec2(0, rowH - dp(4)))) chosen = item.key;
      if (i == st.cursor) ImGui::SetScrollHereY();
      testHook().item("quicksearch.result." + std::to_string(i));
      ImGui::SetCursorPos(ImVec2(start.x + dp(8), start.y + dp(2)));
      ImGui::TextUnformatted(item.label.c_str());
      ImGui::SameLine();
      muted("%s", item.kind.c_str());
      ImGui::SetCursorPos(ImVec2(start.x + dp(8), start.y + ImGui::GetTextLineHeight() + dp(2)));
      ImGui::PushFont(fonts().small);
      muted("%s", item.detail.c_str());
      ImGui::PopFont();
      ImGui::SetCursorPos(ImVec2(start.x, start.y + rowH));
      ImGui::PopID();
    }
    ImGui::EndChild();
    if (ImGui::IsKeyPressed(ImGuiKey_Escape) || !chosen.empty()) {
      st.open = false;
      ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
  }
  ImGui::PopStyleVar(2);
  std::string labels;
  for (auto& r : results) labels += (labels.empty() ? "" : "\n") + r.label;
  testHook().state("quicksearch.results", labels);
  return chosen;
}

}  // namespace delegate::web::ui

#include "web/platform/test_hook.hpp"
#include "web/ui/theme.hpp"
#include "web/views/fixed_window.hpp"
#include "web/views/views.hpp"

namespace delegate::web {

namespace {

struct Indicator {
  std::string text;
  ImVec4 color;
  const char* stateValue;
};

Indicator connectionIndicator(const AppState& state) {
  switch (state.connection) {
    case Connection::Connecting:
      return {"Connecting...", palette().muted, "connecting"};
    case Connection::Connected:
      return {"Connected to " + state.serverName + " " + state.serverVersion, palette().ok,
              "connected"};
    case Connection::Sandbox:
      return {"Sandbox (no server)", palette().warning, "sandbox"};
  }
  return {"", palette().muted, ""};
}

}  // namespace

void drawTopBar(const Layout& layout, const AppState& state, Intents& out) {
  if (beginFixedWindow("##topbar", layout.topBarPos, layout.topBarSize, palette().topBar)) {
    const float h = layout.topBarSize.y;
    ImGui::PushFont(fonts().title);
    ImGui::SetCursorPosY((h - ImGui::GetTextLineHeight()) * 0.5f);
    ImGui::TextColored(ImVec4(1, 1, 1, 1), "Delegate");
    ImGui::PopFont();
    testHook().item("topbar.title");

    Indicator ind = connectionIndicator(state);
    const float dot = ImGui::GetTextLineHeight() * 0.55f;
    const float textW = ImGui::CalcTextSize(ind.text.c_str()).x;
    const float pad = ImGui::GetStyle().WindowPadding.x;
    const float x = layout.topBarSize.x - pad - textW - dot - ImGui::GetStyle().ItemSpacing.x;
    ImGui::SameLine(x);
    ImGui::SetCursorPosY((h - ImGui::GetTextLineHeight()) * 0.5f);
    ImGui::BeginGroup();
    ImVec2 p = ImGui::GetCursorScreenPos();
    ImGui::GetWindowDrawList()->AddCircleFilled(
        ImVec2(p.x + dot * 0.5f, p.y + ImGui::GetTextLineHeight() * 0.5f), dot * 0.5f,
        ImGui::GetColorU32(ind.color));
    ImGui::Dummy(ImVec2(dot, ImGui::GetTextLineHeight()));
    ImGui::SameLine();
    ImGui::TextColored(ImVec4(0.92f, 0.94f, 0.98f, 1.0f), "%s", ind.text.c_str());
    ImGui::EndGroup();
    testHook().item("topbar.connection");
    if (state.connection == Connection::Sandbox && ImGui::IsItemHovered()) {
      ImGui::SetTooltip("No Delegate server answered (%s).\nClick to try again.",
                        state.sandboxReason.c_str());
    }
    if (state.connection == Connection::Sandbox && ImGui::IsItemClicked())
      out.push_back(RetryConnection{});
    testHook().state("connection", ind.stateValue);
    testHook().state("connectionText", ind.text);
  }
  endFixedWindow();
}

}  // namespace delegate::web

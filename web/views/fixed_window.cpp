#include "web/views/fixed_window.hpp"

namespace delegate::web {

bool beginFixedWindow(const char* id, ImVec2 pos, ImVec2 size, ImVec4 background) {
  ImGui::SetNextWindowPos(pos);
  ImGui::SetNextWindowSize(size);
  ImGui::PushStyleColor(ImGuiCol_WindowBg, background);
  constexpr ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                     ImGuiWindowFlags_NoSavedSettings |
                                     ImGuiWindowFlags_NoBringToFrontOnFocus;
  bool open = ImGui::Begin(id, nullptr, flags);
  ImGui::PopStyleColor();
  return open;
}

void endFixedWindow() {
  ImGui::End();
}

}  // namespace delegate::web

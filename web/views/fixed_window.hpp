#pragma once
#include <imgui.h>

namespace delegate::web {

// A borderless, unmovable window pinned to one region of the screen.
bool beginFixedWindow(const char* id, ImVec2 pos, ImVec2 size, ImVec4 background);
void endFixedWindow();

}  // namespace delegate::web

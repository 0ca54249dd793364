#pragma once
#include <imgui.h>

namespace delegate::web {

struct Fonts {
  ImFont* body = nullptr;
  ImFont* strong = nullptr;
  ImFont* title = nullptr;
};

// Colors the views use by meaning rather than by value.
struct Palette {
  ImVec4 accent;
  ImVec4 ok;
  ImVec4 warning;
  ImVec4 muted;
  ImVec4 topBar;
  ImVec4 navBar;
};

const Palette& palette();
const Fonts& fonts();

// Loads Inter at the pixel ratio and scales the style to it; call again when the ratio changes.
void applyTheme(float pixelRatio);

}  // namespace delegate::web

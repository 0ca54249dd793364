#pragma once
#include <imgui.h>

namespace delegate::web {

// Where the fixed regions of the screen are this frame, in device pixels.
struct Layout {
  ImVec2 topBarPos, topBarSize;
  ImVec2 navPos, navSize;
  ImVec2 mainPos, mainSize;
};

Layout computeLayout(ImVec2 display, float pixelRatio);

}  // namespace delegate::web

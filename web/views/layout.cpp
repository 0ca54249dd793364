#include "web/views/layout.hpp"

#include <algorithm>

namespace delegate::web {

Layout computeLayout(ImVec2 display, float pixelRatio) {
  Layout l;
  const float topH = 52.0f * pixelRatio;
  // The navigation narrows on small windows so the main area keeps most of the width.
  const float navW = std::clamp(display.x * 0.18f, 150.0f * pixelRatio, 230.0f * pixelRatio);
  l.topBarPos = ImVec2(0, 0);
  l.topBarSize = ImVec2(display.x, topH);
  l.navPos = ImVec2(0, topH);
  l.navSize = ImVec2(navW, std::max(0.0f, display.y - topH));
  l.mainPos = ImVec2(navW, topH);
  l.mainSize = ImVec2(std::max(0.0f, display.x - navW), std::max(0.0f, display.y - topH));
  return l;
}

}  // namespace delegate::web

#pragma once
#include <imgui.h>

namespace delegate::web {

struct Fonts {
  ImFont* body = nullptr;
  ImFont* strong = nullptr;
  ImFont* title = nullptr;
  ImFont* small = nullptr;
  ImFont* mono = nullptr;
};

enum class ThemeMode { Light, Dark };

// Colors the views use by meaning rather than by value.
struct Palette {
  ImVec4 accent;
  ImVec4 accentSoft;
  ImVec4 accentHovered;
  ImVec4 accentActive;  // selected rows, badges
  ImVec4 ok;
  ImVec4 warning;
  ImVec4 danger;
  ImVec4 muted;
  ImVec4 text;
  ImVec4 background;
  ImVec4 surface;  // cards
  ImVec4 border;
  ImVec4 topBar;
  ImVec4 topBarText;
  ImVec4 navBar;
  ImVec4 bannerInfo;
  ImVec4 bannerWarning;
  ImVec4 bannerDanger;
  ImVec4 secondaryButton;
  ImVec4 secondaryButtonHovered;
};

const Palette& palette();
const Fonts& fonts();
ThemeMode themeMode();

// Loads Inter at the pixel ratio and scales the style to it; call again when the ratio changes.
void applyTheme(float pixelRatio, ThemeMode mode);
// Switches colors only (fonts stay).
void applyColors(ThemeMode mode, float pixelRatio);

// ImGui sizes in device pixels: dp(10) is 10 CSS pixels.
float dp(float cssPixels);

}  // namespace delegate::web

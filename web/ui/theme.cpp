#include "web/ui/theme.hpp"

#include <imgui_impl_opengl3.h>

namespace delegate::web {

namespace {

Fonts gFonts;
Palette gPalette;

ImFont* loadFont(const char* path, float size) {
  ImFontConfig config;
  config.OversampleH = 2;
  config.OversampleV = 1;
  ImFont* f = ImGui::GetIO().Fonts->AddFontFromFileTTF(path, size, &config);
  return f ? f : ImGui::GetIO().Fonts->AddFontDefault();
}

void lightColors(ImGuiStyle& style) {
  ImGui::StyleColorsLight(&style);
  ImVec4* c = style.Colors;
  c[ImGuiCol_WindowBg] = ImVec4(0.98f, 0.98f, 0.99f, 1.0f);
  c[ImGuiCol_ChildBg] = ImVec4(1.0f, 1.0f, 1.0f, 0.0f);
  c[ImGuiCol_Text] = ImVec4(0.12f, 0.13f, 0.16f, 1.0f);
  c[ImGuiCol_TextDisabled] = ImVec4(0.45f, 0.47f, 0.52f, 1.0f);
  c[ImGuiCol_Border] = ImVec4(0.86f, 0.87f, 0.90f, 1.0f);
  c[ImGuiCol_Header] = ImVec4(0.89f, 0.92f, 0.99f, 1.0f);
  c[ImGuiCol_HeaderHovered] = ImVec4(0.93f, 0.94f, 0.97f, 1.0f);
  c[ImGuiCol_HeaderActive] = ImVec4(0.84f, 0.88f, 0.98f, 1.0f);
  c[ImGuiCol_Button] = ImVec4(0.15f, 0.39f, 0.92f, 1.0f);
  c[ImGuiCol_ButtonHovered] = ImVec4(0.11f, 0.31f, 0.85f, 1.0f);
  c[ImGuiCol_ButtonActive] = ImVec4(0.09f, 0.25f, 0.72f, 1.0f);
  c[ImGuiCol_FrameBg] = ImVec4(1.0f, 1.0f, 1.0f, 1.0f);
  gPalette.accent = ImVec4(0.15f, 0.39f, 0.92f, 1.0f);
  gPalette.ok = ImVec4(0.09f, 0.55f, 0.29f, 1.0f);
  gPalette.warning = ImVec4(0.80f, 0.45f, 0.05f, 1.0f);
  gPalette.muted = ImVec4(0.45f, 0.47f, 0.52f, 1.0f);
  gPalette.topBar = ImVec4(0.11f, 0.15f, 0.25f, 1.0f);
  gPalette.navBar = ImVec4(0.95f, 0.96f, 0.97f, 1.0f);
}

}  // namespace

const Palette& palette() { return gPalette; }
const Fonts& fonts() { return gFonts; }

void applyTheme(float pixelRatio) {
  ImGuiIO& io = ImGui::GetIO();
  io.Fonts->Clear();
  gFonts.body = loadFont("/fonts/Inter-Regular.otf", 15.0f * pixelRatio);
  gFonts.strong = loadFont("/fonts/Inter-SemiBold.otf", 15.0f * pixelRatio);
  gFonts.title = loadFont("/fonts/Inter-SemiBold.otf", 22.0f * pixelRatio);
  io.FontDefault = gFonts.body;
  io.Fonts->Build();
  ImGui_ImplOpenGL3_DestroyFontsTexture();
  ImGui_ImplOpenGL3_CreateFontsTexture();

  ImGuiStyle style;
  lightColors(style);
  style.WindowRounding = 0.0f;
  style.FrameRounding = 5.0f;
  style.ChildRounding = 6.0f;
  style.PopupRounding = 6.0f;
  style.FramePadding = ImVec2(10.0f, 6.0f);
  style.ItemSpacing = ImVec2(10.0f, 8.0f);
  style.WindowPadding = ImVec2(16.0f, 14.0f);
  style.WindowBorderSize = 0.0f;
  style.ScaleAllSizes(pixelRatio);
  ImGui::GetStyle() = style;
}

}  // namespace delegate::web

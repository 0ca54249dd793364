#include "web/ui/theme.hpp"

#include <imgui_impl_opengl3.h>

namespace delegate::web {

namespace {

Fonts gFonts;
Palette gPalette;
ThemeMode gMode = ThemeMode::Light;
float gRatio = 1.0f;

// Latin-1 plus dashes, quotes, bullet, ellipsis and arrows (the core's explanations use them).
const ImWchar kGlyphs[] = {0x0020, 0x00FF, 0x2010, 0x205E, 0x2190, 0x21FF, 0};

ImFont* loadFont(const char* path, float size) {
  ImFontConfig config;
  config.GlyphRanges = kGlyphs;
  config.OversampleH = 2;
  config.OversampleV = 1;
  ImFont* f = ImGui::GetIO().Fonts->AddFontFromFileTTF(path, size, &config);
  return f ? f : ImGui::GetIO().Fonts->AddFontDefault();
}

ImVec4 rgb(int hex, float a = 1.0f) {
  return ImVec4(((hex >> 16) & 0xff) / 255.0f, ((hex >> 8) & 0xff) / 255.0f, (hex & 0xff) / 255.0f,
                a);
}

void lightColors(ImGuiStyle& style) {
  ImGui::StyleColorsLight(&style);
  Palette& p = gPalette;
  p.accent = rgb(0x2563eb);
  p.accentSoft = rgb(0xe3ebfd);
  p.ok = rgb(0x16803c);
  p.warning = rgb(0xb45309);
  p.danger = rgb(0xc81e1e);
  p.muted = rgb(0x6b7080);
  p.text = rgb(0x1f2129);
  p.background = rgb(0xf7f8fa);
  p.surface = rgb(0xffffff);
  p.border = rgb(0xdcdee5);
  p.topBar = rgb(0x1c2640);
  p.topBarText = rgb(0xeaf0fa);
  p.navBar = rgb(0xeef0f4);
  p.bannerInfo = rgb(0xe0ecff);
  p.bannerWarning = rgb(0xfff1d6);
  p.bannerDanger = rgb(0xfde2e2);
  p.secondaryButton = rgb(0xe8eaf0);
  p.secondaryButtonHovered = rgb(0xd9dce5);
  ImVec4* c = style.Colors;
  c[ImGuiCol_WindowBg] = p.background;
  c[ImGuiCol_ChildBg] = ImVec4(0, 0, 0, 0);
  c[ImGuiCol_PopupBg] = p.surface;
  c[ImGuiCol_Text] = p.text;
  c[ImGuiCol_TextDisabled] = p.muted;
  c[ImGuiCol_Border] = p.border;
  c[ImGuiCol_Header] = p.accentSoft;
  c[ImGuiCol_HeaderHovered] = rgb(0xedf1fb);
  c[ImGuiCol_HeaderActive] = rgb(0xd5e0fb);
  c[ImGuiCol_Button] = p.secondaryButton;
  c[ImGuiCol_ButtonHovered] = p.secondaryButtonHovered;
  c[ImGuiCol_ButtonActive] = p.border;
  p.accentHovered = rgb(0x1d4fd0);
  p.accentActive = rgb(0x173fa8);
  c[ImGuiCol_FrameBg] = p.surface;
  c[ImGuiCol_FrameBgHovered] = rgb(0xf6f8fc);
  c[ImGuiCol_FrameBgActive] = rgb(0xffffff);
  c[ImGuiCol_CheckMark] = p.accent;
  c[ImGuiCol_TableHeaderBg] = rgb(0xf0f2f6);
  c[ImGuiCol_TableBorderLight] = rgb(0xe6e8ee);
  c[ImGuiCol_TableBorderStrong] = p.border;
  c[ImGuiCol_TableRowBg] = ImVec4(0, 0, 0, 0);
  c[ImGuiCol_TableRowBgAlt] = rgb(0xf7f8fb);
  c[ImGuiCol_ModalWindowDimBg] = rgb(0x10131c, 0.45f);
  c[ImGuiCol_PlotHistogram] = p.accent;
  c[ImGuiCol_TextSelectedBg] = rgb(0x2563eb, 0.25f);
  c[ImGuiCol_NavHighlight] = p.accent;
}

void darkColors(ImGuiStyle& style) {
  ImGui::StyleColorsDark(&style);
  Palette& p = gPalette;
  p.accent = rgb(0x4f8cff);
  p.accentSoft = rgb(0x233457);
  p.ok = rgb(0x4ade80);
  p.warning = rgb(0xfbbf24);
  p.danger = rgb(0xf87171);
  p.muted = rgb(0x98a0b3);
  p.text = rgb(0xe6e9f0);
  p.background = rgb(0x15181f);
  p.surface = rgb(0x1d212b);
  p.border = rgb(0x323846);
  p.topBar = rgb(0x0d1017);
  p.topBarText = rgb(0xe6e9f0);
  p.navBar = rgb(0x191c24);
  p.bannerInfo = rgb(0x1d3050);
  p.bannerWarning = rgb(0x3d2f12);
  p.bannerDanger = rgb(0x4a1f22);
  p.secondaryButton = rgb(0x2b303c);
  p.secondaryButtonHovered = rgb(0x363c4a);
  ImVec4* c = style.Colors;
  c[ImGuiCol_WindowBg] = p.background;
  c[ImGuiCol_ChildBg] = ImVec4(0, 0, 0, 0);
  c[ImGuiCol_PopupBg] = p.surface;
  c[ImGuiCol_Text] = p.text;
  c[ImGuiCol_TextDisabled] = p.muted;
  c[ImGuiCol_Border] = p.border;
  c[ImGuiCol_Header] = p.accentSoft;
  c[ImGuiCol_HeaderHovered] = rgb(0x262c3a);
  c[ImGuiCol_HeaderActive] = rgb(0x2c3b5e);
  c[ImGuiCol_Button] = p.secondaryButton;
  c[ImGuiCol_ButtonHovered] = p.secondaryButtonHovered;
  c[ImGuiCol_ButtonActive] = p.border;
  p.accentHovered = rgb(0x3b7bf0);
  p.accentActive = rgb(0x255dc4);
  c[ImGuiCol_FrameBg] = rgb(0x12151b);
  c[ImGuiCol_FrameBgHovered] = rgb(0x181c24);
  c[ImGuiCol_FrameBgActive] = rgb(0x12151b);
  c[ImGuiCol_CheckMark] = p.accent;
  c[ImGuiCol_TableHeaderBg] = rgb(0x222733);
  c[ImGuiCol_TableBorderLight] = rgb(0x2a2f3b);
  c[ImGuiCol_TableBorderStrong] = p.border;
  c[ImGuiCol_TableRowBg] = ImVec4(0, 0, 0, 0);
  c[ImGuiCol_TableRowBgAlt] = rgb(0x1a1e27);
  c[ImGuiCol_ModalWindowDimBg] = rgb(0x000000, 0.55f);
  c[ImGuiCol_PlotHistogram] = p.accent;
  c[ImGuiCol_TextSelectedBg] = rgb(0x4f8cff, 0.35f);
  c[ImGuiCol_NavHighlight] = p.accent;
}

}  // namespace

const Palette& palette() {
  return gPalette;
}
const Fonts& fonts() {
  return gFonts;
}
ThemeMode themeMode() {
  return gMode;
}
float dp(float cssPixels) {
  return cssPixels * gRatio;
}

void applyColors(ThemeMode mode, float pixelRatio) {
  gMode = mode;
  gRatio = pixelRatio;
  ImGuiStyle style;
  if (mode == ThemeMode::Dark)
    darkColors(style);
  else
    lightColors(style);
  style.WindowRounding = 0.0f;
  style.FrameRounding = 5.0f;
  style.ChildRounding = 8.0f;
  style.PopupRounding = 8.0f;
  style.GrabRounding = 4.0f;
  style.ScrollbarRounding = 6.0f;
  style.FramePadding = ImVec2(10.0f, 6.0f);
  style.ItemSpacing = ImVec2(10.0f, 8.0f);
  style.ItemInnerSpacing = ImVec2(8.0f, 6.0f);
  style.CellPadding = ImVec2(8.0f, 6.0f);
  style.WindowPadding = ImVec2(18.0f, 14.0f);
  style.WindowBorderSize = 0.0f;
  style.ChildBorderSize = 1.0f;
  style.PopupBorderSize = 1.0f;
  style.FrameBorderSize = 1.0f;
  style.ScrollbarSize = 12.0f;
  style.ScaleAllSizes(pixelRatio);
  ImGui::GetStyle() = style;
}

void applyTheme(float pixelRatio, ThemeMode mode) {
  ImGuiIO& io = ImGui::GetIO();
  io.Fonts->Clear();
  gFonts.body = loadFont("/fonts/Inter-Regular.otf", 15.0f * pixelRatio);
  gFonts.strong = loadFont("/fonts/Inter-SemiBold.otf", 15.0f * pixelRatio);
  gFonts.title = loadFont("/fonts/Inter-SemiBold.otf", 22.0f * pixelRatio);
  gFonts.small = loadFont("/fonts/Inter-Regular.otf", 13.0f * pixelRatio);
  gFonts.mono = gFonts.small;
  io.FontDefault = gFonts.body;
  io.Fonts->Build();
  ImGui_ImplOpenGL3_DestroyFontsTexture();
  ImGui_ImplOpenGL3_CreateFontsTexture();
  applyColors(mode, pixelRatio);
}

}  // namespace delegate::web

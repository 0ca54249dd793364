#include <GLFW/glfw3.h>
#include <emscripten.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>

#include <cstdio>

#include "web/app/app.hpp"
#include "web/platform/browser.hpp"
#include "web/platform/canvas.hpp"
#include "web/platform/frame_stats.hpp"
#include "web/platform/test_hook.hpp"
#include "web/ui/theme.hpp"

using namespace delegate::web;

namespace {

struct Runtime {
  GLFWwindow* window = nullptr;
  App app;
  CanvasSize canvas;
  float themedRatio = 0.0f;
  bool firstFrameDrawn = false;
};

void frame(void* arg) {
  Runtime& rt = *static_cast<Runtime*>(arg);
  CanvasSize size = windowCanvasSize();
  if (size.cssWidth != rt.canvas.cssWidth || size.cssHeight != rt.canvas.cssHeight ||
      size.pixelRatio != rt.canvas.pixelRatio) {
    resizeCanvas(size);
    rt.canvas = size;
  }
  if (size.pixelRatio != rt.themedRatio) {
    applyTheme(size.pixelRatio, rt.app.themeMode());
    rt.themedRatio = size.pixelRatio;
  } else if (rt.app.themeMode() != themeMode()) {
    applyColors(rt.app.themeMode(), size.pixelRatio);
  }

  const double frameStart = monotonicMs();
  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplGlfw_NewFrame();
  // The app draws in device pixels; GLFW's own idea of the window size is ignored.
  ImGuiIO& io = ImGui::GetIO();
  io.DisplaySize =
      ImVec2(static_cast<float>(size.pixelWidth()), static_cast<float>(size.pixelHeight()));
  io.DisplayFramebufferScale = ImVec2(1.0f, 1.0f);
  if (io.DeltaTime <= 0.0f) io.DeltaTime = 1.0f / 60.0f;  // headless browsers can report 0
  ImGui::NewFrame();

  testHook().beginFrame(size.pixelRatio);
  rt.app.frame(io.DisplaySize, size.pixelRatio);
  testHook().state("pixelRatio", std::to_string(size.pixelRatio));

  ImGui::Render();
  frameStats().add(testHook().currentState("section"), monotonicMs() - frameStart);
  glViewport(0, 0, size.pixelWidth(), size.pixelHeight());
  const ImVec4 bg = palette().background;
  glClearColor(bg.x, bg.y, bg.z, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
  frameStats().publish();
  testHook().publish();
  if (!rt.firstFrameDrawn) {
    rt.firstFrameDrawn = true;
    markFirstFrameDrawn();
  }
}

}  // namespace

int main() {
  if (!glfwInit()) {
    std::fprintf(stderr, "Delegate: GLFW could not start\n");
    return 1;
  }
  glfwWindowHint(GLFW_CLIENT_API, GLFW_OPENGL_ES_API);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
  static Runtime rt;
  rt.canvas = windowCanvasSize();
  rt.window = glfwCreateWindow(rt.canvas.pixelWidth(), rt.canvas.pixelHeight(), "Delegate", nullptr,
                               nullptr);
  if (!rt.window) {
    std::fprintf(stderr, "Delegate: WebGL2 context could not be created\n");
    return 1;
  }
  resizeCanvas(rt.canvas);
  glfwMakeContextCurrent(rt.window);

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGui::GetIO().IniFilename = nullptr;  // layout is fixed; nothing to remember between visits
  ImGui::GetIO().ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;  // Tab, arrows, Enter, Escape
  ImGui_ImplGlfw_InitForOpenGL(rt.window, true);
  ImGui_ImplOpenGL3_Init("#version 300 es");

  rt.app.setRedraw([]() { frame(&rt); });
  rt.app.start();
  emscripten_set_main_loop_arg(frame, &rt, 0, true);
  return 0;
}

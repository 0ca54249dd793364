#pragma once
#include "web/app/app_state.hpp"
#include "web/app/intents.hpp"
#include "web/views/layout.hpp"

namespace delegate::web {

class App {
 public:
  void start();
  // Draws one frame of every view; the display is in device pixels.
  void frame(ImVec2 display, float pixelRatio);

 private:
  void checkServer();
  void apply(const Intents& intents);

  AppState state_;
  UiState ui_;
};

}  // namespace delegate::web

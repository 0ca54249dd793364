#include "web/app/app.hpp"

#include <type_traits>

#include "core/product.hpp"
#include "web/platform/fetch.hpp"
#include "web/views/views.hpp"

namespace delegate::web {

void App::start() { checkServer(); }

void App::checkServer() {
  state_.connection = Connection::Connecting;
  // Relative URL: the app also works when hosted under a sub-path.
  httpRequest("GET", "api/health", "", [this](const HttpResponse& r) {
    Health health;
    if (r.status == 200 && parseHealthJson(r.body, health)) {
      state_.connection = Connection::Connected;
      state_.serverName = health.product.name;
      state_.serverVersion = health.product.version;
      return;
    }
    state_.connection = Connection::Sandbox;
    state_.sandboxReason = r.status == 0 ? "no answer: " + r.error
                                         : "GET /api/health answered " + std::to_string(r.status);
  });
}

void App::frame(ImVec2 display, float pixelRatio) {
  Layout layout = computeLayout(display, pixelRatio);
  Intents intents;
  drawTopBar(layout, state_, intents);
  drawNavigation(layout, ui_, intents);
  drawMainArea(layout, state_, ui_, intents);
  apply(intents);
}

void App::apply(const Intents& intents) {
  for (const Intent& intent : intents) {
    std::visit(
        [this](const auto& i) {
          using T = std::decay_t<decltype(i)>;
          if constexpr (std::is_same_v<T, Navigate>) ui_.section = i.section;
          if constexpr (std::is_same_v<T, RetryConnection>) checkServer();
        },
        intent);
  }
}

}  // namespace delegate::web

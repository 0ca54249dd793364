#include "web/platform/page_life.hpp"

#include <emscripten.h>

#include <unordered_map>

namespace {

std::unordered_map<int, std::function<void()>>& timers() {
  static std::unordered_map<int, std::function<void()>> map;
  return map;
}
std::function<void(bool)>& visibilityListener() {
  static std::function<void(bool)> fn;
  return fn;
}

}  // namespace

// clang-format off
EM_JS(void, delegate_after_ms, (int id, double ms), {
  setTimeout(function() { _delegate_timer_done(id); }, ms);
});
EM_JS(int, delegate_page_hidden, (), { return document.hidden ? 1 : 0; });
EM_JS(void, delegate_listen_visibility, (), {
  document.addEventListener('visibilitychange', function() {
    _delegate_visibility_changed(document.hidden ? 1 : 0);
  });
});
// clang-format on

extern "C" EMSCRIPTEN_KEEPALIVE void delegate_timer_done(int id) {
  auto it = timers().find(id);
  if (it == timers().end()) return;
  auto fn = std::move(it->second);
  timers().erase(it);
  fn();
}

extern "C" EMSCRIPTEN_KEEPALIVE void delegate_visibility_changed(int hidden) {
  if (visibilityListener()) visibilityListener()(hidden != 0);
}

namespace delegate::web {

void afterMs(double ms, std::function<void()> fn) {
  static int next = 1;
  const int id = next++;
  timers().emplace(id, std::move(fn));
  delegate_after_ms(id, ms);
}

bool pageHidden() {
  return delegate_page_hidden() != 0;
}

void onVisibilityChange(std::function<void(bool hidden)> fn) {
  const bool first = !visibilityListener();
  visibilityListener() = std::move(fn);
  if (first) delegate_listen_visibility();
}

}  // namespace delegate::web

#pragma once
#include <functional>

namespace delegate::web {

// A background tab gets no animation frames (the browser pauses them), but timers and fetch
// answers still run there. Work that must go on in the background (sync) uses these, not the
// frame loop.

// Runs `fn` once, `ms` from now (setTimeout).
void afterMs(double ms, std::function<void()> fn);
// document.hidden: the tab is in the background or minimized.
bool pageHidden();
// Calls `fn` on every visibilitychange, with whether the page is now hidden. One listener.
void onVisibilityChange(std::function<void(bool hidden)> fn);

}  // namespace delegate::web

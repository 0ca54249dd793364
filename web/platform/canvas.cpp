#include "web/platform/canvas.hpp"

#include <emscripten.h>

// clang-format off
EM_JS(int, delegate_window_css_width, (), { return Math.max(1, Math.floor(window.innerWidth)); });
EM_JS(int, delegate_window_css_height, (), { return Math.max(1, Math.floor(window.innerHeight)); });
EM_JS(double, delegate_window_pixel_ratio, (), { return window.devicePixelRatio || 1; });
EM_JS(void, delegate_resize_canvas, (int cssW, int cssH, int pxW, int pxH), {
  var c = Module['canvas'];
  if (c.width !== pxW) c.width = pxW;
  if (c.height !== pxH) c.height = pxH;
  c.style.width = cssW + 'px';
  c.style.height = cssH + 'px';
});
EM_JS(void, delegate_first_frame, (), {
  if (typeof window.delegateFirstFrame === 'function') window.delegateFirstFrame();
});
// clang-format on

namespace delegate::web {

CanvasSize windowCanvasSize() {
  CanvasSize s;
  s.cssWidth = delegate_window_css_width();
  s.cssHeight = delegate_window_css_height();
  double ratio = delegate_window_pixel_ratio();
  s.pixelRatio = ratio > 0.25 && ratio < 8.0 ? static_cast<float>(ratio) : 1.0f;
  return s;
}

void resizeCanvas(const CanvasSize& size) {
  delegate_resize_canvas(size.cssWidth, size.cssHeight, size.pixelWidth(), size.pixelHeight());
}

void markFirstFrameDrawn() {
  delegate_first_frame();
}

}  // namespace delegate::web

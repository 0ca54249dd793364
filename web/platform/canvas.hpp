#pragma once

namespace delegate::web {

// The size the canvas should have: the window's CSS size and the device pixel ratio. The app draws
// in device pixels (crisp text on HiDPI screens); the canvas is stretched back to CSS size.
struct CanvasSize {
  int cssWidth = 0;
  int cssHeight = 0;
  float pixelRatio = 1.0f;
  int pixelWidth() const { return static_cast<int>(cssWidth * pixelRatio + 0.5f); }
  int pixelHeight() const { return static_cast<int>(cssHeight * pixelRatio + 0.5f); }
};

CanvasSize windowCanvasSize();
// Sets the canvas backing store to the pixel size and its CSS box to the CSS size.
void resizeCanvas(const CanvasSize& size);
// Hides the loading overlay once the first frame has been drawn.
void markFirstFrameDrawn();

}  // namespace delegate::web

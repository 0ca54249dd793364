#pragma once
#include <map>
#include <string>

namespace delegate::web {

// A permanent hook for browser tests: each frame the app records the screen rectangles (in CSS
// pixels) of the widgets tests need, by a stable id, and a few state values. Published to
// `window.__delegate` as {frame, rects: {id: {x, y, w, h}}, state: {key: value}}.
class TestHook {
 public:
  void beginFrame(float pixelRatio);
  // Records the last ImGui item under `id`.
  void item(const std::string& id);
  void state(const std::string& key, const std::string& value);
  void publish();
  // A state value set earlier this frame ("" if none).
  std::string currentState(const std::string& key) const {
    auto it = state_.find(key);
    return it == state_.end() ? std::string() : it->second;
  }

 private:
  float pixelRatio_ = 1.0f;
  long frame_ = 0;
  std::map<std::string, std::string> rects_;
  std::map<std::string, std::string> state_;
  std::string lastPublished_;
};

TestHook& testHook();

}  // namespace delegate::web

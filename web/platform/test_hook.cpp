#include "web/platform/test_hook.hpp"

#include <emscripten.h>
#include <imgui.h>

#include <nlohmann/json.hpp>

// clang-format off
EM_JS(void, delegate_publish_hook, (const char* json), {
  window.__delegate = JSON.parse(UTF8ToString(json));
});
EM_JS(void, delegate_publish_frame, (int frame), {
  if (window.__delegate) window.__delegate.frame = frame;
});
// clang-format on

namespace delegate::web {

void TestHook::beginFrame(float pixelRatio) {
  pixelRatio_ = pixelRatio;
  rects_.clear();
  state_.clear();
  ++frame_;
}

void TestHook::item(const std::string& id) {
  ImVec2 min = ImGui::GetItemRectMin();
  ImVec2 max = ImGui::GetItemRectMax();
  const float r = pixelRatio_;
  nlohmann::json rect = {
      {"x", min.x / r}, {"y", min.y / r}, {"w", (max.x - min.x) / r}, {"h", (max.y - min.y) / r}};
  rects_[id] = rect.dump();
}

void TestHook::state(const std::string& key, const std::string& value) {
  state_[key] = value;
}

void TestHook::publish() {
  // Re-parse on the JS side only when something changed; the frame counter is cheap.
  std::string json = "{\"rects\":{";
  bool first = true;
  for (auto& [id, rect] : rects_) {
    json += (first ? "" : ",") + nlohmann::json(id).dump() + ":" + rect;
    first = false;
  }
  json += "},\"state\":";
  json += nlohmann::json(state_).dump();
  json += "}";
  if (json != lastPublished_) {
    delegate_publish_hook(json.c_str());
    lastPublished_ = std::move(json);
  }
  delegate_publish_frame(static_cast<int>(frame_));
}

TestHook& testHook() {
  static TestHook hook;
  return hook;
}

}  // namespace delegate::web

#include "web/platform/frame_stats.hpp"

#include <algorithm>
#include <cstdio>

#include "web/platform/test_hook.hpp"

namespace delegate::web {

void FrameStats::add(const std::string& section, double ms) {
  if (section != section_) {
    section_ = section;
    samples_.clear();
  }
  samples_.push_back(ms);
  if (samples_.size() > 300) samples_.erase(samples_.begin());
}

void FrameStats::publish() {
  if (samples_.empty()) return;
  std::vector<double> s = samples_;
  std::sort(s.begin(), s.end());
  char text[96];
  std::snprintf(text, sizeof text, "%zu %.3f %.3f %.3f", s.size(), s[s.size() / 2],
                s[std::min(s.size() - 1, s.size() * 95 / 100)], s.back());
  testHook().state("frames." + section_, text);
}

FrameStats& frameStats() {
  static FrameStats stats;
  return stats;
}

}  // namespace delegate::web

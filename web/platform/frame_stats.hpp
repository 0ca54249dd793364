#pragma once
#include <string>
#include <vector>

namespace delegate::web {

// CPU time of each frame (building the UI and its draw lists), kept per screen so a benchmark can
// read the median over the last 300 frames of a screen: state "frames.<section>" =
// "count median p95 max" in milliseconds.
class FrameStats {
 public:
  void add(const std::string& section, double ms);
  void publish();

 private:
  std::string section_;
  std::vector<double> samples_;
};

FrameStats& frameStats();

}  // namespace delegate::web

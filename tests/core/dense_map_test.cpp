#include <catch2/catch.hpp>

#include <map>
#include <string>

#include "core/dense_map.hpp"
#include "core/ids.hpp"

using namespace delegate;

TEST_CASE("DenseMap behaves like a map under random inserts and erasures") {
  DenseMap<UserId, std::string> dense;
  std::map<UserId, std::string> model;
  std::uint64_t x = 12345;
  auto next = [&] {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    return x;
  };
  for (int step = 0; step < 200000; ++step) {
    // Few distinct keys, so erasures hit and probe chains collide.
    UserId key(Guid{next() % 5000, 7});
    if (next() % 3 == 0) {
      CHECK(dense.erase(key) == model.erase(key));
    } else {
      std::string v = std::to_string(step);
      bool inserted = dense.emplace(key, v).second;
      CHECK(inserted == model.emplace(key, v).second);
    }
    if (step % 20000 == 0) {
      REQUIRE(dense.size() == model.size());
      for (const auto& [k, v] : model) {
        auto it = dense.find(k);
        REQUIRE(it != dense.end());
        CHECK(it->second == v);
      }
    }
  }
  REQUIRE(dense.size() == model.size());
  for (const auto& [k, v] : dense) CHECK(model.at(k) == v);
  DenseMap<UserId, std::string> copy = dense;
  CHECK(copy == dense);
  if (!model.empty()) {
    copy.erase(model.begin()->first);
    CHECK_FALSE(copy == dense);
  }
}

// The streaming snapshot encoder writes the same JSON value as the core's DOM encoder, on the
// demo world and on a small scale world, whole and as each persona's view, in any chunk size.
#include <catch2/catch.hpp>

#include "core/json_forms.hpp"
#include "core/seed/demo_world.hpp"
#include "core/seed/scale_world.hpp"
#include "core/visibility.hpp"
#include "server/core_codec.hpp"
#include "server/json_writer.hpp"
#include "server/snapshot_writer.hpp"

using namespace delegate;
using namespace delegate::server;
using nlohmann::json;

namespace {

std::string streamed(const State& state, std::size_t chunkBytes) {
  std::string all;
  std::size_t chunks = 0;
  JsonWriter out(
      [&](std::string& text) {
        all += text;
        ++chunks;
      },
      chunkBytes);
  writeSnapshotBody(out, 42, "store-1", state);
  CHECK(out.bytesWritten() == all.size());
  if (all.size() > chunkBytes * 2) CHECK(chunks > 1);
  return all;
}

void checkSame(const State& state) {
  const json expected = {{"revision", 42}, {"storeId", "store-1"}, {"snapshot", stateJson(state)}};
  for (std::size_t chunk : {std::size_t{4096}, std::size_t{1} << 20}) {
    const std::string text = streamed(state, chunk);
    const json back = json::parse(text, nullptr, false);
    REQUIRE_FALSE(back.is_discarded());
    CHECK(back == expected);
  }
  // And the core decodes it to the very state it came from.
  JsonWriter whole;
  writeState(whole, state);
  auto decoded = decodeState(whole.text());
  REQUIRE(decoded.ok());
  CHECK(decoded.value() == state);
}

}  // namespace

TEST_CASE("the streamed snapshot equals the DOM encoder's on the demo world", "[snapshot]") {
  DemoWorld world = buildDemoWorld();
  REQUIRE(world.problems.empty());
  checkSame(world.state);
  for (const SignInName& who : world.signIns) {
    INFO(who.userPrincipalName);
    const User* user = nullptr;
    for (const auto& [id, u] : world.state.users)
      if (u.userPrincipalName == who.userPrincipalName) user = &u;
    REQUIRE(user);
    checkSame(viewOf(world.state, user->id, world.now));
  }
}

TEST_CASE("the streamed snapshot equals the DOM encoder's on a small scale world", "[snapshot]") {
  ScaleSpec spec;
  spec.customers = 40;
  spec.partnerUsers = 60;
  spec.groups = 8;
  spec.relationships = 80;
  spec.customerUsers = 400;
  State state;
  ScaleWorld world = buildScaleWorld(spec, state);
  checkSame(state);
  for (UserId who : {world.partnerAdmin, world.fullAgent, world.limitedAgent, world.granularAgent})
    checkSame(viewOf(state, who));
}

TEST_CASE("the JSON writer escapes what JSON needs and repairs invalid UTF-8", "[snapshot]") {
  static const char kControl[] = "q\" b\\ \n\r\t\b\f \x01\x1f end";
  const std::string control(kControl, sizeof kControl - 1);
  JsonWriter out;
  out.beginArray();
  out.string(control);
  out.string("caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80");  // é € 😀 pass through
  out.string("bad \xFF \xC0\xAF \xED\xA0\x80 \xE2\x82");    // invalid, overlong, surrogate, cut
  out.beginObject();
  out.key("k\"ey");
  out.number(std::int64_t{-5});
  out.key("n");
  out.null();
  out.key("b");
  out.boolean(false);
  out.key("big");
  out.number(std::uint64_t{18446744073709551615ull});
  out.endObject();
  out.beginArray();
  out.endArray();
  out.endArray();
  const json back = json::parse(out.text(), nullptr, false);
  REQUIRE_FALSE(back.is_discarded());
  CHECK(back[0] == control);
  CHECK(back[1] == "caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80");
  CHECK(back[2].get<std::string>().find("\xFF") == std::string::npos);
  CHECK(back[2].get<std::string>().rfind("bad \xEF\xBF\xBD ", 0) == 0);
  CHECK(back[3] ==
        json{{"k\"ey", -5}, {"n", nullptr}, {"b", false}, {"big", 18446744073709551615ull}});
  CHECK(back[4] == json::array());
  CHECK(out.text().find("\\u0001") != std::string::npos);
}

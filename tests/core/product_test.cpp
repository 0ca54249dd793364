#include <catch2/catch.hpp>

#include "core/product.hpp"

using namespace delegate;

TEST_CASE("health body round-trips through its parser") {
  Health h;
  REQUIRE(parseHealthJson(healthJson(productInfo(), 42), h));
  CHECK(h.product.name == "Delegate");
  CHECK(h.product.version == DELEGATE_VERSION);
  CHECK(h.revision == 42);
}

TEST_CASE("health parser rejects what is not a health body") {
  Health h;
  CHECK_FALSE(parseHealthJson("", h));
  CHECK_FALSE(parseHealthJson("not json", h));
  CHECK_FALSE(parseHealthJson("[1,2]", h));
  CHECK_FALSE(parseHealthJson(R"({"name":"Delegate","version":"1"})", h));
  CHECK_FALSE(parseHealthJson(R"({"name":1,"version":"1","revision":0})", h));
  CHECK_FALSE(parseHealthJson(R"({"name":"D","version":"1","revision":-1})", h));
}

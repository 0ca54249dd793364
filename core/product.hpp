#pragma once
#include <cstdint>
#include <string>

namespace delegate {

struct ProductInfo {
  std::string name;
  std::string version;
};

ProductInfo productInfo();

// The body of GET /api/health; lives in the core so the web app and the server agree on its shape.
// refusalsNotAudited counts refused commands that left no audit record (anonymous callers and
// users acting where they hold no relationship): the operator's one view of that traffic, which
// must not grow durable storage.
std::string healthJson(const ProductInfo& info, std::uint64_t revision,
                       std::uint64_t refusalsNotAudited = 0);

struct Health {
  ProductInfo product;
  std::uint64_t revision = 0;
  std::uint64_t refusalsNotAudited = 0;
};

// Parses a /api/health body; false when it is not one.
bool parseHealthJson(const std::string& body, Health& out);

}  // namespace delegate

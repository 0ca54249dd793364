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
std::string healthJson(const ProductInfo& info, std::uint64_t revision);

struct Health {
  ProductInfo product;
  std::uint64_t revision = 0;
};

// Parses a /api/health body; false when it is not one.
bool parseHealthJson(const std::string& body, Health& out);

}  // namespace delegate

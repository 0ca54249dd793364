#include "core/product.hpp"

#include <nlohmann/json.hpp>

namespace delegate {

ProductInfo productInfo() {
  return ProductInfo{"Delegate", DELEGATE_VERSION};
}

std::string healthJson(const ProductInfo& info, std::uint64_t revision,
                       std::uint64_t refusalsNotAudited) {
  nlohmann::json j = {{"name", info.name},
                      {"version", info.version},
                      {"revision", revision},
                      {"refusalsNotAudited", refusalsNotAudited}};
  return j.dump();
}

bool parseHealthJson(const std::string& body, Health& out) {
  auto j = nlohmann::json::parse(body, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return false;
  auto name = j.find("name");
  auto version = j.find("version");
  auto revision = j.find("revision");
  if (name == j.end() || !name->is_string()) return false;
  if (version == j.end() || !version->is_string()) return false;
  if (revision == j.end() || !revision->is_number_unsigned()) return false;
  out.product.name = name->get<std::string>();
  out.product.version = version->get<std::string>();
  out.revision = revision->get<std::uint64_t>();
  auto refusals = j.find("refusalsNotAudited");
  out.refusalsNotAudited =
      refusals != j.end() && refusals->is_number_unsigned() ? refusals->get<std::uint64_t>() : 0;
  return true;
}

}  // namespace delegate

// Graph query options ($top, $skiptoken, $filter, $orderby, anything else) from a raw query
// string, then a page cut from a small list with them. Property: a page never holds more than
// $top items, and the next link only appears when more remain.
#include <httplib.h>

#include <cstddef>
#include <cstdint>
#include <string>

#include "server/graph_query.hpp"
#include "tests/fuzz/fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > 4096) return 0;
  httplib::Request req;
  httplib::detail::parse_query_text(std::string(reinterpret_cast<const char*>(data), size),
                                    req.params);
  req.path = "/v1.0/tenantRelationships/delegatedAdminRelationships";
  req.set_header("Host", "127.0.0.1:8080");
  httplib::Response res;
  auto query = delegate::server::parseGraphQuery(req, res, {"displayName", "createdDateTime"});
  if (!query) {
    FUZZ_CHECK(res.status == 400);
    return 0;
  }
  std::vector<nlohmann::json> items;
  const char* statuses[] = {"active", "expired", "created", "approvalPending"};
  for (int i = 0; i < 7; ++i)
    items.push_back({{"id", std::to_string(i)},
                     {"displayName", std::string(1, static_cast<char>('g' - i))},
                     {"createdDateTime", "2026-11-0" + std::to_string(i + 1) + "T00:00:00Z"},
                     {"status", statuses[i % 4]}});
  nlohmann::json page =
      delegate::server::graphPage(items, *query, req, "ctx", "https://delegate.example.com");
  FUZZ_CHECK(page["value"].is_array());
  FUZZ_CHECK(page["value"].size() <= query->top);
  return 0;
}

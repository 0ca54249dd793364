#pragma once
// OData query options of the Graph subset: $top, $skiptoken (our paging cursor), $filter on
// status (eq, joined by or), $orderby on one field.
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace httplib {
struct Request;
struct Response;
}  // namespace httplib

namespace delegate::server {

struct GraphQuery {
  std::size_t top = 100;
  std::size_t skip = 0;
  std::vector<std::string> statuses;  // empty: any
  std::string orderBy;                // empty: natural order
  bool descending = false;
};

// Parses the query options; writes a 400 naming the bad option and returns nothing on error.
std::optional<GraphQuery> parseGraphQuery(const httplib::Request& req, httplib::Response& res,
                                          const std::vector<std::string>& orderableFields);

// Sorts (by `orderBy` on the Graph form), filters on "status", and cuts one page; adds
// @odata.nextLink when more remain.
// The link starts with `publicUrl` (--public-url), never with the request's Host header.
nlohmann::json graphPage(std::vector<nlohmann::json> items, const GraphQuery& query,
                         const httplib::Request& req, const std::string& context,
                         const std::string& publicUrl);

}  // namespace delegate::server

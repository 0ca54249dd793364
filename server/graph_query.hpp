#pragma once
// OData query options of the Graph subset: $top, $skiptoken (our paging cursor), $filter
// (`field eq 'value'` joined by or, on one field the route names), $orderby on one field,
// $select (which members each item carries) and $count (@odata.count, the number of items the
// filter matches before paging). Option names are case-insensitive, as in Graph.
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
  std::string filterField;                // empty: no filter
  std::vector<std::string> filterValues;  // an item matches when the field equals any of them
  std::string orderBy;                    // empty: natural order
  bool descending = false;
  std::vector<std::string> select;  // empty: every member
  bool count = false;
};

// Parses the query options; writes a 400 naming the bad option and returns nothing on error.
std::optional<GraphQuery> parseGraphQuery(const httplib::Request& req, httplib::Response& res,
                                          const std::vector<std::string>& orderableFields,
                                          const std::vector<std::string>& filterableFields = {
                                              "status"});

// Filters, sorts (by `orderBy` on the Graph form), cuts one page and applies $select; adds
// @odata.count when asked and @odata.nextLink when more remain. The link starts with
// `publicUrl` (--public-url), never with the request's Host header.
nlohmann::json graphPage(std::vector<nlohmann::json> items, const GraphQuery& query,
                         const httplib::Request& req, const std::string& context,
                         const std::string& publicUrl);

// One object under $select (members not named are dropped; id and @odata.* always stay).
nlohmann::json graphSelect(nlohmann::json item, const std::vector<std::string>& select);

// Answers 200 with one object under the request's $select (a 400 on any other option).
void sendGraphObject(const httplib::Request& req, httplib::Response& res, nlohmann::json item);

// $select on a single-object GET (the only option it takes); writes a 400 on anything else.
std::optional<std::vector<std::string>> parseGraphSelectOnly(const httplib::Request& req,
                                                             httplib::Response& res);

}  // namespace delegate::server

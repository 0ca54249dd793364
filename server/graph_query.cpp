#include "server/graph_query.hpp"

#include <httplib.h>

#include <algorithm>

#include "core/errors.hpp"
#include "server/http_errors.hpp"

namespace delegate::server {

namespace {

constexpr std::size_t kMaxTop = 300;  // Graph's own limit for delegatedAdminRelationships

bool parseCount(const std::string& text, std::size_t& out, std::size_t max) {
  if (text.empty() || text.size() > 9) return false;
  std::size_t v = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + static_cast<std::size_t>(c - '0');
  }
  if (v > max) return false;
  out = v;
  return true;
}

std::string trim(const std::string& s) {
  size_t a = s.find_first_not_of(' '), b = s.find_last_not_of(' ');
  return a == std::string::npos ? std::string() : s.substr(a, b - a + 1);
}

// "status eq 'active' or status eq 'expiring'"
bool parseStatusFilter(const std::string& filter, std::vector<std::string>& statuses) {
  std::string rest = filter;
  for (;;) {
    size_t orAt = rest.find(" or ");
    std::string term = trim(rest.substr(0, orAt));
    const std::string prefix = "status eq '";
    if (term.rfind(prefix, 0) != 0 || term.size() < prefix.size() + 2 || term.back() != '\'')
      return false;
    std::string value = term.substr(prefix.size(), term.size() - prefix.size() - 1);
    if (value.empty() || value.find('\'') != std::string::npos) return false;
    statuses.push_back(value);
    if (orAt == std::string::npos) return true;
    rest = rest.substr(orAt + 4);
  }
}

}  // namespace

std::optional<GraphQuery> parseGraphQuery(const httplib::Request& req, httplib::Response& res,
                                          const std::vector<std::string>& orderableFields) {
  GraphQuery q;
  for (const auto& [name, value] : req.params) {
    if (name == "$top") {
      if (!parseCount(value, q.top, kMaxTop) || q.top == 0) {
        sendError(res, errc::invalidRequest,
                  "$top must be a number from 1 to " + std::to_string(kMaxTop) + ".", "$top");
        return std::nullopt;
      }
    } else if (name == "$skiptoken") {
      if (!parseCount(value, q.skip, 100000000)) {
        sendError(res, errc::invalidRequest, "$skiptoken is not one this server issued.",
                  "$skiptoken");
        return std::nullopt;
      }
    } else if (name == "$filter") {
      if (!parseStatusFilter(value, q.statuses)) {
        sendError(
            res, errc::invalidRequest,
            "$filter supports status eq '<status>' (joined by or), got: " + value.substr(0, 80),
            "$filter");
        return std::nullopt;
      }
    } else if (name == "$orderby") {
      std::string v = trim(value);
      size_t space = v.find(' ');
      std::string field = v.substr(0, space);
      std::string dir = space == std::string::npos ? "asc" : trim(v.substr(space));
      if (std::find(orderableFields.begin(), orderableFields.end(), field) ==
              orderableFields.end() ||
          (dir != "asc" && dir != "desc")) {
        std::string fields;
        for (auto& f : orderableFields) fields += (fields.empty() ? "" : ", ") + f;
        sendError(res, errc::invalidRequest,
                  "$orderby supports one of " + fields + ", optionally followed by asc or desc.",
                  "$orderby");
        return std::nullopt;
      }
      q.orderBy = field;
      q.descending = dir == "desc";
    } else if (!name.empty() && name[0] == '$') {
      sendError(res, errc::invalidRequest, "The query option " + name + " is not supported.", name);
      return std::nullopt;
    }
  }
  return q;
}

nlohmann::json graphPage(std::vector<nlohmann::json> items, const GraphQuery& query,
                         const httplib::Request& req, const std::string& context,
                         const std::string& publicUrl) {
  if (!query.statuses.empty()) {
    items.erase(std::remove_if(items.begin(), items.end(),
                               [&](const nlohmann::json& j) {
                                 auto s = j.find("status");
                                 return s == j.end() || !s->is_string() ||
                                        std::find(query.statuses.begin(), query.statuses.end(),
                                                  s->get<std::string>()) == query.statuses.end();
                               }),
                items.end());
  }
  // Ties keep id order, so paging is stable.
  std::stable_sort(items.begin(), items.end(),
                   [](const nlohmann::json& a, const nlohmann::json& b) {
                     return a.value("id", "") < b.value("id", "");
                   });
  if (!query.orderBy.empty()) {
    const std::string& f = query.orderBy;
    std::stable_sort(
        items.begin(), items.end(), [&](const nlohmann::json& a, const nlohmann::json& b) {
          std::string x = a.contains(f) && a[f].is_string() ? a[f].get<std::string>() : "";
          std::string y = b.contains(f) && b[f].is_string() ? b[f].get<std::string>() : "";
          return query.descending ? y < x : x < y;
        });
  }
  nlohmann::json page = {{"@odata.context", context}, {"value", nlohmann::json::array()}};
  std::size_t end = std::min(items.size(), query.skip + query.top);
  for (std::size_t i = query.skip; i < end; ++i) page["value"].push_back(std::move(items[i]));
  if (end < items.size()) {
    std::string link = publicUrl + req.path + "?$top=" + std::to_string(query.top) +
                       "&$skiptoken=" + std::to_string(end);
    if (!query.orderBy.empty())
      link += "&$orderby=" + query.orderBy + (query.descending ? "%20desc" : "%20asc");
    if (!query.statuses.empty()) {
      std::string filter;
      for (auto& s : query.statuses)
        filter += (filter.empty() ? "" : "%20or%20") + ("status%20eq%20'" + s + "'");
      link += "&$filter=" + filter;
    }
    page["@odata.nextLink"] = link;
  }
  return page;
}

}  // namespace delegate::server

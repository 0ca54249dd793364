#include "server/graph_query.hpp"

#include <httplib.h>

#include <algorithm>
#include <cctype>

#include "core/errors.hpp"
#include "server/decimal.hpp"
#include "server/http_errors.hpp"

namespace delegate::server {

namespace {

constexpr std::size_t kMaxTop = 300;  // Graph's own limit for delegatedAdminRelationships

bool parseCount(const std::string& text, std::size_t& out, std::size_t max) {
  auto v = parseDecimal(text, 9);
  if (!v || *v > max) return false;
  out = static_cast<std::size_t>(*v);
  return true;
}

std::string trim(const std::string& s) {
  size_t a = s.find_first_not_of(' '), b = s.find_last_not_of(' ');
  return a == std::string::npos ? std::string() : s.substr(a, b - a + 1);
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string listOf(const std::vector<std::string>& names) {
  std::string out;
  for (auto& n : names) out += (out.empty() ? "" : ", ") + n;
  return out;
}

// An OData string literal: 'text' with '' standing for one quote. Returns false if malformed.
bool parseLiteral(const std::string& text, std::string& out) {
  if (text.size() < 2 || text.front() != '\'' || text.back() != '\'') return false;
  out.clear();
  for (std::size_t i = 1; i + 1 < text.size(); ++i) {
    if (text[i] == '\'') {
      if (i + 2 >= text.size() || text[i + 1] != '\'') return false;
      ++i;
    }
    out += text[i];
  }
  return true;
}

// "status eq 'active' or status eq 'expiring'": one field, compared for equality.
bool parseFilter(const std::string& filter, const std::vector<std::string>& fields, GraphQuery& q) {
  std::string rest = filter;
  for (;;) {
    size_t orAt = rest.find(" or ");
    // A quoted " or " belongs to a value: look for the separator after the closing quote.
    while (orAt != std::string::npos &&
           std::count(rest.begin(), rest.begin() + static_cast<long>(orAt), '\'') % 2 == 1)
      orAt = rest.find(" or ", orAt + 1);
    std::string term = trim(rest.substr(0, orAt));
    size_t eq = term.find(" eq ");
    if (eq == std::string::npos) return false;
    std::string field = trim(term.substr(0, eq));
    std::string value;
    if (!parseLiteral(trim(term.substr(eq + 4)), value)) return false;
    if (std::find(fields.begin(), fields.end(), field) == fields.end()) return false;
    if (!q.filterField.empty() && q.filterField != field) return false;
    q.filterField = field;
    q.filterValues.push_back(value);
    if (orAt == std::string::npos) return true;
    rest = rest.substr(orAt + 4);
  }
}

bool parseSelect(const std::string& text, std::vector<std::string>& out) {
  std::string rest = text;
  for (;;) {
    size_t comma = rest.find(',');
    std::string name = trim(rest.substr(0, comma));
    if (name.empty() || name.size() > 64) return false;
    for (char c : name)
      if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') return false;
    out.push_back(name);
    if (comma == std::string::npos) return true;
    rest = rest.substr(comma + 1);
  }
}

std::string percentEncode(const std::string& s) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~' || c == '$' || c == ',') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

std::string quoted(const std::string& value) {
  std::string out = "'";
  for (char c : value) out += c == '\'' ? std::string("''") : std::string(1, c);
  return out + "'";
}

bool sendBadSelect(httplib::Response& res, const std::string& value) {
  sendError(res, errc::invalidRequest,
            "$select takes member names separated by commas (e.g. id,displayName), got: " +
                value.substr(0, 80),
            "$select");
  return false;
}

}  // namespace

std::optional<GraphQuery> parseGraphQuery(const httplib::Request& req, httplib::Response& res,
                                          const std::vector<std::string>& orderableFields,
                                          const std::vector<std::string>& filterableFields) {
  GraphQuery q;
  for (const auto& [given, value] : req.params) {
    const std::string name = lower(given);
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
      if (filterableFields.empty() || !parseFilter(value, filterableFields, q)) {
        sendError(res, errc::invalidRequest,
                  filterableFields.empty()
                      ? "This list cannot be filtered."
                      : "$filter supports " + listOf(filterableFields) +
                            " eq '<value>' (one field, joined by or), got: " + value.substr(0, 80),
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
        sendError(res, errc::invalidRequest,
                  "$orderby supports one of " + listOf(orderableFields) +
                      ", optionally followed by asc or desc.",
                  "$orderby");
        return std::nullopt;
      }
      q.orderBy = field;
      q.descending = dir == "desc";
    } else if (name == "$select") {
      if (!parseSelect(value, q.select) && !sendBadSelect(res, value)) return std::nullopt;
    } else if (name == "$count") {
      if (value != "true" && value != "false") {
        sendError(res, errc::invalidRequest, "$count must be true or false.", "$count");
        return std::nullopt;
      }
      q.count = value == "true";
    } else if (!name.empty() && name[0] == '$') {
      sendError(res, errc::invalidRequest,
                "The query option " + given.substr(0, 40) +
                    " is not supported; use $top, $skiptoken, $filter, $orderby, $select or "
                    "$count.",
                given.substr(0, 40));
      return std::nullopt;
    }
  }
  return q;
}

std::optional<std::vector<std::string>> parseGraphSelectOnly(const httplib::Request& req,
                                                             httplib::Response& res) {
  std::vector<std::string> select;
  for (const auto& [given, value] : req.params) {
    const std::string name = lower(given);
    if (name == "$select") {
      if (!parseSelect(value, select) && !sendBadSelect(res, value)) return std::nullopt;
    } else if (!name.empty() && name[0] == '$') {
      sendError(res, errc::invalidRequest,
                "The query option " + given.substr(0, 40) +
                    " is not supported on a single object; only $select is.",
                given.substr(0, 40));
      return std::nullopt;
    }
  }
  return select;
}

void sendGraphObject(const httplib::Request& req, httplib::Response& res, nlohmann::json item) {
  auto select = parseGraphSelectOnly(req, res);
  if (select) sendJson(res, 200, graphSelect(std::move(item), *select));
}

nlohmann::json graphSelect(nlohmann::json item, const std::vector<std::string>& select) {
  if (select.empty() || !item.is_object()) return item;
  nlohmann::json out = nlohmann::json::object();
  for (auto it = item.begin(); it != item.end(); ++it) {
    const std::string& key = it.key();
    if (key == "id" || key.rfind("@odata.", 0) == 0 ||
        std::find(select.begin(), select.end(), key) != select.end())
      out[key] = std::move(it.value());
  }
  return out;
}

nlohmann::json graphPage(std::vector<nlohmann::json> items, const GraphQuery& query,
                         const httplib::Request& req, const std::string& context,
                         const std::string& publicUrl) {
  if (!query.filterField.empty()) {
    const std::string& f = query.filterField;
    items.erase(std::remove_if(items.begin(), items.end(),
                               [&](const nlohmann::json& j) {
                                 auto s = j.find(f);
                                 return s == j.end() || !s->is_string() ||
                                        std::find(
                                            query.filterValues.begin(), query.filterValues.end(),
                                            s->get<std::string>()) == query.filterValues.end();
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
  nlohmann::json page = {{"@odata.context", context}};
  if (query.count) page["@odata.count"] = items.size();
  page["value"] = nlohmann::json::array();
  std::size_t end = std::min(items.size(), query.skip + query.top);
  for (std::size_t i = query.skip; i < end; ++i)
    page["value"].push_back(graphSelect(std::move(items[i]), query.select));
  if (end < items.size()) {
    std::string link = publicUrl + req.path + "?$top=" + std::to_string(query.top) +
                       "&$skiptoken=" + std::to_string(end);
    if (!query.orderBy.empty())
      link += "&$orderby=" + query.orderBy + (query.descending ? "%20desc" : "%20asc");
    if (!query.filterField.empty()) {
      std::string filter;
      for (auto& v : query.filterValues)
        filter += (filter.empty() ? "" : " or ") + query.filterField + " eq " + quoted(v);
      link += "&$filter=" + percentEncode(filter);
    }
    if (!query.select.empty()) {
      std::string select;
      for (auto& s : query.select) select += (select.empty() ? "" : ",") + s;
      link += "&$select=" + select;
    }
    if (query.count) link += "&$count=true";
    page["@odata.nextLink"] = link;
  }
  return page;
}

}  // namespace delegate::server

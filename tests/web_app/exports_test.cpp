// CSV downloads of the Customers and Relationships lists: quoting, formula neutralizing, and
// exactly the rows the screen's search and filter keep.
#include <catch2/catch.hpp>

#include "web/app/exports.hpp"
#include "web/app/listings.hpp"
#include "web/app/text_match.hpp"

using namespace delegate;
using namespace delegate::web;

namespace {

MCustomer customer(std::string name, std::string domain, ClientStanding standing, int users) {
  MCustomer c;
  c.name = std::move(name);
  c.defaultDomain = std::move(domain);
  c.standing = standing;
  c.users = users;
  c.ends = standing == ClientStanding::none ? "" : "2027-06-01";
  c.myRoles = standing == ClientStanding::none ? "" : "User Administrator, Global Reader";
  return c;
}

template <class Row, class Listed>
std::vector<std::size_t> listed(const std::vector<Row>& all, const std::string& search, int filter,
                                Listed keep) {
  std::vector<std::size_t> rows;
  for (std::size_t i = 0; i < all.size(); ++i)
    if (keep(all[i], lower(search), filter)) rows.push_back(i);
  return rows;
}

}  // namespace

TEST_CASE("CSV fields are quoted as RFC 4180 says and never run as formulas") {
  CHECK(csvField("plain") == "plain");
  CHECK(csvField("a,b") == "\"a,b\"");
  CHECK(csvField("say \"hi\"") == "\"say \"\"hi\"\"\"");
  CHECK(csvField("two\nlines") == "\"two\nlines\"");
  CHECK(csvField("=HYPERLINK(\"http://x\")") == "\"'=HYPERLINK(\"\"http://x\"\")\"");
  CHECK(csvField("+1") == "'+1");
  CHECK(csvField("-2") == "'-2");
  CHECK(csvField("@SUM(A1)") == "'@SUM(A1)");
  CHECK(csvField("\tx") == "'\tx");
  CHECK(csvField("a=b") == "a=b");  // only a leading sign is a formula
  CHECK(csvField("") == "");
  CHECK(csvLine({"a", "b,c", ""}) == "a,\"b,c\",\r\n");
}

TEST_CASE("the customers CSV holds the rows the search and filter keep, in their order") {
  std::vector<MCustomer> all = {
      customer("Contoso", "contoso.com", ClientStanding::active, 12),
      customer("=cmd|' /C calc'!A0", "evil.example", ClientStanding::active, 1),
      customer("Fabrikam, Inc.", "fabrikam.com", ClientStanding::pending, 0),
      customer("Northwind", "northwind.com", ClientStanding::none, 0),
  };
  // Filter 1 is Active (the screen's combo, in the core's words).
  REQUIRE(customerFilterLabels().at(1) == "Active");
  std::vector<std::size_t> active = listed(all, "", 1, customerListed);
  CHECK(active == std::vector<std::size_t>{0, 1});
  const std::string csv = customersCsv(all, active);
  CHECK(csv ==
        "Customer,Default domain,Relationship,Access ends,Your roles,Users\r\n"
        "Contoso,contoso.com,Active,2027-06-01,\"User Administrator, Global Reader\",12\r\n"
        "'=cmd|' /C calc'!A0,evil.example,Active,2027-06-01,\"User Administrator, Global "
        "Reader\",1\r\n");
  // A search matches the name or the domain, case-insensitively; the order is the caller's.
  CHECK(listed(all, "FABRIKAM.com", 0, customerListed) == std::vector<std::size_t>{2});
  CHECK(customersCsv(all, {3, 2}).find("Northwind,northwind.com,None,,,0\r\n\"Fabrikam, Inc.\"") !=
        std::string::npos);
  CHECK(listed(all, "", 4, customerListed) == std::vector<std::size_t>{3});  // No relationship
}

TEST_CASE("the relationships CSV keeps the filter, and a declined row carries the reason") {
  auto rel = [](std::string client, std::string name, RelationshipStatus s) {
    MRelationship r;
    r.customerName = std::move(client);
    r.displayName = std::move(name);
    r.status = s;
    r.roles = "Global Reader";
    r.duration = "90 days";
    r.autoExtend = "PT0S";
    r.created = "2026-11-28";
    return r;
  };
  std::vector<MRelationship> all = {rel("Contoso", "Contoso helpdesk", RelationshipStatus::active),
                                    rel("Contoso", "Contoso readers", RelationshipStatus::declined),
                                    rel("Fabrikam", "Old", RelationshipStatus::terminated)};
  all[1].declineReason = "Not \"now\", thanks";
  // The last filter is the core's "Ended": expired, terminated and declined.
  const int ended = static_cast<int>(relationshipFilterLabels().size()) - 1;
  REQUIRE(relationshipFilterLabels().at(ended) == "Ended");
  CHECK(listed(all, "", ended, relationshipListed) == std::vector<std::size_t>{1, 2});
  CHECK(listed(all, "contoso", ended, relationshipListed) == std::vector<std::size_t>{1});
  const std::string csv = relationshipsCsv(all, listed(all, "contoso", ended, relationshipListed));
  CHECK(csv ==
        "Client,Name,Status,Roles,Duration,Auto-extend,Created,Active since,Ends,Client's "
        "reason\r\n"
        "Contoso,Contoso readers,Declined,Global Reader,90 days,PT0S,2026-11-28,,,"
        "\"Not \"\"now\"\", thanks\"\r\n");
}

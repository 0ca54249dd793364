#include "web/app/exports.hpp"

#include "core/read_model.hpp"

namespace delegate::web {

std::string csvField(const std::string& s) {
  const bool quote = s.find_first_of(",\"\n\r") != std::string::npos;
  // Neutralized so spreadsheets show the text instead of running it (CSV injection).
  const bool formula = !s.empty() && std::string("=+-@\t\r").find(s[0]) != std::string::npos;
  const std::string v = formula ? "'" + s : s;
  if (!quote) return v;
  std::string out = "\"";
  for (char c : v) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string csvLine(std::initializer_list<std::string> fields) {
  std::string out;
  for (const std::string& f : fields) {
    if (!out.empty()) out += ',';
    out += csvField(f);
  }
  return out + "\r\n";
}

std::string customersCsv(const std::vector<MCustomer>& all, const std::vector<std::size_t>& rows) {
  std::string csv =
      csvLine({"Customer", "Default domain", "Relationship", "Access ends", "Your roles", "Users"});
  for (std::size_t i : rows) {
    const MCustomer& c = all.at(i);
    csv += csvLine({c.name, c.defaultDomain, std::string(standingLabel(c.standing)),
                    c.noEndDate ? "No end date" : c.ends, c.myRoles, std::to_string(c.users)});
  }
  return csv;
}

std::string relationshipsCsv(const std::vector<MRelationship>& all,
                             const std::vector<std::size_t>& rows) {
  std::string csv = csvLine({"Client", "Name", "Status", "Roles", "Duration", "Auto-extend",
                             "Created", "Active since", "Ends", "Client's reason"});
  for (std::size_t i : rows) {
    const MRelationship& r = all.at(i);
    csv += csvLine({r.customerName, r.displayName, std::string(statusLabel(r.status)), r.roles,
                    r.duration, r.autoExtend, r.created, r.activated,
                    r.ends.empty() && !r.granular ? "No end date" : r.ends, r.declineReason});
  }
  return csv;
}

}  // namespace delegate::web

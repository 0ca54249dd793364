#include "web/app/preview.hpp"

#include <nlohmann/json.hpp>

#include "core/roles.hpp"

namespace delegate::web {

std::vector<std::string> roleLines(const std::vector<std::string>& ids) {
  std::vector<std::string> lines;
  for (const std::string& id : ids) {
    auto role = roleFromTemplateId(id);
    if (!role) continue;
    const RoleInfo& info = roleInfo(*role);
    lines.push_back(std::string(info.displayName) + ": " + std::string(info.description));
  }
  return lines;
}

std::vector<std::string> delegatedAdminLines() {
  return {
      "People the partner gives Full administration act as your Global Administrator: add, "
      "change and delete users, reset any password, add and verify domains, assign "
      "licenses and administer your services.",
      "People the partner gives Limited administration act as your Password Administrator: "
      "reset the passwords of users who are not administrators.",
      "Every action is recorded with the individual partner user's name; you see it under "
      "Activity."};
}

OfferPreview parseOfferPreview(const std::string& body) {
  OfferPreview p;
  nlohmann::json j = nlohmann::json::parse(body, nullptr, false);
  if (j.is_discarded() || !j.is_object()) {
    p.error = "The server's answer about this link could not be read.";
    return p;
  }
  auto str = [&](const nlohmann::json& o, const char* k) {
    return o.contains(k) && o[k].is_string() ? o[k].get<std::string>() : std::string();
  };
  p.found = true;
  p.kind = str(j, "kind");
  if (j.contains("partner") && j["partner"].is_object()) {
    p.partnerName = str(j["partner"], "displayName");
    p.partnerDomain = str(j["partner"], "domain");
  }
  if (p.partnerName.empty()) p.partnerName = str(j, "partnerName");
  p.product = str(j, "product");
  if (j.contains("includeDelegatedAdmin") && j["includeDelegatedAdmin"].is_boolean())
    p.includesDelegatedAdmin = j["includeDelegatedAdmin"].get<bool>();
  std::vector<std::string> ids;
  if (j.contains("roles") && j["roles"].is_array())
    for (auto& r : j["roles"])
      if (r.is_string()) ids.push_back(r.get<std::string>());
  p.roleLines = roleLines(ids);
  if (ids.empty() && (p.kind == "delegatedAdmin" || p.includesDelegatedAdmin))
    p.roleLines = delegatedAdminLines();
  if (j.contains("licenses") && j["licenses"].is_number_integer()) {
    p.terms = std::to_string(j["licenses"].get<int>()) + " licenses";
    if (j.contains("trialDays") && j["trialDays"].is_number_integer())
      p.terms += ", free for " + std::to_string(j["trialDays"].get<int>()) + " days";
    if (j.contains("price"))
      p.terms += ", " +
                 (j["price"].is_string() ? j["price"].get<std::string>() : j["price"].dump()) +
                 " per license per month";
  }
  return p;
}

OfferPreview relationshipPreview(const MRelationship& r) {
  OfferPreview p;
  p.found = true;
  p.kind = "relationship";
  p.partnerName = r.partnerName;
  p.duration = r.duration;
  p.roleLines = roleLines(r.roleIds);
  return p;
}

}  // namespace delegate::web

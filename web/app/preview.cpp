#include "web/app/preview.hpp"

#include <cstdio>

#include <nlohmann/json.hpp>

#include "core/policy.hpp"
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
  // Who acts as which role is the core's policy; what the roles allow is said for this screen.
  auto actsAs = [](PartnerAccess access, const char* what) {
    return "People the partner gives " + std::string(policy::accessSettingName(access)) +
           " act as your " + std::string(roleInfo(*policy::delegatedRole(access)).displayName) +
           ": " + what;
  };
  return {
      actsAs(PartnerAccess::full,
             "add, change and delete users, reset any password, add and verify domains, "
             "assign licenses and administer your services."),
      actsAs(PartnerAccess::limited, "reset the passwords of users who are not administrators."),
      "Every action is recorded with the individual partner user's name; you see it under "
      "Activity."};
}

namespace {

std::string str(const nlohmann::json& o, const char* k) {
  return o.is_object() && o.contains(k) && o[k].is_string() ? o[k].get<std::string>()
                                                            : std::string();
}

std::vector<std::string> grantLines(const nlohmann::json& grants) {
  std::vector<std::string> lines;
  if (!grants.is_array()) return lines;
  for (const nlohmann::json& g : grants) {
    std::string name = str(g, "displayName"), what = str(g, "description");
    if (name.empty()) {
      auto role = roleFromTemplateId(str(g, "roleDefinitionId"));
      if (!role) continue;
      name = std::string(roleInfo(*role).displayName);
      what = std::string(roleInfo(*role).description);
    }
    lines.push_back(what.empty() ? name : name + ": " + what);
  }
  return lines;
}

}  // namespace

// GET /api/offers/{token}: {offer: {kind, status, includesDelegatedAdmin, product, licenses,
// trialDays | pricePerLicenseCents}, partner: {displayName}, grants: [{displayName, description}]}
OfferPreview parseOfferPreview(const std::string& body) {
  OfferPreview p;
  nlohmann::json j = nlohmann::json::parse(body, nullptr, false);
  if (j.is_discarded() || !j.is_object() || !j.contains("offer")) {
    p.error = "The server's answer about this link could not be read.";
    return p;
  }
  const nlohmann::json& o = j["offer"];
  p.found = true;
  const std::string kind = str(o, "kind");
  p.kind = kind == "trialInvitation" ? "trial" : kind == "purchaseOffer" ? "purchase" : kind;
  if (str(o, "status") == "revoked") {
    p.found = false;
    p.error = "The partner revoked this offer. Ask them for a new link.";
    return p;
  }
  p.partnerName = j.contains("partner") ? str(j["partner"], "displayName") : "";
  p.partnerId = j.contains("partner") ? str(j["partner"], "id") : "";
  p.product = str(o, "product");
  p.includesDelegatedAdmin = o.value("includesDelegatedAdmin", false) || p.kind == "delegatedAdmin";
  if (p.includesDelegatedAdmin) p.roleLines = delegatedAdminLines();
  const int licenses = o.value("licenses", 0);
  if (p.kind == "trial")
    p.terms = std::to_string(licenses) + " licenses, free for " +
              std::to_string(o.value("trialDays", 0)) + " days";
  if (p.kind == "purchase") {
    const long long cents = o.value("pricePerLicenseCents", 0LL);
    char price[96];
    std::snprintf(price, sizeof price, "%d licenses at $%lld.%02lld per license per month",
                  licenses, cents / 100, cents % 100);
    p.terms = price;
  }
  return p;
}

// GET /api/approvals/{id}?token=T: {relationship: {displayName, duration, ...}, partner, roles}
OfferPreview parseApprovalPreview(const std::string& body) {
  OfferPreview p;
  nlohmann::json j = nlohmann::json::parse(body, nullptr, false);
  if (j.is_discarded() || !j.is_object() || !j.contains("relationship")) {
    p.error = "The server's answer about this link could not be read.";
    return p;
  }
  const nlohmann::json& r = j["relationship"];
  if (r.value("approvalLinkUsed", false) || str(r, "status") != "approvalPending") {
    p.error =
        "This approval link was already used or the request is no longer waiting. Ask the "
        "partner for a new one.";
    return p;
  }
  p.found = true;
  p.kind = "relationship";
  p.partnerName = j.contains("partner") ? str(j["partner"], "displayName") : "";
  p.duration = str(r, "duration");
  if (p.duration.size() > 2 && p.duration.front() == 'P' && p.duration.back() == 'D')
    p.duration = p.duration.substr(1, p.duration.size() - 2) + " days";
  p.roleLines = grantLines(j.contains("roles") ? j["roles"] : nlohmann::json());
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

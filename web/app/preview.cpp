#include "web/app/preview.hpp"

#include <nlohmann/json.hpp>

#include "core/policy.hpp"
#include "core/read_model.hpp"
#include "core/roles.hpp"
#include "web/app/projection.hpp"

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

std::string offerTerms(OfferKind kind, int licenses, int trialDays, std::int64_t cents) {
  switch (kind) {
    case OfferKind::trialInvitation:
      return std::to_string(licenses) + " licenses, free for " + std::to_string(trialDays) +
             " days";
    case OfferKind::purchaseOffer:
      return std::to_string(licenses) + " licenses at " + formatPrice(cents) +
             " per license per month";
    case OfferKind::delegatedAdmin:
      break;
  }
  return "";
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
  p.offerKind = enumFromName<OfferKind>(str(o, "kind"));
  if (!p.offerKind) {
    p.error = "The server's answer about this link could not be read.";
    return p;
  }
  p.found = true;
  if (enumFromName<OfferStatus>(str(o, "status")) == OfferStatus::revoked) {
    p.found = false;
    p.error = "The partner revoked this offer. Ask them for a new link.";
    return p;
  }
  p.partnerName = j.contains("partner") ? str(j["partner"], "displayName") : "";
  p.partnerId = j.contains("partner") ? str(j["partner"], "id") : "";
  p.product = str(o, "product");
  p.includesDelegatedAdmin =
      o.value("includesDelegatedAdmin", false) || p.offerKind == OfferKind::delegatedAdmin;
  if (p.includesDelegatedAdmin) p.roleLines = delegatedAdminLines();
  p.terms = offerTerms(*p.offerKind, o.value("licenses", 0), o.value("trialDays", 0),
                       o.value("pricePerLicenseCents", std::int64_t{0}));
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
  if (r.value("approvalLinkUsed", false) ||
      enumFromName<RelationshipStatus>(str(r, "status")) != RelationshipStatus::approvalPending) {
    p.error =
        "This approval link was already used or the request is no longer waiting. Ask the "
        "partner for a new one.";
    return p;
  }
  p.found = true;
  p.partnerName = j.contains("partner") ? str(j["partner"], "displayName") : "";
  // Said as the signed-in view says it (relationshipPreview): "2 years (730 days)".
  p.duration = str(r, "duration");
  if (auto d = parseDuration(p.duration); d.ok()) p.duration = durationLabel(d.value());
  p.roleLines = grantLines(j.contains("roles") ? j["roles"] : nlohmann::json());
  return p;
}

OfferPreview relationshipPreview(const MRelationship& r) {
  OfferPreview p;
  p.found = true;
  p.partnerName = r.partnerName;
  p.duration = r.duration;
  p.roleLines = roleLines(r.roleIds);
  return p;
}

}  // namespace delegate::web

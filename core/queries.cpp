#include "core/queries.hpp"

#include <algorithm>

namespace delegate {

std::vector<TenantId> customersOf(const State& s, TenantId partner, Timestamp now) {
  std::vector<TenantId> out;
  for (RelationshipId rid : s.relationshipsOfPartner(partner)) {
    const Relationship* r = s.findRelationship(rid);
    if (r && r->customer && isEffective(*r, now)) out.push_back(r->customer->tenantId);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

OfferEntryPoint offerEntryPoint(const State& s, TenantId partner, Timestamp now) {
  return customersOf(s, partner, now).size() >= kLargePartnerCustomers
             ? OfferEntryPoint::partnerOverview
             : OfferEntryPoint::buildYourBusiness;
}

std::vector<PartnerRights> partnersOf(const State& s, TenantId customer, Timestamp now) {
  std::vector<PartnerRights> out;
  std::vector<RelationshipId> ids = s.relationshipsOfCustomer(customer);
  std::sort(ids.begin(), ids.end());
  for (RelationshipId rid : ids) {
    const Relationship* r = s.findRelationship(rid);
    if (!r || !isEffective(*r, now)) continue;
    auto it = std::find_if(out.begin(), out.end(), [&](const PartnerRights& p) {
      return p.partnerTenantId == r->partnerTenantId;
    });
    if (it == out.end()) {
      PartnerRights p;
      p.partnerTenantId = r->partnerTenantId;
      const Tenant* t = s.findTenant(r->partnerTenantId);
      p.displayName = t ? t->displayName : std::string();
      out.push_back(std::move(p));
      it = out.end() - 1;
    }
    it->relationships.push_back(rid);
    it->roles = it->roles | r->accessDetails.unifiedRoles;
    it->delegatedAdmin = it->delegatedAdmin || r->kind == RelationshipKind::dap;
  }
  std::sort(out.begin(), out.end(), [](const PartnerRights& a, const PartnerRights& b) {
    return a.displayName < b.displayName;
  });
  return out;
}

std::optional<OfferPreview> previewOffer(const State& s, std::string_view token) {
  const Offer* o = s.findOfferByToken(token);
  if (!o || o->status != OfferStatus::active) return std::nullopt;
  OfferPreview p;
  p.offerId = o->id;
  p.kind = o->kind;
  const Tenant* t = s.findTenant(o->partnerId);
  p.partnerDisplayName = t ? t->displayName : std::string();
  p.includesDelegatedAdmin = o->includesDelegatedAdmin;
  p.product = o->product;
  p.licenses = o->licenses;
  p.trialDays = o->trialDays;
  p.pricePerLicenseCents = o->pricePerLicenseCents;
  p.whatThePartnerCanDo =
      o->includesDelegatedAdmin
          ? p.partnerDisplayName +
                " will be able to administer your organization as a Global Administrator "
                "(users, passwords, domains and services), except mobile device management, "
                "until you remove them."
          : p.partnerDisplayName + " will not get administrative rights in your organization.";
  return p;
}

std::vector<RelationshipId> relationshipsEndingWithin(const State& s, TenantId partner,
                                                      Timestamp now, Duration window) {
  std::vector<const Relationship*> found;
  for (RelationshipId rid : s.relationshipsOfPartner(partner)) {
    const Relationship* r = s.findRelationship(rid);
    if (r && r->endDateTime && isEffective(*r, now) && *r->endDateTime <= now + window)
      found.push_back(r);
  }
  std::sort(found.begin(), found.end(), [](auto* a, auto* b) {
    return *a->endDateTime != *b->endDateTime ? *a->endDateTime < *b->endDateTime : a->id < b->id;
  });
  std::vector<RelationshipId> out;
  for (auto* r : found) out.push_back(r->id);
  return out;
}

}  // namespace delegate

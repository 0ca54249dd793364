#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "web/app/model.hpp"

namespace delegate::web {

// Reads the body of GET /api/offers/{token}.
OfferPreview parseOfferPreview(const std::string& body);
// Reads the body of GET /api/approvals/{id}?token=T.
OfferPreview parseApprovalPreview(const std::string& body);
// What a granular relationship's approval asks for, from the customer's view of it.
OfferPreview relationshipPreview(const MRelationship& r);
// One readable line per role: "Password Administrator: reset passwords of ..."
std::vector<std::string> roleLines(const std::vector<std::string>& templateIds);
// What the seed's delegated administration grants, in words.
std::vector<std::string> delegatedAdminLines();
// An offer's terms in words: "25 licenses, free for 30 days", "10 licenses at $12.50 per license
// per month"; "" for a delegated admin offer (it has none).
std::string offerTerms(OfferKind kind, int licenses, int trialDays, std::int64_t centsPerLicense);

}  // namespace delegate::web

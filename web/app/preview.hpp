#pragma once
#include <string>

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

}  // namespace delegate::web

#pragma once
// What the Customers and Relationships lists keep for a search and a filter: the tables on
// screen and their CSV exports (web/app/exports.hpp) ask the same functions, so a download holds
// exactly the rows shown.
#include <string>
#include <vector>

#include "web/app/model.hpp"

namespace delegate::web {

// The filter combo's entries, in the core's words; index 0 keeps every row.
const std::vector<std::string>& customerFilterLabels();
const std::vector<std::string>& relationshipFilterLabels();

// Whether a row is listed for a lowercase search text and a filter index.
bool customerListed(const MCustomer& c, const std::string& lowerNeedle, int filter);
bool relationshipListed(const MRelationship& r, const std::string& lowerNeedle, int filter);

}  // namespace delegate::web

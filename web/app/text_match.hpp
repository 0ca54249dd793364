#pragma once
// Case-insensitive (ASCII) search as the tables do it: shared by the tables (web/ui) and by the
// lists' filters (web/app/listings.hpp), which the exports reuse.
#include <string>

namespace delegate::web {

// Lowercase copy for case-insensitive search.
std::string lower(const std::string& s);
bool containsLower(const std::string& haystack, const std::string& lowerNeedle);

}  // namespace delegate::web

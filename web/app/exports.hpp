#pragma once
// CSV downloads of what a list shows (RFC 4180, CRLF line ends). A cell a spreadsheet would run
// as a formula (starting with = + - @, tab or carriage return) gets a leading single quote.
#include <cstddef>
#include <initializer_list>
#include <string>
#include <vector>

#include "web/app/model.hpp"

namespace delegate::web {

std::string csvField(const std::string& s);
// One record: the fields quoted as needed, joined with commas, ending in CRLF.
std::string csvLine(std::initializer_list<std::string> fields);

// A header line, then one line per row of `rows` (indexes into `all`, in the screen's order).
std::string customersCsv(const std::vector<MCustomer>& all, const std::vector<std::size_t>& rows);
std::string relationshipsCsv(const std::vector<MRelationship>& all,
                             const std::vector<std::size_t>& rows);

}  // namespace delegate::web

#pragma once
#include <imgui.h>

#include <cstdint>
#include <functional>
#include <set>
#include <string>
#include <vector>

#include "web/app/text_match.hpp"

namespace delegate::web::ui {

struct TableColumn {
  const char* name;
  float width = 0.0f;  // CSS px for fixed columns; 0 = stretch
  bool sortable = true;
  bool descendingFirst = false;  // e.g. time: newest first, and the arrow says so
};

// What a table shows: `count` rows addressed by index; callbacks read the caller's data.
struct TableSource {
  size_t count = 0;
  // Changes whenever the underlying rows change (cached order is rebuilt then).
  std::uint64_t revision = 0;
  // Does row match the lowercase search text and the filter value?
  std::function<bool(size_t row, const std::string& needle, int filter)> match;
  // Strict ordering of two rows by a column.
  std::function<bool(size_t a, size_t b, int column)> less;
  // Draws one cell (the table has already moved to that column).
  std::function<void(size_t row, int column)> cell;
  // A stable key per row (for selection, keyboard cursor and the test hook).
  std::function<std::string(size_t row)> key;
};

// The per-table UI state the caller keeps between frames.
struct TableState {
  std::string search;
  int filter = 0;
  int sortColumn = 0;
  bool ascending = true;
  std::set<std::string> selected;  // keys of selected rows (when selectable)
  std::string cursor;              // key of the keyboard cursor row
  // Cache of the visible order.
  std::vector<size_t> order;
  std::uint64_t builtRevision = ~std::uint64_t(0);
  std::string builtSearch;
  int builtFilter = -1, builtSort = -1;
  bool builtAscending = true;
  bool scrollToCursor = false;
  // ImGui's keyboard focus was on one of the rows last frame (Tab lands there: a table's rows
  // are navigated as part of the window around it, which keeps the focus).
  bool navInside = false;
  // Where the cursor row is in `order` (cached: finding it is a scan over every row).
  int cursorIndex = -1;
  std::string cursorIndexKey;
  std::uint64_t orderBuild = 0, cursorIndexBuild = ~std::uint64_t(0);
  // Cache of isListed().
  std::string listedKey;
  std::uint64_t listedBuild = ~std::uint64_t(0);
  bool listed = false;
};

struct TableEvents {
  std::string activated;  // key of a row opened by double click or Enter
  bool selectionChanged = false;
  // The rows on screen, as positions in the visible order [first, last): a table whose rows
  // come in pages asks for these.
  size_t shownFirst = 0, shownLast = 0;
};

// Draws a sortable, filterable table that only lays out the visible rows (ImGuiListClipper), so
// 10,000 rows stay smooth. Rows are published to the test hook as "<id>.row.<key>" (visible only).
// Arrow keys move the cursor when the table has focus; Enter opens; Space toggles selection.
TableEvents drawTable(const char* id, const std::vector<TableColumn>& columns,
                      const TableSource& source, TableState& state, ImVec2 size, bool selectable);

// Rebuilds the visible order if anything it depends on changed; returns the visible rows.
const std::vector<size_t>& visibleRows(const TableSource& source, TableState& state);

// Whether the row with `key` is among the rows shown now (after search and filter): a detail
// pane beside the table shows only a row that is still listed.
bool isListed(const TableSource& source, TableState& state, const std::string& key);

// Lowercase copy and case-insensitive search (web/app/text_match.hpp).
using web::containsLower;
using web::lower;

}  // namespace delegate::web::ui

#include "web/ui/table.hpp"

#include <algorithm>

#include "web/platform/test_hook.hpp"
#include "web/ui/theme.hpp"

namespace delegate::web::ui {

std::string lower(const std::string& s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

bool containsLower(const std::string& haystack, const std::string& needle) {
  if (needle.empty()) return true;
  if (needle.size() > haystack.size()) return false;
  auto it = std::search(haystack.begin(), haystack.end(), needle.begin(), needle.end(),
                        [](char a, char b) {
                          if (a >= 'A' && a <= 'Z') a = static_cast<char>(a - 'A' + 'a');
                          return a == b;
                        });
  return it != haystack.end();
}

const std::vector<size_t>& visibleRows(const TableSource& source, TableState& st) {
  if (st.builtRevision == source.revision && st.builtSearch == st.search &&
      st.builtFilter == st.filter && st.builtSort == st.sortColumn &&
      st.builtAscending == st.ascending && st.order.size() <= source.count)
    return st.order;
  const std::string needle = lower(st.search);
  st.order.clear();
  st.order.reserve(source.count);
  for (size_t i = 0; i < source.count; ++i)
    if (!source.match || source.match(i, needle, st.filter)) st.order.push_back(i);
  if (source.less && st.sortColumn >= 0) {
    const int col = st.sortColumn;
    if (st.ascending)
      std::stable_sort(st.order.begin(), st.order.end(),
                       [&](size_t a, size_t b) { return source.less(a, b, col); });
    else
      std::stable_sort(st.order.begin(), st.order.end(),
                       [&](size_t a, size_t b) { return source.less(b, a, col); });
  }
  ++st.orderBuild;
  st.builtRevision = source.revision;
  st.builtSearch = st.search;
  st.builtFilter = st.filter;
  st.builtSort = st.sortColumn;
  st.builtAscending = st.ascending;
  return st.order;
}

TableEvents drawTable(const char* id, const std::vector<TableColumn>& columns,
                      const TableSource& source, TableState& st, ImVec2 size, bool selectable) {
  TableEvents ev;
  const int ncol = static_cast<int>(columns.size()) + (selectable ? 1 : 0);
  const ImGuiTableFlags flags = ImGuiTableFlags_Sortable | ImGuiTableFlags_RowBg |
                                ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_BordersOuter |
                                ImGuiTableFlags_ScrollY | ImGuiTableFlags_Resizable |
                                ImGuiTableFlags_SizingStretchProp;
  if (!ImGui::BeginTable(id, ncol, flags, size)) return ev;
  ImGui::TableSetupScrollFreeze(0, 1);
  if (selectable)
    ImGui::TableSetupColumn("##sel",
                            ImGuiTableColumnFlags_WidthFixed | ImGuiTableColumnFlags_NoSort |
                                ImGuiTableColumnFlags_NoResize,
                            ImGui::GetFrameHeight());
  for (size_t c = 0; c < columns.size(); ++c) {
    ImGuiTableColumnFlags cf = columns[c].width > 0 ? ImGuiTableColumnFlags_WidthFixed
                                                    : ImGuiTableColumnFlags_WidthStretch;
    if (!columns[c].sortable) cf |= ImGuiTableColumnFlags_NoSort;
    if (c == 0) cf |= ImGuiTableColumnFlags_DefaultSort;
    if (columns[c].descendingFirst) cf |= ImGuiTableColumnFlags_PreferSortDescending;
    ImGui::TableSetupColumn(columns[c].name, cf, columns[c].width > 0 ? dp(columns[c].width) : 1.0f,
                            static_cast<ImGuiID>(c));
  }
  ImGui::TableHeadersRow();
  for (size_t c = 0; c < columns.size(); ++c) {
    // Header rects for tests (click to sort).
    ImGui::TableSetColumnIndex(static_cast<int>(c) + (selectable ? 1 : 0));
  }
  if (ImGuiTableSortSpecs* specs = ImGui::TableGetSortSpecs()) {
    if (specs->SpecsDirty && specs->SpecsCount > 0) {
      st.sortColumn = static_cast<int>(specs->Specs[0].ColumnUserID);
      st.ascending = specs->Specs[0].SortDirection != ImGuiSortDirection_Descending;
      specs->SpecsDirty = false;
    }
  }

  const std::vector<size_t>& rows = visibleRows(source, st);
  const std::string tableId = id;

  // Keyboard: arrows move the cursor, Enter opens, Space toggles selection.
  if (st.cursorIndexBuild != st.orderBuild || st.cursorIndexKey != st.cursor) {
    st.cursorIndex = -1;
    if (!st.cursor.empty())
      for (size_t i = 0; i < rows.size(); ++i)
        if (source.key(rows[i]) == st.cursor) {
          st.cursorIndex = static_cast<int>(i);
          break;
        }
    st.cursorIndexBuild = st.orderBuild;
    st.cursorIndexKey = st.cursor;
  }
  int cursorIndex = st.cursorIndex;
  const bool focused =
      ImGui::IsWindowFocused(ImGuiFocusedFlags_ChildWindows) && !ImGui::GetIO().WantTextInput;
  if (focused && !rows.empty()) {
    int move = 0;
    if (ImGui::IsKeyPressed(ImGuiKey_DownArrow)) move = 1;
    if (ImGui::IsKeyPressed(ImGuiKey_UpArrow)) move = -1;
    if (ImGui::IsKeyPressed(ImGuiKey_PageDown)) move = 10;
    if (ImGui::IsKeyPressed(ImGuiKey_PageUp)) move = -10;
    if (move) {
      cursorIndex = std::clamp(cursorIndex < 0 ? 0 : cursorIndex + move, 0,
                               static_cast<int>(rows.size()) - 1);
      st.cursor = source.key(rows[static_cast<size_t>(cursorIndex)]);
      st.cursorIndex = cursorIndex;
      st.cursorIndexKey = st.cursor;
      st.scrollToCursor = true;
    }
    if (cursorIndex >= 0 && ImGui::IsKeyPressed(ImGuiKey_Enter)) ev.activated = st.cursor;
    if (selectable && cursorIndex >= 0 && ImGui::IsKeyPressed(ImGuiKey_Space)) {
      if (!st.selected.erase(st.cursor)) st.selected.insert(st.cursor);
      ev.selectionChanged = true;
    }
  }
  if (st.scrollToCursor && cursorIndex >= 0) {
    const float rowH = ImGui::GetFrameHeight() + ImGui::GetStyle().CellPadding.y * 2;
    const float y = cursorIndex * rowH;
    const float top = ImGui::GetScrollY();
    const float visibleH = ImGui::GetWindowHeight() - rowH * 2;
    if (y < top) ImGui::SetScrollY(y);
    if (y > top + visibleH) ImGui::SetScrollY(y - visibleH);
    st.scrollToCursor = false;
  }

  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(rows.size()));
  if (cursorIndex >= 0) clipper.IncludeItemByIndex(cursorIndex);
  while (clipper.Step()) {
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
      const size_t row = rows[static_cast<size_t>(i)];
      const std::string key = source.key(row);
      ImGui::TableNextRow(0, ImGui::GetFrameHeight());
      ImGui::PushID(key.c_str());
      const int col0 = selectable ? 1 : 0;
      // A row-wide selectable first (hover, click, double click); cells are drawn over it.
      ImGui::TableSetColumnIndex(0);
      const bool isCursor = key == st.cursor;
      ImVec2 cellStart = ImGui::GetCursorPos();
      if (ImGui::Selectable("##row", isCursor,
                            ImGuiSelectableFlags_SpanAllColumns |
                                ImGuiSelectableFlags_AllowOverlap |
                                ImGuiSelectableFlags_AllowDoubleClick,
                            ImVec2(0, ImGui::GetFrameHeight()))) {
        st.cursor = key;
        if (ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left) || !selectable) ev.activated = key;
      }
      testHook().item(tableId + ".row." + key);
      ImGui::SetCursorPos(cellStart);
      if (selectable) {
        bool sel = st.selected.count(key) > 0;
        if (ImGui::Checkbox("##sel", &sel)) {
          if (sel)
            st.selected.insert(key);
          else
            st.selected.erase(key);
          ev.selectionChanged = true;
        }
        testHook().item(tableId + ".select." + key);
      }
      for (size_t c = 0; c < columns.size(); ++c) {
        ImGui::TableSetColumnIndex(static_cast<int>(c) + col0);
        ImGui::AlignTextToFramePadding();
        source.cell(row, static_cast<int>(c));
      }
      ImGui::PopID();
    }
  }
  ImGui::EndTable();
  testHook().state(tableId + ".rows", std::to_string(rows.size()));
  return ev;
}

}  // namespace delegate::web::ui

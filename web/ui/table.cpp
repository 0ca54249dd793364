#include "web/ui/table.hpp"

#include <algorithm>

#include <imgui_internal.h>

#include "web/platform/test_hook.hpp"
#include "web/ui/theme.hpp"

namespace delegate::web::ui {

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
    // Rows equal in the sorted column (many clients have 3 users) are ordered by the first
    // column, then by position, in either direction: the order never looks random, and
    // sorting again gives the same rows in the same places.
    const int col = st.sortColumn;
    const bool ascending = st.ascending;
    std::sort(st.order.begin(), st.order.end(), [&](size_t a, size_t b) {
      if (source.less(a, b, col)) return ascending;
      if (source.less(b, a, col)) return !ascending;
      if (col != 0) {
        if (source.less(a, b, 0)) return true;
        if (source.less(b, a, 0)) return false;
      }
      return a < b;
    });
  }
  ++st.orderBuild;
  st.builtRevision = source.revision;
  st.builtSearch = st.search;
  st.builtFilter = st.filter;
  st.builtSort = st.sortColumn;
  st.builtAscending = st.ascending;
  return st.order;
}

bool isListed(const TableSource& source, TableState& st, const std::string& key) {
  const std::vector<size_t>& rows = visibleRows(source, st);
  if (st.listedBuild == st.orderBuild && st.listedKey == key) return st.listed;
  st.listed = std::any_of(rows.begin(), rows.end(), [&](size_t r) { return source.key(r) == key; });
  st.listedBuild = st.orderBuild;
  st.listedKey = key;
  return st.listed;
}

TableEvents drawTable(const char* id, const std::vector<TableColumn>& columns,
                      const TableSource& source, TableState& st, ImVec2 size, bool selectable) {
  TableEvents ev;
  const int ncol = static_cast<int>(columns.size()) + (selectable ? 1 : 0);
  const ImGuiTableFlags flags = ImGuiTableFlags_Sortable | ImGuiTableFlags_RowBg |
                                ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_BordersOuter |
                                ImGuiTableFlags_ScrollY | ImGuiTableFlags_Resizable |
                                ImGuiTableFlags_SizingStretchProp;
  // Tab reaches the table through a stop in the window around it: ImGui's Tab does not enter the
  // table's own scrolling child window. The stop takes no room; while it has the focus the table
  // has it (a visible cursor, the arrows, Enter), and the next Tab moves on.
  const ImVec2 before = ImGui::GetCursorPos();
  ImGui::InvisibleButton("##tabstop", ImVec2(1.0f, 1.0f));
  const bool tabbedIn = ImGui::IsItemFocused();
  testHook().item(std::string(id) + ".tabstop");
  ImGui::SetCursorPos(before);
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
  // The header row as TableHeadersRow() draws it, with each header's rectangle published for
  // tests (click to sort).
  ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
  bool navInside = tabbedIn;  // ImGui's keyboard focus is on the table's stop, a header or a row
  for (int c = 0; c < ncol; ++c) {
    if (!ImGui::TableSetColumnIndex(c)) continue;
    ImGui::PushID(c);
    ImGui::TableHeader(ImGui::TableGetColumnName(c));
    navInside |= ImGui::IsItemFocused();
    ImGui::PopID();
    const int col = c - (selectable ? 1 : 0);
    if (col >= 0) testHook().item(std::string(id) + ".header." + std::to_string(col));
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

  // Keyboard, when the table has focus (Tab or a click): a visible cursor row that the arrows,
  // Home/End and PageUp/PageDown move; Enter opens the row under the cursor, Space selects it.
  // The table owns those keys meanwhile, so ImGui's own navigation does not move a second,
  // invisible focus that Enter would then open.
  const float rowH = ImGui::GetFrameHeight() + ImGui::GetStyle().CellPadding.y * 2;
  const ImGuiID owner = ImGui::GetID("##keys");
  static const ImGuiKey kKeys[] = {ImGuiKey_UpArrow,  ImGuiKey_DownArrow, ImGuiKey_PageUp,
                                   ImGuiKey_PageDown, ImGuiKey_Home,      ImGuiKey_End};
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
      (ImGui::IsWindowFocused(ImGuiFocusedFlags_ChildWindows) || st.navInside || navInside) &&
      !ImGui::GetIO().WantTextInput;
  if (focused && !rows.empty()) {
    for (ImGuiKey k : kKeys) ImGui::SetKeyOwner(k, owner);
    auto pressed = [&](ImGuiKey k) {
      return ImGui::IsKeyPressed(k, owner, ImGuiInputFlags_Repeat);
    };
    const int last = static_cast<int>(rows.size()) - 1;
    const int page = std::max(1, static_cast<int>(ImGui::GetWindowHeight() / rowH) - 2);
    int to = cursorIndex;
    // A table reached with Tab shows its cursor at once: on the row it had, else the first.
    if (to < 0) to = 0;
    if (pressed(ImGuiKey_DownArrow)) to = cursorIndex < 0 ? 0 : to + 1;
    if (pressed(ImGuiKey_UpArrow)) to = to - 1;
    if (pressed(ImGuiKey_PageDown)) to = to + page;
    if (pressed(ImGuiKey_PageUp)) to = to - page;
    if (pressed(ImGuiKey_Home)) to = 0;
    if (pressed(ImGuiKey_End)) to = last;
    to = std::clamp(to, 0, last);
    if (to != cursorIndex) {
      cursorIndex = to;
      st.cursor = source.key(rows[static_cast<size_t>(cursorIndex)]);
      st.cursorIndex = cursorIndex;
      st.cursorIndexKey = st.cursor;
      st.scrollToCursor = true;
    }
    if (ImGui::IsKeyPressed(ImGuiKey_Enter, false) ||
        ImGui::IsKeyPressed(ImGuiKey_KeypadEnter, false))
      ev.activated = st.cursor;
    if (selectable && ImGui::IsKeyPressed(ImGuiKey_Space, false)) {
      if (!st.selected.erase(st.cursor)) st.selected.insert(st.cursor);
      ev.selectionChanged = true;
    }
  }
  if (st.scrollToCursor && cursorIndex >= 0) {
    // Rows start below the frozen header row.
    const float y = cursorIndex * rowH;
    const float top = ImGui::GetScrollY();
    const float visibleH = ImGui::GetWindowHeight() - rowH * 2;
    if (y < top) ImGui::SetScrollY(y);
    if (y > top + visibleH) ImGui::SetScrollY(y - visibleH);
    st.scrollToCursor = false;
  }
  testHook().state(tableId + ".cursor", cursorIndex >= 0 ? st.cursor : "");
  testHook().state(tableId + ".focused", focused ? "true" : "false");

  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(rows.size()));
  if (cursorIndex >= 0) clipper.IncludeItemByIndex(cursorIndex);
  while (clipper.Step()) {
    // The clipper's widest step is the window on screen (the others measure a row or keep the
    // cursor's row laid out).
    if (clipper.DisplayEnd - clipper.DisplayStart >
        static_cast<int>(ev.shownLast - ev.shownFirst)) {
      ev.shownFirst = static_cast<size_t>(clipper.DisplayStart);
      ev.shownLast = static_cast<size_t>(clipper.DisplayEnd);
    }
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
        // Keys are handled above (Enter opens the cursor row); here only the mouse counts, so
        // ImGui's navigation activating some other row cannot open it.
        const bool byMouse = ImGui::IsMouseReleased(ImGuiMouseButton_Left) ||
                             ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left) ||
                             ImGui::IsMouseClicked(ImGuiMouseButton_Left);
        if (byMouse) {
          st.cursor = key;
          if (ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left) || !selectable) ev.activated = key;
        }
      }
      if (isCursor && focused) {
        // A cursor a keyboard user sees: an outline around the row, on top of its highlight.
        const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
        ImGui::GetWindowDrawList()->AddRect(ImVec2(a.x + 1, a.y), ImVec2(b.x - 1, b.y),
                                            ImGui::GetColorU32(palette().accent), 0.0f, 0, dp(2));
      }
      navInside |= ImGui::IsItemFocused();
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
        navInside |= ImGui::IsItemFocused();
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
  st.navInside = navInside;
  testHook().state(tableId + ".rows", std::to_string(rows.size()));
  testHook().state(tableId + ".sort",
                   std::to_string(st.sortColumn) + (st.ascending ? " ascending" : " descending"));
  return ev;
}

}  // namespace delegate::web::ui

#include "web/ui/widgets.hpp"

#include <imgui_internal.h>
#include <imgui_stdlib.h>

#include <cstdarg>

#include "web/platform/test_hook.hpp"
#include "web/ui/table.hpp"
#include "web/ui/theme.hpp"

namespace delegate::web::ui {

void tooltip(const std::string& text) {
  ImGui::BeginTooltip();
  ImGui::PushTextWrapPos(dp(360));
  ImGui::TextUnformatted(text.c_str());
  ImGui::PopTextWrapPos();
  ImGui::EndTooltip();
}

bool button(const char* label, const std::string& testId, ButtonKind kind, const Gate& gate,
            ImVec2 size) {
  const Palette& p = palette();
  int colors = 0;
  auto push = [&](ImGuiCol c, ImVec4 v) {
    ImGui::PushStyleColor(c, v);
    ++colors;
  };
  switch (kind) {
    case ButtonKind::Primary:
      push(ImGuiCol_Button, p.accent);
      push(ImGuiCol_ButtonHovered, p.accentHovered);
      push(ImGuiCol_ButtonActive, p.accentActive);
      push(ImGuiCol_Text, ImVec4(1, 1, 1, 1));
      push(ImGuiCol_Border, ImVec4(0, 0, 0, 0));
      break;
    case ButtonKind::Secondary:
      push(ImGuiCol_Button, p.secondaryButton);
      push(ImGuiCol_ButtonHovered, p.secondaryButtonHovered);
      push(ImGuiCol_ButtonActive, p.border);
      push(ImGuiCol_Border, ImVec4(0, 0, 0, 0));
      break;
    case ButtonKind::Danger:
      push(ImGuiCol_Button, p.danger);
      push(ImGuiCol_ButtonHovered,
           ImVec4(p.danger.x * 0.88f, p.danger.y * 0.88f, p.danger.z * 0.88f, 1));
      push(ImGuiCol_ButtonActive,
           ImVec4(p.danger.x * 0.75f, p.danger.y * 0.75f, p.danger.z * 0.75f, 1));
      push(ImGuiCol_Text, ImVec4(1, 1, 1, 1));
      push(ImGuiCol_Border, ImVec4(0, 0, 0, 0));
      break;
    case ButtonKind::Link:
      push(ImGuiCol_Button, ImVec4(0, 0, 0, 0));
      push(ImGuiCol_ButtonHovered, p.accentSoft);
      push(ImGuiCol_ButtonActive, p.accentSoft);
      push(ImGuiCol_Text, p.accent);
      push(ImGuiCol_Border, ImVec4(0, 0, 0, 0));
      break;
  }
  if (!gate.allowed) ImGui::BeginDisabled();
  std::string full = std::string(label) + "##" + testId;
  bool clicked = ImGui::Button(full.c_str(), size);
  if (!gate.allowed) ImGui::EndDisabled();
  ImGui::PopStyleColor(colors);
  testHook().item(testId);
  if (!gate.allowed) {
    testHook().state("reason." + testId, gate.reason);
    if (!gate.reason.empty() && ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
      tooltip(gate.reason);
  }
  return clicked && gate.allowed;
}

bool textField(const char* label, const std::string& testId, std::string& value,
               const std::string& error, const char* hint, float width, bool* submitted,
               ImGuiInputTextFlags flags) {
  ImGui::PushID(testId.c_str());
  if (label && *label) ImGui::TextUnformatted(label);
  ImGui::SetNextItemWidth(width > 0 ? width : -FLT_MIN);
  const bool bad = !error.empty();
  if (bad) {
    ImGui::PushStyleColor(ImGuiCol_Border, palette().danger);
    ImGui::PushStyleVar(ImGuiStyleVar_FrameBorderSize, dp(1.5f));
  }
  if (submitted) flags |= ImGuiInputTextFlags_EnterReturnsTrue;
  bool enter = false;
  bool changed = false;
  std::string before = submitted ? value : std::string();
  if (submitted) {
    enter = ImGui::InputTextWithHint("##v", hint, &value, flags);
    changed = value != before;
    *submitted = *submitted || enter;
  } else {
    changed = ImGui::InputTextWithHint("##v", hint, &value, flags);
  }
  if (bad) {
    ImGui::PopStyleVar();
    ImGui::PopStyleColor();
  }
  testHook().item(testId);
  testHook().state("value." + testId, (flags & ImGuiInputTextFlags_Password) ? "" : value);
  if (bad) {
    ImGui::PushStyleColor(ImGuiCol_Text, palette().danger);
    ImGui::PushTextWrapPos(width > 0 ? ImGui::GetCursorPosX() + width : 0.0f);
    ImGui::TextUnformatted(error.c_str());
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
    testHook().item("error." + testId);
    testHook().state("error." + testId, error);
  }
  ImGui::PopID();
  return changed;
}

bool checkbox(const char* label, const std::string& testId, bool& value) {
  std::string full = std::string(label) + "##" + testId;
  bool changed = ImGui::Checkbox(full.c_str(), &value);
  testHook().item(testId);
  testHook().state("checked." + testId, value ? "true" : "false");
  return changed;
}

namespace {

// Lists longer than this get a filter field at the top (a combo shows about eight rows; 150
// customers are not found by scrolling).
constexpr std::size_t kFilterAbove = 12;

bool containsFolded(const std::string& text, const std::string& needle) {
  return lower(text).find(lower(needle)) != std::string::npos;
}

}  // namespace

bool combo(const char* label, const std::string& testId, int& current,
           const std::vector<std::string>& items, float width) {
  ImGui::PushID(testId.c_str());
  if (label && *label) ImGui::TextUnformatted(label);
  ImGui::SetNextItemWidth(width > 0 ? width : -FLT_MIN);
  bool changed = false;
  const char* preview = current >= 0 && current < static_cast<int>(items.size())
                            ? items[static_cast<size_t>(current)].c_str()
                            : "";
  bool open = ImGui::BeginCombo("##c", preview);
  testHook().item(testId);
  testHook().state("value." + testId, preview);
  if (open) {
    // The open list's filter: widget state, like ImGui's own, cleared each time the list opens.
    static std::string filter;
    bool enter = false;
    const bool filtered = items.size() > kFilterAbove;
    if (filtered) {
      if (ImGui::IsWindowAppearing()) {
        filter.clear();
        ImGui::SetKeyboardFocusHere();
      }
      ImGui::SetNextItemWidth(-FLT_MIN);
      enter = ImGui::InputTextWithHint("##filter", "Type to filter", &filter,
                                       ImGuiInputTextFlags_EnterReturnsTrue);
      testHook().item(testId + ".filter");
      testHook().state("value." + testId + ".filter", filter);
    }
    // Options are numbered as shown, so a test clicks the n-th visible one.
    std::size_t shown = 0;
    for (size_t i = 0; i < items.size(); ++i) {
      if (filtered && !filter.empty() && !containsFolded(items[i], filter)) continue;
      bool sel = static_cast<int>(i) == current;
      if (ImGui::Selectable(items[i].c_str(), sel) || (enter && shown == 0)) {
        current = static_cast<int>(i);
        changed = true;
        if (enter) ImGui::CloseCurrentPopup();
      }
      testHook().item(testId + ".option." + std::to_string(shown++));
      if (sel) ImGui::SetItemDefaultFocus();
    }
    if (filtered && shown == 0) ImGui::TextDisabled("No match");
    ImGui::EndCombo();
  }
  ImGui::PopID();
  return changed;
}

bool searchBox(const std::string& testId, std::string& value, const char* hint, float width) {
  ImGui::PushID(testId.c_str());
  ImGui::SetNextItemWidth(width);
  bool changed = ImGui::InputTextWithHint("##s", hint, &value);
  testHook().item(testId);
  testHook().state("value." + testId, value);
  ImGui::PopID();
  return changed;
}

bool copyField(const std::string& testId, const std::string& value, float width) {
  ImGui::PushID(testId.c_str());
  const float copyW = ImGui::CalcTextSize("Copy").x + ImGui::GetStyle().FramePadding.x * 2;
  const float w = width > 0 ? width : ImGui::GetContentRegionAvail().x;
  ImGui::SetNextItemWidth(std::max(dp(80), w - copyW - ImGui::GetStyle().ItemSpacing.x));
  std::string shown = value;
  ImGui::InputText("##v", &shown, ImGuiInputTextFlags_ReadOnly);
  testHook().item(testId + ".value");
  testHook().state("value." + testId, value);
  ImGui::SameLine();
  bool clicked = button("Copy", testId + ".copy", ButtonKind::Secondary);
  ImGui::PopID();
  return clicked;
}

void title(const char* text) {
  ImGui::PushFont(fonts().title);
  ImGui::TextUnformatted(text);
  ImGui::PopFont();
}

void heading(const char* text) {
  ImGui::PushFont(fonts().strong);
  ImGui::TextUnformatted(text);
  ImGui::PopFont();
}

void muted(const char* fmt, ...) {
  va_list args;
  va_start(args, fmt);
  ImGui::PushStyleColor(ImGuiCol_Text, palette().muted);
  ImGui::TextV(fmt, args);
  ImGui::PopStyleColor();
  va_end(args);
}

void mutedWrapped(const std::string& text) {
  ImGui::PushStyleColor(ImGuiCol_Text, palette().muted);
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextUnformatted(text.c_str());
  ImGui::PopTextWrapPos();
  ImGui::PopStyleColor();
}

void errorText(const std::string& text, float width) {
  ImGui::PushStyleColor(ImGuiCol_Text, palette().danger);
  ImGui::PushTextWrapPos(width > 0.0f ? ImGui::GetCursorPosX() + width : 0.0f);
  ImGui::TextUnformatted(text.c_str());
  ImGui::PopTextWrapPos();
  ImGui::PopStyleColor();
}

void badge(const std::string& full, ImVec4 color) {
  const float padX = dp(7), padY = dp(2);
  // In a narrow column the label is cut with an ellipsis, whole on hover.
  const float room = ImGui::GetContentRegionAvail().x - padX * 2;
  const std::string text = room > 0 ? ellipsize(full, room) : full;
  ImVec2 ts = ImGui::CalcTextSize(text.c_str());
  ImVec2 pos = ImGui::GetCursorScreenPos();
  const float lineH = ImGui::GetTextLineHeight();
  ImVec2 size(ts.x + padX * 2, lineH + padY * 2);
  // Centered on where text on this line is drawn (frame-aligned lines have a baseline offset).
  pos.y += ImGui::GetCurrentWindow()->DC.CurrLineTextBaseOffset - padY;
  ImVec4 bg = color;
  bg.w = 0.14f;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(pos, ImVec2(pos.x + size.x, pos.y + size.y), ImGui::GetColorU32(bg),
                    size.y * 0.5f);
  dl->AddText(ImVec2(pos.x + padX, pos.y + (size.y - lineH) * 0.5f), ImGui::GetColorU32(color),
              text.c_str());
  ImGui::ItemSize(ImVec2(size.x, lineH), ImGui::GetCurrentWindow()->DC.CurrLineTextBaseOffset);
  if (text != full) {
    ImGui::ItemAdd(ImRect(pos, ImVec2(pos.x + size.x, pos.y + size.y)), 0);
    if (ImGui::IsItemHovered()) tooltip(full);
  }
}

void statusDot(ImVec4 color) {
  const float d = ImGui::GetTextLineHeight() * 0.5f;
  ImVec2 p = ImGui::GetCursorScreenPos();
  ImGui::GetWindowDrawList()->AddCircleFilled(
      ImVec2(p.x + d * 0.5f, p.y + ImGui::GetTextLineHeight() * 0.5f), d * 0.5f,
      ImGui::GetColorU32(color));
  ImGui::Dummy(ImVec2(d, ImGui::GetTextLineHeight()));
}

void keyValue(const char* key, const std::string& value, float keyWidth) {
  ImGui::PushStyleColor(ImGuiCol_Text, palette().muted);
  ImGui::TextUnformatted(key);
  ImGui::PopStyleColor();
  ImGui::SameLine(keyWidth);
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextUnformatted(value.c_str());
  ImGui::PopTextWrapPos();
}

bool banner(BannerKind kind, const std::string& text, const char* action,
            const std::string& actionTestId) {
  const Palette& p = palette();
  ImVec4 bg = kind == BannerKind::Info      ? p.bannerInfo
              : kind == BannerKind::Warning ? p.bannerWarning
                                            : p.bannerDanger;
  ImVec4 fg = kind == BannerKind::Info      ? p.accent
              : kind == BannerKind::Warning ? p.warning
                                            : p.danger;
  const ImGuiStyle& st = ImGui::GetStyle();
  const float actionW =
      action ? ImGui::CalcTextSize(action).x + st.FramePadding.x * 2 + st.ItemSpacing.x : 0.0f;
  const float w = ImGui::GetContentRegionAvail().x;
  const float textW = w - actionW - dp(24);
  const float textH = ImGui::CalcTextSize(text.c_str(), nullptr, false, textW).y;
  const float h = std::max(textH, ImGui::GetFrameHeight()) + dp(14);
  ImVec2 pos = ImGui::GetCursorScreenPos();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(pos, ImVec2(pos.x + w, pos.y + h), ImGui::GetColorU32(bg), dp(6));
  dl->AddRectFilled(pos, ImVec2(pos.x + dp(4), pos.y + h), ImGui::GetColorU32(fg), dp(6),
                    ImDrawFlags_RoundCornersLeft);
  ImGui::SetCursorScreenPos(ImVec2(pos.x + dp(14), pos.y + (h - textH) * 0.5f));
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + textW);
  ImGui::PushStyleColor(ImGuiCol_Text, p.text);
  ImGui::TextUnformatted(text.c_str());
  ImGui::PopStyleColor();
  ImGui::PopTextWrapPos();
  bool clicked = false;
  if (action) {
    ImGui::SetCursorScreenPos(ImVec2(pos.x + w - actionW + st.ItemSpacing.x - dp(8),
                                     pos.y + (h - ImGui::GetFrameHeight()) * 0.5f));
    clicked = button(action, actionTestId, ButtonKind::Secondary);
  }
  ImGui::SetCursorScreenPos(ImVec2(pos.x, pos.y + h));
  ImGui::Dummy(ImVec2(w, dp(4)));
  return clicked;
}

bool beginCard(const char* id, ImVec2 size) {
  ImGui::PushStyleColor(ImGuiCol_ChildBg, palette().surface);
  ImGui::PushStyleColor(ImGuiCol_Border, palette().border);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(dp(16), dp(14)));
  ImGuiChildFlags flags = ImGuiChildFlags_Border | ImGuiChildFlags_AlwaysUseWindowPadding;
  if (size.y == 0) flags |= ImGuiChildFlags_AutoResizeY;
  bool open = ImGui::BeginChild(id, size, flags);
  return open;
}

void endCard() {
  ImGui::EndChild();
  ImGui::PopStyleVar();
  ImGui::PopStyleColor(2);
}

bool statCard(const char* id, const std::string& figure, const char* caption, ImVec4 color,
              float width) {
  beginCard(id, ImVec2(width, 0));
  ImGui::PushFont(fonts().title);
  ImGui::PushStyleColor(ImGuiCol_Text, color);
  ImGui::TextUnformatted(figure.c_str());
  ImGui::PopStyleColor();
  ImGui::PopFont();
  ImGui::PushStyleColor(ImGuiCol_Text, palette().muted);
  fitText(caption);
  ImGui::PopStyleColor();
  endCard();
  testHook().item(id);
  testHook().state(std::string("figure.") + id, figure);
  bool clicked = ImGui::IsItemClicked();
  if (ImGui::IsItemHovered()) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
  return clicked;
}

std::string ellipsize(const std::string& text, float width) {
  if (ImGui::CalcTextSize(text.c_str()).x <= width) return text;
  const char* dots = "...";
  const float dotsW = ImGui::CalcTextSize(dots).x;
  // Longest prefix (cut on a UTF-8 character boundary) that fits with the dots.
  size_t lo = 0, hi = text.size();
  while (lo < hi) {
    size_t mid = (lo + hi + 1) / 2;
    while (mid > 0 && mid < text.size() && (static_cast<unsigned char>(text[mid]) & 0xC0) == 0x80)
      --mid;
    if (mid <= lo) {
      hi = lo;
      break;
    }
    if (ImGui::CalcTextSize(text.c_str(), text.c_str() + mid).x + dotsW <= width)
      lo = mid;
    else
      hi = mid - 1;
  }
  std::string out = text.substr(0, lo);
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out + dots;
}

void fitText(const std::string& text, const std::string& hover, float width) {
  const float w = width > 0 ? width : ImGui::GetContentRegionAvail().x;
  const std::string shown = ellipsize(text, w);
  ImGui::TextUnformatted(shown.c_str());
  const bool cut = shown.size() != text.size() || shown != text;
  if (ImGui::IsItemHovered() && (cut || !hover.empty()))
    tooltip(hover.empty() ? text : (cut && hover != text ? text + "\n" + hover : hover));
}

}  // namespace delegate::web::ui

#pragma once
#include <imgui.h>

#include <string>
#include <vector>

namespace delegate::web::ui {

// Whether an action may be taken now, and if not, why (shown on hover over the disabled control).
struct Gate {
  bool allowed = true;
  std::string reason;
  static Gate yes() { return {}; }
  static Gate no(std::string why) { return {false, std::move(why)}; }
};

enum class ButtonKind { Primary, Secondary, Danger, Link };

// A button registered with the test hook under `testId`. Disabled buttons show the gate's reason
// on hover and publish it as state "reason.<testId>".
bool button(const char* label, const std::string& testId, ButtonKind kind = ButtonKind::Primary,
            const Gate& gate = {}, ImVec2 size = ImVec2(0, 0));

// A labelled text field with its error shown right under it (in red, published as
// state "error.<testId>"). Returns true when the text changed. Enter in the field sets *submitted.
bool textField(const char* label, const std::string& testId, std::string& value,
               const std::string& error, const char* hint = "", float width = 0.0f,
               bool* submitted = nullptr, ImGuiInputTextFlags flags = 0);
bool checkbox(const char* label, const std::string& testId, bool& value);
// A labelled combo box; returns true when the selection changed.
bool combo(const char* label, const std::string& testId, int& current,
           const std::vector<std::string>& items, float width = 0.0f);
// A search box with a magnifier hint; returns true when the text changed.
bool searchBox(const std::string& testId, std::string& value, const char* hint, float width);

// Read-only text with a Copy button next to it; returns true when Copy was clicked.
bool copyField(const std::string& testId, const std::string& value, float width = 0.0f);

void title(const char* text);
void heading(const char* text);
void muted(const char* fmt, ...) IM_FMTARGS(1);
void mutedWrapped(const std::string& text);
// Wrapped at `width` (CSS px already scaled) from here, or at the window's edge when 0.
void errorText(const std::string& text, float width = 0.0f);
// A small rounded label, e.g. a status.
void badge(const std::string& text, ImVec4 color);
void statusDot(ImVec4 color);
// A label: value row used on detail pages.
void keyValue(const char* key, const std::string& value, float keyWidth);

// A full-width colored band with text and an optional action button (returns true when clicked).
enum class BannerKind { Info, Warning, Danger };
bool banner(BannerKind kind, const std::string& text, const char* action = nullptr,
            const std::string& actionTestId = "");

// A bordered card. endCard() must be called whatever beginCard returned.
bool beginCard(const char* id, ImVec2 size);
void endCard();
// A card showing one figure with a caption; returns true when clicked.
bool statCard(const char* id, const std::string& figure, const char* caption, ImVec4 color,
              float width);

// One line of text cut to `width` (the space left on the line when 0) with an ellipsis when it
// does not fit; hovering a cut text shows `hover`, or the whole text. Every narrow column uses it,
// so nothing is cut mid-word without a sign (1024 px windows).
void fitText(const std::string& text, const std::string& hover = "", float width = 0.0f);
// The longest start of `text` that fits `width` with "..." after it (the whole text if it fits).
std::string ellipsize(const std::string& text, float width);

// Tooltip text wrapped to a readable width.
void tooltip(const std::string& text);

}  // namespace delegate::web::ui

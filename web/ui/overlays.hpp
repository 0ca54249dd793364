#pragma once
#include <imgui.h>

#include <string>
#include <vector>

#include "web/ui/widgets.hpp"

namespace delegate::web::ui {

// ---- toasts: short results in the bottom-right corner ----------------------------------------
enum class ToastKind { Success, Info, Error };
struct Toast {
  int id = 0;
  ToastKind kind = ToastKind::Info;
  std::string text;
  double shownAtMs = 0;
};
struct Toasts {
  std::vector<Toast> items;
  int nextId = 1;
  void push(ToastKind kind, std::string text, double nowMs);
  // Drops toasts older than their lifetime (errors stay longer).
  void expire(double nowMs);
};
// Draws the toasts; returns the id of a toast the person closed, or 0.
int drawToasts(const Toasts& toasts, ImVec2 display);

// ---- modal dialogs ----------------------------------------------------------------------------
// Opens (if needed) and begins a centered modal `width` CSS px wide (height 0 = fit); `yFraction`
// places its center down the window. When it returns true, draw the content, then EndPopup().
bool beginDialog(const char* id, float width, float height = 0.0f, float yFraction = 0.38f);
enum class DialogChoice { None, Cancel, Ok };
// Cancel and the main button, at the dialog's right edge.
DialogChoice dialogButtons(const std::string& okLabel, const std::string& cancelId,
                           const std::string& okId, ButtonKind okKind, const Gate& okGate = {});

// ---- confirmation for destructive actions ----------------------------------------------------
struct ConfirmSpec {
  std::string title;
  std::string body;  // what will happen, in plain words
  std::string confirmLabel = "Confirm";
  bool danger = true;
};
enum class ModalResult { None, Confirmed, Cancelled };
// Draws the modal while `spec` is pending. Escape cancels, Enter confirms.
ModalResult drawConfirm(const ConfirmSpec& spec);

// ---- Ctrl+K quick search --------------------------------------------------------------------
struct QuickItem {
  std::string key;     // what choosing it opens
  std::string label;   // main text
  std::string detail;  // muted second text
  std::string kind;    // "Client", "User", ...
};
struct QuickSearchState {
  bool open = false;
  bool focusInput = false;
  std::string query;
  int cursor = 0;
};
// Draws the palette while open; returns the chosen key (empty if none this frame). Sets
// state.open = false on Escape or a choice.
std::string drawQuickSearch(QuickSearchState& state, const std::vector<QuickItem>& results,
                            ImVec2 display);

}  // namespace delegate::web::ui

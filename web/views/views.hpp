#pragma once
#include "web/app/app_state.hpp"
#include "web/app/intents.hpp"
#include "web/views/layout.hpp"

namespace delegate::web {

// Each view is a function of (state, ui-state) that draws and emits intents.
void drawTopBar(const Layout& layout, const AppState& state, Intents& out);
void drawNavigation(const Layout& layout, const UiState& ui, Intents& out);
void drawMainArea(const Layout& layout, const AppState& state, const UiState& ui, Intents& out);

}  // namespace delegate::web

#pragma once
// The display-name dialog shared by every users table (a client's users in the workspace, a
// customer's own users, the partner's own users).
#include <string>

#include "web/views/views.hpp"

namespace delegate::web {

// Opens the dialog for `u`; `tenantId` is where the user lives ("" = the viewer's own tenant) and
// `form` names the form its errors go to.
void openUserEdit(UiState& ui, const MUser& u, const std::string& tenantId,
                  const std::string& form);
// Draws the dialog while it is open for `form`; Save sends the core's updateUser.
void drawUserEdit(UiState& ui, Intents& out, const std::string& form);

}  // namespace delegate::web

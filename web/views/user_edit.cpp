#include "web/views/user_edit.hpp"

#include <imgui.h>

#include <algorithm>

#include "web/app/commands.hpp"
#include "web/platform/test_hook.hpp"
#include "web/views/common.hpp"

namespace delegate::web {

namespace {

void close(Forms& fm) {
  fm.editUserId.clear();
  fm.editUserForm.clear();
  fm.editUserUpn.clear();
}

}  // namespace

void openUserEdit(UiState& ui, const MUser& u, const std::string& tenantId,
                  const std::string& form) {
  Forms& fm = ui.f;
  fm.editUserId = u.id;
  fm.editUserTenant = tenantId;
  fm.editUserForm = form;
  fm.editUserUpn = u.upn;
  fm.editUserName = u.displayName;
  fm.editUserFocus = true;
  // Errors of an earlier edit belong to that user, not to this one.
  FormState& f = ui.forms[form];
  f.fieldErrors.clear();
  f.error.clear();
  fm.editUserSeen = f.succeeded;
}

void drawUserEdit(UiState& ui, Intents& out, const std::string& form) {
  Forms& fm = ui.f;
  const bool open = !fm.editUserId.empty() && fm.editUserForm == form;
  if (!open) return;
  const FormState& f = ui.form(form);
  if (ui::beginDialog("##useredit", 440)) {
    ui::heading("Edit user");
    ui::muted("%s", fm.editUserUpn.c_str());
    testHook().item(form + ".dialog");
    ImGui::Spacing();
    if (fm.editUserFocus) {
      ImGui::SetKeyboardFocusHere(0);
      fm.editUserFocus = false;
    }
    bool submit = false;
    const float fieldW = ImGui::GetContentRegionAvail().x;
    // A refusal is about the text that was sent; once it changes, the error no longer applies.
    if (ui::textField("Display name", form + ".displayName", fm.editUserName,
                      f.fieldError("displayName"), "Jane Doe", fieldW, &submit))
      ui.forms[form].fieldErrors.erase("displayName");
    if (!f.error.empty()) {
      ImGui::PushTextWrapPos(0.0f);
      ui::errorText(f.error);
      ImGui::PopTextWrapPos();
    }
    testHook().state("error." + form, f.error);
    ImGui::Spacing();
    ImGui::Spacing();
    const ui::DialogChoice choice =
        ui::dialogButtons("Save", form + ".cancel", form + ".submit", ui::ButtonKind::Primary,
                          f.busy ? ui::Gate::no("Saving...") : ui::Gate{});
    bool cancel = choice == ui::DialogChoice::Cancel;
    const bool save = choice == ui::DialogChoice::Ok;
    // Saved: the new name shows in the table; an error keeps the dialog open next to the field.
    const bool saved = f.succeeded != fm.editUserSeen;
    cancel = cancel || saved || ImGui::IsKeyPressed(ImGuiKey_Escape);
    if ((save || submit) && !f.busy && !saved)
      out.push_back(SendCommand{cmd::updateUser(fm.editUserTenant, fm.editUserId, fm.editUserName),
                                form, fm.editUserUpn + " is now called " + fm.editUserName + "."});
    if (cancel) {
      close(fm);
      ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
  }
  testHook().state("useredit", fm.editUserUpn);
}

}  // namespace delegate::web

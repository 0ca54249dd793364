// Choosing a new password: forced after signing in with a temporary one, or from Settings. The
// server checks the current password and the core checks the new one; the only check here is that
// both typings of the new password agree, which only this form can know.
#include <imgui.h>

#include "web/platform/test_hook.hpp"
#include "web/views/common.hpp"
#include "web/views/views.hpp"

namespace delegate::web {

void drawPasswordForm(const ViewCtx&, UiState& ui, Intents& out, float width, bool askCurrent) {
  Forms& fm = ui.f;
  FormState& f = ui.forms["password"];
  bool submit = false;
  if (askCurrent)
    ui::textField("Current password", "password.current", fm.passwordCurrent,
                  f.fieldError("currentPassword"), "", width, &submit,
                  ImGuiInputTextFlags_Password);
  ui::textField("New password (at least 8 characters)", "password.new", fm.passwordNew,
                f.fieldError("newPassword", "password"), "", width, &submit,
                ImGuiInputTextFlags_Password);
  ui::textField("Type the new password again", "password.confirm", fm.passwordConfirm,
                f.fieldError("confirmPassword"), "", width, &submit, ImGuiInputTextFlags_Password);
  if (!f.error.empty()) ui::errorText(f.error, width);
  testHook().state("password.error", f.error);
  ImGui::Spacing();
  const bool clicked =
      ui::button("Change password", "password.submit", ui::ButtonKind::Primary,
                 f.busy ? ui::Gate::no("Changing the password...") : ui::Gate{}, ImVec2(width, 0));
  if (!(clicked || submit) || f.busy) return;
  f.fieldErrors.clear();
  f.error.clear();
  if (fm.passwordConfirm != fm.passwordNew) {
    f.fieldErrors["confirmPassword"] = "The two new passwords differ; type the same one twice.";
    return;
  }
  out.push_back(
      ChangePassword{askCurrent ? fm.passwordCurrent : fm.temporaryPassword, fm.passwordNew});
}

void drawChooseNewPassword(const ViewCtx& ctx, UiState& ui, Intents& out) {
  const float w =
      beginCardPage("##choosepassword", "card.choosepassword", "Choose your password", 0.15f);
  testHook().state("section", "choose-password");
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + w);
  ui::mutedWrapped("You signed in as " + ctx.m.meUpn +
                   " with a temporary password. Choose your own before you go on; nobody else "
                   "will know it.");
  ImGui::PopTextWrapPos();
  ImGui::Spacing();
  drawPasswordForm(ctx, ui, out, w, ui.f.temporaryPassword.empty());
  ImGui::Spacing();
  if (ui::button("Sign out", "password.signout", ui::ButtonKind::Link)) out.push_back(SignOut{});
  endCardPage();
}

}  // namespace delegate::web

// Multi-factor sign-in in the app: the code after the password, and setting up an authenticator
// app from Settings. The server checks every code; the app only carries them.
#include "web/app/app.hpp"
#include "web/app/session_api.hpp"

namespace delegate::web {

bool App::secondFactorDue(const CommandResult& r) {
  if (r.code != "multiFactorCodeRequired") return false;
  const nlohmann::json* challenge = nullptr;
  if (r.body.is_object() && r.body.contains("error") && r.body["error"].is_object() &&
      r.body["error"].contains("details") && r.body["error"]["details"].is_object() &&
      r.body["error"]["details"].contains("challenge"))
    challenge = &r.body["error"]["details"]["challenge"];
  if (!challenge || !challenge->is_string()) return false;
  ui_.f.signInChallenge = challenge->get<std::string>();
  ui_.f.signInCode.clear();
  ui_.f.signInWithRecoveryCode = false;
  return true;
}

void App::on(const SubmitSecondFactor& i) {
  if (!startSessionForm("signin")) return;
  session_->secondFactor(ui_.f.signInChallenge, i.code, i.recoveryCode,
                         [this](const CommandResult& r) {
                           FormState& f = ui_.forms["signin"];
                           f.busy = false;
                           if (!r.ok) {
                             // An expired or spent challenge: the password is asked again.
                             if (r.status == 401) {
                               ui_.f.signInChallenge.clear();
                               f.error = r.message;
                               return;
                             }
                             showFormError(f, r, "");
                             return;
                           }
                           ui_.f.signInChallenge.clear();
                           ui_.f.signInCode.clear();
                           checkSession();
                         });
}

void App::on(const CancelSecondFactor&) {
  ui_.f.signInChallenge.clear();
  ui_.f.signInCode.clear();
  ui_.f.temporaryPassword.clear();
  ui_.forms["signin"] = FormState{};
}

void App::on(const MultiFactorSetup& i) {
  Forms& fm = ui_.f;
  switch (i.kind) {
    case MultiFactorSetup::Kind::begin:
      if (!startSessionForm("mfa")) return;
      session_->beginMultiFactorSetup([this](const CommandResult& r) {
        FormState& f = ui_.forms["mfa"];
        f.busy = false;
        if (!r.ok) {
          showFormError(f, r, "");
          return;
        }
        const nlohmann::json& b = r.body;
        if (!b.is_object() || !b.contains("secret") || !b["secret"].is_string() ||
            !b.contains("qrModules") || !b["qrModules"].is_array()) {
          f.error = "The server's answer to the setup could not be read; try again.";
          return;
        }
        ui_.f.mfaSecret = b["secret"].get<std::string>();
        ui_.f.mfaQrRows.clear();
        for (const auto& row : b["qrModules"])
          if (row.is_string()) ui_.f.mfaQrRows.push_back(row.get<std::string>());
        ui_.f.mfaCode.clear();
      });
      return;
    case MultiFactorSetup::Kind::confirm:
      if (!startSessionForm("mfa")) return;
      session_->confirmMultiFactorSetup(i.code, [this](const CommandResult& r) {
        FormState& f = ui_.forms["mfa"];
        f.busy = false;
        if (!r.ok) {
          showFormError(f, r, "");
          return;
        }
        ui_.f.mfaRecoveryCodes.clear();
        if (r.body.is_object() && r.body.contains("recoveryCodes") &&
            r.body["recoveryCodes"].is_array())
          for (const auto& c : r.body["recoveryCodes"])
            if (c.is_string()) ui_.f.mfaRecoveryCodes.push_back(c.get<std::string>());
        ui_.f.mfaSecret.clear();
        ui_.f.mfaQrRows.clear();
        ui_.f.mfaCode.clear();
        toast(ui::ToastKind::Success, "Multi-factor sign-in is on.");
      });
      return;
    case MultiFactorSetup::Kind::done:
      fm.mfaRecoveryCodes.clear();
      return;
  }
}

}  // namespace delegate::web

// Settings → Multi-factor sign-in: set up an authenticator app from a QR code (or its key typed
// by hand), confirm it with a code, and save the recovery codes shown once. The server keeps the
// secret; the core only learns that a code was proven.
#include <imgui.h>

#include <algorithm>

#include "web/platform/test_hook.hpp"
#include "web/ui/theme.hpp"
#include "web/views/common.hpp"
#include "web/views/views.hpp"

namespace delegate::web {

namespace {

// The modules the server sent, drawn as squares with the quiet zone scanners need, dark on white
// in either theme (phone cameras read dark modules on a light ground).
void drawQrCode(const std::vector<std::string>& rows, float size) {
  const std::size_t n = rows.size();
  if (n == 0) return;
  const float quiet = 4.0f;  // modules of margin, as the QR specification asks
  const float module = std::floor(size / (static_cast<float>(n) + 2 * quiet));
  const float side = module * (static_cast<float>(n) + 2 * quiet);
  const ImVec2 p = ImGui::GetCursorScreenPos();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(p, ImVec2(p.x + side, p.y + side), IM_COL32(255, 255, 255, 255));
  for (std::size_t y = 0; y < n; ++y)
    for (std::size_t x = 0; x < rows[y].size(); ++x)
      if (rows[y][x] == '1') {
        const float x0 = p.x + (quiet + static_cast<float>(x)) * module;
        const float y0 = p.y + (quiet + static_cast<float>(y)) * module;
        dl->AddRectFilled(ImVec2(x0, y0), ImVec2(x0 + module, y0 + module), IM_COL32(0, 0, 0, 255));
      }
  ImGui::Dummy(ImVec2(side, side));
  testHook().item("mfa.qr");
}

// The key in groups of four, as apps that take it by hand show it.
std::string grouped(const std::string& key) {
  std::string out;
  for (std::size_t i = 0; i < key.size(); ++i) {
    if (i > 0 && i % 4 == 0) out += ' ';
    out += key[i];
  }
  return out;
}

void drawRecoveryCodes(UiState& ui, Intents& out) {
  Forms& fm = ui.f;
  ui::heading("Save your recovery codes");
  ui::mutedWrapped(
      "Each code signs you in once if you lose your phone. Keep them somewhere safe, away from "
      "the phone; they are not shown again.");
  ImGui::Spacing();
  std::string all;
  ImGui::PushFont(fonts().mono);
  for (std::size_t i = 0; i < fm.mfaRecoveryCodes.size(); ++i) {
    const std::string& c = fm.mfaRecoveryCodes[i];
    all += c + "\n";
    if (i % 2 == 1) ImGui::SameLine(dp(140));
    ImGui::TextUnformatted(c.c_str());
  }
  ImGui::PopFont();
  testHook().state("mfa.recoveryCodes", all);
  ImGui::Spacing();
  if (ui::button("Copy all", "mfa.copy", ui::ButtonKind::Secondary))
    out.push_back(Copy{all, "Recovery codes"});
  ImGui::SameLine();
  if (ui::button("Download", "mfa.download", ui::ButtonKind::Secondary))
    out.push_back(Download{"delegate-recovery-codes.txt", "text/plain", all});
  ImGui::SameLine();
  if (ui::button("I have saved them", "mfa.done", ui::ButtonKind::Primary))
    out.push_back(MultiFactorSetup{MultiFactorSetup::Kind::done, ""});
}

void drawSetup(UiState& ui, Intents& out) {
  Forms& fm = ui.f;
  const FormState& f = ui.form("mfa");
  ui::heading("Set up your authenticator app");
  ImGui::BeginGroup();
  drawQrCode(fm.mfaQrRows, dp(220));
  ImGui::EndGroup();
  ImGui::SameLine(0, dp(24));
  ImGui::BeginGroup();
  const float w = std::min(dp(360), ImGui::GetContentRegionAvail().x);
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + w);
  ui::mutedWrapped(
      "1. Scan the code with an authenticator app (Microsoft Authenticator, Google "
      "Authenticator, 1Password, ...), or type this key into it:");
  ImGui::PopTextWrapPos();
  ImGui::PushFont(fonts().mono);
  ImGui::TextUnformatted(grouped(fm.mfaSecret).c_str());
  ImGui::PopFont();
  testHook().state("mfa.secret", fm.mfaSecret);
  if (ui::button("Copy key", "mfa.copykey", ui::ButtonKind::Link))
    out.push_back(Copy{fm.mfaSecret, "Key"});
  ImGui::Spacing();
  ui::mutedWrapped("2. Enter the 6-digit code the app shows.");
  bool submit = false;
  ui::textField("Code", "mfa.code", fm.mfaCode, f.fieldError("code"), "123456", dp(160), &submit);
  if (!f.error.empty()) ui::errorText(f.error, w);
  testHook().state("mfa.error", f.error);
  if ((ui::button("Turn on", "mfa.confirm", ui::ButtonKind::Primary,
                  f.busy ? ui::Gate::no("Checking the code...") : ui::Gate{}) ||
       submit) &&
      !f.busy)
    out.push_back(MultiFactorSetup{MultiFactorSetup::Kind::confirm, fm.mfaCode});
  ImGui::EndGroup();
}

}  // namespace

void drawMultiFactorCard(const ViewCtx& ctx, UiState& ui, Intents& out) {
  const Model& m = ctx.m;
  Forms& fm = ui.f;
  ui::beginCard("card.mfa", ImVec2(0, 0));
  testHook().state("mfa.me", m.meMultiFactor ? "on" : "off");
  if (!fm.mfaRecoveryCodes.empty()) {
    drawRecoveryCodes(ui, out);
  } else if (!fm.mfaSecret.empty() && !m.meMultiFactor) {
    drawSetup(ui, out);
  } else {
    ui::heading("Multi-factor sign-in");
    if (m.meMultiFactor) {
      ui::badge("On", palette().ok);
      ImGui::SameLine();
      ui::mutedWrapped(
          "Signing in asks for a code from your authenticator app after the password. Lost "
          "your phone? Use a recovery code, or ask an administrator to reset it.");
    } else {
      ui::mutedWrapped(
          m.requireMultiFactor
              ? m.tenantName +
                    " requires it: until you set it up you cannot act in any client. It takes a "
                    "minute with an authenticator app on your phone."
              : "Protect your account with a code from an authenticator app on your phone, "
                "asked after your password.");
      ImGui::Spacing();
      const FormState& f = ui.form("mfa");
      if (!f.error.empty()) ui::errorText(f.error);
      if (ui::button("Set up an authenticator app", "mfa.begin", ui::ButtonKind::Primary,
                     f.busy ? ui::Gate::no("Preparing...") : ui::Gate{}))
        out.push_back(MultiFactorSetup{MultiFactorSetup::Kind::begin, ""});
    }
  }
  ui::endCard();
}

}  // namespace delegate::web

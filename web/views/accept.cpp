// Accepting a link: /offer/{token} (delegated admin offer, trial invitation, purchase offer) or
// /relationship/{id}/approve (granular relationship). Who asks, exactly what they will be able to
// do, then accept or decline, after signing in (or signing up, for a trial invitation).
#include <imgui.h>

#include "web/app/commands.hpp"
#include "web/platform/test_hook.hpp"
#include "web/views/common.hpp"
#include "web/views/views.hpp"

namespace delegate::web {

void drawSignInForm(const ViewCtx& ctx, UiState& ui, Intents& out, float width);

namespace {

// The preview's kind as the browser tests name it (tests/e2e: accept.kind).
std::string kindWord(const OfferPreview& p) {
  if (!p.offerKind) return p.found ? "relationship" : "";
  switch (*p.offerKind) {
    case OfferKind::trialInvitation:
      return "trial";
    case OfferKind::purchaseOffer:
      return "purchase";
    case OfferKind::delegatedAdmin:
      break;
  }
  return "delegatedAdmin";
}

}  // namespace

void drawAccept(const ViewCtx& ctx, UiState& ui, Intents& out) {
  const Model& m = ctx.m;
  const OfferPreview& p = ui.preview;
  const bool isRelationship = !ui.f.acceptRelationshipId.empty() && ui.f.acceptToken.empty();
  const float w = std::min(dp(720), ImGui::GetContentRegionAvail().x);
  ImGui::SetCursorPosX(std::max(ImGui::GetCursorPosX(), (ImGui::GetWindowWidth() - w) * 0.5f));
  ImGui::BeginGroup();
  screenHeader(isRelationship ? "Approve an admin relationship" : "Review a partner's request", "");
  testHook().state("accept.kind", kindWord(p));
  const bool trial = p.offerKind == OfferKind::trialInvitation;
  if (ui.previewLoading) {
    ui::muted("Loading the request...");
    ImGui::EndGroup();
    return;
  }
  if (!p.found) {
    ui::banner(
        ui::BannerKind::Danger,
        p.error.empty() ? "This link is not valid. Ask the partner to send it again." : p.error);
    testHook().state("accept.error", p.error);
    ImGui::EndGroup();
    return;
  }
  ui::beginCard("card.request", ImVec2(w, 0));
  ImGui::PushFont(fonts().title);
  ImGui::TextUnformatted(p.partnerName.c_str());
  ImGui::PopFont();
  testHook().state("accept.partner", p.partnerName);
  if (!p.partnerDomain.empty()) ui::muted("%s", p.partnerDomain.c_str());
  ImGui::Spacing();
  std::string ask;
  if (trial)
    ask = "invites you to try " + p.product + " (" + p.terms + ")";
  else if (p.offerKind == OfferKind::purchaseOffer)
    ask = "offers you " + p.product + " (" + p.terms + ")";
  else if (!p.offerKind)
    ask = "asks for an admin relationship with your organization for " + p.duration + ".";
  else
    ask = "asks to become a delegated administrator of your organization.";
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextUnformatted(ask.c_str());
  ImGui::PopTextWrapPos();
  if (!p.offerKind || p.includesDelegatedAdmin) {
    ImGui::Spacing();
    ui::heading("If you accept, its people will be able to:");
    for (const std::string& line : p.roleLines) {
      ImGui::Bullet();
      ImGui::PushTextWrapPos(0.0f);
      ImGui::TextUnformatted(line.c_str());
      ImGui::PopTextWrapPos();
    }
    ui::mutedWrapped(
        "Mobile device management is never available to partners. You can see every "
        "partner with rights under Partners, and remove one at any time; removal "
        "takes effect at once.");
  }
  std::string grants;
  for (auto& l : p.roleLines) grants += l + "\n";
  testHook().state("accept.grants", grants);
  ui::endCard();
  ImGui::Spacing();

  if (!ui.acceptOutcome.empty()) {
    const bool accepted = ui.acceptOutcome == "accepted";
    ui::banner(accepted ? ui::BannerKind::Info : ui::BannerKind::Warning,
               accepted ? p.partnerName + " was told that you accepted."
                        : p.partnerName + " was told that you declined.");
    testHook().state("accept.outcome", ui.acceptOutcome);
    if (ctx.signedIn && m.tenantKind == TenantKind::Customer &&
        ui::button("See your partners", "accept.partners"))
      out.push_back(Navigate{Section::Partners, ""});
    ImGui::EndGroup();
    return;
  }

  // A trial invitation can also be accepted by an organization that has no account yet.
  if (trial && (!ctx.signedIn || ctx.sandbox)) {
    Forms& fm = ui.f;
    const FormState& f = ui.form("signup");
    ui::beginCard("card.signup", ImVec2(w, 0));
    ui::heading("New to Delegate? Create your organization and start the trial");
    const float fw = std::min(w - dp(40), dp(420));
    ui::textField("Organization name", "signup.organizationName", fm.signUpOrg,
                  f.fieldError("organizationName"), "Contoso Ltd", fw);
    ui::textField("Domain prefix (becomes <prefix>.onmicrosoft.com)", "signup.domainPrefix",
                  fm.signUpPrefix, f.fieldError("domainPrefix"), "contoso", fw);
    ui::textField("Your user name (before the @)", "signup.userName", fm.signUpUserName,
                  f.fieldError("userName"), "megan", fw);
    ui::textField("Your name", "signup.displayName", fm.signUpName, f.fieldError("displayName"),
                  "Megan Bowen", fw);
    ui::textField("Choose a password (at least 8 characters)", "signup.password", fm.signUpPassword,
                  f.fieldError("password"), "", fw, nullptr, ImGuiInputTextFlags_Password);
    if (!f.error.empty()) ui::errorText(f.error);
    testHook().state("signup.error", f.error);
    if (ui::button("Create organization and accept", "signup.submit", ui::ButtonKind::Primary,
                   f.busy ? ui::Gate::no("Working...") : ui::Gate{}))
      out.push_back(SignUpAndAccept{ui.f.acceptToken, fm.signUpOrg, fm.signUpPrefix,
                                    fm.signUpUserName, fm.signUpName, fm.signUpPassword});
    ui::endCard();
    ImGui::Spacing();
  }
  if (!ctx.signedIn) {
    ui::heading(trial ? "Already have an organization? Sign in to respond"
                      : "Sign in to your organization to respond");
    ui::mutedWrapped("Use the account of a global administrator of your organization.");
    drawSignInForm(ctx, ui, out, std::min(w, dp(420)));
    ImGui::EndGroup();
    return;
  }
  // Whose organization this is arrives with the first view: until then say nothing about it
  // (a warning built from a blank name would be wrong half the time).
  if (!tenantKnown(ctx)) {
    ui::muted("Checking your organization...");
    testHook().state("accept.waiting", "organization");
    ImGui::EndGroup();
    return;
  }
  if (m.tenantKind != TenantKind::Customer) {
    const std::string warning = "You are signed in to " + m.tenantName +
                                ", a partner organization. Sign in with an administrator of the "
                                "customer organization to respond.";
    ui::banner(ui::BannerKind::Warning, warning);
    testHook().state("accept.warning", warning);
    ImGui::EndGroup();
    return;
  }
  ui::muted("Signed in as %s, %s", m.meUpn.c_str(), m.tenantName.c_str());
  // Opening a delegated-admin offer again after accepting it: say so, rather than offering a
  // second acceptance that would change nothing.
  if (p.offerKind == OfferKind::delegatedAdmin) {
    const MRelationship* standing = nullptr;
    for (const MRelationship& r : m.relationships)
      if (!r.granular && grantsAccess(r.status) &&
          (p.partnerId.empty() ? r.partnerName == p.partnerName : r.partnerId == p.partnerId))
        standing = &r;
    if (standing) {
      ui::banner(ui::BannerKind::Info,
                 m.tenantName + " already accepted this offer: " + p.partnerName +
                     " has been a delegated administrator since " + standing->activated +
                     ". There is nothing more to accept; you can remove the partner under "
                     "Partners.");
      testHook().state("accept.already", "accepted");
      if (ui::button("See your partners", "accept.partners"))
        out.push_back(Navigate{Section::Partners, ""});
      ImGui::EndGroup();
      return;
    }
  }
  const FormState& f = ui.form("accept");
  const FormState& fd = ui.form("accept.decline");
  const std::string error = !fd.error.empty() ? fd.error : f.error;
  // A request can be declined with a reason the partner reads (the core bounds it).
  if (isRelationship)
    ui::textField("Reason, if you decline (optional; the partner sees it)", "accept.reason",
                  ui.f.declineReason, fd.fieldError("reason"),
                  "e.g. We only grant Global Reader to partners.", std::min(w, dp(520)));
  if (!error.empty()) ui::errorText(error);
  testHook().state("accept.formError", error);
  const ui::Gate g = gateOf(ctx.can("respondToOffers", ""));
  if (ui::button("Accept", "accept.accept", ui::ButtonKind::Primary, g))
    out.push_back(SendCommand{
        isRelationship
            ? cmd::approveRelationship(ui.f.acceptRelationshipId, ui.f.acceptApprovalToken)
            : cmd::acceptOffer(p.offerKind.value_or(OfferKind::delegatedAdmin), ui.f.acceptToken),
        "accept", "You accepted the request of " + p.partnerName + "."});
  ImGui::SameLine();
  if (ui::button("Decline", "accept.decline", ui::ButtonKind::Secondary, g))
    out.push_back(SendCommand{
        isRelationship ? cmd::declineRelationship(ui.f.acceptRelationshipId,
                                                  ui.f.acceptApprovalToken, ui.f.declineReason)
                       : cmd::declineOffer(ui.f.acceptToken),
        "accept.decline", "You declined the request of " + p.partnerName + "."});
  ImGui::EndGroup();
}

// After a right password, for someone with an authenticator app: the code it shows, or one of
// the recovery codes.
void drawSecondFactorForm(UiState& ui, Intents& out, float width) {
  Forms& fm = ui.f;
  const FormState& f = ui.form("signin");
  testHook().state("signin.step", "code");
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width);
  ui::mutedWrapped(fm.signInWithRecoveryCode
                       ? "Enter one of the recovery codes you saved when you set up your "
                         "authenticator app. Each works once."
                       : "Enter the 6-digit code your authenticator app shows for Delegate "
                         "(" +
                             fm.signInUpn + ").");
  ImGui::PopTextWrapPos();
  ImGui::Spacing();
  bool submit = false;
  ui::textField(fm.signInWithRecoveryCode ? "Recovery code" : "Code", "signin.code", fm.signInCode,
                f.fieldError("code"), fm.signInWithRecoveryCode ? "xxxxx-xxxxx" : "123456", width,
                &submit);
  if (!f.error.empty()) ui::errorText(f.error, width);
  testHook().state("signin.error", f.error);
  ImGui::Spacing();
  if ((ui::button("Verify", "signin.verify", ui::ButtonKind::Primary,
                  f.busy ? ui::Gate::no("Checking the code...") : ui::Gate{}, ImVec2(width, 0)) ||
       submit) &&
      !f.busy)
    out.push_back(SubmitSecondFactor{fm.signInCode, fm.signInWithRecoveryCode});
  if (ui::button(fm.signInWithRecoveryCode ? "Use the code from my app instead"
                                           : "Use a recovery code instead",
                 "signin.recovery", ui::ButtonKind::Link)) {
    fm.signInWithRecoveryCode = !fm.signInWithRecoveryCode;
    fm.signInCode.clear();
  }
  if (ui::button("Start over", "signin.cancel", ui::ButtonKind::Link))
    out.push_back(CancelSecondFactor{});
}

void drawSignInForm(const ViewCtx&, UiState& ui, Intents& out, float width) {
  Forms& fm = ui.f;
  if (!fm.signInChallenge.empty()) {
    drawSecondFactorForm(ui, out, width);
    return;
  }
  testHook().state("signin.step", "password");
  const FormState& f = ui.form("signin");
  bool submit = false;
  ui::textField("User name", "signin.userPrincipalName", fm.signInUpn,
                f.fieldError("userPrincipalName"), "you@yourcompany.com", width, &submit);
  ui::textField("Password", "signin.password", fm.signInPassword, f.fieldError("password"), "",
                width, &submit, ImGuiInputTextFlags_Password);
  if (!f.error.empty()) ui::errorText(f.error, width);
  testHook().state("signin.error", f.error);
  ImGui::Spacing();
  if ((ui::button("Sign in", "signin.submit", ui::ButtonKind::Primary,
                  f.busy ? ui::Gate::no("Signing in...") : ui::Gate{}, ImVec2(width, 0)) ||
       submit) &&
      !f.busy)
    out.push_back(SignIn{fm.signInUpn, fm.signInPassword});
}

void drawSignIn(const ViewCtx& ctx, UiState& ui, Intents& out) {
  const float w = beginCardPage("##signin", "card.signin", "Delegate", 0.18f);
  testHook().state("section", "sign-in");
  ui::mutedWrapped("Delegated administration for cloud partners. Sign in with your work account.");
  ImGui::Spacing();
  drawSignInForm(ctx, ui, out, w);
  testHook().state("connection",
                   ctx.connection == Connection::Connected ? "connected" : "connecting");
  testHook().state("connectionText", "Connected to " + ctx.serverName + " " + ctx.serverVersion);
  endCardPage(ctx.connection == Connection::Connected
                  ? "Connected to " + ctx.serverName + " " + ctx.serverVersion
                  : "Connecting...");
}

}  // namespace delegate::web

#include <imgui.h>

#include "web/platform/test_hook.hpp"
#include "web/ui/theme.hpp"
#include "web/ui/widgets.hpp"
#include "web/views/fixed_window.hpp"
#include "web/views/views.hpp"

namespace delegate::web {

Layout screenLayout(const ViewCtx& ctx) {
  Layout l = ctx.layout;
  if (!showsNavigation(ctx)) {
    l.mainSize.x += l.mainPos.x - l.navPos.x;
    l.mainPos.x = l.navPos.x;
  }
  return l;
}

namespace {

bool partnerScreen(Section s) {
  switch (s) {
    case Section::Overview:
    case Section::Customers:
    case Section::Offers:
    case Section::Relationships:
    case Section::PartnerUsers:
    case Section::Activity:
    case Section::Explain:
    case Section::Workspace:
      return true;
    default:
      return false;
  }
}

bool clientScreen(Section s) {
  switch (s) {
    case Section::CustomerHome:
    case Section::Partners:
    case Section::MyUsers:
    case Section::MyDomains:
    case Section::CustomerActivity:
      return true;
    default:
      return false;
  }
}

}  // namespace

Section sectionFor(const ViewCtx& ctx, Section wanted) {
  if (!tenantKnown(ctx)) return wanted;
  const bool client = ctx.m.tenantKind == TenantKind::Customer;
  if (client && partnerScreen(wanted)) return Section::CustomerHome;
  if (!client && clientScreen(wanted)) return Section::Overview;
  return wanted;
}

void drawMainArea(const ViewCtx& ctx, UiState& ui, Intents& out) {
  const Layout layout = screenLayout(ctx);
  // The first view tells which kind of organization this is; the screen follows it at once.
  const Section shown = sectionFor(ctx, ui.section);
  if (shown != ui.section) out.push_back(Navigate{shown, ""});
  if (beginFixedWindow("##main", layout.mainPos, layout.mainSize, palette().background)) {
    // Banners first: they say what is wrong with the data on the screen below.
    if (ctx.connection == Connection::Connected && ctx.signedIn &&
        (ctx.sync == SyncStatus::OfflineRetrying || ctx.sync == SyncStatus::Error)) {
      int s = static_cast<int>(ctx.retryInMs / 1000.0 + 0.99);
      std::string text =
          ctx.sync == SyncStatus::OfflineRetrying
              ? "The Delegate server cannot be reached. What you see may be out of date and "
                "changes cannot be saved. Retrying in " +
                    std::to_string(s < 0 ? 0 : s) + " s."
              : "Updates from the server stopped: " + ctx.syncError;
      if (ui::banner(ui::BannerKind::Danger, text, "Retry now", "banner.retry"))
        out.push_back(RetryConnection{});
      testHook().state("banner", text);
    } else if (ctx.sandbox && shown != Section::Accept) {
      ui::banner(ui::BannerKind::Info,
                 "Sandbox: a demo world running in your browser. Data stays in this browser; "
                 "switch personas at the top to see each side.");
      testHook().state("banner", "sandbox");
    }
    // Not known yet whose organization this is (before the session check answers, or signed in
    // before the first view arrives): no partner or client screen, and no warning built from a
    // blank name; the answer follows within a moment.
    const bool waiting = !tenantKnown(ctx) && !ctx.sandbox && shown != Section::Settings &&
                         shown != Section::Accept && shown != Section::SignIn;
    testHook().state("section", waiting ? "loading" : sectionId(shown));
    if (waiting) ui::muted(ctx.signedIn ? "Loading your organization..." : "Connecting...");
    switch (waiting ? Section::SignIn : shown) {
      case Section::Overview:
        drawOverview(ctx, ui, out);
        break;
      case Section::Customers:
        drawCustomers(ctx, ui, out);
        break;
      case Section::Offers:
        drawOffers(ctx, ui, out);
        break;
      case Section::Relationships:
        drawRelationships(ctx, ui, out);
        break;
      case Section::PartnerUsers:
        drawPartnerUsers(ctx, ui, out);
        break;
      case Section::Activity:
      case Section::CustomerActivity:
        drawActivity(ctx, ui, out);
        break;
      case Section::Explain:
        drawExplain(ctx, ui, out);
        break;
      case Section::Webhooks:
        drawWebhooks(ctx, ui, out);
        break;
      case Section::Mail:
        drawMail(ctx, ui, out);
        break;
      case Section::Workspace:
        drawWorkspace(ctx, ui, out);
        break;
      case Section::CustomerHome:
        drawCustomerHome(ctx, ui, out);
        break;
      case Section::Partners:
        drawPartners(ctx, ui, out);
        break;
      case Section::MyUsers:
        drawMyUsers(ctx, ui, out);
        break;
      case Section::MyDomains:
        drawMyDomains(ctx, ui, out);
        break;
      case Section::Accept:
        drawAccept(ctx, ui, out);
        break;
      case Section::Settings:
        drawSettings(ctx, ui, out);
        break;
      case Section::SignIn:
        break;
    }
  }
  endFixedWindow();
}

}  // namespace delegate::web

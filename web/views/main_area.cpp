#include <imgui.h>

#include "web/platform/test_hook.hpp"
#include "web/ui/theme.hpp"
#include "web/ui/widgets.hpp"
#include "web/views/fixed_window.hpp"
#include "web/views/views.hpp"

namespace delegate::web {

void drawMainArea(const ViewCtx& ctx, UiState& ui, Intents& out) {
  const Layout& layout = ctx.layout;
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
    } else if (ctx.sandbox && ui.section != Section::Accept) {
      ui::banner(ui::BannerKind::Info,
                 "Sandbox: a demo world running in your browser. Data stays in this browser; "
                 "switch personas at the top to see each side.");
      testHook().state("banner", "sandbox");
    }
    testHook().state("section", sectionId(ui.section));
    switch (ui.section) {
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

// Partner side: overview, offers and the customers table.
#include <imgui.h>

#include <algorithm>
#include <cstdlib>

#include "web/app/commands.hpp"
#include "web/app/exports.hpp"
#include "web/app/listings.hpp"
#include "web/app/overview.hpp"
#include "web/platform/test_hook.hpp"
#include "web/ui/table.hpp"
#include "web/views/common.hpp"
#include "web/views/views.hpp"

namespace delegate::web {

namespace {

const char* kProducts[] = {"Microsoft 365 Business Basic", "Microsoft 365 Business Standard",
                           "Microsoft 365 Business Premium", "Exchange Online (Plan 1)"};

void recentActivity(const Model& m, size_t limit) {
  if (m.audit.empty()) ui::muted("Nothing has happened yet.");
  size_t shown = 0;
  for (auto it = m.audit.rbegin(); it != m.audit.rend() && shown < limit; ++it, ++shown) {
    const MAudit& a = *it;
    ImGui::PushID(static_cast<int>(a.seq));
    ImGui::PushFont(fonts().small);
    ui::muted("%s", a.time.c_str());
    ImGui::PopFont();
    ImGui::SameLine(dp(140));
    ui::statusDot(statusColor(a.outcome));
    ImGui::SameLine();
    std::string line = a.actor + ": " + a.action;
    if (!a.targetTenant.empty() && a.targetTenant != a.actorTenant) line += " in " + a.targetTenant;
    if (a.outcome != AuditOutcome::allowed) line += " (refused)";
    ui::fitText(line);  // "..." and the whole line on hover when the card is narrow
    ImGui::PopID();
  }
}

}  // namespace

void drawOverview(const ViewCtx& ctx, UiState& ui, Intents& out) {
  const Model& m = ctx.m;
  const bool large = largePartner(m);
  screenHeader(
      large ? "Partner overview" : "Overview",
      "Your customers, relationships that need attention, open offers and recent activity.");
  const OverviewCounts c = overviewCounts(m);
  const float gap = ImGui::GetStyle().ItemSpacing.x;
  const float w = (ImGui::GetContentRegionAvail().x - gap * 4) / 5.0f;
  if (ui::statCard("stat.customers", std::to_string(m.customers.size()), "customers",
                   palette().text, w)) {
    ui.customersTable.filter = 0;
    out.push_back(Navigate{Section::Customers, ""});
  }
  ImGui::SameLine();
  if (ui::statCard("stat.active", std::to_string(c.active), "active relationships", palette().ok,
                   w)) {
    ui.customersTable.filter = 1;
    out.push_back(Navigate{Section::Customers, ""});
  }
  ImGui::SameLine();
  if (ui::statCard("stat.pending", std::to_string(c.pending), "waiting for approval",
                   palette().warning, w))
    out.push_back(Navigate{Section::Relationships, ""});
  ImGui::SameLine();
  if (ui::statCard("stat.expiring", std::to_string(c.expiring), "expiring soon",
                   c.expiring ? palette().danger : palette().text, w))
    out.push_back(Navigate{Section::Relationships, ""});
  ImGui::SameLine();
  if (ui::statCard("stat.offers", std::to_string(c.openOffers), "open offers", palette().accent, w))
    out.push_back(Navigate{Section::Offers, ""});
  ImGui::Spacing();

  // Where the offer lives depends on the partner's size (seed).
  ui::beginCard("card.offer", ImVec2(0, 0));
  ui::heading(large ? "Send delegated administration offers" : "Build your business");
  ui::mutedWrapped(large ? "Send your customers a link that asks for delegated administration. One "
                           "link works for every customer; each customer's global administrator "
                           "accepts it in their own organization."
                         : "Grow with trial invitations and purchase offers, and ask customers for "
                           "delegated administration with the Delegate admin offer.");
  if (ui::button(large ? "Send delegated administration offers" : "Delegate admin offer",
                 "overview.offers"))
    out.push_back(Navigate{Section::Offers, ""});
  ui::endCard();
  ImGui::Spacing();

  const float half = (ImGui::GetContentRegionAvail().x - gap) * 0.5f;
  ui::beginCard("card.activity", ImVec2(half, dp(300)));
  ui::heading("Recent activity");
  recentActivity(m, 10);
  ui::endCard();
  ImGui::SameLine();
  ui::beginCard("card.notifications", ImVec2(half, dp(300)));
  ui::heading("Notifications");
  if (m.notifications.empty()) ui::muted("No notifications.");
  size_t shown = 0;
  for (const MNotification& n : m.notifications) {
    if (++shown > 8) break;
    notificationLine(n);
  }
  ui::endCard();
  std::string notes;
  for (auto& n : m.notifications) notes += n.text + "\n";
  testHook().state("overview.notifications", notes);
}

void drawOffers(const ViewCtx& ctx, UiState& ui, Intents& out) {
  const Model& m = ctx.m;
  const bool large = largePartner(m);
  screenHeader(large ? "Send delegated administration offers" : "Delegate admin offer",
               "A link your customers open to grant you delegated administration, and trial "
               "invitations and purchase offers that can carry it.");
  tab("Delegated administration offer", "offers.tab.dap", 0, ui.offersTab);
  tab("Trial invitations and purchase offers", "offers.tab.trials", 1, ui.offersTab);
  ImGui::NewLine();
  ImGui::Spacing();
  const ui::Gate canManage = gateOf(ctx.can("manageOffers", ""));
  const ui::Gate canTrials = gateOf(ctx.can("createTrialsAndPurchaseOffers", ""));
  const std::string linkBase = ctx.origin + (ctx.sandbox ? "/#/offer/" : "/offer/");

  if (ui.offersTab == 0) {
    ui::beginCard("card.dap", ImVec2(0, 0));
    ui::heading("What your customer grants");
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(
        ("When a customer's global administrator accepts this offer, " + m.tenantName +
         " becomes a delegated administrator of the customer's organization. The people you give "
         "Full administration act with the customer's global administrator rights; those with "
         "Limited administration can reset passwords (password administrator rights). They can "
         "add users, reset passwords, add domains and administer the customer's services within "
         "that role. Mobile device management is never available through delegated access. The "
         "customer can remove your rights at any time.")
            .c_str());
    ImGui::PopTextWrapPos();
    ImGui::Spacing();
    ui::mutedWrapped(
        "The link is not tied to one customer: paste it in an email, a document or a "
        "web page. It stays valid until you revoke it.");
    ui::endCard();
    ImGui::Spacing();
    if (!m.certified)
      ui::banner(ui::BannerKind::Warning,
                 m.tenantName +
                     " is not certified for delegated administration, so it cannot "
                     "create delegated administration offers.");
    const MOffer* current = nullptr;
    for (const MOffer& o : m.offers)
      if (o.kind == OfferKind::delegatedAdmin && !o.revoked) current = &o;
    if (current) {
      ui::heading("Your offer link");
      if (!current->link.empty()) {
        if (ui::copyField("offer.link", current->link))
          out.push_back(Copy{current->link, "Offer link"});
      } else {
        // The link is not kept in this browser (a reload, another device): the server derives
        // the same link again from the offer.
        ui::mutedWrapped("Show the link to copy it; it is the same link you sent before.");
        if (ui::button("Show link", "offer.reveal", ui::ButtonKind::Primary, canManage))
          out.push_back(SendCommand{cmd::revealOfferLink(current->id), "offer", ""});
      }
      ui::muted("Created %s  -  accepted by %s", current->created.c_str(),
                plural(current->accepted, "customer", "customers").c_str());
      const std::string id = current->id;
      if (ui::button("Regenerate", "offer.regenerate", ui::ButtonKind::Secondary, canManage))
        out.push_back(confirmThen(
            {"Regenerate the offer link?",
             "Use this when the link reached someone it should not have. The current link stops "
             "working at once; customers who already accepted keep their relationship. You get a "
             "new link to send.",
             "Regenerate", false},
            {SendCommand{cmd::revokeOffer(id), "offer", ""},
             SendCommand{cmd::createDelegatedAdminOffer(),
                         "offer",
                         "A new offer link was created.",
                         {"New offer link", "Offer link",
                          "The old link no longer works. You can copy this one again from this "
                          "page at any time.",
                          "offer.new", linkBase}}}));
      if (ImGui::IsItemHovered())
        ui::tooltip("For a link that leaked: the current link stops working.");
      ImGui::SameLine();
      if (ui::button("Revoke", "offer.revoke", ui::ButtonKind::Danger, canManage))
        out.push_back(confirmThen(
            {"Revoke the offer link?",
             "Nobody can accept this link any more. Relationships with "
             "customers who already accepted stay as they are.",
             "Revoke", true},
            {SendCommand{cmd::revokeOffer(id), "offer", "The offer link was revoked."}}));
    } else {
      ui::Gate g = canManage;
      if (g.allowed && !m.certified)
        g = ui::Gate::no(m.tenantName + " is not certified for delegated administration.");
      if (ui::button("Create offer link", "offer.create", ui::ButtonKind::Primary, g))
        out.push_back(SendCommand{
            cmd::createDelegatedAdminOffer(),
            "offer",
            "The offer link was created.",
            {"Your delegated administration offer", "Offer link",
             "Send it to your customers. You can copy it again from this page at any time.",
             "offer.new", linkBase}});
    }
    const FormState& f = ui.form("offer");
    if (!f.error.empty()) ui::errorText(f.error);
    testHook().state("offer.error", f.error);
    return;
  }

  // Trial invitations and purchase offers.
  Forms& fm = ui.f;
  const FormState& f = ui.form("trial");
  ui::beginCard("card.trial", ImVec2(0, 0));
  ui::heading("New invitation");
  ImGui::RadioButton("Trial invitation", &fm.offerKind, 0);
  testHook().item("trial.kind.trial");
  ImGui::SameLine();
  ImGui::RadioButton("Purchase offer", &fm.offerKind, 1);
  testHook().item("trial.kind.purchase");
  std::vector<std::string> products(std::begin(kProducts), std::end(kProducts));
  const float fw = dp(320);
  ui::combo("Product", "trial.product", fm.offerProduct, products, fw);
  if (!f.fieldError("product").empty()) ui::errorText(f.fieldError("product"));
  ui::textField("Licenses", "trial.licenses", fm.offerLicenses, f.fieldError("licenses"), "10", fw);
  if (fm.offerKind == 0)
    ui::textField("Trial days", "trial.days", fm.offerDays, f.fieldError("trialDays"), "30", fw);
  else
    ui::textField("Price per license per month (USD)", "trial.price", fm.offerPrice,
                  f.fieldError("pricePerLicenseCents", "price"), "12.50", fw);
  ui::checkbox("Include delegated administration", "trial.dap", fm.offerIncludeDap);
  if (ImGui::IsItemHovered())
    ui::tooltip("A customer who accepts is also asked to grant you delegated administration.");
  if (!f.error.empty()) ui::errorText(f.error);
  if (ui::button(fm.offerKind == 0 ? "Create trial invitation" : "Create purchase offer",
                 "trial.create", ui::ButtonKind::Primary, canTrials)) {
    const int licenses = std::atoi(fm.offerLicenses.c_str());
    const std::string product = products[static_cast<size_t>(fm.offerProduct)];
    nlohmann::json c =
        fm.offerKind == 0
            ? cmd::createTrialInvitation(product, licenses, std::atoi(fm.offerDays.c_str()),
                                         fm.offerIncludeDap)
            : cmd::createPurchaseOffer(product, licenses, fm.offerPrice, fm.offerIncludeDap);
    out.push_back(SendCommand{
        c,
        "trial",
        fm.offerKind == 0 ? "The trial invitation was created." : "The purchase offer was created.",
        {fm.offerKind == 0 ? "Trial invitation link" : "Purchase offer link",
         fm.offerKind == 0 ? "Invitation link" : "Offer link",
         "Send it to your customer. You can copy it again from the list below at any time.",
         "trial.new", linkBase}});
  }
  ui::endCard();
  ImGui::Spacing();
  ui::heading("Invitations and offers");
  if (ImGui::BeginTable(
          "##offers", 7,
          ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_BordersOuter)) {
    ImGui::TableSetupColumn("Kind");
    ImGui::TableSetupColumn("Product");
    ImGui::TableSetupColumn("Licenses");
    ImGui::TableSetupColumn("Terms");
    ImGui::TableSetupColumn("Delegated admin");
    ImGui::TableSetupColumn("Status");
    ImGui::TableSetupColumn("Link", ImGuiTableColumnFlags_WidthFixed, dp(110));
    ImGui::TableHeadersRow();
    for (const MOffer& o : m.offers) {
      if (o.kind == OfferKind::delegatedAdmin) continue;
      ImGui::PushID(o.id.c_str());
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      const bool trial = o.kind == OfferKind::trialInvitation;
      ImGui::TextUnformatted(trial ? "Trial" : "Purchase");
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(o.product.c_str());
      ImGui::TableNextColumn();
      ImGui::Text("%d", o.licenses);
      ImGui::TableNextColumn();
      if (trial)
        ImGui::Text("%d days", o.trialDays);
      else
        ImGui::Text("%s / license / month", o.price.c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(o.includesDelegatedAdmin ? "Included" : "No");
      ImGui::TableNextColumn();
      ui::badge(o.revoked    ? "Revoked"
                : o.accepted ? "Accepted"
                             : "Open",
                o.revoked    ? palette().danger
                : o.accepted ? palette().ok
                             : palette().accent);
      ImGui::TableNextColumn();
      // The link again, at any time: from this browser if it has it, else derived anew by the
      // server (Show link).
      if (!o.revoked) {
        const char* what = trial ? "Invitation link" : "Offer link";
        if (!o.link.empty()) {
          if (ui::button("Copy link", "trial.copy." + o.id, ui::ButtonKind::Link))
            out.push_back(Copy{o.link, what});
          testHook().state("trial.link." + o.id, o.link);
        } else if (ui::button("Show link", "trial.reveal." + o.id, ui::ButtonKind::Link,
                              canTrials)) {
          out.push_back(SendCommand{cmd::revealOfferLink(o.id), "trial", ""});
        }
      }
      ImGui::PopID();
    }
    ImGui::EndTable();
  }
}

void drawCustomers(const ViewCtx& ctx, UiState& ui, Intents& out) {
  const Model& m = ctx.m;
  screenHeader("Customers",
               "Every customer you support, the relationship with each, and your "
               "roles there. Open a customer to act on its behalf.");
  ui::TableState& st = ui.customersTable;
  ui::searchBox("customers.search", st.search, "Search by name or domain", dp(320));
  ImGui::SameLine();
  ImGui::SetNextItemWidth(dp(200));
  ui::combo("", "customers.filter", st.filter, customerFilterLabels(), dp(200));
  ImGui::SameLine();
  ui::TableSource src;
  src.count = m.customers.size();
  src.revision = m.revision;
  src.match = [&](size_t i, const std::string& needle, int filter) {
    return customerListed(m.customers[i], needle, filter);
  };
  src.less = [&](size_t a, size_t b, int col) {
    const MCustomer& x = m.customers[a];
    const MCustomer& y = m.customers[b];
    switch (col) {
      case 1:
        return x.defaultDomain < y.defaultDomain;
      case 2:
        return x.standing < y.standing;
      case 3:
        return x.endsAt < y.endsAt;
      case 4:
        return x.myRoles < y.myRoles;
      case 5:
        return x.users < y.users;
      default:
        return x.name < y.name;
    }
  };
  src.key = [&](size_t i) { return m.customers[i].tenantId; };
  src.cell = [&](size_t i, int col) {
    const MCustomer& c = m.customers[i];
    switch (col) {
      case 0:
        ui::fitText(c.name);
        break;
      case 1:
        ui::fitText(c.defaultDomain);
        break;
      case 2:
        ui::badge(std::string(standingLabel(c.standing)), statusColor(c.standing));
        break;
      case 3:
        ImGui::TextUnformatted(c.ends.c_str());
        break;
      case 4:
        if (c.myRoles.empty())
          ui::muted("No access");
        else
          ui::fitText(c.myRoles);
        break;
      case 5:
        ImGui::Text("%d", c.users);
        break;
    }
  };
  const auto& rows = ui::visibleRows(src, st);
  countLabel(rows.size(), m.customers.size(), "customers");
  ImGui::SameLine();
  // The rows as shown: this search and filter, in this order.
  if (ui::button("Download CSV", "customers.csv", ui::ButtonKind::Secondary))
    out.push_back(Download{"delegate-customers.csv", "text/csv", customersCsv(m.customers, rows)});
  static const std::vector<ui::TableColumn> cols = {{"Customer"},          {"Domain"},
                                                    {"Relationship", 150}, {"Ends", 110},
                                                    {"Your roles"},        {"Users", 70}};
  ui::TableEvents ev = ui::drawTable("customers", cols, src, st, ImVec2(0, 0), false);
  if (!ev.activated.empty()) {
    ui.workspaceTab = 0;
    out.push_back(Navigate{Section::Workspace, ev.activated});
  }
  if (!rows.empty()) testHook().state("customers.first", m.customers[rows.front()].name);
  // The first rows in order (name|users), and the row under the keyboard cursor, for tests.
  std::string firstRows;
  for (size_t k = 0; k < rows.size() && k < 8; ++k)
    firstRows +=
        m.customers[rows[k]].name + "|" + std::to_string(m.customers[rows[k]].users) + "\n";
  testHook().state("customers.firstRows", firstRows);
  if (!st.cursor.empty())
    if (const MCustomer* c = findCustomer(m, st.cursor))
      testHook().state("customers.cursorName", c->name);
}

}  // namespace delegate::web

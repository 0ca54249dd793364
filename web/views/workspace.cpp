// Customer workspace: acting on a client's behalf (users, domains, licenses, devices).
#include <imgui.h>

#include "web/app/commands.hpp"
#include "web/platform/test_hook.hpp"
#include "web/ui/table.hpp"
#include "web/views/common.hpp"
#include "web/views/licenses.hpp"
#include "web/views/user_edit.hpp"
#include "web/views/views.hpp"

namespace delegate::web {

namespace {

// The search box and the Add user card above a users table.
void drawUsersToolbar(const ViewCtx& ctx, UiState& ui, Intents& out, const std::string& tenantId,
                      const std::string& customerId, ui::TableState& st,
                      const std::string& prefix) {
  Forms& fm = ui.f;
  const std::string form = prefix + ".adduser";
  const FormState& f = ui.form(form);
  const ui::Gate canAdd = gateOf(ctx.can("createUser", customerId));
  bool& open = customerId.empty() ? fm.myAddUserOpen : fm.addUserOpen;
  std::string& upn = customerId.empty() ? fm.myUserUpn : fm.addUserUpn;
  std::string& name = customerId.empty() ? fm.myUserName : fm.addUserName;
  static std::map<std::string, int> seenSuccess;
  if (f.succeeded != seenSuccess[form]) {
    seenSuccess[form] = f.succeeded;
    upn.clear();
    name.clear();
    open = false;
  }

  ui::searchBox(prefix + ".search", st.search, "Search users", dp(300));
  ImGui::SameLine();
  if (ui::button("Add user", prefix + ".adduser.open", ui::ButtonKind::Primary, canAdd))
    open = !open;
  testHook().state("reason." + prefix + ".adduser", canAdd.reason);
  if (open && canAdd.allowed) {
    ui::beginCard("card.adduser", ImVec2(0, 0));
    ui::heading("Add a user");
    bool submit = false;
    const float fw = dp(340);
    const float y0 = ImGui::GetCursorPosY();
    ImGui::BeginGroup();
    ui::textField("User name (user@domain)", form + ".userPrincipalName", upn,
                  f.fieldError("userPrincipalName"), "jane@contoso.com", fw, &submit);
    ImGui::EndGroup();
    ImGui::SameLine(0, dp(18));
    ImGui::SetCursorPosY(y0);
    ImGui::BeginGroup();
    ui::textField("Display name", form + ".displayName", name, f.fieldError("displayName"),
                  "Jane Doe", fw, &submit);
    ImGui::EndGroup();
    if (!f.error.empty()) ui::errorText(f.error);
    testHook().state("error." + form, f.error);
    ui::mutedWrapped("A temporary password is created; the user must change it at first sign-in.");
    if (ui::button("Add", form + ".submit", ui::ButtonKind::Primary,
                   f.busy ? ui::Gate::no("Working...") : ui::Gate{}) ||
        submit)
      out.push_back(SendCommand{cmd::addUser(tenantId, upn, name),
                                form,
                                "User " + upn + " was added.",
                                {"User added", "Temporary password for " + upn,
                                 "Give it to the user through a safe channel; it is shown only "
                                 "once and must be changed at first sign-in.",
                                 "newuser.password", ""}});
    ImGui::SameLine();
    if (ui::button("Cancel", form + ".cancel", ui::ButtonKind::Secondary)) open = false;
    ui::endCard();
  }
}

// One cell of a user's row: names, status, roles, and the actions the viewer may take.
void drawUserCell(const ViewCtx& ctx, UiState& ui, Intents& out, const MUser& u,
                  const std::string& tenantId, const std::string& customerId,
                  const std::string& prefix, int col) {
  switch (col) {
    case 0:
      ui::fitText(u.displayName);
      testHook().state(prefix + ".name." + u.upn, u.displayName);
      break;
    case 1:
      ui::fitText(u.upn);
      break;
    case 2:
      testHook().state(prefix + ".status." + u.upn, u.enabled ? "enabled" : "disabled");
      ui::badge(!u.enabled             ? "Disabled"
                : u.mustChangePassword ? "Must change password"
                                       : "Enabled",
                !u.enabled             ? palette().danger
                : u.mustChangePassword ? palette().warning
                                       : palette().ok);
      break;
    case 3:
      if (u.roles.empty())
        ui::muted("User");
      else
        ui::fitText(u.roles);
      break;
    case 4: {
      const std::string id = prefix + "." + u.upn;
      ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(dp(8), dp(3)));
      if (ui::button("Edit", id + ".edit", ui::ButtonKind::Secondary,
                     gateOf(ctx.can("updateUser", customerId, u.id))))
        openUserEdit(ui, u, tenantId, prefix + ".edituser");
      ImGui::SameLine();
      if (ui::button("Reset password", id + ".reset", ui::ButtonKind::Secondary,
                     gateOf(ctx.can("resetPassword", customerId, u.id))))
        out.push_back(confirmThen(
            AccessCheck{"resetPassword", customerId, u.id},
            {"Reset the password of " + u.displayName + "?",
             u.upn + " gets a new temporary password and must change it at the next sign-in. "
                     "The current password stops working at once.",
             "Reset password", true},
            {SendCommand{cmd::resetPassword(tenantId, u.id),
                         prefix + ".reset",
                         "The password of " + u.upn + " was reset.",
                         {"Temporary password", "New temporary password for " + u.upn,
                          "Shown only once: copy it now and give it to the user through a safe "
                          "channel.",
                          "reset.password", ""}}}));
      ImGui::SameLine();
      if (ui::button(u.enabled ? "Disable" : "Enable", id + ".disable", ui::ButtonKind::Secondary,
                     gateOf(ctx.can("disableUser", customerId, u.id)))) {
        if (u.enabled)
          out.push_back(
              confirmThen(AccessCheck{"disableUser", customerId, u.id},
                          {"Disable " + u.displayName + "?",
                           u.upn + " can no longer sign in until enabled again.", "Disable", true},
                          {SendCommand{cmd::setUserEnabled(tenantId, u.id, false),
                                       prefix + ".disable", u.upn + " was disabled."}}));
        else
          out.push_back(SendCommand{cmd::setUserEnabled(tenantId, u.id, true), prefix + ".disable",
                                    u.upn + " was enabled."});
      }
      ImGui::SameLine();
      if (ui::button("Delete", id + ".delete", ui::ButtonKind::Secondary,
                     gateOf(ctx.can("deleteUser", customerId, u.id))))
        out.push_back(confirmThen(AccessCheck{"deleteUser", customerId, u.id},
                                  {"Delete " + u.displayName + "?",
                                   u.upn + " is removed with its licenses and group memberships. "
                                           "This cannot be undone.",
                                   "Delete user", true},
                                  {SendCommand{cmd::deleteUser(tenantId, u.id), prefix + ".delete",
                                               u.upn + " was deleted."}}));
      ImGui::PopStyleVar();
      break;
    }
  }
}

// A row whose page has not arrived yet: grey bars where its names will be.
void drawPlaceholderCell(int col) {
  if (col > 1) return;
  const ImVec2 at = ImGui::GetCursorScreenPos();
  const float w = ImGui::GetContentRegionAvail().x * (col == 0 ? 0.45f : 0.65f);
  const float h = ImGui::GetTextLineHeight() * 0.55f;
  const float y = at.y + (ImGui::GetTextLineHeight() - h) * 0.5f;
  ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(at.x, y), ImVec2(at.x + w, y + h),
                                            ImGui::GetColorU32(ImGuiCol_FrameBg), h * 0.5f);
  ImGui::Dummy(ImVec2(w, ImGui::GetTextLineHeight()));
}

// The users of a paged directory: the table is as long as the search's true total, its rows are
// drawn from the pages the backend holds, and it says which rows it shows so the backend asks
// for the pages around them. Search and sort are answered where the pages come from.
void drawPagedUsers(const ViewCtx& ctx, UiState& ui, Intents& out, const UserPager& pager,
                    const std::string& customerId, ui::TableState& st, const std::string& prefix) {
  ui::TableSource src;
  src.count = pager.total();
  // The order is the pages' own: only the length matters to the table.
  src.revision = pager.total();
  // Rows are positions: a row keeps its key (and the keyboard cursor its place) as it loads.
  src.key = [](size_t i) { return "@" + std::to_string(i); };
  std::size_t drawn = 0;
  src.cell = [&](size_t i, int col) {
    const MUser* u = pager.row(i);
    if (!u) return drawPlaceholderCell(col);
    drawn += col == 0;
    drawUserCell(ctx, ui, out, *u, customerId, customerId, prefix, col);
  };
  // Status and roles are not sorted by the server: those columns do not offer it.
  static const std::vector<ui::TableColumn> cols = {{"Name"},
                                                    {"User name"},
                                                    {"Status", 170, false},
                                                    {"Roles", 0, false},
                                                    {"Actions", 320, false}};
  countLabel(pager.total(), pager.users(), "users");
  const ui::TableEvents ev =
      ui::drawTable((prefix + ".users").c_str(), cols, src, st, ImVec2(0, 0), false);
  UserRowsQuery query;
  query.search = st.search;
  query.sort = st.sortColumn == 1 ? UserSort::userPrincipalName : UserSort::displayName;
  query.descending = !st.ascending;
  out.push_back(ShowUserRows{customerId, query, ev.shownFirst, ev.shownLast});
  testHook().state(prefix + ".users.paged", "1");
  testHook().state(prefix + ".users.total", std::to_string(pager.total()));
  testHook().state(prefix + ".users.drawn", std::to_string(drawn));
  testHook().state(prefix + ".users.settled", pager.settled() ? "1" : "0");
  testHook().state(prefix + ".users.pagesHeld", std::to_string(pager.pagesHeld()));
  drawUserEdit(ui, out, prefix + ".edituser");
}

}  // namespace

// Users table with actions; shared by the workspace (tenantId = client) and the customer's own
// Users screen (tenantId = own tenant, delegated = false).
void drawDirectoryUsers(const ViewCtx& ctx, UiState& ui, Intents& out,
                        const std::vector<MUser>& users, const std::string& tenantId,
                        const std::string& customerId, ui::TableState& st,
                        const std::string& prefix) {
  drawUsersToolbar(ctx, ui, out, tenantId, customerId, st, prefix);
  ui::TableSource src;
  src.count = users.size();
  src.revision = ctx.m.revision * 31 + std::hash<std::string>()(tenantId);
  src.match = [&](size_t i, const std::string& needle, int) {
    return userMatches(users[i], needle);
  };
  src.less = [&](size_t a, size_t b, int col) {
    const MUser& x = users[a];
    const MUser& y = users[b];
    switch (col) {
      case 1:
        return x.upn < y.upn;
      case 2:
        return x.enabled > y.enabled;
      case 3:
        return x.roles < y.roles;
      default:
        return x.displayName < y.displayName;
    }
  };
  src.key = [&](size_t i) { return users[i].upn; };
  src.cell = [&](size_t i, int col) {
    drawUserCell(ctx, ui, out, users[i], tenantId, customerId, prefix, col);
  };
  static const std::vector<ui::TableColumn> cols = {
      {"Name"}, {"User name"}, {"Status", 170}, {"Roles"}, {"Actions", 320, false}};
  const auto& rows = ui::visibleRows(src, st);
  countLabel(rows.size(), users.size(), "users");
  ui::drawTable((prefix + ".users").c_str(), cols, src, st, ImVec2(0, 0), false);
  drawUserEdit(ui, out, prefix + ".edituser");
}

void drawDomains(const ViewCtx& ctx, UiState& ui, Intents& out, const std::vector<MDomain>& domains,
                 const std::string& tenantId, const std::string& customerId,
                 const std::string& prefix) {
  const std::string form = prefix + ".adddomain";
  const FormState& f = ui.form(form);
  std::string& name = customerId.empty() ? ui.f.myDomainName : ui.f.addDomainName;
  static std::map<std::string, int> seen;
  if (f.succeeded != seen[form]) {
    seen[form] = f.succeeded;
    name.clear();
  }
  const ui::Gate canAdd = gateOf(ctx.can("addDomain", customerId));
  bool submit = false;
  ImGui::BeginGroup();
  ui::textField("Add a domain", form + ".domain", name, f.onlyFieldError("name", "domain"),
                "contoso.com", dp(320), &submit);
  ImGui::EndGroup();
  ImGui::SameLine();
  ImGui::SetCursorPosY(ImGui::GetCursorPosY() + ImGui::GetTextLineHeightWithSpacing());
  if ((ui::button("Add domain", form + ".submit", ui::ButtonKind::Primary, canAdd) || submit) &&
      canAdd.allowed)
    out.push_back(SendCommand{
        cmd::addDomain(tenantId, name), form,
        "Domain " + name + " was added. Add the verification record to its DNS, then verify."});
  if (!f.error.empty()) ui::errorText(f.error);
  testHook().state("error." + form, f.error);
  ImGui::Spacing();
  if (ImGui::BeginTable(
          (prefix + ".domains").c_str(), 4,
          ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_BordersOuter)) {
    ImGui::TableSetupColumn("Domain");
    ImGui::TableSetupColumn("Status", ImGuiTableColumnFlags_WidthFixed, dp(160));
    ImGui::TableSetupColumn("DNS verification record");
    ImGui::TableSetupColumn("Actions", ImGuiTableColumnFlags_WidthFixed, dp(190));
    ImGui::TableHeadersRow();
    for (const MDomain& d : domains) {
      ImGui::PushID(d.name.c_str());
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::AlignTextToFramePadding();
      ui::fitText(d.name);
      testHook().item(prefix + ".domain." + d.name);
      if (d.isDefault) {
        ImGui::SameLine();
        ui::badge("Default", palette().accent);
      }
      ImGui::TableNextColumn();
      ui::badge(d.verified ? "Verified" : "Unverified",
                d.verified ? palette().ok : palette().warning);
      testHook().state(prefix + ".domain." + d.name, d.verified ? "verified" : "unverified");
      ImGui::TableNextColumn();
      if (!d.verified && !d.verificationRecord.empty()) {
        if (ui::copyField(prefix + ".record." + d.name, d.verificationRecord))
          out.push_back(Copy{d.verificationRecord, "Verification record"});
      } else {
        ui::muted("-");
      }
      ImGui::TableNextColumn();
      if (!d.verified &&
          ui::button("Verify", prefix + ".verify." + d.name, ui::ButtonKind::Secondary,
                     gateOf(ctx.can("verifyDomain", customerId))))
        out.push_back(SendCommand{cmd::verifyDomain(tenantId, d.name), prefix + ".verify",
                                  "Domain " + d.name + " is verified."});
      if (!d.verified) ImGui::SameLine();
      ui::Gate rm = gateOf(ctx.can("removeDomain", customerId));
      if (rm.allowed && (d.isDefault || d.isInitial))
        rm = ui::Gate::no(
            d.isDefault
                ? "The default domain cannot be removed; make another domain the default first."
                : "The initial domain cannot be removed.");
      if (ui::button("Remove", prefix + ".remove." + d.name, ui::ButtonKind::Secondary, rm))
        out.push_back(confirmThen(AccessCheck{"removeDomain", customerId, ""},
                                  {"Remove " + d.name + "?",
                                   "Users can no longer sign in with addresses at " + d.name + ".",
                                   "Remove domain", true},
                                  {SendCommand{cmd::removeDomain(tenantId, d.name),
                                               prefix + ".remove", d.name + " was removed."}}));
      ImGui::PopID();
    }
    ImGui::EndTable();
  }
}

void drawSubscriptions(const std::vector<MSubscription>& subs) {
  if (subs.empty()) {
    ui::muted("No subscriptions.");
    return;
  }
  if (ImGui::BeginTable(
          "##subs", 5,
          ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_BordersOuter)) {
    ImGui::TableSetupColumn("Product");
    ImGui::TableSetupColumn("Licenses");
    ImGui::TableSetupColumn("Assigned");
    ImGui::TableSetupColumn("Kind");
    ImGui::TableSetupColumn("Ends");
    ImGui::TableHeadersRow();
    for (const MSubscription& s : subs) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ui::fitText(s.product);
      ImGui::TableNextColumn();
      ImGui::Text("%d", s.licenses);
      ImGui::TableNextColumn();
      const float frac = s.licenses ? static_cast<float>(s.assigned) / s.licenses : 0.0f;
      std::string t = std::to_string(s.assigned) + " of " + std::to_string(s.licenses);
      ImGui::ProgressBar(frac, ImVec2(dp(160), 0), t.c_str());
      ImGui::TableNextColumn();
      ui::badge(s.trial ? "Trial" : "Paid", s.trial ? palette().warning : palette().ok);
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(s.endDate.c_str());
    }
    ImGui::EndTable();
  }
}

void drawWorkspace(const ViewCtx& ctx, UiState& ui, Intents& out) {
  const Model& m = ctx.m;
  const MCustomer* c = findCustomer(m, ui.customerId);
  if (ui::button("< Customers", "workspace.back", ui::ButtonKind::Link))
    out.push_back(Navigate{Section::Customers, ""});
  // A customer whose relationship ended may still be listed without its name or domain: say
  // what happened rather than " - acting on behalf of this client" under a blank title.
  if (!c || c->name.empty()) {
    screenHeader("Customer not available",
                 "This customer is no longer visible to you: its relationship with your "
                 "organization ended or was removed.");
    testHook().state("workspace", "closed");
    return;
  }
  screenHeader(c->name.c_str(), c->canOpen
                                    ? c->defaultDomain + "  -  acting on behalf of " + c->name
                                    : c->defaultDomain);
  testHook().state("workspace", c->canOpen ? "open" : "closed");
  testHook().state("workspace.client", c->name);
  ImGui::TextUnformatted("Your roles here:");
  ImGui::SameLine();
  if (c->myRoles.empty())
    ui::badge("No access", palette().danger);
  else
    ui::badge(c->myRoles, palette().accent);
  testHook().state("workspace.roles", c->myRoles);
  ImGui::SameLine(0, dp(20));
  ImGui::TextUnformatted("Relationship:");
  ImGui::SameLine();
  ui::badge(std::string(standingLabel(c->standing)), statusColor(c->standing));
  if (!c->ends.empty()) {
    ImGui::SameLine();
    if (c->noEndDate)
      ui::muted("no end date");
    else
      ui::muted("ends %s", c->ends.c_str());
  }
  if (!c->canOpen) {
    AccessAnswer a = ctx.can("readDirectory", c->tenantId);
    ui::banner(ui::BannerKind::Warning,
               a.reason.empty() ? "You have no delegated access to this customer." : a.reason);
    testHook().state("workspace.reason", a.reason);
    return;
  }
  ImGui::Spacing();
  tab("Users", "workspace.tab.users", 0, ui.workspaceTab);
  tab("Domains", "workspace.tab.domains", 1, ui.workspaceTab);
  tab("Licenses", "workspace.tab.licenses", 2, ui.workspaceTab);
  tab("Devices", "workspace.tab.devices", 3, ui.workspaceTab);
  ImGui::NewLine();
  ImGui::Separator();
  ImGui::Spacing();
  static const char* tabIds[] = {"users", "domains", "licenses", "devices"};
  testHook().state("workspace.tab", tabIds[ui.workspaceTab & 3]);
  static const ClientDirectory none;
  const ClientDirectory& dir = ctx.backend ? ctx.backend->directory(c->tenantId) : none;
  testHook().state("workspace.loading", dir.loading ? "1" : "0");
  // A paged directory's users come in their own pages: they draw while the rest still loads.
  const UserPager* pager = ctx.backend ? ctx.backend->pagedUsers(c->tenantId) : nullptr;
  if (dir.loading && ui.workspaceTab != 3 && !(pager && ui.workspaceTab == 0)) {
    ui::muted("Loading %s's directory...", c->name.c_str());
    return;
  }
  switch (ui.workspaceTab) {
    case 0:
      if (pager) {
        drawUsersToolbar(ctx, ui, out, c->tenantId, c->tenantId, ui.clientUsersTable, "ws");
        drawPagedUsers(ctx, ui, out, *pager, c->tenantId, ui.clientUsersTable, "ws");
      } else {
        drawDirectoryUsers(ctx, ui, out, dir.users, c->tenantId, c->tenantId, ui.clientUsersTable,
                           "ws");
      }
      break;
    case 1:
      drawDomains(ctx, ui, out, dir.domains, c->tenantId, c->tenantId, "ws");
      break;
    case 2:
      drawLicenses(ctx, ui, out, dir, c->tenantId);
      break;
    case 3: {
      // One statement of why, in the banner; the disabled button and the refusal the server
      // sends when asked anyway point to it instead of repeating it.
      AccessAnswer a = ctx.can("manageDevices", c->tenantId);
      ui::heading("Mobile device management");
      ui::banner(ui::BannerKind::Warning,
                 a.allowed ? "Device management is available."
                           : (a.reason.empty() ? "Mobile device management is not available "
                                                 "through delegated access."
                                               : a.reason));
      testHook().state("devices.reason", a.reason);
      ui::mutedWrapped(
          "Enrolling, wiping or locking the customer's phones and tablets is done by the "
          "customer's own administrators, signed in to their organization. Ask the customer if "
          "a device needs attention.");
      ImGui::Spacing();
      const ui::Gate wipe = a.allowed ? ui::Gate{} : ui::Gate::no("Not available: see above.");
      if (ui::button("Wipe a device", "devices.wipe", ui::ButtonKind::Secondary, wipe))
        out.push_back(SendCommand{cmd::manageDevice(c->tenantId, "wipe"), "devices", ""});
      // Asking anyway shows the core's refusal (and records it in the audit log).
      ImGui::SameLine();
      if (ui::button("Ask anyway", "devices.try", ui::ButtonKind::Link))
        out.push_back(SendCommand{cmd::manageDevice(c->tenantId, "list"), "devices", ""});
      const FormState& f = ui.form("devices");
      if (!f.error.empty())
        ui::muted("%s", f.error == a.reason ? "Refused, as the banner says; it is recorded "
                                              "under Activity."
                                            : "Refused; see the message. It is recorded under "
                                              "Activity.");
      testHook().state("devices.error", f.error);
      break;
    }
  }
}

}  // namespace delegate::web

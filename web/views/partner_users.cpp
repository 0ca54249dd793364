// Partner users (the seed's "Assign administrative access to companies you support") and groups.
#include <imgui.h>

#include <algorithm>

#include "core/policy.hpp"
#include "web/app/commands.hpp"
#include "web/platform/test_hook.hpp"
#include "web/ui/table.hpp"
#include "web/views/common.hpp"
#include "web/views/user_edit.hpp"
#include "web/views/views.hpp"

namespace delegate::web {

namespace {

void drawUserSettings(const ViewCtx& ctx, UiState& ui, Intents& out, const MUser& u) {
  ui::beginCard("card.usersettings", ImVec2(0, 0));
  ui::heading(u.displayName.c_str());
  ui::muted("%s", u.upn.c_str());
  ImGui::Spacing();
  ImGui::TextUnformatted("Assign administrative access to companies you support");
  const ui::Gate g = gateOf(ctx.can("managePartnerAccess", ""));
  // "Yes" only reveals the level choice: nothing is granted until Full or Limited is picked, as
  // in the seed, so a click on Yes never hands out Global Administrator by default.
  Forms& fm = ui.f;
  const bool yesShown = u.partnerAccess != PartnerAccess::none || fm.accessYesFor == u.id;
  if (!g.allowed) ImGui::BeginDisabled();
  int choice = yesShown ? 1 : 0;
  ImGui::RadioButton("No", &choice, 0);
  testHook().item("access.no");
  ImGui::SameLine();
  ImGui::RadioButton("Yes", &choice, 1);
  testHook().item("access.yes");
  PartnerAccess access = u.partnerAccess;
  if (choice == 0 && yesShown) {
    fm.accessYesFor.clear();
    access = PartnerAccess::none;
  }
  if (choice == 1 && !yesShown) fm.accessYesFor = u.id;
  if (choice == 1) {
    ImGui::Indent(dp(18));
    // Each setting named by the core's policy, with the role it acts as there.
    auto option = [&](PartnerAccess setting, const char* rights) {
      const std::string name(policy::accessSettingName(setting));
      if (ImGui::RadioButton(name.c_str(), access == setting)) access = setting;
      testHook().item("access." + std::string(enumName(setting)));
      ImGui::PushFont(fonts().small);
      ui::muted(
          "The customer's %s rights: %s",
          ui::lower(std::string(roleInfo(*policy::delegatedRole(setting)).displayName)).c_str(),
          rights);
      ImGui::PopFont();
    };
    option(PartnerAccess::full, "users, passwords, domains, services.");
    option(PartnerAccess::limited, "reset passwords of non-admins.");
    if (u.partnerAccess == PartnerAccess::none)
      ui::muted("Choose Full or Limited to grant access.");
    ImGui::Unindent(dp(18));
  }
  if (!g.allowed) {
    ImGui::EndDisabled();
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) ui::tooltip(g.reason);
    testHook().state("reason.access", g.reason);
  }
  testHook().state("access." + u.upn, std::string(policy::accessSettingName(u.partnerAccess)));
  if (access != u.partnerAccess)
    out.push_back(SendCommand{
        cmd::setPartnerAdminAccess(u.id, access), "access",
        u.displayName + " now has " +
            (access == PartnerAccess::none ? std::string("no administrative access")
                                           : std::string(policy::accessSettingName(access))) +
            "."});
  ui::mutedWrapped("Yes also lets this user create trial invitations and purchase offers.");
  const FormState& f = ui.form("access");
  if (!f.error.empty()) ui::errorText(f.error);
  if (!u.groups.empty()) {
    ImGui::Spacing();
    ui::keyValue("Groups", u.groups, dp(80));
  }
  ImGui::Spacing();
  ui::keyValue("Multi-factor", u.multiFactor ? "Authenticator app set up" : "Not set up", dp(80));
  testHook().state("mfa." + u.upn, u.multiFactor ? "on" : "off");
  if (u.multiFactor) {
    ImGui::SameLine();
    // Whoever may reset the password may reset the app: both recover a locked-out person.
    if (ui::button("Reset authenticator", "mfa.reset", ui::ButtonKind::Link,
                   gateOf(ctx.can("resetPassword", "", u.id))))
      out.push_back(confirmThen(
          {"Reset " + u.displayName + "'s authenticator?",
           u.upn + " signs in with the password alone until they set up an authenticator app "
                   "again (for a lost or replaced phone).",
           "Reset", true},
          {SendCommand{cmd::resetMultiFactor(u.id), "mfa.reset",
                       u.displayName + "'s authenticator was reset."}}));
  }
  ui::endCard();
}

// The partner's rule that its users act in clients only after setting up a second factor.
void drawMultiFactorRequirement(const ViewCtx& ctx, Intents& out) {
  const Model& m = ctx.m;
  const ui::Gate g = gateOf(ctx.can("managePartnerAccess", ""));
  bool required = m.requireMultiFactor;
  if (!g.allowed) ImGui::BeginDisabled();
  if (ui::checkbox("Require multi-factor sign-in before partner users act in clients",
                   "mfa.require", required))
    out.push_back(SendCommand{cmd::setMultiFactorRequirement(required), "mfa.require",
                              required ? "Partner users now need an authenticator app to act "
                                         "in clients."
                                       : "Multi-factor sign-in is no longer required."});
  if (!g.allowed) {
    ImGui::EndDisabled();
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) ui::tooltip(g.reason);
  }
  testHook().state("mfa.required", m.requireMultiFactor ? "on" : "off");
  int without = 0;
  for (const MUser& u : m.users)
    without += u.partnerAccess != PartnerAccess::none && !u.multiFactor ? 1 : 0;
  if (m.requireMultiFactor && without > 0) {
    ImGui::SameLine();
    ui::muted("%d with administrative access %s not set it up and cannot act in clients.", without,
              without == 1 ? "has" : "have");
  }
}

// Edit, disable or enable, and delete; each asks the core whether the viewer may, for that user.
void drawRowActions(const ViewCtx& ctx, UiState& ui, Intents& out, const MUser& u) {
  const std::string id = "pusers." + u.upn;
  ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(dp(8), dp(3)));
  if (ui::button("Edit", id + ".edit", ui::ButtonKind::Secondary,
                 gateOf(ctx.can("updateUser", "", u.id))))
    openUserEdit(ui, u, "", "pusers.edituser");
  ImGui::SameLine();
  if (ui::button(u.enabled ? "Disable" : "Enable", id + ".disable", ui::ButtonKind::Secondary,
                 gateOf(ctx.can("disableUser", "", u.id)))) {
    if (u.enabled)
      out.push_back(confirmThen(
          {"Disable " + u.displayName + "?",
           u.upn + " can no longer sign in, and loses access to every customer until enabled "
                   "again.",
           "Disable", true},
          {SendCommand{cmd::setUserEnabled("", u.id, false), "pusers.disable",
                       u.upn + " was disabled."}}));
    else
      out.push_back(SendCommand{cmd::setUserEnabled("", u.id, true), "pusers.disable",
                                u.upn + " was enabled."});
  }
  ImGui::SameLine();
  if (ui::button("Delete", id + ".delete", ui::ButtonKind::Secondary,
                 gateOf(ctx.can("deleteUser", "", u.id))))
    out.push_back(confirmThen(
        {"Delete " + u.displayName + "?",
         u.upn + " is removed from your organization with its group memberships and its access "
                 "to customers. This cannot be undone.",
         "Delete user", true},
        {SendCommand{cmd::deleteUser("", u.id), "pusers.delete", u.upn + " was deleted."}}));
  ImGui::PopStyleVar();
}

void drawGroups(const ViewCtx& ctx, UiState& ui, Intents& out) {
  const Model& m = ctx.m;
  Forms& fm = ui.f;
  const ui::Gate g = gateOf(ctx.can("manageGroups", ""));
  const FormState& f = ui.form("group");
  static int seen = 0;
  if (f.succeeded != seen) {
    seen = f.succeeded;
    fm.newGroupName.clear();
  }
  bool submit = false;
  ImGui::BeginGroup();
  ui::textField("New security group", "group.name", fm.newGroupName,
                f.onlyFieldError("displayName"), "Helpdesk agents", dp(300), &submit);
  ImGui::EndGroup();
  ImGui::SameLine();
  ImGui::SetCursorPosY(ImGui::GetCursorPosY() + ImGui::GetTextLineHeightWithSpacing());
  if ((ui::button("Create group", "group.create", ui::ButtonKind::Primary, g) || submit) &&
      g.allowed)
    out.push_back(SendCommand{cmd::createGroup(fm.newGroupName), "group",
                              "Group " + fm.newGroupName + " was created."});
  if (!f.error.empty()) ui::errorText(f.error);
  ImGui::Spacing();
  const float listW = dp(260);
  ImGui::BeginChild("##grouplist", ImVec2(listW, 0), ImGuiChildFlags_Border);
  for (const MGroup& gr : m.groups) {
    if (ImGui::Selectable((gr.name + "##" + gr.id).c_str(), fm.selectedGroupId == gr.id))
      fm.selectedGroupId = gr.id;
    testHook().item("group." + gr.name);
    ImGui::SameLine(listW - dp(50));
    ui::muted("%zu", gr.memberIds.size());
  }
  if (m.groups.empty()) ui::muted("No groups yet.");
  ImGui::EndChild();
  ImGui::SameLine();
  ImGui::BeginChild("##groupdetail", ImVec2(0, 0), ImGuiChildFlags_Border);
  const MGroup* sel = nullptr;
  for (const MGroup& gr : m.groups)
    if (gr.id == fm.selectedGroupId) sel = &gr;
  if (!sel) {
    ui::muted("Select a group to see its members.");
  } else {
    ui::heading(sel->name.c_str());
    std::vector<std::string> candidates;
    std::vector<std::string> candidateIds;
    for (const MUser& u : m.users) {
      if (std::find(sel->memberIds.begin(), sel->memberIds.end(), u.id) != sel->memberIds.end()) {
        ImGui::PushID(u.id.c_str());
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted(u.displayName.c_str());
        ImGui::SameLine();
        ui::muted("%s", u.upn.c_str());
        ImGui::SameLine();
        if (ui::button("Remove", "group.member.remove." + u.upn, ui::ButtonKind::Link, g))
          out.push_back(SendCommand{cmd::removeGroupMember(sel->id, u.id), "group",
                                    u.displayName + " left " + sel->name + "."});
        ImGui::PopID();
      } else {
        candidates.push_back(u.displayName + " (" + u.upn + ")");
        candidateIds.push_back(u.id);
      }
    }
    if (!candidates.empty()) {
      ImGui::Spacing();
      fm.addMemberIndex = std::clamp(fm.addMemberIndex, 0, static_cast<int>(candidates.size()) - 1);
      ui::combo("Add member", "group.member.pick", fm.addMemberIndex, candidates, dp(360));
      if (ui::button("Add member", "group.member.add", ui::ButtonKind::Secondary, g))
        out.push_back(SendCommand{
            cmd::addGroupMember(sel->id, candidateIds[static_cast<size_t>(fm.addMemberIndex)]),
            "group", "Member added to " + sel->name + "."});
    }
  }
  ImGui::EndChild();
}

}  // namespace

void drawPartnerUsers(const ViewCtx& ctx, UiState& ui, Intents& out) {
  const Model& m = ctx.m;
  screenHeader("Partner users",
               "Who in " + m.tenantName + " may administer customers, and with which roles.");
  tab("Users", "pusers.tab.users", 0, ui.partnerUsersTab);
  tab("Security groups", "pusers.tab.groups", 1, ui.partnerUsersTab);
  ImGui::NewLine();
  ImGui::Spacing();
  if (ui.partnerUsersTab == 1) {
    drawGroups(ctx, ui, out);
    return;
  }
  drawMultiFactorRequirement(ctx, out);
  ImGui::Spacing();
  const MUser* sel = nullptr;
  for (const MUser& u : m.users)
    if (u.id == ui.f.selectedUserId) sel = &u;
  ui::TableState& st = ui.partnerUsersTable;
  ui::searchBox("pusers.search", st.search, "Search users", dp(300));
  ImGui::SameLine();
  // New people of the partner's own organization.
  Forms& fm = ui.f;
  const FormState& f = ui.form("pusers.adduser");
  static int seen = 0;
  if (f.succeeded != seen) {
    seen = f.succeeded;
    fm.myUserUpn.clear();
    fm.myUserName.clear();
    fm.myAddUserOpen = false;
  }
  const ui::Gate canAdd = gateOf(ctx.can("createUser", ""));
  if (ui::button("Add user", "pusers.adduser.open", ui::ButtonKind::Primary, canAdd))
    fm.myAddUserOpen = !fm.myAddUserOpen;
  if (fm.myAddUserOpen && canAdd.allowed) {
    ui::beginCard("card.padduser", ImVec2(0, 0));
    const float fw = dp(340);
    bool submit = false;
    const float y0 = ImGui::GetCursorPosY();
    ImGui::BeginGroup();
    ui::textField("User name (user@domain)", "pusers.adduser.userPrincipalName", fm.myUserUpn,
                  f.fieldError("userPrincipalName"), "jamie@yourcompany.com", fw, &submit);
    ImGui::EndGroup();
    ImGui::SameLine(0, dp(18));
    ImGui::SetCursorPosY(y0);
    ImGui::BeginGroup();
    ui::textField("Display name", "pusers.adduser.displayName", fm.myUserName,
                  f.fieldError("displayName"), "Jamie Doe", fw, &submit);
    ImGui::EndGroup();
    if (!f.error.empty()) ui::errorText(f.error);
    if (ui::button("Add", "pusers.adduser.submit") || submit)
      out.push_back(SendCommand{cmd::addUser("", fm.myUserUpn, fm.myUserName),
                                "pusers.adduser",
                                fm.myUserUpn + " was added.",
                                {"User added", "Temporary password for " + fm.myUserUpn,
                                 "Give it to the user through a safe channel; it is shown only "
                                 "once and must be changed at first sign-in.",
                                 "newuser.password", ""}});
    ui::endCard();
  }
  ui::TableSource src;
  src.count = m.users.size();
  src.revision = m.revision;
  src.match = [&](size_t i, const std::string& needle, int) {
    return userMatches(m.users[i], needle);
  };
  src.less = [&](size_t a, size_t b, int col) {
    const MUser& x = m.users[a];
    const MUser& y = m.users[b];
    switch (col) {
      case 1:
        return x.upn < y.upn;
      case 2:
        return x.enabled > y.enabled;
      case 3:
        return x.partnerAccess < y.partnerAccess;
      case 4:
        return x.groups < y.groups;
      default:
        return x.displayName < y.displayName;
    }
  };
  src.key = [&](size_t i) { return m.users[i].upn; };
  src.cell = [&](size_t i, int col) {
    const MUser& u = m.users[i];
    switch (col) {
      case 0:
        ui::fitText(u.displayName);
        testHook().state("pusers.name." + u.upn, u.displayName);
        break;
      case 1:
        ui::fitText(u.upn);
        break;
      case 2:
        testHook().state("pusers.status." + u.upn, u.enabled ? "enabled" : "disabled");
        ui::badge(u.enabled ? "Enabled" : "Disabled", u.enabled ? palette().ok : palette().danger);
        break;
      case 3:
        ui::badge(std::string(policy::accessSettingName(u.partnerAccess)),
                  u.partnerAccess == PartnerAccess::full      ? palette().accent
                  : u.partnerAccess == PartnerAccess::limited ? palette().warning
                                                              : palette().muted);
        break;
      case 4:
        ui::fitText(u.groups);
        break;
      case 5:
        drawRowActions(ctx, ui, out, u);
        break;
    }
  };
  static const std::vector<ui::TableColumn> cols = {{"Name"},        {"User name"},
                                                    {"Status", 100}, {"Administrative access", 170},
                                                    {"Groups"},      {"Actions", 185, false}};
  // A person the search no longer lists has no settings card open below the list.
  if (sel && !ui::isListed(src, st, sel->upn)) sel = nullptr;
  testHook().state("pusers.selected", sel ? sel->upn : "");
  const float h = sel ? std::max(dp(180), ImGui::GetContentRegionAvail().y * 0.45f) : 0.0f;
  ui::TableEvents ev = ui::drawTable("pusers", cols, src, st, ImVec2(0, h), false);
  if (!ev.activated.empty())
    for (const MUser& u : m.users)
      if (u.upn == ev.activated) ui.f.selectedUserId = u.id;
  drawUserEdit(ui, out, "pusers.edituser");
  if (sel) drawUserSettings(ctx, ui, out, *sel);
}

}  // namespace delegate::web

// Granular relationships: list, create wizard, approval link, access assignments, bulk actions.
#include <imgui.h>

#include <algorithm>

#include "core/policy.hpp"
#include "core/roles.hpp"
#include "web/app/commands.hpp"
#include "web/app/exports.hpp"
#include "web/app/listings.hpp"
#include "web/platform/test_hook.hpp"
#include "web/ui/table.hpp"
#include "web/views/common.hpp"
#include "web/views/views.hpp"

namespace delegate::web {

namespace {

const MRelationship* findRelationship(const Model& m, const std::string& id) {
  for (const MRelationship& r : m.relationships)
    if (r.id == id) return &r;
  return nullptr;
}

// The client picker: a search and a list sorted by name, nothing chosen until the person
// chooses (a default would be whichever client came first).
void drawClientPicker(const Model& m, Forms& fm, float width) {
  ImGui::TextUnformatted("Client");
  ui::searchBox("wizard.customer.search", fm.relCustomerSearch, "Search clients by name", width);
  std::vector<size_t> shown;
  const std::string needle = ui::lower(fm.relCustomerSearch);
  for (size_t i = 0; i < m.customers.size(); ++i)
    if (needle.empty() || ui::lower(m.customers[i].name).find(needle) != std::string::npos)
      shown.push_back(i);
  std::sort(shown.begin(), shown.end(), [&](size_t a, size_t b) {
    const std::string la = ui::lower(m.customers[a].name), lb = ui::lower(m.customers[b].name);
    return la != lb ? la < lb : m.customers[a].name < m.customers[b].name;
  });
  const float rowH = ImGui::GetTextLineHeightWithSpacing();
  ImGui::BeginChild("wizard.customer.list", ImVec2(width, rowH * 7 + dp(8)), true);
  std::string listed;
  for (size_t k = 0; k < shown.size(); ++k) {
    const MCustomer& c = m.customers[shown[k]];
    ImGui::PushID(c.tenantId.c_str());
    const bool sel = c.tenantId == fm.relCustomerId;
    if (ImGui::Selectable(c.name.c_str(), sel)) {
      fm.relCustomerId = c.tenantId;
      if (fm.wizardStep == 0) fm.wizardError.clear();
    }
    testHook().item("wizard.customer.pick." + c.name);
    if (sel && ImGui::IsWindowAppearing()) ImGui::SetScrollHereY();
    ImGui::PopID();
    if (k < 8) listed += c.name + "\n";
  }
  if (shown.empty()) ui::muted("No client matches \"%s\".", fm.relCustomerSearch.c_str());
  ImGui::EndChild();
  testHook().state("wizard.customer.list", listed);
  testHook().state("wizard.customer.count", std::to_string(shown.size()));
}

// The role picker: the whole Entra catalog (over a hundred roles), searched by name or by what
// the role does. The roles Delegate acts on come first; the rest are granted and shown to the
// client like any other but do nothing here, and the list says so.
void drawRolePicker(Forms& fm) {
  const auto& catalog = roleCatalog();
  ui::searchBox("wizard.role.search", fm.relRoleSearch,
                "Search all Microsoft Entra roles by name or what they do", dp(420));
  int selected = 0;
  for (bool v : fm.relRoles) selected += v ? 1 : 0;
  ImGui::SameLine();
  ui::muted("%d selected", selected);
  const std::string needle = ui::lower(fm.relRoleSearch);
  const float rowH = ImGui::GetTextLineHeightWithSpacing();
  ImGui::BeginChild("wizard.role.list", ImVec2(0, rowH * 13 + dp(8)), true);
  int shown = 0;
  bool otherHeading = false;
  for (size_t i = 0; i < catalog.size(); ++i) {
    const RoleInfo& info = catalog[i];
    if (!needle.empty() &&
        ui::lower(std::string(info.displayName)).find(needle) == std::string::npos &&
        ui::lower(std::string(info.description)).find(needle) == std::string::npos)
      continue;
    if (!isModelled(info.role) && !otherHeading) {
      otherHeading = true;
      ImGui::Spacing();
      ui::mutedWrapped(
          "Other Microsoft Entra roles: granted and shown to the client as requested; they let "
          "your team do nothing in Delegate itself.");
    }
    ++shown;
    bool v = fm.relRoles[i];
    ImGui::PushID(static_cast<int>(i));
    if (ui::checkbox(std::string(info.displayName).c_str(),
                     "wizard.role." + std::string(info.templateId), v)) {
      fm.relRoles[i] = v;
      fm.wizardError.clear();
    }
    ImGui::SameLine(dp(340));
    ImGui::PushFont(fonts().small);
    ImGui::PushTextWrapPos(0.0f);
    if (info.privileged) {
      ImGui::TextColored(palette().warning, "Privileged.");
      ImGui::SameLine();
    }
    ui::muted("%.*s", static_cast<int>(info.description.size()), info.description.data());
    ImGui::PopTextWrapPos();
    ImGui::PopFont();
    ImGui::PopID();
  }
  if (shown == 0) ui::muted("No role matches \"%s\".", fm.relRoleSearch.c_str());
  ImGui::EndChild();
  testHook().state("wizard.role.count", std::to_string(shown));
  testHook().state("wizard.role.selected", std::to_string(selected));
}

void drawWizard(const ViewCtx& ctx, UiState& ui, Intents& out) {
  Forms& fm = ui.f;
  const Model& m = ctx.m;
  const FormState& f = ui.form("rel");
  const auto& catalog = roleCatalog();
  if (fm.relRoles.size() != catalog.size()) fm.relRoles.assign(catalog.size(), false);
  static int seen = 0;
  if (f.succeeded != seen) {
    seen = f.succeeded;
    // The wizard ends on what it made: the new relationship, selected and listed.
    for (const MRelationship& r : m.relationships)
      if (r.displayName == fm.relName && r.customerId == fm.relCustomerId) {
        ui.selectedRelationshipId = r.id;
        ui.relationshipsTable.cursor = r.id;
        ui.relationshipsTable.search.clear();
        ui.relationshipsTable.filter = 0;
        ui.relationshipsTable.scrollToCursor = true;
      }
    fm.wizardOpen = false;
    fm.wizardStep = 0;
    fm.relName.clear();
    fm.relCustomerId.clear();
    fm.relCustomerSearch.clear();
    fm.relRoleSearch.clear();
    fm.wizardError.clear();
    fm.relRoles.assign(catalog.size(), false);
    return;
  }
  ui::beginCard("card.wizard", ImVec2(0, 0));
  static const char* steps[] = {"1. Client and name", "2. Roles", "3. Duration", "4. Review"};
  for (int i = 0; i < 4; ++i) {
    if (i) ImGui::SameLine(0, dp(18));
    if (i == fm.wizardStep)
      ImGui::TextColored(palette().accent, "%s", steps[i]);
    else
      ui::muted("%s", steps[i]);
  }
  testHook().state("wizard.step", std::to_string(fm.wizardStep));
  ImGui::Separator();
  ImGui::Spacing();
  std::string customerName;
  for (const MCustomer& c : m.customers)
    if (c.tenantId == fm.relCustomerId) customerName = c.name;
  testHook().state("wizard.customer", customerName);
  bool anyRole = false;
  for (bool v : fm.relRoles) anyRole = anyRole || v;
  const float fw = dp(380);
  if (fm.wizardStep == 0) {
    drawClientPicker(m, fm, fw);
    if (!fm.wizardError.empty()) ui::errorText(fm.wizardError, fw);
    ImGui::Spacing();
    ui::textField("Name (1 to 50 characters, unique among your relationships)",
                  "wizard.displayName", fm.relName, f.fieldError("displayName"),
                  "Contoso helpdesk 2026", fw);
  } else if (fm.wizardStep == 1) {
    ui::mutedWrapped(
        "Pick the least privilege your team needs. The client sees this list "
        "before approving.");
    drawRolePicker(fm);
    if (!fm.wizardError.empty()) ui::errorText(fm.wizardError);
    if (!f.fieldError("accessDetails", "roles", "unifiedRoles").empty())
      ui::errorText(f.fieldError("accessDetails", "roles", "unifiedRoles"));
  } else if (fm.wizardStep == 2) {
    // The lengths and their words are the core's; the longest is the default.
    static const std::vector<Duration> choices = durationChoices();
    static const std::vector<std::string> labels = [] {
      std::vector<std::string> l;
      for (Duration d : choices) l.push_back(durationLabel(d));
      return l;
    }();
    int sel = static_cast<int>(choices.size()) - 1;
    for (size_t i = 0; i < choices.size(); ++i)
      if (choices[i].days() == fm.relDurationDays) sel = static_cast<int>(i);
    if (ui::combo("Duration", "wizard.duration", sel, labels, fw))
      fm.relDurationDays = static_cast<int>(choices[static_cast<size_t>(sel)].days());
    if (!f.fieldError("duration").empty()) ui::errorText(f.fieldError("duration"));
    ui::checkbox(
        ("Extend automatically by " + policy::days(policy::kAutoExtend) + " when it ends").c_str(),
        "wizard.autoextend", fm.relAutoExtend);
    ui::mutedWrapped("Automatic extension is not possible with Global Administrator.");
    if (!f.fieldError("autoExtendDuration").empty())
      ui::errorText(f.fieldError("autoExtendDuration"));
  } else {
    const float kw = dp(130);
    ui::keyValue("Client", customerName.empty() ? "-" : customerName, kw);
    ui::keyValue("Name", fm.relName, kw);
    std::string roles;
    for (size_t i = 0; i < catalog.size(); ++i)
      if (fm.relRoles[i])
        roles += (roles.empty() ? "" : ", ") + std::string(catalog[i].displayName);
    ui::keyValue("Roles", roles.empty() ? "none selected" : roles, kw);
    ui::keyValue("Duration", durationLabel(Duration::ofDays(fm.relDurationDays)), kw);
    ui::keyValue("Auto-extend",
                 fm.relAutoExtend ? "every " + policy::days(policy::kAutoExtend) : "no", kw);
    for (auto& [field, msg] : f.fieldErrors) ui::errorText(msg);
  }
  testHook().state("wizard.error", fm.wizardError);
  if (!f.error.empty()) ui::errorText(f.error);
  ImGui::Spacing();
  if (fm.wizardStep > 0 && ui::button("Back", "wizard.back", ui::ButtonKind::Secondary)) {
    --fm.wizardStep;
    fm.wizardError.clear();
  }
  if (fm.wizardStep > 0) ImGui::SameLine();
  if (fm.wizardStep < 3) {
    if (ui::button("Next", "wizard.next")) {
      // Refused where the missing choice is, not later at Review.
      if (fm.wizardStep == 0 && customerName.empty())
        fm.wizardError = "Choose the client this relationship is for.";
      else if (fm.wizardStep == 1 && !anyRole)
        fm.wizardError = "Choose at least one role: the client approves exactly these.";
      else {
        fm.wizardError.clear();
        ++fm.wizardStep;
      }
    }
  } else {
    std::vector<std::string> ids;
    for (size_t i = 0; i < catalog.size(); ++i)
      if (fm.relRoles[i]) ids.emplace_back(catalog[i].templateId);
    if (ui::button("Create relationship", "wizard.create", ui::ButtonKind::Primary,
                   gateOf(ctx.can("manageRelationships", ""))))
      out.push_back(SendCommand{
          cmd::createRelationship(fm.relCustomerId, fm.relName, ids, fm.relDurationDays,
                                  fm.relAutoExtend),
          "rel", "The relationship was created. Lock it for approval to get the link."});
  }
  ImGui::SameLine();
  if (ui::button("Cancel", "wizard.cancel", ui::ButtonKind::Link)) fm.wizardOpen = false;
  // Jump back to the step of a field the core refused.
  if (!f.fieldError("displayName").empty() && fm.wizardStep == 3) fm.wizardStep = 0;
  ui::endCard();
}

void drawDetail(const ViewCtx& ctx, UiState& ui, Intents& out, const MRelationship& r) {
  const Model& m = ctx.m;
  ui::beginCard("card.reldetail", ImVec2(0, 0));
  ui::heading(r.displayName.c_str());
  ImGui::SameLine();
  ui::badge(std::string(statusLabel(r.status)), statusColor(r.status));
  testHook().state("relationship.status", std::string(enumName(r.status)));
  testHook().state("relationship.name", r.displayName);
  testHook().state("relationship.autoExtend", r.autoExtend);
  testHook().state("relationship.duration", r.duration);
  const float kw = dp(150);
  ui::keyValue("Client", r.customerName, kw);
  ui::keyValue("Roles", r.roles, kw);
  ui::keyValue("Duration",
               r.duration + (r.autoExtends ? ", extends by " + policy::days(policy::kAutoExtend)
                                           : std::string()),
               kw);
  if (r.status == RelationshipStatus::declined) {
    ui::keyValue("Client's reason", r.declineReason.empty() ? "(none given)" : r.declineReason, kw);
    testHook().state("relationship.declineReason", r.declineReason);
  }
  if (!r.activated.empty()) ui::keyValue("Active since", r.activated, kw);
  if (!r.ends.empty()) ui::keyValue("Ends", r.ends, kw);
  const ui::Gate g = gateOf(ctx.can("manageRelationships", ""));
  const std::string linkPrefix = ctx.origin + (ctx.sandbox ? "/#/relationship/" : "/relationship/");
  // Which buttons show is the core's answer for this relationship (allowedOperations); whether
  // this person may press them is authorize()'s (the gate).
  if (r.ops.lockForApproval) {
    if (ui::button("Lock for approval", "rel.lock", ui::ButtonKind::Primary, g))
      out.push_back(
          SendCommand{cmd::lockForApproval(r.id),
                      "rel.lock",
                      "Locked for approval: send the approval link to the client.",
                      {"Approval link", "Send this link to the client's global administrator",
                       "It works once. It is also kept on this relationship while it "
                       "waits for approval.",
                       "rel.newApprovalLink", linkPrefix}});
  }
  if (r.ops.revealApprovalLink) {
    ImGui::TextUnformatted("Approval link for the client's global administrator (single use):");
    if (!r.approvalLink.empty()) {
      if (ui::copyField("rel.approvalLink", r.approvalLink))
        out.push_back(Copy{r.approvalLink, "Approval link"});
    } else {
      // Not kept in this browser (a reload, another device, another administrator): the server
      // derives the same link again from the relationship.
      ui::mutedWrapped("Show the link to copy it; it is the same link as before.");
      if (ui::button("Show approval link", "rel.revealApprovalLink", ui::ButtonKind::Primary, g))
        out.push_back(SendCommand{cmd::revealApprovalLink(r.id), "rel.reveal", ""});
    }
  }
  {
    if (r.ops.removeGlobalAdministrator &&
        ui::button("Remove Global Administrator", "rel.removeGA", ui::ButtonKind::Secondary, g))
      out.push_back(confirmThen({"Remove Global Administrator?",
                                 "Your users lose Global Administrator in " + r.customerName +
                                     " at once; the other roles stay.",
                                 "Remove", true},
                                {SendCommand{cmd::removeGlobalAdministrator(r.id), "rel.ga",
                                             "Global Administrator was removed."}}));
    if (r.ops.removeGlobalAdministrator) ImGui::SameLine();
    if (r.ops.turnOnAutoExtend &&
        ui::button("Turn on auto-extend", "rel.extend", ui::ButtonKind::Secondary, g))
      out.push_back(SendCommand{cmd::extendRelationship(r.id, true), "rel.extend",
                                "The relationship now extends automatically by " +
                                    policy::days(policy::kAutoExtend) + "."});
    if (r.ops.turnOnAutoExtend) ImGui::SameLine();
  }
  if (r.ops.terminate) {
    if (ui::button("Terminate", "rel.terminate", ui::ButtonKind::Danger, g))
      out.push_back(confirmThen({"Terminate " + r.displayName + "?",
                                 "Everyone in your organization loses the access it gives in " +
                                     r.customerName + " at once. This cannot be undone.",
                                 "Terminate", true},
                                {SendCommand{cmd::terminateRelationship(r.id), "rel.terminate",
                                             "The relationship was terminated."}}));
  }
  // Access assignments.
  if (r.ops.assignAccess) {
    ImGui::Spacing();
    ImGui::Separator();
    ui::heading("Access assignments");
    ui::mutedWrapped(
        "Grant this relationship's roles to a security group of your organization. "
        "Its members act in the client with those roles.");
    for (const MAssignment& a : m.assignments) {
      if (a.relationshipId != r.id) continue;
      ImGui::BulletText("%s: %s", a.groupName.c_str(), a.roles.c_str());
      ImGui::SameLine();
      ui::badge(std::string(statusLabel(a.status)), statusColor(a.status));
    }
    Forms& fm = ui.f;
    std::vector<std::string> groups;
    for (const MGroup& gr : m.groups) groups.push_back(gr.name);
    if (groups.empty()) {
      ui::muted("Create a security group under Partner users first.");
    } else {
      fm.assignGroup = std::clamp(fm.assignGroup, 0, static_cast<int>(groups.size()) - 1);
      ui::combo("Group", "assign.group", fm.assignGroup, groups, dp(300));
      if (fm.assignRelationshipId != r.id) {
        fm.assignRelationshipId = r.id;
        fm.assignRoles.assign(r.roleIds.size(), true);
      }
      ImGui::TextUnformatted("Roles to grant");
      for (size_t i = 0; i < r.roleIds.size(); ++i) {
        auto role = roleFromTemplateId(r.roleIds[i]);
        std::string name = role ? std::string(roleInfo(*role).displayName) : r.roleIds[i];
        bool v = fm.assignRoles[i];
        if (ui::checkbox(name.c_str(), "assign.role." + r.roleIds[i], v)) fm.assignRoles[i] = v;
      }
      const FormState& f = ui.form("assign");
      if (!f.error.empty()) ui::errorText(f.error);
      for (auto& [field, msg] : f.fieldErrors) ui::errorText(msg);
      if (ui::button("Assign", "assign.submit", ui::ButtonKind::Primary, g)) {
        std::vector<std::string> ids;
        for (size_t i = 0; i < r.roleIds.size(); ++i)
          if (fm.assignRoles[i]) ids.push_back(r.roleIds[i]);
        out.push_back(SendCommand{
            cmd::createAccessAssignment(r.id, m.groups[static_cast<size_t>(fm.assignGroup)].id,
                                        ids),
            "assign",
            "The roles were granted to " + groups[static_cast<size_t>(fm.assignGroup)] + "."});
      }
    }
  }
  ui::endCard();
}

}  // namespace

void drawRelationships(const ViewCtx& ctx, UiState& ui, Intents& out) {
  const Model& m = ctx.m;
  screenHeader("Relationships",
               "Granular admin relationships: least-privilege roles for a limited time, approved "
               "by each client. Select rows for bulk actions.");
  const ui::Gate g = gateOf(ctx.can("manageRelationships", ""));
  ui::TableState& st = ui.relationshipsTable;
  if (ui::button("New relationship", "rel.new", ui::ButtonKind::Primary, g)) {
    ui.f.wizardOpen = !ui.f.wizardOpen;
    ui.f.wizardStep = 0;
  }
  ImGui::SameLine();
  ui::searchBox("rel.search", st.search, "Search by name or client", dp(300));
  ImGui::SameLine();
  ui::combo("", "rel.filter", st.filter, relationshipFilterLabels(), dp(180));
  if (ui.f.wizardOpen) drawWizard(ctx, ui, out);

  // Bulk actions over the selection.
  std::vector<const MRelationship*> selected;
  for (const MRelationship& r : m.relationships)
    if (st.selected.count(r.id)) selected.push_back(&r);
  if (!selected.empty()) {
    ImGui::AlignTextToFramePadding();
    ImGui::Text("%zu selected", selected.size());
    ImGui::SameLine();
    auto bulk = [&](const std::string& title, auto makeCmd) {
      RunBulk b;
      b.title = title;
      for (const MRelationship* r : selected) {
        b.commands.push_back(makeCmd(r->id));
        b.labels.push_back(r->customerName + " - " + r->displayName);
      }
      return b;
    };
    if (ui::button("Extend automatically", "bulk.extend", ui::ButtonKind::Secondary, g))
      out.push_back(bulk("Turning on auto-extend (" + policy::days(policy::kAutoExtend) + ")",
                         [](const std::string& id) { return cmd::extendRelationship(id, true); }));
    ImGui::SameLine();
    if (ui::button("Remove Global Administrator", "bulk.removeGA", ui::ButtonKind::Secondary, g))
      out.push_back(confirmThen(
          {"Remove Global Administrator from " + std::to_string(selected.size()) +
               " relationships?",
           "Your users lose Global Administrator in those clients at once; other roles stay.",
           "Remove", true},
          {bulk("Removing Global Administrator",
                [](const std::string& id) { return cmd::removeGlobalAdministrator(id); })}));
    ImGui::SameLine();
    if (ui::button("Terminate", "bulk.terminate", ui::ButtonKind::Danger, g))
      out.push_back(confirmThen({"Terminate " + std::to_string(selected.size()) + " relationships?",
                                 "Everyone in your organization loses the access they give, at "
                                 "once. This cannot be undone.",
                                 "Terminate all", true},
                                {bulk("Terminating relationships", [](const std::string& id) {
                                  return cmd::terminateRelationship(id);
                                })}));
    ImGui::SameLine();
    if (ui::button("Clear selection", "bulk.clear", ui::ButtonKind::Link)) st.selected.clear();
  }
  testHook().state("rel.selected", std::to_string(selected.size()));

  const MRelationship* detail = findRelationship(m, ui.selectedRelationshipId);
  ui::TableSource src;
  src.count = m.relationships.size();
  src.revision = m.revision;
  src.match = [&](size_t i, const std::string& needle, int filter) {
    return relationshipListed(m.relationships[i], needle, filter);
  };
  src.less = [&](size_t a, size_t b, int col) {
    const MRelationship& x = m.relationships[a];
    const MRelationship& y = m.relationships[b];
    switch (col) {
      case 1:
        return x.displayName < y.displayName;
      case 2:
        return enumName(x.status) < enumName(y.status);
      case 3:
        return x.roles < y.roles;
      case 4:
        return x.endsAt < y.endsAt;
      default:
        return x.customerName != y.customerName ? x.customerName < y.customerName
                                                : x.displayName < y.displayName;
    }
  };
  src.key = [&](size_t i) { return m.relationships[i].id; };
  src.cell = [&](size_t i, int col) {
    const MRelationship& r = m.relationships[i];
    switch (col) {
      case 0:
        ImGui::TextUnformatted(r.customerName.c_str());
        break;
      case 1:
        ImGui::TextUnformatted(r.displayName.c_str());
        break;
      case 2:
        ui::badge(std::string(statusLabel(r.status)), statusColor(r.status));
        if (!r.declineReason.empty() && ImGui::IsItemHovered())
          ui::tooltip("The client's reason: " + r.declineReason);
        break;
      case 3:
        ImGui::TextUnformatted(r.roles.c_str());
        // Role lists are longer than the column; hovering shows all of them.
        if (ImGui::IsItemHovered() &&
            ImGui::CalcTextSize(r.roles.c_str()).x > ImGui::GetColumnWidth())
          ui::tooltip(r.roles);
        break;
      case 4:
        ImGui::TextUnformatted(r.ends.empty() ? (r.granular ? "-" : "No end date")
                                              : r.ends.c_str());
        break;
    }
  };
  static const std::vector<ui::TableColumn> cols = {
      {"Client"}, {"Name"}, {"Status", 150}, {"Roles"}, {"Ends", 110}};
  // A relationship the filter no longer lists has no detail (nor Terminate button) beside it.
  if (detail && !ui::isListed(src, st, detail->id)) detail = nullptr;
  const float tableH = detail ? std::max(dp(200), ImGui::GetContentRegionAvail().y * 0.45f) : 0.0f;
  // The rows as shown: this search and filter, in this order.
  if (ui::button("Download CSV", "rel.csv", ui::ButtonKind::Secondary))
    out.push_back(Download{"delegate-relationships.csv", "text/csv",
                           relationshipsCsv(m.relationships, ui::visibleRows(src, st))});
  ui::TableEvents ev = ui::drawTable("relationships", cols, src, st, ImVec2(0, tableH), true);
  if (!ev.activated.empty()) ui.selectedRelationshipId = ev.activated;
  if (!st.cursor.empty() && st.cursor != ui.selectedRelationshipId)
    ui.selectedRelationshipId = st.cursor;
  if (detail) drawDetail(ctx, ui, out, *detail);
}

}  // namespace delegate::web

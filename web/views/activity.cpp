// The activity (audit) log with filters and CSV download, and Explain access.
#include <imgui.h>

#include <algorithm>
#include <map>

#include "core/permissions.hpp"
#include "web/app/exports.hpp"
#include "web/platform/test_hook.hpp"
#include "web/ui/table.hpp"
#include "web/views/common.hpp"
#include "web/views/views.hpp"

namespace delegate::web {

namespace {

// Names for the ids the log records (targets) and for its actors' user names, from what this
// viewer's data holds; rebuilt when the data changes. An id nobody here can name stays an id.
struct Names {
  std::uint64_t revision = ~std::uint64_t(0);
  std::map<std::string, std::string> byId, byUpn;
};

const Names& namesFor(const ViewCtx& ctx) {
  static Names names;
  const Model& m = ctx.m;
  if (names.revision == m.revision) return names;
  names = Names{};
  names.revision = m.revision;
  auto user = [&](const MUser& u) {
    names.byId[u.id] = u.displayName;
    names.byUpn[u.upn] = u.displayName;
  };
  for (const MUser& u : m.users) user(u);
  for (const MGroup& g : m.groups) names.byId[g.id] = "Group " + g.name;
  for (const MCustomer& c : m.customers) names.byId[c.tenantId] = c.name;
  for (const MPartner& p : m.partners) names.byId[p.tenantId] = p.name;
  for (const MRelationship& r : m.relationships)
    names.byId[r.id] = "'" + r.displayName + "'" +
                       (r.customerName.empty() ? std::string() : " with " + r.customerName);
  for (const MAssignment& a : m.assignments) names.byId[a.id] = "Assignment to " + a.groupName;
  for (const MOffer& o : m.offers)
    names.byId[o.id] = std::string(offerKindLabel(o.kind)) +
                       (o.kind == OfferKind::delegatedAdmin ? "" : ": " + o.product);
  if (ctx.backend)
    for (const MCustomer& c : m.customers)
      if (c.canOpen)
        for (const MUser& u : ctx.backend->directory(c.tenantId).users) user(u);
  return names;
}

std::string nameOr(const std::map<std::string, std::string>& names, const std::string& key) {
  auto it = names.find(key);
  return it == names.end() ? key : it->second;
}

// The name `key` stands for, with `key` itself on hover when it has one.
void fitNamed(const std::map<std::string, std::string>& names, const std::string& key) {
  const std::string name = nameOr(names, key);
  ui::fitText(name, name == key ? "" : key);
}

}  // namespace

void drawActivity(const ViewCtx& ctx, UiState& ui, Intents& out) {
  const Model& m = ctx.m;
  const bool customer = m.tenantKind == TenantKind::Customer;
  screenHeader("Activity", customer
                               ? "What partners and your administrators did in " + m.tenantName +
                                     ", allowed or refused, with the person named."
                               : "Every action taken in customers, allowed or refused, by whom.");
  Forms& fm = ui.f;
  ui::TableState& st = ui.auditTable;
  static const std::vector<std::string> outcomes = {
      "Any outcome", std::string(outcomeLabel(AuditOutcome::allowed)),
      std::string(outcomeLabel(AuditOutcome::refused))};
  static const std::vector<std::string> periods = {"Any time", "Last 24 hours", "Last 7 days",
                                                   "Last 30 days"};
  // Five filters on one row that fits a 1024 px window: the search boxes share what the two
  // pickers leave.
  const float gap = ImGui::GetStyle().ItemSpacing.x;
  const float comboW = ImGui::CalcTextSize("Last 24 hours").x + ImGui::GetFrameHeight() +
                       ImGui::GetStyle().FramePadding.x * 2 + dp(4);
  const float w =
      std::clamp((ImGui::GetContentRegionAvail().x - comboW * 2 - gap * 4) / 3.0f, dp(90), dp(170));
  ImGui::BeginGroup();
  ui::searchBox("audit.actor", fm.auditActor, "Actor", w);
  ImGui::SameLine();
  ui::searchBox("audit.client", fm.auditClient, customer ? "Organization" : "Customer", w);
  ImGui::SameLine();
  ui::searchBox("audit.action", fm.auditAction, "Action", w);
  ImGui::SameLine();
  ui::combo("", "audit.outcome", fm.auditOutcome, outcomes, comboW);
  ImGui::SameLine();
  ui::combo("", "audit.period", fm.auditPeriod, periods, comboW);
  ImGui::EndGroup();
  // All filters feed the table's cache key.
  st.search = fm.auditActor + "\x1f" + fm.auditClient + "\x1f" + fm.auditAction;
  st.filter = fm.auditOutcome * 10 + fm.auditPeriod;
  std::int64_t newest = 0;
  for (const MAudit& a : m.audit) newest = std::max(newest, a.at);
  static const std::int64_t spans[] = {0, 86400, 7 * 86400, 30 * 86400};
  const std::string actor = ui::lower(fm.auditActor), client = ui::lower(fm.auditClient),
                    action = ui::lower(fm.auditAction);
  const Names& names = namesFor(ctx);
  ui::TableSource src;
  src.count = m.audit.size();
  src.revision = m.revision;
  src.match = [&](size_t i, const std::string&, int filter) {
    const MAudit& a = m.audit[i];
    const int outcome = filter / 10, period = filter % 10;
    // The picker lists the outcomes in the core's order after "Any outcome".
    if (outcome > 0 && a.outcome != static_cast<AuditOutcome>(outcome - 1)) return false;
    if (period > 0 && a.at < newest - spans[period]) return false;
    return ui::containsLower(a.actor, actor) && ui::containsLower(a.targetTenant, client) &&
           ui::containsLower(a.action, action);
  };
  src.less = [&](size_t a, size_t b, int col) {
    const MAudit& x = m.audit[a];
    const MAudit& y = m.audit[b];
    switch (col) {
      case 1:
        return x.actor < y.actor;
      case 2:
        return x.onBehalfOf < y.onBehalfOf;
      case 3:
        return x.targetTenant < y.targetTenant;
      case 4:
        return x.action < y.action;
      case 5:
        return x.target < y.target;
      case 6:
        return x.outcome < y.outcome;
      default:
        return x.seq < y.seq;  // the Time column sorts newest first
    }
  };
  src.key = [&](size_t i) { return std::to_string(m.audit[i].seq); };
  src.cell = [&](size_t i, int col) {
    const MAudit& a = m.audit[i];
    switch (col) {
      case 0:
        ImGui::TextUnformatted(a.time.c_str());
        break;
      case 1:  // the person by name; their user name on hover
        fitNamed(names.byUpn, a.actor);
        break;
      case 2:
        ui::fitText(a.onBehalfOf);
        break;
      case 3:
        ui::fitText(a.targetTenant);
        break;
      case 4:
        ui::fitText(a.action);
        break;
      case 5:  // what was acted on, by name; its id on hover
        fitNamed(names.byId, a.target);
        break;
      case 6:
        ui::badge(std::string(outcomeLabel(a.outcome)), statusColor(a.outcome));
        if (!a.reason.empty() && ImGui::IsItemHovered()) ui::tooltip(a.reason);
        break;
    }
  };
  const auto& rows = ui::visibleRows(src, st);
  // On the button's baseline, not above it.
  ImGui::AlignTextToFramePadding();
  countLabel(rows.size(), m.audit.size(), "records");
  ImGui::SameLine();
  if (ui::button("Download CSV", "audit.csv", ui::ButtonKind::Secondary)) {
    std::string csv = csvLine({"time", "actor", "actor organization", "on behalf of", "customer",
                               "action", "target", "outcome", "reason"});
    for (size_t i : rows) {
      const MAudit& a = m.audit[i];
      csv += csvLine({a.time, a.actor, a.actorTenant, a.onBehalfOf, a.targetTenant, a.action,
                      a.target, std::string(enumName(a.outcome)), a.reason});
    }
    out.push_back(Download{"delegate-activity.csv", "text/csv", csv});
  }
  static const std::vector<ui::TableColumn> cols = {
      {"Time", 165, true, true}, {"Actor"},  {"On behalf of"}, {"Customer"},
      {"Action", 150},           {"Target"}, {"Outcome", 100}};
  ui::drawTable("audit", cols, src, st, ImVec2(0, 0), false);
  if (!rows.empty()) {
    const MAudit& a = m.audit[rows.front()];
    testHook().state("audit.first", a.actor + " | " + a.action + " | " + a.targetTenant + " | " +
                                        std::string(enumName(a.outcome)));
  }
}

std::string actionLabel(const std::string& name) {
  auto action = actionFromName(name);
  return action ? std::string(actionTitle(*action)) : name;
}

void drawExplain(const ViewCtx& ctx, UiState& ui, Intents&) {
  const Model& m = ctx.m;
  screenHeader("Explain access",
               "Pick a person, a customer and an action: see the chain that allows it "
               "(relationship, assignment, group, role, permission) or the first missing link.");
  Forms& fm = ui.f;
  std::vector<std::string> users, clients, actions;
  for (const MUser& u : m.users) users.push_back(u.displayName + " (" + u.upn + ")");
  for (const MCustomer& c : m.customers) clients.push_back(c.name);
  std::vector<std::string> actionIds;
  for (Action a : allActions())
    if (isDelegableAction(a)) {
      actionIds.emplace_back(actionName(a));
      actions.push_back(actionLabel(std::string(actionName(a))));
    }
  if (users.empty() || clients.empty()) {
    ui::muted("No users or customers to explain yet.");
    return;
  }
  fm.explainUser = std::clamp(fm.explainUser, 0, static_cast<int>(users.size()) - 1);
  fm.explainCustomer = std::clamp(fm.explainCustomer, 0, static_cast<int>(clients.size()) - 1);
  fm.explainAction = std::clamp(fm.explainAction, 0, static_cast<int>(actions.size()) - 1);
  // Labels in one table row and pickers in the next keep each on one baseline (a combo's label
  // drawn after another cell's frame inherits its text offset and drifts down).
  if (ImGui::BeginTable("##explainpick", 3, ImGuiTableFlags_SizingStretchProp)) {
    ImGui::TableSetupColumn("user", ImGuiTableColumnFlags_WidthStretch, 1.4f);
    ImGui::TableSetupColumn("client", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn("action", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    for (const char* label : {"Partner user", "Customer", "Action"}) {
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(label);
    }
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ui::combo("", "explain.user", fm.explainUser, users, 0.0f);
    ImGui::TableNextColumn();
    ui::combo("", "explain.customer", fm.explainCustomer, clients, 0.0f);
    ImGui::TableNextColumn();
    ui::combo("", "explain.action", fm.explainAction, actions, 0.0f);
    ImGui::EndTable();
  }
  ImGui::Spacing();
  const MUser& u = m.users[static_cast<size_t>(fm.explainUser)];
  const MCustomer& c = m.customers[static_cast<size_t>(fm.explainCustomer)];
  const Explanation e =
      ctx.backend
          ? ctx.backend->explain(u.id, c.tenantId, actionIds[static_cast<size_t>(fm.explainAction)])
          : Explanation{};
  ui::beginCard("card.explain", ImVec2(0, 0));
  ImGui::PushFont(fonts().title);
  ImGui::TextColored(e.allowed ? palette().ok : palette().danger, "%s",
                     e.allowed ? "Allowed" : "Not allowed");
  ImGui::PopFont();
  testHook().state("explain.allowed", e.allowed ? "true" : "false");
  std::string chain, missing;
  for (size_t i = 0; i < e.steps.size(); ++i) {
    const ExplainStep& s = e.steps[i];
    ImGui::PushID(static_cast<int>(i));
    ui::statusDot(s.ok ? palette().ok : palette().danger);
    ImGui::SameLine();
    ImGui::PushFont(fonts().strong);
    ImGui::TextUnformatted(s.kindLabel.c_str());
    ImGui::PopFont();
    ImGui::SameLine(dp(170));
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(s.kind == LinkKind::permission ? actionLabel(s.text).c_str()
                                                          : s.text.c_str());
    ImGui::PopTextWrapPos();
    ImGui::PopID();
    chain += s.kindLabel + ": " + s.text + "\n";
    if (!s.ok && missing.empty()) missing = s.kindLabel + ": " + s.text;
  }
  if (!e.summary.empty()) {
    ImGui::Spacing();
    ui::mutedWrapped(e.summary);
  }
  testHook().state("explain.chain", chain);
  testHook().state("explain.missing", missing);
  testHook().state("explain.summary", e.summary);
  ui::endCard();
}

}  // namespace delegate::web

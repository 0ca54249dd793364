// The frame around every screen: top bar, navigation, banners and overlays.
#include <imgui.h>

#include <algorithm>

#include "web/platform/test_hook.hpp"
#include "web/ui/theme.hpp"
#include "web/ui/widgets.hpp"
#include "web/views/fixed_window.hpp"
#include "web/views/views.hpp"

namespace delegate::web {

namespace {

struct Indicator {
  std::string text;
  ImVec4 color;
  const char* stateValue;
};

Indicator connectionIndicator(const ViewCtx& ctx) {
  switch (ctx.connection) {
    case Connection::Connecting:
      return {"Connecting...", palette().muted, "connecting"};
    case Connection::Connected:
      return {"Connected to " + ctx.serverName + " " + ctx.serverVersion, palette().ok,
              "connected"};
    case Connection::Sandbox:
      return {"Sandbox (no server)", palette().warning, "sandbox"};
  }
  return {"", palette().muted, ""};
}

// What the dot next to the product name says: the sync state when signed in to a server.
Indicator syncIndicator(const ViewCtx& ctx) {
  if (ctx.connection != Connection::Connected || !ctx.signedIn) return connectionIndicator(ctx);
  switch (ctx.sync) {
    case SyncStatus::Synced:
      if (ctx.detailsPending) return {"Loading relationships...", palette().accent, "syncing"};
      return {"Synced", palette().ok, "synced"};
    case SyncStatus::Syncing:
    case SyncStatus::Idle:
      return {"Syncing...", palette().accent, "syncing"};
    case SyncStatus::OfflineRetrying: {
      int s = static_cast<int>(std::max(0.0, ctx.retryInMs) / 1000.0 + 0.99);
      return {"Offline, retrying in " + std::to_string(s) + " s", palette().warning, "offline"};
    }
    case SyncStatus::Error:
      return {"Sync error", palette().danger, "error"};
  }
  return connectionIndicator(ctx);
}

void topBarButton(const char* label, const std::string& id, bool* clicked, const char* tip) {
  ImGui::PushStyleColor(ImGuiCol_Button, ImVec4(1, 1, 1, 0.06f));
  ImGui::PushStyleColor(ImGuiCol_ButtonHovered, ImVec4(1, 1, 1, 0.14f));
  ImGui::PushStyleColor(ImGuiCol_ButtonActive, ImVec4(1, 1, 1, 0.20f));
  ImGui::PushStyleColor(ImGuiCol_Text, palette().topBarText);
  ImGui::PushStyleColor(ImGuiCol_Border, ImVec4(0, 0, 0, 0));
  std::string full = std::string(label) + "##" + id;
  if (ImGui::Button(full.c_str())) *clicked = true;
  testHook().item(id);
  if (tip && ImGui::IsItemHovered()) ui::tooltip(tip);
  ImGui::PopStyleColor(5);
}

}  // namespace

bool largePartner(const Model& m) {
  return m.customers.size() >= 100;
}

void screenHeader(const char* title, const std::string& summary) {
  ui::title(title);
  testHook().item("main.title");
  testHook().state("title", title);
  if (!summary.empty()) ui::mutedWrapped(summary);
  ImGui::Spacing();
}

void drawTopBar(const ViewCtx& ctx, UiState& ui, Intents& out) {
  const Layout& layout = ctx.layout;
  if (beginFixedWindow("##topbar", layout.topBarPos, layout.topBarSize, palette().topBar)) {
    const float h = layout.topBarSize.y;
    ImGui::PushFont(fonts().title);
    ImGui::SetCursorPosY((h - ImGui::GetTextLineHeight()) * 0.5f);
    ImGui::TextColored(ImVec4(1, 1, 1, 1), "Delegate");
    ImGui::PopFont();
    testHook().item("topbar.title");

    const float frameY = (h - ImGui::GetFrameHeight()) * 0.5f;
    // Who is looking.
    if (ctx.signedIn && !ctx.m.tenantName.empty()) {
      ImGui::SameLine(0, dp(22));
      ImGui::SetCursorPosY((h - ImGui::GetTextLineHeight()) * 0.5f);
      ImGui::PushStyleColor(ImGuiCol_Text, palette().topBarText);
      ImGui::TextUnformatted(ctx.m.tenantName.c_str());
      ImGui::PopStyleColor();
      testHook().item("topbar.tenant");
      testHook().state("tenant", ctx.m.tenantName);
      testHook().state("me", ctx.m.meUpn);
    }
    // Right side: search, notifications, theme, status, account.
    Indicator ind = syncIndicator(ctx);
    const ImGuiStyle& st = ImGui::GetStyle();
    const float dot = ImGui::GetTextLineHeight() * 0.5f;
    const float indW = dot + st.ItemSpacing.x + ImGui::CalcTextSize(ind.text.c_str()).x;
    auto bw = [&](const char* s) { return ImGui::CalcTextSize(s).x + st.FramePadding.x * 2; };
    int unread = 0;
    for (auto& n : ctx.m.notifications) unread += n.read ? 0 : 1;
    std::string bell = unread ? "Notifications (" + std::to_string(unread) + ")" : "Notifications";
    const char* themeLabel = ui.theme == ThemeMode::Dark ? "Light" : "Dark";
    // Search finds clients and users of the signed-in organization: nothing to find before.
    const bool search = tenantKnown(ctx);
    float total = bw(themeLabel) + indW + st.ItemSpacing.x * 3;
    if (search) total += bw("Search  Ctrl+K") + st.ItemSpacing.x;
    if (ctx.signedIn) total += bw(bell.c_str()) + st.ItemSpacing.x;
    if (ctx.signedIn && !ctx.sandbox) total += bw("Sign out") + st.ItemSpacing.x;
    if (ctx.sandbox && !ctx.personas.empty()) {
      ImGui::SameLine(0, dp(14));
      ImGui::SetCursorPosY(frameY);
      ImGui::PushStyleColor(ImGuiCol_FrameBg, ImVec4(1, 1, 1, 0.08f));
      ImGui::PushStyleColor(ImGuiCol_Text, palette().topBarText);
      ImGui::PushStyleColor(ImGuiCol_Border, ImVec4(1, 1, 1, 0.18f));
      // As wide as the bar leaves between the organization and the buttons on the right (at
      // 1024 px less than 300), the name ending in "..." when it does not fit.
      const float room =
          layout.topBarSize.x - st.WindowPadding.x - total - dp(24) - ImGui::GetCursorPosX();
      const float comboW = std::clamp(room, dp(140), dp(300));
      ImGui::SetNextItemWidth(comboW);
      int current = ctx.persona;
      const std::string& label = ctx.personas[static_cast<size_t>(
          std::clamp(current, 0, static_cast<int>(ctx.personas.size()) - 1))];
      const std::string preview =
          ui::ellipsize(label, comboW - ImGui::GetFrameHeight() - st.FramePadding.x * 2);
      // Every persona in view at once: demo cast plus anyone who signed up here.
      bool open = ImGui::BeginCombo("##persona", preview.c_str(), ImGuiComboFlags_HeightLargest);
      testHook().item("persona");
      testHook().state("persona", label);
      ImGui::PopStyleColor(3);
      if (open) {
        for (size_t i = 0; i < ctx.personas.size(); ++i) {
          if (ImGui::Selectable(ctx.personas[i].c_str(), static_cast<int>(i) == current))
            out.push_back(SwitchPersona{static_cast<int>(i)});
          testHook().item("persona.option." + std::to_string(i));
        }
        ImGui::EndCombo();
      }
      if (ImGui::IsItemHovered() && !open)
        ui::tooltip(label +
                    "\nSandbox persona: see the app as this person. Data stays in this "
                    "browser.");
    }

    ImGui::SameLine(std::max(ImGui::GetCursorPosX() + dp(12),
                             layout.topBarSize.x - st.WindowPadding.x - total));
    ImGui::SetCursorPosY(frameY);
    bool clicked = false;
    if (search) {
      topBarButton("Search  Ctrl+K", "topbar.search", &clicked, "Find a customer or a user");
      if (clicked) out.push_back(OpenQuickSearch{});
      ImGui::SameLine();
      ImGui::SetCursorPosY(frameY);
    }
    if (ctx.signedIn) {
      clicked = false;
      topBarButton(bell.c_str(), "topbar.notifications", &clicked, nullptr);
      if (clicked) ui.notificationsOpen = !ui.notificationsOpen;
      testHook().state("unread", std::to_string(unread));
      ImGui::SameLine();
      ImGui::SetCursorPosY(frameY);
    }
    clicked = false;
    topBarButton(themeLabel, "topbar.theme", &clicked, "Switch between light and dark");
    if (clicked) out.push_back(ToggleTheme{});
    testHook().state("theme", ui.theme == ThemeMode::Dark ? "dark" : "light");

    ImGui::SameLine(0, st.ItemSpacing.x * 2);
    ImGui::SetCursorPosY((h - ImGui::GetTextLineHeight()) * 0.5f);
    ImGui::BeginGroup();
    ui::statusDot(ind.color);
    ImGui::SameLine();
    ImGui::TextColored(palette().topBarText, "%s", ind.text.c_str());
    ImGui::EndGroup();
    testHook().item("topbar.connection");
    if (ImGui::IsItemHovered()) {
      Indicator c = connectionIndicator(ctx);
      std::string tip = c.text;
      if (ctx.connection == Connection::Sandbox)
        tip = "No Delegate server answered (" + ctx.sandboxReason +
              ").\nThe app runs on a demo world kept in this browser.\nClick to look for a server "
              "again.";
      else if (!ctx.syncError.empty())
        tip += "\n" + ctx.syncError;
      ui::tooltip(tip);
    }
    if (ctx.connection == Connection::Sandbox && ImGui::IsItemClicked())
      out.push_back(RetryConnection{});
    Indicator c = connectionIndicator(ctx);
    testHook().state("connection", c.stateValue);
    testHook().state("connectionText", c.text);
    testHook().state("sync", ind.stateValue);
    testHook().state("syncText", ind.text);
    if (ctx.signedIn && !ctx.sandbox) {
      ImGui::SameLine();
      ImGui::SetCursorPosY(frameY);
      clicked = false;
      topBarButton("Sign out", "topbar.signout", &clicked, ctx.m.meUpn.c_str());
      if (clicked) out.push_back(SignOut{});
    }
  }
  endFixedWindow();
}

namespace {

struct NavItem {
  Section section;
  std::string label;
  std::string id;  // test id suffix
  int indent = 0;
  bool header = false;  // a group label that is not itself a screen
};

std::vector<NavItem> navItems(const ViewCtx& ctx) {
  std::vector<NavItem> items;
  // Nothing until the organization's kind is known: a client never sees partner entries.
  if (!tenantKnown(ctx)) return items;
  if (ctx.m.tenantKind == TenantKind::Customer) {
    items.push_back({Section::CustomerHome, "Home", "customer-home"});
    items.push_back({Section::Partners, "Partners", "partners"});
    items.push_back({Section::MyUsers, "Users", "my-users"});
    items.push_back({Section::MyDomains, "Domains", "my-domains"});
    items.push_back({Section::CustomerActivity, "Activity", "customer-activity"});
    if (ctx.m.isAdmin) items.push_back({Section::Mail, "Mail", "mail"});
    items.push_back({Section::Settings, "Settings", "settings"});
    return items;
  }
  if (largePartner(ctx.m)) {
    // Seed: with 100 or more clients the offer lives under Partner overview.
    items.push_back({Section::Overview, "Partner overview", "overview"});
    items.push_back({Section::Offers, "Send delegated administration offers", "offers", 1});
  } else {
    items.push_back({Section::Overview, "Overview", "overview"});
    items.push_back({Section::Offers, "Build your business", "build-your-business", 0, true});
    items.push_back({Section::Offers, "Delegate admin offer", "offers", 1});
  }
  items.push_back({Section::Customers, "Customers", "customers"});
  items.push_back({Section::Relationships, "Relationships", "relationships"});
  items.push_back({Section::PartnerUsers, "Partner users", "partner-users"});
  items.push_back({Section::Activity, "Activity", "activity"});
  items.push_back({Section::Explain, "Explain access", "explain"});
  if (ctx.m.isAdmin) items.push_back({Section::Mail, "Mail", "mail"});
  if (ctx.m.isAdmin) items.push_back({Section::Webhooks, "Webhooks", "webhooks"});
  items.push_back({Section::Settings, "Settings", "settings"});
  return items;
}

}  // namespace

void drawNavigation(const ViewCtx& ctx, UiState& ui, Intents& out) {
  const Layout& layout = ctx.layout;
  if (!showsNavigation(ctx)) {
    testHook().state("nav", "");
    testHook().state("navVariant", "none");
    return;
  }
  if (beginFixedWindow("##nav", layout.navPos, layout.navSize, palette().navBar)) {
    const float rowH = ImGui::GetTextLineHeight() + ImGui::GetStyle().FramePadding.y * 3.0f;
    ImGui::PushStyleVar(ImGuiStyleVar_SelectableTextAlign, ImVec2(0.0f, 0.5f));
    std::string labels;
    for (const NavItem& item : navItems(ctx)) {
      if (item.header) {
        ImGui::Dummy(ImVec2(0, dp(2)));
        ImGui::PushFont(fonts().small);
        ui::muted("%s", item.label.c_str());
        ImGui::PopFont();
        testHook().item("nav." + item.id);
        labels += item.label + "\n";
        continue;
      }
      const bool selected = ui.section == item.section || (item.section == Section::Customers &&
                                                           ui.section == Section::Workspace);
      if (selected) ImGui::PushFont(fonts().strong);
      if (item.indent) ImGui::Indent(dp(14));
      // Long labels wrap inside the navigation instead of being cut.
      std::string label = "##nav." + item.id;
      const float padX = ImGui::GetStyle().FramePadding.x * 0.5f;
      const float wrapW = ImGui::GetContentRegionAvail().x - padX * 2;
      const ImVec2 textSize = ImGui::CalcTextSize(item.label.c_str(), nullptr, false, wrapW);
      const float h = std::max(rowH, textSize.y + ImGui::GetStyle().FramePadding.y * 3.0f);
      const ImVec2 at = ImGui::GetCursorScreenPos();
      // From a client's workspace, Customers (shown selected) still leads back to the list.
      if (ImGui::Selectable(label.c_str(), selected, 0, ImVec2(0, h)) && ui.section != item.section)
        out.push_back(Navigate{item.section, ""});
      ImGui::GetWindowDrawList()->AddText(
          nullptr, 0.0f, ImVec2(at.x + padX, at.y + (h - textSize.y) * 0.5f),
          ImGui::GetColorU32(ImGuiCol_Text), item.label.c_str(), nullptr, wrapW);
      if (item.indent) ImGui::Unindent(dp(14));
      if (selected) ImGui::PopFont();
      testHook().item("nav." + item.id);
      labels += item.label + "\n";
    }
    ImGui::PopStyleVar();
    testHook().state("nav", labels);
    testHook().state("navVariant", !tenantKnown(ctx)                          ? "none"
                                   : ctx.m.tenantKind == TenantKind::Customer ? "customer"
                                   : largePartner(ctx.m)                      ? "large"
                                                                              : "small");
    // Sandbox tools at the bottom of the navigation.
    if (ctx.sandbox) {
      // A narrow navigation (1024 px) wraps the note and puts Reset on a second row.
      const float y = layout.navSize.y - ImGui::GetFrameHeightWithSpacing() * 3 - dp(40);
      if (ImGui::GetCursorPosY() < y) ImGui::SetCursorPosY(y);
      ImGui::Separator();
      ImGui::PushFont(fonts().small);
      ui::mutedWrapped("Sandbox: data stays in this browser");
      ImGui::PopFont();
      const ImGuiStyle& gs = ImGui::GetStyle();
      auto sameLineIfRoom = [&](const char* next) {
        const float w = ImGui::CalcTextSize(next).x + gs.FramePadding.x * 2;
        if (ImGui::GetItemRectMax().x + gs.ItemSpacing.x + w <=
            ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x)
          ImGui::SameLine();
      };
      if (ui::button("Export", "sandbox.export", ui::ButtonKind::Secondary))
        out.push_back(SandboxExport{});
      sameLineIfRoom("Import");
      if (ui::button("Import", "sandbox.import", ui::ButtonKind::Secondary))
        out.push_back(SandboxImport{});
      sameLineIfRoom("Reset");
      if (ui::button("Reset", "sandbox.reset", ui::ButtonKind::Secondary))
        out.push_back(confirmThen({"Reset the sandbox?",
                                   "Every change you made in this browser is discarded and the "
                                   "demo world starts over.",
                                   "Reset", true},
                                  {SandboxReset{}}));
    }
  }
  endFixedWindow();
}

}  // namespace delegate::web

#include "web/app/server_backend.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <set>

#include "core/apply.hpp"
#include "core/json_forms.hpp"
#include "core/pages.hpp"
#include "core/portfolio_delta.hpp"
#include "core/scopes.hpp"
#include "web/app/core_adapter.hpp"
#include "web/app/projection.hpp"
#include "web/platform/browser.hpp"
#include "web/platform/fetch.hpp"

namespace delegate::web {

struct ServerBackend::Impl {
  State view;  // this principal's view of the world, as the server sends it
  std::uint64_t revision = 0;
  UserId me;
  Projection projection;
  KnownSecrets secrets;
  std::string linkBase = locationOrigin();
  std::function<void()> onEnded;
  std::shared_ptr<bool> alive = std::make_shared<bool>(true);
  double lastApplyMs = 0;  // how long the last snapshot took to apply (bench)
  // Where the time of the last snapshot and the last details went, for the bench.
  std::string snapshotTimes, detailsTimes;
  std::string storeId;
  // Events applied from our own command answers, ahead of the sync revision; the long poll
  // brings them again and they are skipped.
  std::set<std::uint64_t> appliedAhead;

  // The server's summary of each client, by tenant id: the Customers list until the portfolio's
  // details arrive, and the directory facts (users, default domain) of clients whose directories
  // the view leaves out after that.
  std::vector<ClientSummary> counted;
  bool detailsPending = false;  // the view is the portfolio's head; its details are coming
  // The details come in parts of about kClientsPerPart clients, each asked for when the last is
  // held: the page draws frames while the next one is on its way.
  static constexpr std::size_t kClientsPerPart = 400;
  std::uint32_t detailsParts = 0, detailsNext = 0;
  double detailsLongestMs = 0, detailsAllMs = 0;
  std::function<void(std::uint32_t part, std::uint32_t parts)> askDetails;
  std::string focus;  // the client whose workspace is on screen
  // Quick search: the question asked of the server last, and its answer.
  std::string searched;
  std::vector<ClientUserMatch> matches;
  // The workspace's users when its directory is paged.
  WorkspacePages pages;

  // The rows drawn once the details are held, recomputed over the view: all of them after a
  // snapshot, the details or the clock moving; otherwise only the clients changes reached.
  std::vector<ClientSummary> summaries;
  bool summariesAll = true;
  std::set<TenantId> touched;
  void reach(const Event& e) {
    if (summariesAll) return;
    const SummaryReach r = summaryReachOf(view, me, e);
    if (r.all)
      summariesAll = true;
    else if (r.client)
      touched.insert(*r.client);
  }

  std::uint64_t modelVersion = 0;  // bumps on every change (tables rebuild their order then)
  void reproject() {
    if (detailsPending) {
      summariesAll = true;
    } else if (summariesAll) {
      summaries = clientSummaries(view, me, view.clock, &counted);
    } else if (!touched.empty()) {
      refreshSummaries(view, me, view.clock, touched, summaries, &counted);
    }
    if (!detailsPending) {
      summariesAll = false;
      touched.clear();
    }
    projection.rebuild(view, me, secrets, linkBase, ++modelVersion,
                       detailsPending ? counted : summaries);
  }

  // Summaries come with every snapshot (all of them) and with events that change a client's
  // directory facts the view cannot see (those rows only).
  bool takeClients(const nlohmann::json& j, bool all) {
    if (!j.contains("clients") || !j["clients"].is_array()) return true;
    std::vector<ClientSummary> rows;
    rows.reserve(j["clients"].size());
    for (const nlohmann::json& c : j["clients"]) {
      auto row = entityFromJson<ClientSummary>(c);
      if (!row.ok()) return false;
      rows.push_back(row.value());
    }
    if (all) {
      counted = std::move(rows);
      summariesAll = true;
      return true;
    }
    for (const ClientSummary& row : rows) {
      upsertClient(counted, row);
      touched.insert(row.tenantId);
    }
    return true;
  }

  // Applies a GET /api/view answer: a snapshot, or events after our revision.
  std::uint64_t applyView(const std::string& body, bool ownAnswer = false) {
    const double start = monotonicMs();
    nlohmann::json j = nlohmann::json::parse(body, nullptr, false);
    if (j.is_discarded() || !j.is_object()) return 0;
    const double parsed = monotonicMs();
    std::uint64_t rev = j.contains("revision") && j["revision"].is_number_unsigned()
                            ? j["revision"].get<std::uint64_t>()
                            : 0;
    bool changed = false;
    if (j.contains("storeId") && j["storeId"].is_string())
      storeId = j["storeId"].get<std::string>();
    if (j.contains("snapshot") && j["snapshot"].is_object()) {
      const nlohmann::json& snap = j["snapshot"];
      auto st = stateFromJson(snap.contains("state") ? snap["state"] : snap);
      if (!st.ok()) return 0;
      if (!takeClients(j, true)) return 0;
      view = std::move(st.value());
      view.rebuildIndex();
      summariesAll = true;
      detailsPending = j.contains("detailsFollow") && j["detailsFollow"] == true;
      detailsParts = static_cast<std::uint32_t>(
          std::max<std::size_t>(1, (counted.size() + kClientsPerPart - 1) / kClientsPerPart));
      detailsNext = 0;
      detailsLongestMs = detailsAllMs = 0;
      if (detailsPending && askDetails) askDetails(detailsNext, detailsParts);
      appliedAhead.clear();
      changed = true;
    }
    if (j.contains("events") && j["events"].is_array()) {
      for (const nlohmann::json& e : j["events"]) {
        const std::uint64_t evRev = e.contains("revision") && e["revision"].is_number_unsigned()
                                        ? e["revision"].get<std::uint64_t>()
                                        : 0;
        if (evRev && (appliedAhead.erase(evRev) || (!ownAnswer && evRev <= revision))) continue;
        auto ev = eventFromJson(e.contains("event") ? e["event"] : e);
        if (!ev.ok()) continue;
        reach(ev.value());
        delegate::apply(view, ev.value());
        if (ownAnswer && evRev > revision) appliedAhead.insert(evRev);
        changed = true;
      }
    }
    if (!j.contains("snapshot") && j.contains("clients")) {
      if (!takeClients(j, false)) return 0;
      changed = true;
    }
    // A visibility change: each client it moved, whole, after the events (the core's slice of
    // the portfolio). A client no longer visible leaves, and an open workspace the viewer may
    // no longer read loses its directory: the workspace shows closed, with the core's reason.
    if (j.contains("slices") && j["slices"].is_array()) {
      for (const nlohmann::json& js : j["slices"]) {
        auto slice = entityFromJson<PortfolioSlice>(js);
        if (!slice.ok()) return 0;
        applySlice(view, counted, slice.value());
        touched.insert(slice.value().tenantId);
      }
      changed = true;
    }
    // Opening a workspace: its directory at the answer's revision, after the events up to it.
    if (j.contains("workspace") && j["workspace"].is_object()) {
      auto dir = entityFromJson<WorkspaceDirectory>(j["workspace"]);
      if (!dir.ok()) return 0;
      attachWorkspace(view, dir.value());
      touched.insert(dir.value().tenantId);
      changed = true;
    }
    // The portfolio's details after its head, at the answer's revision.
    if (j.contains("details") && j["details"].is_object()) {
      auto details = entityFromJson<PortfolioDetails>(j["details"]);
      if (!details.ok()) return 0;
      attachDetails(view, details.value());
      summariesAll = true;
      // The model is rebuilt once, after the last part: the rows stay the server's meanwhile,
      // and rebuilding the relationships and assignments held so far after each of 25 parts
      // took 145 ms a part.
      if (++detailsNext < detailsParts && askDetails) {
        askDetails(detailsNext, detailsParts);
      } else {
        detailsPending = false;
        changed = true;
      }
    }
    if (ownAnswer) {
      if (changed) reproject();
      return 0;
    }
    if (rev) revision = std::max(revision, rev);
    const double decoded = monotonicMs();
    if (changed) reproject();
    const double done = monotonicMs();
    lastApplyMs = done - start;
    auto times = [&]() {
      char text[160];
      std::snprintf(text, sizeof text, "%.2f MB: parse %.0f ms, decode %.0f ms, project %.0f ms",
                    static_cast<double>(body.size()) / 1048576.0, parsed - start, decoded - parsed,
                    done - decoded);
      return std::string(text);
    };
    if (j.contains("snapshot")) snapshotTimes = times();
    if (j.contains("details")) {
      detailsAllMs += done - start;
      if (done - start >= detailsLongestMs) {
        detailsLongestMs = done - start;
        detailsTimes = times();
      }
      if (!detailsPending) {
        char all[96];
        std::snprintf(all, sizeof all, " (the longest of %u parts; all parts %.0f ms)",
                      detailsParts, detailsAllMs);
        detailsTimes += all;
      }
    }
    return rev;
  }
};

ServerBackend::ServerBackend() : impl_(std::make_unique<Impl>()) {}
ServerBackend::~ServerBackend() = default;

std::string ServerBackend::begin(const std::string& meBody, std::function<void()> onEnded,
                                 std::function<void()> onSynced) {
  impl_->onEnded = std::move(onEnded);
  nlohmann::json me = nlohmann::json::parse(meBody, nullptr, false);
  if (me.is_discarded() || !me.is_object()) return "The server sent an unreadable GET /api/me.";
  if (me.contains("csrfToken") && me["csrfToken"].is_string())
    setDefaultHeader("X-CSRF-Token", me["csrfToken"].get<std::string>());
  // The user id: {"user": {"id"}} or {"userId"} or {"id"}.
  std::string id;
  if (me.contains("user") && me["user"].is_object() && me["user"].contains("id"))
    id = me["user"]["id"].get<std::string>();
  else if (me.contains("userId") && me["userId"].is_string())
    id = me["userId"].get<std::string>();
  else if (me.contains("id") && me["id"].is_string())
    id = me["id"].get<std::string>();
  auto uid = UserId::parse(id);
  if (!uid) return "GET /api/me did not say who is signed in.";
  impl_->me = *uid;
  SyncClient::Handlers h;
  h.onView = [this](const std::string& body) {
    std::uint64_t rev = impl_->applyView(body);
    sync_.storeId = impl_->storeId;
    return rev;
  };
  h.onAnswered = std::move(onSynced);
  h.onSignedOut = [this]() {
    if (impl_->onEnded) impl_->onEnded();
  };
  if (auto w = queryParam("wait"); !w.empty()) sync_.waitSeconds = std::atoi(w.c_str());
  // The portfolio, not the whole view: a Full agent over 10,000 clients is sent one summary per
  // client instead of a million users.
  sync_.setScope(scopeQuery(""));
  // Its head first: the Customers list draws from the summaries while the relationships and
  // access assignments (most of a large partner's bytes) follow.
  sync_.firstQuery = "details=later";
  impl_->askDetails = [this](std::uint32_t part, std::uint32_t parts) {
    sync_.askOnce("details=1&part=" + std::to_string(part) + "&parts=" + std::to_string(parts));
  };
  sync_.start(h, 0);
  impl_->reproject();
  return "";
}

const Model& ServerBackend::model() const {
  return impl_->projection.model();
}

void ServerBackend::submit(const nlohmann::json& command, const std::string& actingTenant,
                           CommandDone done) {
  std::map<std::string, std::string> headers;
  if (!actingTenant.empty()) headers["X-Acting-Tenant"] = actingTenant;
  std::weak_ptr<bool> alive = impl_->alive;
  httpRequest(
      "POST", apiBase() + "api/commands", command.dump(),
      [this, done, alive](const HttpResponse& r) {
        CommandResult result;
        result.status = r.status;
        if (alive.expired()) {
          result.message = "Signed out before the server answered.";
          done(result);
          return;
        }
        if (r.status >= 200 && r.status < 300) {
          result.ok = true;
          result.body = nlohmann::json::parse(r.body, nullptr, false);
          if (result.body.is_object()) {
            // Secrets issued by this command: shown once, remembered for links.
            if (result.body.contains("secrets") && result.body["secrets"].is_array())
              for (const nlohmann::json& s : result.body["secrets"]) {
                const std::string kind = s.value("kind", "");
                const std::string subject = s.value("subjectId", "");
                const std::string value = s.value("value", "");
                if (kind == "offerToken") {
                  impl_->secrets.offerTokens[subject] = value;
                  result.secret = value;
                } else if (kind == "approvalToken") {
                  impl_->secrets.approvalTokens[subject] = value;
                  result.secret = subject + "/approve?token=" + value;
                } else {
                  result.secret = value;
                }
              }
            // Our own events apply at once; the long poll skips what we have.
            impl_->applyView(r.body, true);
          }
          done(result);
          return;
        }
        if (r.status == 401 && impl_->onEnded) impl_->onEnded();
        ApiError e = parseApiError(r);
        result.code = e.code;
        result.message = e.message;
        result.target = e.target;
        done(result);
      },
      headers);
}

AccessAnswer ServerBackend::can(const std::string& action, const std::string& customerId,
                                const std::string& targetUserId) const {
  // The rights in a client follow from relationships the head does not hold yet: say so rather
  // than refuse with a missing relationship.
  if (impl_->detailsPending && !customerId.empty())
    return {false, "Your relationships are still loading; try again in a moment."};
  return impl_->projection.can(impl_->view, action, customerId, targetUserId);
}

Explanation ServerBackend::explain(const std::string& userId, const std::string& customerId,
                                   const std::string& action) const {
  return impl_->projection.explain(impl_->view, userId, customerId, action);
}

const ClientDirectory& ServerBackend::directory(const std::string& customerId) const {
  // Until the first answer for this workspace arrives, the view holds none of its directory.
  if (sync_.syncedScope() != scopeQuery(customerId)) {
    static const ClientDirectory loading{true, {}, {}, {}};
    return loading;
  }
  return impl_->projection.directory(impl_->view, customerId);
}

namespace {
std::string percentEncoded(const std::string& text) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}
}  // namespace

const std::vector<ClientUserMatch>& ServerBackend::findClientUsers(const std::string& query) const {
  Impl& impl = *impl_;
  if (query == impl.searched) return impl.matches;
  impl.searched = query;
  if (query.size() < 2) {
    impl.matches.clear();
    return impl.matches;
  }
  std::weak_ptr<bool> alive = impl.alive;
  httpRequest(
      "GET", apiBase() + "api/users?limit=30&search=" + percentEncoded(query), "",
      [&impl, alive, query](const HttpResponse& r) {
        if (alive.expired() || query != impl.searched) return;  // a newer question
        nlohmann::json j = nlohmann::json::parse(r.body, nullptr, false);
        std::vector<ClientUserHit> hits;
        if (r.status == 200 && j.is_object() && j.contains("users") && j["users"].is_array())
          for (const nlohmann::json& h : j["users"]) {
            if (!h.is_object() || !h.contains("user") || !h.contains("tenantId") ||
                !h["tenantId"].is_string())
              continue;
            auto tenant = TenantId::parse(h["tenantId"].get<std::string>());
            auto user = entityFromJson<User>(h["user"]);
            if (tenant && user.ok()) hits.push_back({*tenant, user.value()});
          }
        impl.matches = clientUserMatches(impl.view, hits);
      });
  return impl.matches;
}

void ServerBackend::focus(const std::string& customerId) {
  if (customerId == impl_->focus) return;
  // The closed workspace's directory leaves the view (and stops being sent); the new one comes
  // over the portfolio in hand.
  if (auto previous = TenantId::parse(impl_->focus)) {
    releaseWorkspace(impl_->view, *previous);
    impl_->touched.insert(*previous);
    impl_->reproject();
  }
  impl_->focus = customerId;
  sync_.setScope(scopeQuery(customerId), customerId.empty() ? "" : "open=1");
}

std::string ServerBackend::scopeQuery(const std::string& workspace) {
  return "scope=portfolio" + (workspace.empty() ? std::string() : "&workspace=" + workspace);
}

void ServerBackend::tick(double nowMs) {
  sync_.tick(nowMs);
  // The portfolio's count says whether the workspace on screen is paged (the core's rule).
  std::size_t users = 0;
  if (auto id = TenantId::parse(impl_->focus)) {
    const ClientSummary* row = findClient(impl_->counted, *id);
    if (row && row->directoryReadable) users = row->users;
  }
  impl_->pages.follow(impl_->focus, users, impl_->modelVersion, nowMs,
                      [this](const std::string& customerId) { return pageFetch(customerId); });
}

const UserPager* ServerBackend::pagedUsers(const std::string& customerId) const {
  return impl_->pages.of(customerId);
}

void ServerBackend::showUserRows(const std::string& customerId, const UserRowsQuery& query,
                                 std::size_t first, std::size_t last, double nowMs) {
  impl_->pages.show(customerId, query, first, last, nowMs);
}

UserPager::Fetch ServerBackend::pageFetch(const std::string& customerId) {
  std::weak_ptr<bool> alive = impl_->alive;
  return [this, alive, customerId](const UserPageQuery& q, UserPager::Answer done) {
    const std::string url =
        apiBase() + "api/tenants/" + customerId + "/users?search=" + percentEncoded(q.search) +
        "&orderBy=" + std::string(enumName(q.sort)) + (q.descending ? "%20desc" : "") +
        "&offset=" + std::to_string(q.offset) + "&limit=" + std::to_string(q.limit);
    httpRequest("GET", url, "", [this, alive, done, customerId](const HttpResponse& r) {
      if (alive.expired()) return;
      nlohmann::json j = nlohmann::json::parse(r.body, nullptr, false);
      if (r.status != 200 || !j.is_object() || !j.contains("total") ||
          !j["total"].is_number_unsigned() || !j.contains("users") || !j["users"].is_array())
        return done(std::nullopt);
      std::vector<User> users;
      for (const nlohmann::json& u : j["users"]) {
        auto user = entityFromJson<User>(u);
        if (!user.ok()) return done(std::nullopt);
        users.push_back(std::move(user.value()));
      }
      // Held in the view while the workspace is open: what the rows' buttons may do is the
      // core's answer about these users, and later events about them apply.
      if (customerId == impl_->focus) holdPageUsers(impl_->view, users);
      UserPager::Page page;
      page.total = j["total"].get<std::size_t>();
      page.users.reserve(users.size());
      for (const User& u : users) page.users.push_back(clientUserRow(impl_->view, u));
      done(std::move(page));
    });
  };
}

bool ServerBackend::detailsPending() const {
  return impl_->detailsPending;
}

double ServerBackend::lastApplyMs() const {
  return impl_->lastApplyMs;
}

std::string ServerBackend::applyTimes(bool details) const {
  return details ? impl_->detailsTimes : impl_->snapshotTimes;
}

}  // namespace delegate::web

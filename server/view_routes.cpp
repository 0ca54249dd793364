// GET
// /api/view?since=REV[&wait=SECONDS][&scope=portfolio[&workspace=TENANT[&open=1]][&details=..]]:
// the caller's visible events after REV, or a snapshot of their view. With `wait`, a long-poll
// that answers as soon as something visible happens. With scope=portfolio, the view is the core's
// portfolio (core/scopes.hpp): the caller's own organization and a summary per client, and events
// about clients' directories are left out, but for the one client open as the workspace. open=1
// opens that workspace over the portfolio held at REV (its directory, without a new snapshot).
// A visibility change in the portfolio comes as a delta: the events plus "slices", the core's
// slice of each client it moved (core/portfolio_delta.hpp); a snapshot only when the viewer's own
// rights changed, the open workspace gains access, or the viewer is too far behind.
// details=later makes a portfolio snapshot its head only (the summaries list the customers), and
// details=1 then brings the rest over the head held at REV (&part=K&parts=N: one part of it).
#include <httplib.h>
#include <optional>

#include <chrono>
#include <functional>
#include <memory>
#include <set>

#include "core/errors.hpp"
#include "core/json_forms.hpp"
#include "core/portfolio_delta.hpp"
#include "core/scopes.hpp"
#include "core/visibility.hpp"
#include "server/acting_principal.hpp"
#include "server/context_factory.hpp"
#include "server/decimal.hpp"
#include "server/http_errors.hpp"
#include "server/json_response.hpp"
#include "server/long_poll.hpp"
#include "server/routes.hpp"
#include "server/server_app.hpp"
#include "server/snapshot_writer.hpp"
#include "server/visibility_filter.hpp"

namespace delegate::server {

namespace {

constexpr int kMaxWaitSeconds = 25;
// Parts of a portfolio's details: a browser asks for about one per few hundred clients.
constexpr std::uint64_t kMaxDetailsParts = 1024;

// More visible events than this and a snapshot is smaller and cheaper to apply.
constexpr std::size_t kMaxIncrementalEvents = 2000;
// More clients touched than this and the slices would weigh about what a snapshot does.
constexpr std::size_t kMaxSlices = 1000;

bool parseUnsigned(const std::string& text, std::uint64_t& out) {
  auto v = parseDecimal(text, 19);
  if (v) out = *v;
  return v.has_value();
}

// What a snapshot holds: a token's one tenant, the caller's portfolio, or their whole view.
struct ViewScope {
  std::optional<TenantId> tenant;  // a scoped token is limited to this tenant
  bool portfolio = false;
  std::optional<TenantId> workspace;  // with the portfolio: the client open on screen
  bool detailsLater = false;          // a portfolio snapshot is its head; the details follow
};

// Whether a visible event belongs in the portfolio. A removed domain can no longer be traced to
// its tenant through the state; the hint names it.
bool inPortfolio(const State& state, UserId viewer, const std::optional<TenantId>& workspace,
                 const RecordedEvent& r, Timestamp now) {
  if (r.hint.removedDomainTenant) {
    const User* u = state.findUser(viewer);
    return u &&
           (*r.hint.removedDomainTenant == u->tenantId || r.hint.removedDomainTenant == workspace);
  }
  return canSeeInPortfolio(state, viewer, r.event, now, workspace);
}

struct Scan {
  bool snapshot = false;
  std::size_t count = 0;  // visible events that wake a long-poll (all but the clock's)
  std::size_t listed = 0;
  std::string events;  // comma-separated {"revision":R,"event":<stored body>}
  // Clients whose directory facts (user count, default domain) changed.
  std::set<TenantId> recounted;
  std::string clients;  // their summary rows, comma-separated, once the scan is done
  // Clients whose place in the portfolio a visibility change moved (core/portfolio_delta.hpp).
  std::set<TenantId> sliced;
  std::string slices;  // their slices, comma-separated, once the scan is done
};

// What a visible event changes in the portfolio beyond itself: nothing, one client's slice, or
// (the viewer's own rights, or what a slice cannot trace) a snapshot. The whole view has no
// slices: any visibility change brings its snapshot.
bool needsSnapshot(const State& state, const Principal& viewer, const ViewScope& scope,
                   const RecordedEvent& r, Scan& scan) {
  if (!scope.portfolio) return changesVisibility(r.event);
  const PortfolioChange change = portfolioChangeOf(state, viewer.userId, r.event);
  if (change.snapshot) return true;
  if (change.client) scan.sliced.insert(*change.client);
  return scan.sliced.size() > kMaxSlices;
}

// Visible events in (since, upTo], appended to `scan`, or a request for a snapshot. Visibility is
// judged at the request's time: a relationship that ended a second ago grants nothing even
// though its status event waits for the next clock tick (and then a snapshot at `now` is the
// only true answer, since no event in between says so).
void scanEvents(const State& state, const std::deque<RecordedEvent>& recent,
                const Principal& viewer, const ViewScope& scope, std::uint64_t since,
                std::uint64_t upTo, Scan& scan) {
  const Timestamp now = nowNotBefore(state.clock);
  if (rightsEndedSinceClock(state, viewer.userId, now)) {
    scan.snapshot = true;
    return;
  }
  if (since >= upTo) return;
  // Older than what memory holds: only a snapshot can bring the viewer up to date.
  if (recent.empty() || recent.front().revision > since + 1) {
    scan.snapshot = true;
    return;
  }
  std::size_t start = static_cast<std::size_t>(since + 1 - recent.front().revision);
  for (std::size_t i = start; i < recent.size() && recent[i].revision <= upTo; ++i) {
    const RecordedEvent& r = recent[i];
    if (!canViewerSee(state, viewer.userId, r.event, now, r.hint)) continue;
    // The rows count what the browser holds only a part of (the open workspace's directory may
    // be a page of it), so every change of a client's directory facts brings its row.
    if (scope.portfolio && r.hint.summaryTenant) scan.recounted.insert(*r.hint.summaryTenant);
    if (scope.portfolio && !inPortfolio(state, viewer.userId, scope.workspace, r, now)) continue;
    if (needsSnapshot(state, viewer, scope, r, scan) || ++scan.listed > kMaxIncrementalEvents) {
      scan.snapshot = true;
      return;
    }
    // Time passing is news to nobody: a tick rides along with the next answer (or the
    // long-poll's deadline) instead of waking every open long-poll at once.
    if (!std::holds_alternative<ClockAdvanced>(r.event)) ++scan.count;
    // The stored body is already the core's JSON: splice it in without re-encoding.
    if (!scan.events.empty()) scan.events += ',';
    scan.events += "{\"revision\":" + std::to_string(r.revision) + ",\"event\":";
    scan.events += r.body;
    scan.events += '}';
  }
  // The rows ride along with the answer; they do not wake a long-poll by themselves (a user
  // added in one of 10,000 clients is not news worth waking every agent for).
  // The open workspace's client gaining or keeping access through a change needs its directory
  // whole (a snapshot brings it); losing it, the slice closes the workspace with its reason.
  if (scope.workspace && scan.sliced.count(*scope.workspace) &&
      canReadDirectory(state, viewer.userId, *scope.workspace, now)) {
    scan.snapshot = true;
    return;
  }
  scan.clients.clear();
  for (TenantId t : scan.recounted) {
    if (scan.sliced.count(t)) continue;  // its slice holds its row
    if (!scan.clients.empty()) scan.clients += ',';
    scan.clients += entityToJson(clientSummary(state, viewer.userId, t, now)).dump();
  }
  scan.slices.clear();
  for (TenantId t : scan.sliced) {
    if (!scan.slices.empty()) scan.slices += ',';
    scan.slices += entityToJson(portfolioSliceOf(state, viewer.userId, t, now)).dump();
  }
}

// scanEvents() under the state's lock.
void scanRecent(ServerApp& app, const Principal& viewer, const ViewScope& scope,
                std::uint64_t since, std::uint64_t upTo, Scan& scan) {
  app.domain().readWithRecent(
      [&](const State& state, const std::deque<RecordedEvent>& recent, std::uint64_t) {
        scanEvents(state, recent, viewer, scope, since, upTo, scan);
      });
}

// Views with fewer entities than this are written in memory and sent whole (gzipped by the
// post-routing step when large enough); larger ones stream. A small view is a few kilobytes.
constexpr std::size_t kStreamAboveEntities = 64;

std::size_t entityCount(const State& s) {
  return s.tenants.size() + s.users.size() + s.groups.size() + s.domains.size() +
         s.subscriptions.size() + s.offers.size() + s.relationships.size() +
         s.accessAssignments.size() + s.notifications.size() + s.outbox.size() + s.audit.size();
}

// Sends a view body that holds the state at `revision`, once that revision is durable (the state
// may include a batch still being fsynced; never hand out what could vanish). Bodies of fewer
// than kStreamAboveEntities rows are written in memory; larger ones stream as they are encoded.
void sendDurableView(ServerApp& app, std::uint64_t revision, std::size_t rows,
                     std::function<void(JsonWriter&)> write, const httplib::Request& req,
                     httplib::Response& res) {
  if (!app.durable().waitDurable(revision,
                                 std::chrono::steady_clock::now() + std::chrono::seconds(10))) {
    sendError(res, errc::serviceUnavailable, "The store is busy; try again.");
    return;
  }
  if (rows < kStreamAboveEntities) {
    JsonWriter out;
    write(out);
    res.set_header("Cache-Control", "no-store");
    res.set_content(std::move(out.text()), kJsonContentType);
    return;
  }
  sendStreamedJson(req, res, std::move(write));
}

void sendSnapshot(ServerApp& app, const Principal& viewer, const ViewScope& scope,
                  const httplib::Request& req, httplib::Response& res) {
  auto view = std::make_shared<Portfolio>();
  // The open workspace rides beside the portfolio, as when it opened: paged when large, so a
  // snapshot with a workspace of 100,000 users open does not carry them all.
  std::shared_ptr<WorkspaceDirectory> workspace;
  std::uint64_t revision = 0;
  app.domain().read([&](const State& state, std::uint64_t applied) {
    const Timestamp now = nowNotBefore(state.clock);
    if (scope.portfolio) {
      *view = scope.detailsLater ? portfolioHeadOf(state, viewer.userId, now)
                                 : portfolioOf(state, viewer.userId, now);
      if (scope.workspace)
        workspace = std::make_shared<WorkspaceDirectory>(
            workspaceOf(state, viewer.userId, *scope.workspace, now));
    } else {
      view->state = scope.tenant ? scopedViewOf(state, viewer.userId, *scope.tenant, now)
                                 : viewOf(state, viewer.userId, now);
    }
    revision = applied;
  });
  const bool head = scope.portfolio && scope.detailsLater;
  auto write = [view, workspace, revision, portfolio = scope.portfolio, head,
                storeId = app.storeId()](JsonWriter& out) {
    if (portfolio)
      writePortfolioBody(out, revision, storeId, *view, workspace.get(), head);
    else
      writeSnapshotBody(out, revision, storeId, view->state);
  };
  const std::size_t workspaceRows = workspace ? workspace->users.size() : 0;
  // The view is the viewer's own copy: it is encoded outside the state's lock, as it is sent.
  sendDurableView(app, revision, entityCount(view->state) + view->clients.size() + workspaceRows,
                  write, req, res);
}

// Adds to the portfolio the browser holds at `since`, instead of a new snapshot of it (megabytes
// for a partner with thousands of clients): the portfolio's events since then and, at the same
// revision, the directory of the workspace opening (`open`) and the details after a head
// (`details`).
void sendOpened(ServerApp& app, const Principal& viewer, const ViewScope& scope,
                std::uint64_t since, bool open, std::optional<DetailsPart> details,
                const httplib::Request& req, httplib::Response& res) {
  ViewScope held = scope;
  if (open) held.workspace.reset();  // its directory comes whole
  Scan scan;
  auto workspace = std::make_shared<WorkspaceDirectory>();
  auto added = std::make_shared<PortfolioDetails>();
  std::uint64_t revision = 0;
  app.domain().readWithRecent(
      [&](const State& state, const std::deque<RecordedEvent>& recent, std::uint64_t applied) {
        scanEvents(state, recent, viewer, held, since, applied, scan);
        if (scan.snapshot) return;
        const Timestamp now = nowNotBefore(state.clock);
        if (open) *workspace = workspaceOf(state, viewer.userId, *scope.workspace, now);
        if (details) *added = portfolioDetailsOf(state, viewer.userId, now, *details);
        revision = applied;
      });
  if (scan.snapshot) return sendSnapshot(app, viewer, scope, req, res);
  auto write = [workspace, added, open, details = details.has_value(), revision,
                events = std::move(scan.events), clients = std::move(scan.clients),
                slices = std::move(scan.slices), storeId = app.storeId()](JsonWriter& out) {
    writeOpenedBody(out, revision, storeId, events, clients, slices,
                    open ? workspace.get() : nullptr, details ? added.get() : nullptr);
  };
  sendDurableView(app, revision,
                  workspace->users.size() + workspace->groups.size() + added->tenants.size() +
                      added->relationships.size() + added->accessAssignments.size(),
                  write, req, res);
}

void getView(ServerApp& app, const httplib::Request& req, httplib::Response& res) {
  auto who = requirePrincipal(app, req, res);
  if (!who) return;
  const Principal& viewer = who->second;
  ViewScope scope;
  if (!who->first.session.scopeTenant.empty())
    scope.tenant = TenantId::parse(who->first.session.scopeTenant);
  if (req.has_param("scope")) {
    if (req.get_param_value("scope") != "portfolio") {
      sendError(res, errc::invalidRequest,
                "scope must be \"portfolio\" (your organization and a summary of each client), "
                "or left out for your whole view.",
                "scope");
      return;
    }
    if (scope.tenant) {
      sendError(res, errc::invalidRequest,
                "This token is limited to one organization, which has no portfolio; leave out "
                "scope.",
                "scope");
      return;
    }
    scope.portfolio = true;
  }
  if (req.has_param("workspace")) {
    scope.workspace = TenantId::parse(req.get_param_value("workspace"));
    if (!scope.portfolio || !scope.workspace) {
      sendError(res, errc::invalidRequest,
                "workspace must be the id (a GUID) of the client open on screen, with "
                "scope=portfolio.",
                "workspace");
      return;
    }
  }

  bool details = false;
  if (req.has_param("details")) {
    const std::string d = req.get_param_value("details");
    if (d != "later" && d != "1") {
      sendError(res, errc::invalidRequest,
                "details must be \"later\" (a portfolio's head first) or \"1\" (the rest over "
                "the head you hold at since).",
                "details");
      return;
    }
    scope.detailsLater = d == "later";
    details = d == "1";
  }
  // details=1&part=K&parts=N: the details of one in N parts of the clients, so a browser decodes
  // a few hundred clients at a time.
  DetailsPart part;
  if (req.has_param("part") || req.has_param("parts")) {
    std::uint64_t index = 0, count = 0;
    if (!details || !parseUnsigned(req.get_param_value("part"), index) ||
        !parseUnsigned(req.get_param_value("parts"), count) || count < 1 ||
        count > kMaxDetailsParts || index >= count) {
      sendError(res, errc::invalidRequest,
                "part and parts go together with details=1: part K of N parts, 0 <= K < N <= " +
                    std::to_string(kMaxDetailsParts) + ".",
                "part");
      return;
    }
    part = {static_cast<std::uint32_t>(index), static_cast<std::uint32_t>(count)};
  }

  std::uint64_t since = 0;
  bool incremental = req.has_param("since");
  if (incremental && !parseUnsigned(req.get_param_value("since"), since)) {
    sendError(res, errc::invalidRequest, "since must be a revision number (0 or more).", "since");
    return;
  }
  std::uint64_t wait = 0;
  if (req.has_param("wait") &&
      (!parseUnsigned(req.get_param_value("wait"), wait) || wait > kMaxWaitSeconds)) {
    sendError(res, errc::invalidRequest,
              "wait must be a number of seconds from 0 to " + std::to_string(kMaxWaitSeconds) + ".",
              "wait");
    return;
  }
  // A client that synced with another store (or one since wiped) starts over.
  if (req.has_param("store") && req.get_param_value("store") != app.storeId()) incremental = false;
  std::uint64_t head = app.durable().head();
  const bool open = req.has_param("open");
  if (open && (req.get_param_value("open") != "1" || !scope.workspace)) {
    sendError(res, errc::invalidRequest,
              "open=1 opens the workspace named by workspace over the portfolio you hold at "
              "since; give both.",
              "open");
    return;
  }
  if (scope.detailsLater || details) {
    if (!scope.portfolio || (details && !req.has_param("since"))) {
      sendError(res, errc::invalidRequest,
                "details=later asks scope=portfolio for its head first; details=1 then brings the "
                "rest over the head you hold at since.",
                "details");
      return;
    }
  }
  // Asked for details but too far behind (or of another store), the fresh start is a head whose
  // details follow again in parts, not the whole portfolio at once.
  if (details) scope.detailsLater = true;
  if (!incremental || since > head) return sendSnapshot(app, viewer, scope, req, res);
  if (open || details)
    return sendOpened(app, viewer, scope, since, open, details ? std::optional(part) : std::nullopt,
                      req, res);

  // Under the event-driven transport the wait parks (no thread) and this handler runs again
  // when woken: the deadline counts from the request's first run, and the scan goes on from
  // where the last run left it (a wake-up scans only what is new).
  LongPoll* poll = LongPoll::current();
  auto deadline =
      (poll ? poll->firstRun() : std::chrono::steady_clock::now()) + std::chrono::seconds(wait);
  Scan scan;
  using Progress = std::pair<std::uint64_t, Scan>;  // scanned up to, and what it found
  if (auto* resumed = poll ? std::any_cast<Progress>(&poll->carried()) : nullptr) {
    since = resumed->first;
    scan = std::move(resumed->second);
  }
  for (;;) {
    scanRecent(app, viewer, scope, since, head, scan);
    // A scoped token's events are not filtered one by one: anything it might see brings a fresh
    // scoped snapshot (scripts with such tokens sync rarely; the browser's sessions are unscoped).
    if (scope.tenant && scan.count > 0) scan.snapshot = true;
    if (scan.snapshot) return sendSnapshot(app, viewer, scope, req, res);
    if (scan.count > 0 || wait == 0 || app.durable().closing() ||
        std::chrono::steady_clock::now() >= deadline) {
      res.set_header("Cache-Control", "no-store");
      res.set_content("{\"revision\":" + std::to_string(head) + ",\"storeId\":\"" + app.storeId() +
                          "\",\"events\":[" + scan.events + "]" +
                          (scan.clients.empty() ? "" : ",\"clients\":[" + scan.clients + "]") +
                          (scan.slices.empty() ? "" : ",\"slices\":[" + scan.slices + "]") + "}",
                      kJsonContentType);
      return;
    }
    // Nothing visible yet: what was scanned is settled, sleep until the next commit.
    if (poll) {
      poll->carried() = Progress{head, std::move(scan)};
      return poll->park(head, deadline);
    }
    since = head;
    head = app.durable().waitBeyond(head, deadline);
  }
}

}  // namespace

void installViewRoutes(Router& http, ServerApp& app) {
  http.Get("/api/view",
           [&app](const httplib::Request& q, httplib::Response& r) { getView(app, q, r); });
}

}  // namespace delegate::server

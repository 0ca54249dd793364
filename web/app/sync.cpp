#include "web/app/sync.hpp"

#include <algorithm>

#include "web/platform/browser.hpp"
#include "web/platform/fetch.hpp"
#include "web/platform/page_life.hpp"

namespace delegate::web {

const char* syncStatusId(SyncStatus s) {
  switch (s) {
    case SyncStatus::Idle:
      return "idle";
    case SyncStatus::Syncing:
      return "syncing";
    case SyncStatus::Synced:
      return "synced";
    case SyncStatus::OfflineRetrying:
      return "offline";
    case SyncStatus::Error:
      return "error";
  }
  return "";
}

void SyncClient::start(Handlers handlers, std::uint64_t fromRevision) {
  handlers_ = std::move(handlers);
  revision_ = fromRevision;
  running_ = true;
  initial_ = true;
  failures_ = 0;
  nextAt_ = 0;
  ++generation_;
  inFlight_ = false;
  status_ = SyncStatus::Syncing;
}

void SyncClient::stop() {
  running_ = false;
  ++generation_;  // answers of requests in flight are ignored
  inFlight_ = false;
  status_ = SyncStatus::Idle;
}

void SyncClient::retryNow() {
  if (!running_) return;
  if (inFlight_ && status_ != SyncStatus::OfflineRetrying && status_ != SyncStatus::Error) return;
  ++generation_;
  inFlight_ = false;
  nextAt_ = 0;
  status_ = SyncStatus::Syncing;
}

void SyncClient::noteRevision(std::uint64_t revision) {
  revision_ = std::max(revision_, revision);
}

void SyncClient::setScope(const std::string& query, const std::string& opening) {
  if (query == scope_) return;
  scope_ = query;
  syncedScope_.clear();
  opening_ = initial_ ? "" : opening;
  if (!running_) return;
  ++generation_;  // an answer for the old scope is dropped
  inFlight_ = false;
  nextAt_ = 0;
}

void SyncClient::askOnce(const std::string& param) {
  if (once_.find(param) != std::string::npos) return;
  once_ += (once_.empty() ? "" : "&") + param;
  if (running_ && !inFlight_) nextAt_ = 0;
}

void SyncClient::catchUp() {
  if (!running_ || inFlight_) return;
  nextAt_ = 0;
  request(monotonicMs());
}

void SyncClient::scheduleNext() {
  if (!running_ || inFlight_) return;
  const double now = monotonicMs();
  if (nextAt_ <= now) {
    request(now);
    return;
  }
  const int gen = generation_;
  std::weak_ptr<bool> alive = alive_;
  afterMs(nextAt_ - now, [this, gen, alive]() {
    if (alive.expired() || gen != generation_) return;
    tick(std::max(monotonicMs(), nextAt_));
  });
}

void SyncClient::tick(double nowMs) {
  if (!running_ || inFlight_ || nowMs < nextAt_) return;
  request(nowMs);
}

void SyncClient::request(double) {
  inFlight_ = true;
  const int gen = generation_;
  std::string url = "api/view";
  // Coming back from a failure, ask without waiting: the answer says at once that the server is
  // there again (a long poll would show "Syncing" until something changed).
  const int wait =
      status_ == SyncStatus::Synced && opening_.empty() && once_.empty() ? waitSeconds : 0;
  std::string query = scope_;
  if (!initial_) {
    query += (query.empty() ? "" : "&") + std::string("since=") + std::to_string(revision_) +
             "&wait=" + std::to_string(wait);
    if (!opening_.empty()) query += "&" + opening_;
    if (!once_.empty()) query += "&" + once_;
  } else if (!firstQuery.empty()) {
    query += (query.empty() ? "" : "&") + firstQuery;
  }
  if (!query.empty()) url += "?" + query;
  if (initial_ || status_ != SyncStatus::Synced) status_ = SyncStatus::Syncing;
  std::weak_ptr<bool> alive = alive_;
  // Tells the app (which redraws a hidden tab), then asks again; `this` may be gone after the
  // handler (a sign-out), so the guard is checked again.
  auto answered = [this, alive, gen]() {
    auto notify = handlers_.onAnswered;  // a copy: the handler may end this client
    if (notify) notify();
    if (alive.expired() || gen != generation_) return;
    scheduleNext();
  };
  httpRequest(
      "GET", apiBase() + url, "",
      [this, gen, alive, answered, scope = scope_, once = once_](const HttpResponse& r) {
        if (alive.expired() || gen != generation_) return;
        inFlight_ = false;
        if (r.status == 200) {
          syncedScope_ = scope;
          opening_.clear();
          if (once_ == once) once_.clear();
          std::uint64_t rev = handlers_.onView ? handlers_.onView(r.body) : 0;
          if (rev == 0 && r.body.find("revision") == std::string::npos) {
            status_ = SyncStatus::Error;
            lastError_ = "The server sent a view this app could not read.";
            ++failures_;
            nextAt_ = monotonicMs() + 5000;
            answered();
            return;
          }
          revision_ = std::max(revision_, rev);
          initial_ = false;
          failures_ = 0;
          status_ = SyncStatus::Synced;
          lastError_.clear();
          nextAt_ = 0;
          answered();
          return;
        }
        if (r.status == 401) {
          stop();
          if (handlers_.onSignedOut) handlers_.onSignedOut();  // deferred by the app
          return;
        }
        ++failures_;
        const double backoff = std::min(30000.0, 1000.0 * (1 << std::min(failures_ - 1, 5)));
        nextAt_ = monotonicMs() + backoff;
        if (r.status == 0 || r.status == 502 || r.status == 503 || r.status == 504) {
          status_ = SyncStatus::OfflineRetrying;
          lastError_ =
              "The server cannot be reached" + (r.error.empty() ? "" : " (" + r.error + ")") + ".";
        } else {
          status_ = SyncStatus::Error;
          lastError_ = "The server answered " + std::to_string(r.status) + " to GET /api/view.";
        }
        answered();
      });
}

}  // namespace delegate::web

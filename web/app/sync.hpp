#pragma once
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

namespace delegate::web {

enum class SyncStatus { Idle, Syncing, Synced, OfflineRetrying, Error };
const char* syncStatusId(SyncStatus s);  // "synced", "syncing", "offline", "error", "idle"

// Keeps the local view in step with the server: an initial GET /api/view, then a long-poll loop
// (GET /api/view?since=REV&wait=25). A failure backs off (1 s, 2 s, 4 s ... 30 s) and retries; the
// person can retry at once. Each answer is handed to `onView` as the raw JSON body when it
// arrives, and the next request starts from the answer's callback (or a timer): a background
// tab gets no animation frames, and must not keep rights that were taken away meanwhile.
class SyncClient {
 public:
  struct Handlers {
    // Returns the revision the body brings the view to (0 if it could not be applied).
    std::function<std::uint64_t(const std::string& body)> onView;
    // 401: the session ended.
    std::function<void()> onSignedOut;
    // After every answer was handled (applied, or a failure noted).
    std::function<void()> onAnswered;
  };
  void start(Handlers handlers, std::uint64_t fromRevision);
  void stop();
  // Retries now (after a failure) instead of waiting for the back-off.
  void retryNow();
  // Asks now unless a request is on its way (a tab coming back to the foreground: a back-off
  // timer may have been throttled in the background).
  void catchUp();
  // Starts the next request when its time has come (also called every frame, as a safety net).
  void tick(double nowMs);
  // The revision a successful command brought us to (avoids refetching what we already applied).
  void noteRevision(std::uint64_t revision);
  // What to subscribe to, as query parameters of GET /api/view ("scope=portfolio&workspace=ID").
  // A change asks from the revision in hand, with `opening` ("open=1") added to that one request
  // so the server sends what the new scope adds; before the first answer it simply becomes the
  // scope of the first snapshot. The same scope changes nothing.
  void setScope(const std::string& query, const std::string& opening = "");
  // Adds `param` ("details=1") to the next request, which asks at once rather than waiting; kept
  // until an answer arrives, and across a scope change.
  void askOnce(const std::string& param);
  const std::string& scope() const { return scope_; }
  // The scope the view in hand was synced for (what the last applied answer was asked with).
  const std::string& syncedScope() const { return syncedScope_; }

  SyncStatus status() const { return status_; }
  const std::string& lastError() const { return lastError_; }
  double nextAttemptMs() const { return nextAt_; }
  std::uint64_t revision() const { return revision_; }
  int failures() const { return failures_; }
  // Added to the first snapshot's request only ("details=later").
  std::string firstQuery;
  // Wait parameter for long polls in seconds (tests shorten it).
  int waitSeconds = 25;
  // The server's store id (sent back so a wiped or different store gets a fresh snapshot).
  std::string storeId;

 private:
  void request(double nowMs);
  // After an answer: the next request at once, or a timer for the back-off.
  void scheduleNext();
  Handlers handlers_;
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);  // guards late fetch answers
  SyncStatus status_ = SyncStatus::Idle;
  std::string lastError_;
  std::uint64_t revision_ = 0;
  std::string scope_, syncedScope_, opening_, once_;
  bool running_ = false;
  bool inFlight_ = false;
  bool initial_ = true;
  int generation_ = 0;
  int failures_ = 0;
  double nextAt_ = 0;
};

}  // namespace delegate::web

#pragma once
#include <atomic>
#include <condition_variable>
#include <cstdio>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "server/auth_store.hpp"
#include "server/authenticator.hpp"
#include "server/client_address.hpp"
#include "server/command_executor.hpp"
#include "server/group_committer.hpp"
#include "server/http_setup.hpp"
#include "server/live_domain.hpp"
#include "server/mail_service.hpp"
#include "server/mail_store.hpp"
#include "server/multi_factor_store.hpp"
#include "server/options.hpp"
#include "server/pg_change_feed.hpp"
#include "server/pg_event_store.hpp"
#include "server/pg_leader_lock.hpp"
#include "server/pg_snapshot_keeper.hpp"
#include "server/revision_signal.hpp"
#include "server/sign_in_limiter.hpp"
#include "server/sqlite_event_store.hpp"
#include "server/webhook_service.hpp"
#include "server/webhook_store.hpp"

namespace httplib {
struct Request;
}

namespace delegate::server {

class Router;

// The whole backend minus the socket: stores, the live state, sign-in, the command pipeline and
// the background tick. main() owns one and wires its routes to the HTTP transport.
class ServerApp {
 public:
  // Opens the data folder, replays the log, and on an empty store creates the operator's
  // tenant and administrator (or, with --demo, the demo world), printing how to sign in to `out`.
  static Result<std::unique_ptr<ServerApp>> open(const Options& options, std::FILE* out);
  ~ServerApp();

  void installRoutes(Router& http);
  // Starts the AdvanceClock tick.
  void startBackground();
  // Wakes long-polls so the HTTP server can drain quickly (call before stopping it).
  void beginShutdown();
  // After the HTTP server stopped: ends the tick, commits what is queued, checkpoints the store.
  void close();
  // Called if the store fails: the process must stop serving (memory is ahead of the disk).
  void onStoreFailure(std::function<void(const std::string&)> handler) {
    storeFailed_ = std::move(handler);
  }

  std::uint64_t revision() const { return durable_.head(); }
  // Over a shared store: waits (at most 2 s) until this server has folded every commit that any
  // server acknowledged before now, so a read sees the writes that preceded it wherever they were
  // made (a load balancer may send a person's next request to another server). Nothing to do
  // over the embedded store; an unreachable PostgreSQL serves what this server has.
  void catchUpForRead();

  // Parts the route files use.
  const Options& options() const { return options_; }
  // Where absolute URLs start (--public-url; never the request's Host header).
  const std::string& publicUrl() const { return options_.publicUrl; }
  // The request's client address, through configured proxies only (--trusted-proxy).
  std::string clientAddress(const httplib::Request& req) const;
  // Whether `address` is a configured load balancer (--trusted-proxy).
  bool isTrustedProxy(const std::string& address) const { return proxies_.contains(address); }
  LiveDomain& domain() { return domain_; }
  RevisionSignal& durable() { return durable_; }
  Authenticator& authenticator() { return *authenticator_; }
  AuthStore& authStore() { return *auth_; }
  SecondFactor& secondFactor() { return *secondFactor_; }
  SignInLimiter& limiter() { return *limiter_; }
  CommandExecutor& executor() { return *executor_; }
  const std::string& storeId() const { return store_->storeId(); }
  std::size_t largestBatch() const { return committer_->largestBatch(); }
  // Mail delivery; both null when --smtp-url is not given (the outbox is kept, not delivered).
  MailService* mail() { return mail_.get(); }
  MailStore* mailStore() { return mailStore_.get(); }
  // Webhook endpoints and deliveries (always on: a partner needs nothing from the operator).
  WebhookStore& webhookStore() { return *webhookStore_; }
  WebhookService* webhooks() { return webhooks_.get(); }

 private:
  explicit ServerApp(const Options& options);
  // The embedded log in --data, or the shared one named by --store.
  Status openEventStore(std::FILE* out);
  // Over PostgreSQL: starts the state from the newest usable snapshot; its revision (0: none, or
  // one that cannot be used, said on stderr, so the whole log is folded).
  std::uint64_t startFromSnapshot(std::FILE* out);
  Status bootstrap(std::FILE* out);
  Status openMail();
  Status openWebhooks();
  void tickLoop();

  Options options_;
  TrustedProxies proxies_;
  std::unique_ptr<EventStore> store_;
  SqliteEventStore* sqliteStore_ = nullptr;      // the same store when it is the embedded one
  PgEventStore* pgStore_ = nullptr;              // the same store when it is PostgreSQL
  std::string storeName_;                        // for messages
  std::unique_ptr<PgChangeFeed> feed_;           // PostgreSQL: wakes this server on others' commits
  std::unique_ptr<PgLeaderLock> leader_;         // PostgreSQL: whether this server ticks the clock
  std::unique_ptr<PgSnapshotKeeper> snapshots_;  // PostgreSQL: the leader's state snapshots
  std::unique_ptr<AuthStore> auth_;
  std::unique_ptr<SignInLimiter> limiter_;
  std::unique_ptr<Authenticator> authenticator_;
  std::unique_ptr<MultiFactorStore> multiFactorStore_;
  std::unique_ptr<SecondFactor> secondFactor_;
  LiveDomain domain_;
  RevisionSignal durable_;
  std::unique_ptr<GroupCommitter> committer_;
  std::unique_ptr<CommandExecutor> executor_;
  std::function<void(const std::string&)> storeFailed_;
  std::unique_ptr<MailStore> mailStore_;
  std::unique_ptr<MailService> mail_;
  std::unique_ptr<WebhookStore> webhookStore_;
  std::unique_ptr<WebhookService> webhooks_;

  std::mutex tickMutex_;
  std::condition_variable tickWake_;
  bool stopping_ = false;
  std::thread ticker_;
};

}  // namespace delegate::server

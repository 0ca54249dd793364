#include "server/server_app.hpp"

#include <httplib.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <limits>

#include "core/visibility.hpp"
#include "server/bootstrap.hpp"
#include "server/context_factory.hpp"
#include "server/credential_stores.hpp"
#include "server/routes.hpp"
#include "server/secrets.hpp"
#include "server/store_check.hpp"
#include "server/store_migration.hpp"

namespace delegate::server {

namespace {
// The advisory lock whose holder advances the clock (any number unique to Delegate).
constexpr long long kClockLeaderLock = 7240717313;
}  // namespace

Result<std::unique_ptr<ServerApp>> ServerApp::open(const Options& options, std::FILE* out) {
  if (!initSecrets()) return failure("libsodium could not initialise (no random source?)");
  std::unique_ptr<ServerApp> app(new ServerApp(options));
  if (Status opened = app->openEventStore(out); !opened) return opened.error();
  // Authenticator secrets are sealed with a key kept beside the store, like the offer-link key.
  std::error_code madeDir;
  std::filesystem::create_directories(options.dataDir, madeDir);
  if (madeDir)
    return failure("cannot create data folder " + options.dataDir + ": " + madeDir.message());
  std::string sealProblem;
  std::string sealKey = loadOrCreateKey(options.dataDir + "/mfa.key", &sealProblem);
  if (sealKey.empty()) return failure(sealProblem);
  auto credentials = openCredentialStores(options.dataDir, options.store, sealKey);
  if (!credentials) return credentials.error();
  app->auth_ = std::move(credentials.value().auth);
  app->multiFactorStore_ = std::move(credentials.value().multiFactor);
  app->limiter_ = std::move(credentials.value().limiter);
  if (Status same = app->auth_->adoptStoreId(app->store_->storeId()); !same) return same.error();
  ServerApp* self = app.get();
  app->authenticator_ = std::make_unique<Authenticator>(
      *app->auth_, *app->limiter_, [] { return nowNotBefore(Timestamp{}).seconds; },
      [self](const std::string& userId) {
        auto id = UserId::parse(userId);
        return id && self->domain_.read([&](const State& state, std::uint64_t) {
          const User* user = state.findUser(*id);
          return user && user->accountEnabled;
        });
      });
  app->secondFactor_ = std::make_unique<SecondFactor>(
      *app->multiFactorStore_, [] { return nowNotBefore(Timestamp{}).seconds; });
  app->authenticator_->useSecondFactor(*app->secondFactor_);

  const std::uint64_t snapshotAt = app->startFromSnapshot(out);
  if (Status loaded = app->domain_.loadFrom(*app->store_); !loaded)
    return failure("cannot load " + app->storeName_ + ": " + loaded.error().message +
                   ". Restore the store from a backup; the server does not start on a "
                   "damaged log.");
  app->durable_.publish(app->domain_.appliedRevision());

  GroupCommitter::CatchUp catchUp;
  GroupCommitter::Recover recover;
  if (app->pgStore_) {
    recover = [self]() -> Status {
      Status rebuilt = self->domain_.reloadFrom(*self->store_);
      if (rebuilt)
        std::fprintf(stderr, "delegate-server: state rebuilt from %s at revision %llu\n",
                     self->storeName_.c_str(),
                     static_cast<unsigned long long>(self->domain_.appliedRevision()));
      self->durable_.publish(self->domain_.appliedRevision());
      return rebuilt;
    };
    // Other servers append too: fold what they wrote before deciding, and wake long-polls.
    catchUp = [self](std::uint64_t head) -> Status {
      Status folded = self->domain_.catchUp(*self->store_, head);
      self->durable_.publish(self->domain_.appliedRevision());
      return folded;
    };
    app->leader_ = std::make_unique<PgLeaderLock>(options.store, kClockLeaderLock);
    app->snapshots_ = std::make_unique<PgSnapshotKeeper>(
        options.store, app->domain_, *app->leader_,
        static_cast<std::uint64_t>(options.snapshotEvery), snapshotAt);
    app->feed_ = std::make_unique<PgChangeFeed>(options.store, PgEventStore::kChannel,
                                                [self] { self->committer_->follow(); });
  }
  app->committer_ = std::make_unique<GroupCommitter>(
      *app->store_, [self](std::uint64_t head) { self->durable_.publish(head); },
      [self](const std::string& why) {
        if (self->storeFailed_) self->storeFailed_(why);
      },
      std::move(catchUp), std::move(recover));
  // Offer links are derived from a key kept next to the store, never in it.
  std::string keyProblem;
  std::string offerLinkKey = loadOrCreateKey(options.dataDir + "/offer-link.key", &keyProblem);
  if (offerLinkKey.empty()) return failure(keyProblem);
  app->executor_ = std::make_unique<CommandExecutor>(app->domain_, *app->committer_, *app->auth_,
                                                     std::move(offerLinkKey));

  if (app->store_->head() == 0) {
    if (Status s = app->bootstrap(out); !s) return s.error();
  } else if (options.scaleClients > 0) {
    return failure("--scale-world seeds an empty store, and " + app->storeName_ + " holds " +
                   std::to_string(app->store_->head()) +
                   " events already; give it a new, empty store (or leave out --scale-world)");
  }
  if (Status s = app->openMail(); !s) return s.error();
  if (Status s = app->openWebhooks(); !s) return s.error();
  return app;
}

Status ServerApp::openEventStore(std::FILE* out) {
  if (options_.store.empty()) {
    if (Status whole = checkStoreIsWhole(options_.dataDir); !whole) return whole.error();
    auto store = SqliteEventStore::open(options_.dataDir, randomUuid());
    if (!store) return store.error();
    sqliteStore_ = store.value().get();
    store_ = std::move(store.value());
    storeName_ = options_.dataDir + "/events.db";
    return Status{};
  }
  // The log is shared; --data keeps this server's credentials, keys and delivery queues.
  auto store = options_.migrateFrom.empty()
                   ? PgEventStore::open(options_.store, randomUuid())
                   : migrateToPostgres(options_.migrateFrom, options_.store, out);
  if (!store) return store.error();
  pgStore_ = store.value().get();
  storeName_ = "the PostgreSQL store " + pgStore_->description();
  std::fprintf(out, "Event log in PostgreSQL %s (store %s, revision %llu)\n",
               pgStore_->description().c_str(), store.value()->storeId().c_str(),
               static_cast<unsigned long long>(store.value()->head()));
  store_ = std::move(store.value());
  return Status{};
}

std::uint64_t ServerApp::startFromSnapshot(std::FILE* out) {
  if (!pgStore_) return 0;
  const auto began = std::chrono::steady_clock::now();
  auto stored = pgStore_->newestSnapshot();
  if (!stored || !stored.value()) {
    if (!stored)
      std::fprintf(stderr, "delegate-server: folding the whole log: %s\n",
                   stored.error().message.c_str());
    return 0;
  }
  auto loaded = decodeSnapshot(*stored.value(), pgStore_->head());
  if (!loaded) {
    // Not fatal: the log alone holds the truth, the snapshot only saves time.
    std::fprintf(stderr, "delegate-server: snapshot ignored, folding the whole log: %s\n",
                 loaded.error().message.c_str());
    return 0;
  }
  const std::uint64_t revision = loaded.value().revision;
  domain_.startAt(std::move(loaded.value().state), revision);
  std::fprintf(out, "Started from the snapshot at revision %llu (read in %.2f s)\n",
               static_cast<unsigned long long>(revision),
               std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count());
  return revision;
}

namespace {
TrustedProxies trustedProxiesOf(const Options& options) {
  std::vector<AddressRange> ranges;
  // parseOptions already refused anything that does not parse.
  for (const std::string& text : options.trustedProxies)
    if (auto r = parseAddressRange(text)) ranges.push_back(*r);
  return TrustedProxies(std::move(ranges));
}
}  // namespace

ServerApp::ServerApp(const Options& options)
    : options_(options), proxies_(trustedProxiesOf(options)) {}

std::string ServerApp::clientAddress(const httplib::Request& req) const {
  return proxies_.clientAddress(req.remote_addr, req.get_header_value("X-Forwarded-For"));
}

// SMTP user and password: a file (user on the first line, password on the second) or the
// environment, never a flag.
Status ServerApp::openMail() {
  if (options_.smtpUrl.empty()) return Status{};
  MailConfig config;
  config.smtp.url = options_.smtpUrl;
  config.smtp.requireStartTls = options_.smtpStartTls;
  config.smtp.caFile = options_.smtpCaFile;
  config.smtp.from = options_.mailFrom;
  config.publicUrl = options_.publicUrl;
  config.retry.baseMs = options_.mailRetryBaseMs;
  if (!options_.smtpCredentialsFile.empty()) {
    std::ifstream in(options_.smtpCredentialsFile);
    if (!in)
      return failure("cannot read --smtp-credentials " + options_.smtpCredentialsFile +
                     " (user on the first line, password on the second)");
    std::getline(in, config.smtp.user);
    std::getline(in, config.smtp.password);
    for (std::string* v : {&config.smtp.user, &config.smtp.password})
      while (!v->empty() && (v->back() == '\r' || v->back() == ' ')) v->pop_back();
  } else {
    if (const char* u = std::getenv("DELEGATE_SMTP_USER")) config.smtp.user = u;
    if (const char* p = std::getenv("DELEGATE_SMTP_PASSWORD")) config.smtp.password = p;
  }
  const bool encrypted = options_.smtpStartTls || options_.smtpUrl.rfind("smtps://", 0) == 0;
  if (!config.smtp.user.empty() && !encrypted)
    return failure(
        "the SMTP password would cross the network in the clear: use an smtps:// URL or "
        "--smtp-starttls with --smtp-credentials or DELEGATE_SMTP_USER");
  auto store = MailStore::open(options_.dataDir);
  if (!store) return store.error();
  mailStore_ = std::move(store.value());
  initSmtp();
  mail_ = std::make_unique<MailService>(std::move(config), *mailStore_, domain_, durable_,
                                        store_->storeId());
  return Status{};
}

Status ServerApp::openWebhooks() {
  auto store = WebhookStore::open(options_.dataDir);
  if (!store) return store.error();
  webhookStore_ = std::move(store.value());
  initSmtp();  // libcurl's global setup (idempotent)
  WebhookConfig config;
  config.retry.baseMs = options_.webhookRetryBaseMs;
  webhooks_ = std::make_unique<WebhookService>(
      config, *webhookStore_, domain_, *store_, store_->storeId(),
      [this](const std::string& tenant, const std::string& url) {
        // The partner's administrators hear of it in the app and by mail.
        if (std::optional<TenantId> t = TenantId::parse(tenant))
          (void)executor_->execute(Principal::system(), NoteWebhookEndpointDisabled{*t, url});
      });
  return Status{};
}

ServerApp::~ServerApp() {
  close();
}

Status ServerApp::bootstrap(std::FILE* out) {
  BootstrapTarget target{*executor_, *auth_};
  if (options_.scaleClients > 0)
    return seedScaleWorld(target, options_.scaleClients, options_.scaleUsersPerClient, out);
  return options_.demo ? seedDemoWorld(target, out) : createOperator(target, out);
}

void ServerApp::installRoutes(Router& http) {
  delegate::server::installRoutes(http, *this);
}

void ServerApp::startBackground() {
  if (feed_) feed_->start();
  if (snapshots_) snapshots_->start();
  ticker_ = std::thread([this] { tickLoop(); });
  if (mail_) mail_->start();
  if (webhooks_) webhooks_->start();
}

void ServerApp::tickLoop() {
  std::unique_lock lock(tickMutex_);
  // Ends up to here were handed to an AdvanceClock already (none at startup: overdue ones tick
  // at once).
  Timestamp handled{std::numeric_limits<std::int64_t>::min()};
  for (;;) {
    // Every --tick-seconds, and also at the second a relationship's rights end, so its expiry
    // (status event, notification, a fresh view for whoever held it) lands then. Reads do not
    // wait for it: they judge rights at the request's time.
    auto wakeAt = std::chrono::system_clock::now() + std::chrono::seconds(options_.tickSeconds);
    std::optional<Timestamp> end =
        domain_.read([&](const State& s, std::uint64_t) { return nextRightsEnd(s, handled); });
    if (end)
      wakeAt = std::min(wakeAt,
                        std::chrono::system_clock::time_point(std::chrono::seconds(end->seconds)));
    if (tickWake_.wait_until(lock, wakeAt, [&] { return stopping_; })) return;
    lock.unlock();
    // Expiry, lapse and auto-extension happen when the core is told the time has moved.
    Timestamp now =
        nowNotBefore(domain_.read([](const State& s, std::uint64_t) { return s.clock; }));
    // Over a shared store one server, the leader, advances the clock for all; the others
    // follow its events (and take over at their next tick if it goes).
    if (leader_ && !leader_->held()) {
      handled = now;
      lock.lock();
      continue;
    }
    ExecuteResult ticked = executor_->execute(Principal::system(), AdvanceClock{now});
    if (ticked.outcome != ExecuteResult::Outcome::decided || !ticked.decision.ok()) {
      // Nothing moved: the same ends are due again at the next tick, which retries.
      std::fprintf(
          stderr, "delegate-server: clock tick failed: %s\n",
          ticked.decision.error ? ticked.decision.error->message.c_str() : ticked.message.c_str());
    } else {
      handled = now;
    }
    lock.lock();
  }
}

void ServerApp::catchUpForRead() {
  if (!pgStore_) return;
  auto head = pgStore_->latestHead();
  if (!head || head.value() <= durable_.head()) return;
  committer_->follow();
  (void)durable_.waitDurable(head.value(),
                             std::chrono::steady_clock::now() + std::chrono::seconds(2));
}

void ServerApp::beginShutdown() {
  durable_.close();
}

void ServerApp::close() {
  {
    std::lock_guard lock(tickMutex_);
    stopping_ = true;
  }
  tickWake_.notify_all();
  if (ticker_.joinable()) ticker_.join();
  if (snapshots_) snapshots_->stop();
  if (mail_) mail_->stop();
  if (webhooks_) webhooks_->stop();
  durable_.close();
  if (feed_) feed_->stop();
  if (committer_) committer_->close();
  if (sqliteStore_)
    if (Status done = sqliteStore_->checkpoint(); !done.ok())
      // Not lost: the write-ahead log still holds every commit and is replayed at the next start.
      std::fprintf(stderr, "delegate-server: checkpoint at shutdown failed: %s\n",
                   done.error().message.c_str());
}

}  // namespace delegate::server

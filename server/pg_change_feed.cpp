#include "server/pg_change_feed.hpp"

#include <libpq-fe.h>
#include <poll.h>

#include <chrono>
#include <cstdio>

#include "server/pg_connection.hpp"

namespace delegate::server {

namespace {
constexpr int kPollMs = 100;          // how soon stop() is noticed
constexpr int kSafetyPollEvery = 10;  // polls: catch up once a second even without a NOTIFY
constexpr int kReconnectEvery = 5;    // polls between reconnection attempts
}  // namespace

PgChangeFeed::PgChangeFeed(std::string uri, std::string channel, std::function<void()> onChange)
    : uri_(std::move(uri)), channel_(std::move(channel)), onChange_(std::move(onChange)) {}

PgChangeFeed::~PgChangeFeed() {
  stop();
}

void PgChangeFeed::start() {
  thread_ = std::thread([this] { run(); });
}

void PgChangeFeed::stop() {
  stopping_ = true;
  if (thread_.joinable()) thread_.join();
}

void PgChangeFeed::run() {
  std::unique_ptr<PgConnection> conn;
  bool reported = false;
  int polls = 0;
  while (!stopping_) {
    ++polls;
    if (!conn) {
      if (polls % kReconnectEvery != 1) {
        ::poll(nullptr, 0, kPollMs);
        continue;
      }
      auto made = PgConnection::connect(uri_);
      if (made && made.value()->exec("LISTEN " + channel_)) {
        conn = std::move(made.value());
        if (reported) std::fprintf(stderr, "delegate-server: change feed reconnected\n");
        reported = false;
        onChange_();  // whatever was committed while it was down
      } else if (!reported) {
        std::fprintf(stderr, "delegate-server: change feed lost (%s); retrying\n",
                     made ? "LISTEN failed" : made.error().message.c_str());
        reported = true;
      }
      continue;
    }
    pollfd fd{PQsocket(conn->handle()), POLLIN, 0};
    int ready = ::poll(&fd, 1, kPollMs);
    bool changed = polls % kSafetyPollEvery == 0;
    if (ready > 0) {
      if (!PQconsumeInput(conn->handle())) {
        conn.reset();
        polls = 0;
        continue;
      }
      while (PGnotify* n = PQnotifies(conn->handle())) {
        changed = true;
        PQfreemem(n);
      }
    }
    if (PQstatus(conn->handle()) != CONNECTION_OK) {
      conn.reset();
      polls = 0;
      continue;
    }
    if (changed) onChange_();
  }
}

}  // namespace delegate::server

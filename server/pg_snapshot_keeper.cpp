#include "server/pg_snapshot_keeper.hpp"

#include <chrono>
#include <cstdio>

#include "server/pg_snapshots.hpp"

namespace delegate::server {

PgSnapshotKeeper::PgSnapshotKeeper(std::string uri, LiveDomain& domain, PgLeaderLock& leader,
                                   std::uint64_t every, std::uint64_t lastWritten)
    : uri_(std::move(uri)), domain_(domain), leader_(leader), every_(every), last_(lastWritten) {}

void PgSnapshotKeeper::start() {
  if (every_ == 0 || thread_.joinable()) return;
  thread_ = std::thread([this] { loop(); });
}

void PgSnapshotKeeper::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void PgSnapshotKeeper::loop() {
  std::unique_lock lock(mutex_);
  // Checking once a second is cheap (one atomic read unless a snapshot is due).
  while (!wake_.wait_for(lock, std::chrono::seconds(1), [&] { return stopping_; })) {
    lock.unlock();
    writeIfDue();
    lock.lock();
  }
}

void PgSnapshotKeeper::writeIfDue() {
  if (domain_.appliedRevision() < last_ + every_ || !leader_.held()) return;
  const auto began = std::chrono::steady_clock::now();
  // A copy under the shared lock: the committer waits only for the copy, not for the encoding
  // and the upload.
  auto [state, revision] =
      domain_.read([](const State& s, std::uint64_t applied) { return std::pair(s, applied); });
  const std::string body = encodeSnapshotBody(state);
  if (!db_ || !db_->ensureConnected()) {
    db_.reset();
    auto made = PgConnection::connect(uri_);
    if (!made) {
      std::fprintf(stderr, "delegate-server: no snapshot (retried later): %s\n",
                   made.error().message.c_str());
      return;
    }
    db_ = std::move(made.value());
  }
  if (Status written = writeSnapshot(*db_, revision, body); !written) {
    std::fprintf(stderr, "delegate-server: no snapshot (retried later): %s\n",
                 written.error().message.c_str());
    return;
  }
  last_ = revision;
  std::fprintf(stderr, "delegate-server: snapshot of revision %llu stored (%.1f MB, %.2f s)\n",
               static_cast<unsigned long long>(revision), static_cast<double>(body.size()) / 1e6,
               std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count());
}

}  // namespace delegate::server

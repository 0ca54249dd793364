#include "server/store_migration.hpp"

#include <chrono>

#include "server/credential_migration.hpp"
#include "server/secrets.hpp"
#include "server/sqlite_event_store.hpp"
#include "server/store_check.hpp"

namespace delegate::server {

namespace {

constexpr std::size_t kBatch = 5000;

// The events' count and a digest of their bodies in order.
Result<std::pair<std::uint64_t, std::string>> digestOf(EventStore& store) {
  std::uint64_t count = 0;
  std::string running;
  Status read = store.readSince(0, [&](std::uint64_t, std::string_view body) {
    ++count;
    running = sha256Hex(running + sha256Hex(body));
    return true;
  });
  if (!read) return read.error();
  return std::make_pair(count, running);
}

}  // namespace

Result<std::unique_ptr<PgEventStore>> migrateToPostgres(const std::string& dir,
                                                        const std::string& uri, std::FILE* out) {
  if (Status whole = checkStoreIsWhole(dir); !whole) return whole.error();
  auto from = SqliteEventStore::open(dir, randomUuid());
  if (!from) return from.error();
  SqliteEventStore& source = *from.value();
  auto to = PgEventStore::open(uri, source.storeId());
  if (!to) return to.error();
  PgEventStore& target = *to.value();
  if (target.head() != 0 || target.storeId() != source.storeId())
    return failure("--migrate-from copies into an empty store, and " + target.description() +
                   " holds " + std::to_string(target.head()) + " events of store " +
                   target.storeId() + "; give --store a new database");
  const auto started = std::chrono::steady_clock::now();
  std::vector<std::string> batch;
  std::uint64_t copied = 0;
  Status failed;
  auto flush = [&] {
    if (batch.empty() || !failed) return;
    if (auto appended = target.append(batch); !appended) failed = appended.error();
    copied += batch.size();
    batch.clear();
  };
  Status read = source.readSince(0, [&](std::uint64_t, std::string_view body) {
    batch.emplace_back(body);
    if (batch.size() >= kBatch) flush();
    return static_cast<bool>(failed);
  });
  flush();
  if (!read) return read.error();
  if (!failed) return failed.error();
  auto a = digestOf(source);
  if (!a) return a.error();
  auto b = digestOf(target);
  if (!b) return b.error();
  if (a.value() != b.value())
    return failure("the copy in " + target.description() + " differs from " + dir + "/events.db (" +
                   std::to_string(b.value().first) + " events against " +
                   std::to_string(a.value().first) + "); drop that database and migrate again");
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::fprintf(out,
               "Migrated %llu events from %s/events.db to %s in %.1f s; both read back the "
               "same (store %s)\n",
               static_cast<unsigned long long>(copied), dir.c_str(), target.description().c_str(),
               seconds, target.storeId().c_str());
  auto db = PgConnection::connect(uri);
  if (!db) return db.error();
  if (Status s = migrateCredentials(dir, *db.value(), out); !s) return s.error();
  return to;
}

}  // namespace delegate::server

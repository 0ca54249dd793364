#pragma once
// Snapshots of the core state in the shared store (table delegate_snapshots, schema version 3):
// the state folded up to a revision, as the core's state JSON, so a starting server folds only
// the events after it instead of the whole log.
#include <cstdint>
#include <optional>
#include <string>

#include "core/state.hpp"
#include "server/failure.hpp"
#include "server/pg_connection.hpp"

namespace delegate::server {

// A snapshot as stored: not yet trusted.
struct PgStoredSnapshot {
  std::uint64_t revision = 0;
  int coreSchema = 0;
  std::string body;
};

// A snapshot this server can start from.
struct LoadedSnapshot {
  std::uint64_t revision = 0;
  State state;
};

// The newest stored snapshot, if any.
Result<std::optional<PgStoredSnapshot>> readNewestSnapshot(PgConnection& db);

// Stores the state at `revision` (the core's state JSON in `body`) and drops all but the newest
// two, so a reader that started before never loses the one it reads.
Status writeSnapshot(PgConnection& db, std::uint64_t revision, const std::string& body);

// Decodes a stored snapshot for a log whose head is `head`. An error says why it cannot be used
// (written by another core version, not decodable, ahead of the log); the caller then folds the
// whole log instead.
Result<LoadedSnapshot> decodeSnapshot(const PgStoredSnapshot& stored, std::uint64_t head);

// The state as the snapshot body: the same JSON as the core's encodeState, written by the
// streaming encoder (several times faster on a large state).
std::string encodeSnapshotBody(const State& state);

}  // namespace delegate::server

#pragma once
#include <string>

#include "server/failure.hpp"
#include "server/pg_connection.hpp"

namespace delegate::server {

// The schema this server writes. 1: the event log; 2: sessions, tokens, password hashes,
// authenticators, sign-in challenges and sign-in counts (shared by every server); 3: snapshots
// of the core state.
constexpr int kPgSchemaVersion = 3;

// Makes `db` a Delegate store of schema kPgSchemaVersion: creates the tables in an empty
// database (with `newStoreId`), upgrades one an older server wrote, accepts one this version
// wrote, and refuses, saying what to do, a database that holds other applications' tables, is
// marked as another application's, or was written by a newer delegate-server. Returns the
// store's id. Safe when several servers start at once.
Result<std::string> preparePgSchema(PgConnection& db, const std::string& newStoreId);

}  // namespace delegate::server

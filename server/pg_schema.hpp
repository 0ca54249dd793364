#pragma once
#include <string>

#include "server/failure.hpp"
#include "server/pg_connection.hpp"

namespace delegate::server {

// Makes `db` a Delegate store of schema `version`: creates the tables in an empty database
// (with `newStoreId`), accepts one this version wrote, and refuses, saying what to do, a database
// that holds other applications' tables, is marked as another application's, or was written by
// a newer delegate-server. Returns the store's id. Safe when several servers start at once.
Result<std::string> preparePgSchema(PgConnection& db, int version, const std::string& newStoreId);

}  // namespace delegate::server

#pragma once
#include <string>

#include "server/failure.hpp"

namespace delegate::server {

// Before the server opens (and possibly creates) a store in `dataDir`: are events.db and auth.db
// one whole store? Both absent or both empty is a new store. Refused, with what to do: one of
// them empty or missing while the other holds data (a new store would start beside old
// credentials, or an old log with nobody able to sign in), the two carrying different store ids
// (copied from different stores), or a file SQLite cannot read. Reads only; writes nothing.
Status checkStoreIsWhole(const std::string& dataDir);

}  // namespace delegate::server

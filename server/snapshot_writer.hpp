#pragma once
// The state as JSON written through a JsonWriter, field by field from the core's field lists:
// the same value as the core's toJson(State) (entity maps as arrays sorted by id), without
// building a document, so a partner's view of a million users streams at encoder speed.
#include <cstdint>
#include <string>
#include <vector>

#include "core/scopes.hpp"
#include "core/state.hpp"
#include "server/json_writer.hpp"

namespace delegate::server {

void writeState(JsonWriter& out, const State& state);

// The body of a /api/view snapshot: {"revision":R,"storeId":S,"snapshot":<state>}.
void writeSnapshotBody(JsonWriter& out, std::uint64_t revision, const std::string& storeId,
                       const State& state);

// The body of a /api/view?scope=portfolio snapshot: a snapshot's members (the snapshot holding
// Portfolio::state) and "clients", the summary of each client; with a `workspace` open, its
// directory as "workspace" (attached after the snapshot, as when it opens). `detailsFollow`: the
// snapshot is the portfolio's head (core takeDetails()) and says so ("detailsFollow":true).
void writePortfolioBody(JsonWriter& out, std::uint64_t revision, const std::string& storeId,
                        const Portfolio& portfolio, const WorkspaceDirectory* workspace = nullptr,
                        bool detailsFollow = false);

// What the portfolio adds over the one the browser holds, at one revision: the portfolio's events
// after the browser's revision (`events`: their comma-separated JSON, as stored), then the
// workspace's directory when one opens and the portfolio's details when its head came first:
// {"revision":R,"storeId":S,"events":[...],"workspace":{...},"details":{...}}, and "clients"
// when `clients` (comma-separated summary rows of recounted clients) has any, "slices" when
// `slices` (comma-separated core PortfolioSlice of clients a visibility change moved) has any.
void writeOpenedBody(JsonWriter& out, std::uint64_t revision, const std::string& storeId,
                     std::string_view events, std::string_view clients, std::string_view slices,
                     const WorkspaceDirectory* workspace, const PortfolioDetails* details);

// A page of a client's users: {"total":N,"offset":O,"users":[<user>...]}.
void writeUserPage(JsonWriter& out, const UserPage& page);

// Users found across clients: {"users":[{"tenantId":T,"user":<user>}...]}.
void writeClientUserHits(JsonWriter& out, const std::vector<ClientUserHit>& hits);

}  // namespace delegate::server

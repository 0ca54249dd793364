#pragma once
#include <functional>
#include <string>

#include <nlohmann/json.hpp>

#include "web/app/model.hpp"
#include "web/app/user_pager.hpp"

namespace delegate::web {

struct CommandResult {
  bool ok = false;
  int status = 0;                     // HTTP status (sandbox: the status the server would give)
  std::string code, message, target;  // the core's error when !ok
  nlohmann::json body;                // the answer ({events, revision, ...})
  std::string secret;                 // a value shown once: temporary password, offer token
};
using CommandDone = std::function<void(const CommandResult&)>;

// Where the data lives: the real server (sync over fetch) or the in-browser sandbox (core run
// locally). Views only see the model and ask `can`.
class Backend {
 public:
  virtual ~Backend() = default;
  virtual const Model& model() const = 0;
  // Sends one command (its core JSON form), acting in `actingTenant` (empty: the viewer's own).
  virtual void submit(const nlohmann::json& command, const std::string& actingTenant,
                      CommandDone done) = 0;
  // The core's authorize() for the viewer: may they do `action` in `customerId` (empty: own
  // tenant), on `targetUserId` if any?
  virtual AccessAnswer can(const std::string& action, const std::string& customerId,
                           const std::string& targetUserId = "") const = 0;
  virtual void tick(double /*nowMs*/) {}
  // A client's users, domains and subscriptions, as far as the viewer may read them.
  virtual const ClientDirectory& directory(const std::string& customerId) const = 0;
  // The client whose workspace is on screen ("" for none): its directory is subscribed to while
  // it stays there, and released when it closes (the server sends the rest as summaries).
  virtual void focus(const std::string& /*customerId*/) {}
  // The users of a client whose directory is paged (the core's pagedDirectory): its users table
  // reads them here, a page at a time, instead of from directory(). Null for other clients.
  virtual const UserPager* pagedUsers(const std::string& /*customerId*/) const { return nullptr; }
  // The users table of a paged directory shows rows [first, last) of `query` now: the pages it
  // lacks are asked for (the view says what it shows; the backend fetches).
  virtual void showUserRows(const std::string& /*customerId*/, const UserRowsQuery& /*query*/,
                            std::size_t /*first*/, std::size_t /*last*/, double /*nowMs*/) {}
  // Users of the clients the viewer may read whose names hold `query`, closest first. The server
  // answers later: until then the last answer (or none) is returned, and a later frame shows it.
  virtual const std::vector<ClientUserMatch>& findClientUsers(const std::string& query) const = 0;
  // Explain access: the chain for a partner user, a client and an action.
  virtual Explanation explain(const std::string& userId, const std::string& customerId,
                              const std::string& action) const = 0;
};

}  // namespace delegate::web

#pragma once
#include <atomic>
#include <cstdint>
#include <string>

#include "core/decide.hpp"
#include "server/auth_store.hpp"
#include "server/group_committer.hpp"
#include "server/live_domain.hpp"

namespace delegate::server {

struct ExecuteResult {
  enum class Outcome { decided, stale, unavailable };
  Outcome outcome = Outcome::decided;
  Decision decision;                // decided: the events (incl. the audit record) or the refusal
  std::uint64_t firstRevision = 0;  // decided: revision of decision.events[0]
  std::uint64_t head = 0;           // the durable head after the command
  std::string message;              // stale / unavailable: why
};

// Runs one command end to end: decide against the live state (through the group committer, so
// decisions are serialized), append durably, apply, then keep the credentials that came with it
// (temporary passwords are hashed here, never stored in events).
class CommandExecutor {
 public:
  // `offerLinkKey`: the server's key that offer links are derived from (see offerLinkToken).
  CommandExecutor(LiveDomain& domain, GroupCommitter& committer, AuthStore& auth,
                  std::string offerLinkKey)
      : domain_(domain),
        committer_(committer),
        auth_(auth),
        offerLinkKey_(std::move(offerLinkKey)) {}
  const std::string& offerLinkKey() const { return offerLinkKey_; }

  // `ifMatch`: when not empty, the etag the command's target must still have (else `stale`).
  // `password`: when not empty, kept as the user's password instead of the temporary one the
  // decision issued (Graph lets the caller choose it).
  ExecuteResult execute(const Principal& principal, const Command& command,
                        const std::string& ifMatch = {}, const std::string& password = {});
  // Several commands as one decision (a Graph PATCH touching several parts of an object): all
  // are allowed and applied together, or none is; `ifMatch` guards the first one's target,
  // which all of them share.
  ExecuteResult executeAll(const Principal& principal, const std::vector<Command>& commands,
                           const std::string& ifMatch = {}, const std::string& password = {});

  // Appends facts decided elsewhere (a seeded world built through the core's decide), durably,
  // through the same path as commands. Returns the new head.
  Result<std::uint64_t> record(const std::vector<Event>& events);

  // Refusals the core chose not to audit (anonymous requests, principals acting in a tenant
  // they have no relationship with): counted here instead of growing the event log.
  std::uint64_t refusalsNotAudited() const { return refusalsNotAudited_.load(); }

 private:
  LiveDomain& domain_;
  GroupCommitter& committer_;
  AuthStore& auth_;
  std::atomic<std::uint64_t> refusalsNotAudited_{0};
  std::string offerLinkKey_;
};

}  // namespace delegate::server

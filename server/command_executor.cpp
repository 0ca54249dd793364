#include "server/command_executor.hpp"

#include "server/context_factory.hpp"
#include "server/etags.hpp"
#include "server/password_hash.hpp"

namespace delegate::server {

ExecuteResult CommandExecutor::execute(const Principal& principal, const Command& command,
                                       const std::string& ifMatch, const std::string& password) {
  return executeAll(principal, {command}, ifMatch, password);
}

ExecuteResult CommandExecutor::executeAll(const Principal& principal,
                                          const std::vector<Command>& commands,
                                          const std::string& ifMatch, const std::string& password) {
  ExecuteResult result;
  if (commands.empty()) return result;
  // Fresh values are drawn before entering the serialized section so it stays short.
  std::vector<Context> contexts;
  for (const Command& c : commands) contexts.push_back(freshContext(Timestamp{}, c, offerLinkKey_));

  auto done = committer_.submit([&](std::uint64_t next) -> std::vector<std::string> {
    result.firstRevision = next;
    // 1. Every part is decided against the state before any of them, and all must be allowed:
    //    one request is one decision (a PATCH is never half applied). The parts a request may
    //    combine (a user's names, enabled flag and password) do not depend on one another.
    //    Authorization comes before If-Match: a principal the core refuses learns nothing about
    //    the object (not whether it exists, nor its version), the same answer as for a random id.
    std::optional<Decision> refusal;
    if (commands.size() > 1 || !ifMatch.empty()) {
      domain_.read([&](const State& state, std::uint64_t) {
        for (std::size_t i = 0; i < commands.size() && !refusal; ++i) {
          contexts[i].now = nowNotBefore(state.clock);
          Decision d = decide(state, principal, commands[i], contexts[i]);
          if (!d.ok()) refusal = std::move(d);
        }
        if (refusal || ifMatch.empty()) return;
        std::optional<std::string> current =
            etagOfTarget(state, commands.front(), principal.actingTenant);
        if (current && *current != ifMatch) {
          result.outcome = ExecuteResult::Outcome::stale;
          result.message = "The object changed since you read it (its version is now " + *current +
                           "); read it again and retry.";
        }
      });
    }
    if (result.outcome == ExecuteResult::Outcome::stale) return {};
    if (refusal) {
      // Only the refusal's own audit record (if the core keeps one) is written.
      result.decision = std::move(*refusal);
      if (result.decision.events.empty()) ++refusalsNotAudited_;
      return domain_.commit(next, [&](const State&) { return result.decision.events; });
    }
    // 2. Applied in turn, in this one job: no other write comes between the parts, and the
    //    group commit makes them durable together.
    std::vector<std::string> bodies;
    for (std::size_t i = 0; i < commands.size(); ++i) {
      Decision part;
      std::vector<std::string> encoded = domain_.commit(next, [&](const State& state) {
        contexts[i].now = nowNotBefore(state.clock);
        part = decide(state, principal, commands[i], contexts[i]);
        return part.events;
      });
      next += encoded.size();
      for (auto& b : encoded) bodies.push_back(std::move(b));
      if (!part.ok() && part.events.empty()) ++refusalsNotAudited_;
      const bool refused = !part.ok();
      for (auto& e : part.events) result.decision.events.push_back(std::move(e));
      for (auto& sct : part.secrets) result.decision.secrets.push_back(std::move(sct));
      if (refused) {
        result.decision.error = part.error;
        break;  // (a single command; or a part whose rules changed under it — not expected)
      }
    }
    return bodies;
  });
  Result<std::uint64_t> head = done.get();
  if (!head) {
    result.outcome = ExecuteResult::Outcome::unavailable;
    result.message = head.error().message;
    return result;
  }
  result.head = head.value();
  if (result.outcome != ExecuteResult::Outcome::decided) return result;

  // Temporary passwords: keep only the Argon2id hash, and end the user's old sessions so a reset
  // locks out whoever had them. Done after the events are durable (the user id exists then).
  for (const IssuedSecret& secret : result.decision.secrets) {
    if (secret.kind != SecretKind::temporaryPassword && secret.kind != SecretKind::chosenPassword)
      continue;
    std::string hash = hashPassword(password.empty() ? secret.value : password);
    if (hash.empty() || !auth_.setPasswordHash(secret.subjectId, hash)) {
      result.outcome = ExecuteResult::Outcome::unavailable;
      result.message = "the temporary password could not be stored; reset it again";
      return result;
    }
    // A reset by someone else locks out whoever had the old password; a person choosing their
    // own keeps the session they are using.
    if (secret.kind == SecretKind::temporaryPassword &&
        !auth_.removeSessionsOfUser(secret.subjectId)) {
      result.outcome = ExecuteResult::Outcome::unavailable;
      result.message =
          "the password was reset but the user's sessions could not be ended; reset it again";
      return result;
    }
  }
  // A user disabled, enabled again or deleted loses every session and token. Requests are refused
  // while the user is disabled anyway (Authenticator::accountActive); ending them on enabling too
  // means nothing made before, or in a race with, the disabling works afterwards.
  for (const Event& event : result.decision.events) {
    std::optional<UserId> user;
    if (auto* e = std::get_if<UserEnabledChanged>(&event)) user = e->userId;
    if (auto* e = std::get_if<UserDeleted>(&event)) user = e->userId;
    if (user && !auth_.removeSessionsOfUser(user->str())) {
      result.outcome = ExecuteResult::Outcome::unavailable;
      result.message = "the change is saved but the user's sessions could not be ended; try again";
      return result;
    }
  }
  return result;
}

Result<std::uint64_t> CommandExecutor::record(const std::vector<Event>& events) {
  return committer_
      .submit([&](std::uint64_t next) {
        return domain_.commit(next, [&](const State&) { return events; });
      })
      .get();
}

}  // namespace delegate::server

#include "server/command_executor.hpp"

#include "server/context_factory.hpp"
#include "server/etags.hpp"
#include "server/password_hash.hpp"

namespace delegate::server {

ExecuteResult CommandExecutor::execute(const Principal& principal, const Command& command,
                                       const std::string& ifMatch, const std::string& password) {
  ExecuteResult result;
  // Fresh values are drawn before entering the serialized section so it stays short.
  Context context = freshContext(Timestamp{}, command, offerLinkKey_);
  auto done = committer_.submit([&](std::uint64_t next) {
    return domain_.commit(next, [&](const State& state) -> std::vector<Event> {
      if (!ifMatch.empty()) {
        std::optional<std::string> current = etagOfTarget(state, command);
        if (current && *current != ifMatch) {
          result.outcome = ExecuteResult::Outcome::stale;
          result.message = "The object changed since you read it (its version is now " + *current +
                           "); read it again and retry.";
          return {};
        }
      }
      context.now = nowNotBefore(state.clock);
      result.decision = decide(state, principal, command, context);
      result.firstRevision = next;
      return result.decision.events;
    });
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

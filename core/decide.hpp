#pragma once
// The decision step: a command, checked against the state and the principal, becomes events or
// a typed error. Pure: the same inputs give the same decision.
#include <optional>
#include <string>
#include <vector>

#include "core/commands.hpp"
#include "core/context.hpp"
#include "core/events.hpp"
#include "core/principal.hpp"
#include "core/result.hpp"
#include "core/state.hpp"

namespace delegate {

// chosenPassword: the password a person picked when signing up; stored as a hash like a
// temporary one but never shown back.
enum class SecretKind : std::uint8_t {
  offerToken,
  approvalToken,
  temporaryPassword,
  chosenPassword
};
DELEGATE_ENUM_NAMES(SecretKind, "offerToken", "approvalToken", "temporaryPassword",
                    "chosenPassword")

// A secret the decision issued. It never enters an event: the server shows it once (offer link,
// approval link, temporary password) and stores only a hash of passwords.
struct IssuedSecret {
  SecretKind kind = SecretKind::offerToken;
  std::string subjectId;  // the offer, relationship or user it belongs to
  std::string value;
  DELEGATE_FIELDS(kind, subjectId, value)
};

struct Decision {
  // On success: the domain events, then one AuditRecorded. On refusal: only the AuditRecorded
  // (outcome refused, reason = error code), and `error` is set.
  std::vector<Event> events;
  std::optional<Error> error;
  std::vector<IssuedSecret> secrets;  // empty on refusal

  bool ok() const { return !error.has_value(); }
};

Decision decide(const State& state, const Principal& principal, const Command& command,
                const Context& context);

}  // namespace delegate

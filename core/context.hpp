#pragma once
// Everything non-deterministic a command may need, decided outside the core: the current time
// and fresh values. The server fills it from a clock and a CSPRNG; tests and world generators
// fill it deterministically. A command that runs out gets an internalError, never UB.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/commands.hpp"
#include "core/ids.hpp"
#include "core/time.hpp"

namespace delegate {

struct Context {
  Timestamp now;
  std::vector<Guid> ids;             // public ids, consumed in order
  std::vector<std::string> secrets;  // offer/approval tokens and temporary passwords, in order
};

// Upper bounds of what a command consumes, so a caller can generate exactly enough.
struct ContextNeeds {
  std::size_t ids = 0;
  std::size_t secrets = 0;
};
ContextNeeds contextNeeds(const Command& command);

// Secrets shorter than this are refused (internalError): a token must be unguessable.
inline constexpr std::size_t kMinSecretLength = 16;

// A reproducible source of fresh values for tests, the demo world and benchmarks. Never use it
// for a real deployment: its values are predictable by design.
class DeterministicSource {
 public:
  explicit DeterministicSource(std::uint64_t seed) : state_(seed) {}
  Guid nextGuid();
  std::string nextSecret();  // 32 characters
  std::uint64_t nextU64();
  Context context(Timestamp now, ContextNeeds needs);
  Context contextFor(Timestamp now, const Command& command) {
    return context(now, contextNeeds(command));
  }

 private:
  std::uint64_t state_;
};

}  // namespace delegate

#pragma once
#include <cstdio>
#include <string>

#include "server/auth_store.hpp"
#include "server/command_executor.hpp"

namespace delegate::server {

struct BootstrapTarget {
  CommandExecutor& executor;
  AuthStore& auth;
};

// The known password of every demo user (the demo world is for trying the product out).
inline constexpr const char* kDemoPassword = "Delegate-Demo-2026";

// First start on an empty store: the operator's partner tenant (certified) and its Global
// Administrator, whose one-time password is printed to `out` once.
Status createOperator(BootstrapTarget target, std::FILE* out);

// --demo on an empty store: the core's demo world, every user with kDemoPassword, and the
// sign-in names printed to `out`.
Status seedDemoWorld(BootstrapTarget target, std::FILE* out);

// --scale-world on an empty store: the core's scale world (one partner, `clients` clients of
// `usersPerClient` users each), stored in large batches; the partner's users and each client's
// Global Administrator get kDemoPassword, and the sign-ins to try are printed to `out` with the
// time seeding took.
Status seedScaleWorld(BootstrapTarget target, std::size_t clients, std::size_t usersPerClient,
                      std::FILE* out);

}  // namespace delegate::server

#pragma once
#include <cstdint>

namespace delegate::server {

// Raises the process's open-file soft limit to its hard limit (Debian's default soft limit of
// 1024 caps a server at about a thousand connections). Returns the soft limit now in force.
std::uint64_t raiseOpenFileLimit();

}  // namespace delegate::server

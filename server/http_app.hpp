#pragma once
#include <atomic>
#include <cstdint>
#include <string>

namespace httplib {
class Server;
}

namespace delegate::server {

struct AppConfig {
  std::string webRoot;  // empty: no static files
};

// Registers every route of the product on `server`. The server object is owned by the caller so
// main() can bind, listen and stop it.
void installRoutes(httplib::Server& server, const AppConfig& config,
                   const std::atomic<std::uint64_t>& revision);

}  // namespace delegate::server

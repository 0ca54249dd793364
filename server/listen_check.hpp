#pragma once
#include <string>

namespace delegate::server {

// Tries to bind host:port the way the server will, so a taken port is reported in words
// ("already in use") instead of a bare failure. Empty string when the address is free.
std::string checkCanListen(const std::string& host, int port);

}  // namespace delegate::server

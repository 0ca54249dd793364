#pragma once
// Domain verification's DNS side: the server looks up the TXT records at a domain's name with a
// real resolver (glibc's libresolv) and hands what it found to the core, which verifies the
// claim only when its issued record is among them. `--dns-server HOST:PORT` points the lookups
// at one server (tests run dnsmasq on loopback); by default the system's resolvers are used.
#include <httplib.h>

#include <string>
#include <vector>

#include "core/commands.hpp"
#include "core/principal.hpp"
#include "core/result.hpp"

namespace delegate::server {

class ServerApp;

// The TXT records at `name` (each record's strings joined). No such name or no TXT record is an
// empty list; a lookup that could not complete (no answer, refused) is an error.
// `server`: "HOST:PORT" (IPv4), or empty for the system's resolvers.
Result<std::vector<std::string>> lookupTxt(const std::string& name, const std::string& server);

// For a VerifyDomain command: replaces whatever proof the client sent with the TXT records the
// server finds in DNS now. Skips the lookup when the acting tenant has no claim of the name (the
// core refuses that anyway). On a failed lookup writes a 503 and returns false.
bool attachDnsProof(ServerApp& app, const Principal& principal, Command& command,
                    httplib::Response& res);

}  // namespace delegate::server

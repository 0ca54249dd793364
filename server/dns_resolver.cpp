#include "server/dns_resolver.hpp"

#include <arpa/inet.h>
#include <arpa/nameser.h>
#include <netdb.h>
#include <netinet/in.h>
#include <resolv.h>

#include <cstring>

#include "core/errors.hpp"
#include "server/http_errors.hpp"
#include "server/server_app.hpp"

namespace delegate::server {

namespace {

// A name the resolver may be asked about: letters, digits, dots and hyphens, as DNS allows.
bool plausibleName(const std::string& name) {
  if (name.empty() || name.size() > 253) return false;
  for (char c : name)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
          c == '-'))
      return false;
  return true;
}

// RFC 1035 TXT RDATA: one or more <length byte><bytes> character-strings.
std::string txtText(const unsigned char* rdata, std::size_t length) {
  std::string out;
  std::size_t at = 0;
  while (at < length) {
    std::size_t n = rdata[at++];
    if (n > length - at) n = length - at;
    out.append(reinterpret_cast<const char*>(rdata + at), n);
    at += n;
  }
  return out;
}

}  // namespace

Result<std::vector<std::string>> lookupTxt(const std::string& name, const std::string& server) {
  if (!plausibleName(name)) return std::vector<std::string>{};
  struct __res_state state;
  std::memset(&state, 0, sizeof state);
  if (res_ninit(&state) != 0) return failure("the DNS resolver could not be initialised");
  if (!server.empty()) {
    const auto colon = server.rfind(':');
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<std::uint16_t>(std::stoi(server.substr(colon + 1))));
    if (inet_pton(AF_INET, server.substr(0, colon).c_str(), &address.sin_addr) != 1) {
      res_nclose(&state);
      return failure("--dns-server " + server + " is not an IPv4 address and port");
    }
    state.nscount = 1;
    state.nsaddr_list[0] = address;
  }
  state.retrans = 2;  // seconds per try
  state.retry = 2;
  unsigned char answer[8192];
  const int size =
      res_nquery(&state, name.c_str(), ns_c_in, ns_t_txt, answer, static_cast<int>(sizeof answer));
  const int herr = state.res_h_errno;
  res_nclose(&state);
  if (size < 0) {
    if (herr == HOST_NOT_FOUND || herr == NO_DATA) return std::vector<std::string>{};
    return failure("no answer from the DNS server" +
                   (server.empty() ? std::string() : " at " + server));
  }
  ns_msg message;
  if (ns_initparse(answer, size, &message) != 0) return failure("the DNS answer was malformed");
  std::vector<std::string> records;
  const int count = ns_msg_count(message, ns_s_an);
  for (int i = 0; i < count && records.size() < 64; ++i) {
    ns_rr rr;
    if (ns_parserr(&message, ns_s_an, i, &rr) != 0) break;
    if (ns_rr_type(rr) != ns_t_txt) continue;
    records.push_back(txtText(ns_rr_rdata(rr), ns_rr_rdlen(rr)));
  }
  return records;
}

bool attachDnsProof(ServerApp& app, const Principal& principal, Command& command,
                    httplib::Response& res) {
  auto* verify = std::get_if<VerifyDomain>(&command);
  if (!verify) return true;
  verify->dnsTxtRecords.reset();  // never the client's word
  const bool claimed = app.domain().read([&](const State& state, std::uint64_t) {
    return principal.isUser() && state.findDomain(principal.actingTenant, verify->name) != nullptr;
  });
  if (!claimed) return true;
  Result<std::vector<std::string>> found = lookupTxt(verify->name, app.options().dnsServer);
  if (!found) {
    sendError(res, errc::dnsLookupFailed,
              "The DNS lookup for '" + verify->name + "' did not complete (" +
                  found.error().message + "); try again in a moment.",
              "name");
    return false;
  }
  verify->dnsTxtRecords = std::move(found).value();
  return true;
}

}  // namespace delegate::server

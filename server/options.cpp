#include "server/options.hpp"

#include <cstdlib>

#include "server/client_address.hpp"

namespace delegate::server {

namespace {

bool parsePort(const std::string& text, int& port) {
  if (text.empty() || text.size() > 5) return false;
  for (char c : text)
    if (c < '0' || c > '9') return false;
  port = std::atoi(text.c_str());
  return port >= 1 && port <= 65535;
}

// An absolute http(s) URL of the server's root: scheme and host, an optional port and path, no
// query or fragment. Returns the problem, or empty; strips a trailing slash.
std::string checkPublicUrl(std::string& url) {
  std::size_t scheme = url.find("://");
  std::string name = scheme == std::string::npos ? "" : url.substr(0, scheme);
  if (name != "http" && name != "https")
    return "--public-url must start with http:// or https://, got '" + url + "'";
  std::string rest = url.substr(scheme + 3);
  if (rest.empty() || rest[0] == '/' || rest[0] == ':')
    return "--public-url needs a host name, got '" + url + "'";
  for (char c : rest)
    if (c == '?' || c == '#' || c == '@' || c == ' ' || c == '\\' ||
        static_cast<unsigned char>(c) < 0x21)
      return "--public-url must be a plain URL like https://delegate.example.com (no user, query "
             "or fragment), got '" +
             url + "'";
  while (!url.empty() && url.back() == '/') url.pop_back();
  return {};
}

}  // namespace

ParsedOptions parseOptions(const std::vector<std::string>& args) {
  ParsedOptions out;
  Options& o = out.options;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto value = [&](std::string& into) {
      if (i + 1 >= args.size()) {
        out.error = a + " needs a value";
        return false;
      }
      into = args[++i];
      return true;
    };
    std::string v;
    if (a == "--help" || a == "-h") {
      o.help = true;
    } else if (a == "--host") {
      if (!value(o.host)) return out;
    } else if (a == "--port") {
      if (!value(v)) return out;
      if (!parsePort(v, o.port)) {
        out.error = "--port must be a number from 1 to 65535, got '" + v + "'";
        return out;
      }
    } else if (a == "--web") {
      if (!value(o.webRoot)) return out;
    } else if (a == "--data") {
      if (!value(o.dataDir)) return out;
    } else if (a == "--tick-seconds") {
      if (!value(v)) return out;
      if (!parsePort(v, o.tickSeconds) || o.tickSeconds > 86400) {
        out.error = "--tick-seconds must be a number from 1 to 86400, got '" + v + "'";
        return out;
      }
    } else if (a == "--dns-server") {
      if (!value(o.dnsServer)) return out;
      const auto colon = o.dnsServer.rfind(':');
      int dnsPort = 0;
      if (colon == std::string::npos || colon == 0 ||
          !parsePort(o.dnsServer.substr(colon + 1), dnsPort)) {
        out.error = "--dns-server must be an IPv4 address and port such as 127.0.0.1:5353, got '" +
                    o.dnsServer + "'";
        return out;
      }
    } else if (a == "--public-url") {
      if (!value(o.publicUrl)) return out;
      if (std::string problem = checkPublicUrl(o.publicUrl); !problem.empty()) {
        out.error = problem;
        return out;
      }
    } else if (a == "--trusted-proxy") {
      std::string range;
      if (!value(range)) return out;
      if (!parseAddressRange(range)) {
        out.error =
            "--trusted-proxy must be an IP address or a CIDR range such as 10.0.0.0/8 or "
            "::1, got '" +
            range + "'";
        return out;
      }
      o.trustedProxies.push_back(range);
    } else if (a == "--demo") {
      o.demo = true;
    } else {
      out.error = "unknown option '" + a + "' (see --help)";
      return out;
    }
  }
  if (o.publicUrl.empty()) o.publicUrl = "http://127.0.0.1:" + std::to_string(o.port);
  return out;
}

std::string usage(const std::string& program) {
  return "usage: " + program +
         " [--host ADDR] [--port N] [--public-url URL] [--web DIR] [--data DIR] [--demo]\n"
         "       [--tick-seconds N] [--dns-server HOST:PORT] [--trusted-proxy ADDR[/BITS]]...\n"
         "  --host ADDR  address to listen on (default 127.0.0.1)\n"
         "  --port N     port to listen on (default 8080)\n"
         "  --public-url URL  where people reach this server (https://delegate.example.com);\n"
         "               links and Location headers are built from it, never from the request\n"
         "               (default http://127.0.0.1:PORT)\n"
         "  --web DIR    folder with the web build to serve (index.html, delegate.js, .wasm)\n"
         "  --data DIR   folder for the store (default ./data)\n"
         "  --demo       seed the demo world on first start (prints its sign-in names)\n"
         "  --tick-seconds N  how often the clock advances (expiry, lapse; default 60)\n"
         "  --dns-server HOST:PORT  where domain verification looks up TXT records\n"
         "               (default: the system's resolvers from /etc/resolv.conf)\n"
         "  --trusted-proxy ADDR[/BITS]  a load balancer in front of this server (repeatable):\n"
         "               only its X-Forwarded-For names the client's address (sign-in limits)\n";
}

}  // namespace delegate::server

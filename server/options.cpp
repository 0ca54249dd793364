#include "server/options.hpp"

#include <cstdlib>

#include "server/client_address.hpp"
#include "server/decimal.hpp"
#include "server/pg_connection.hpp"

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

bool parseCount(const std::string& text, std::size_t max, std::size_t& out) {
  auto v = parseDecimal(text, 9);
  if (!v) return false;
  out = static_cast<std::size_t>(*v);
  return out >= 1 && out <= max;
}

}  // namespace

// Bounds keep a typo from asking for more memory than a machine has: 100,000 clients, 100,000
// users in one client, 10,000,000 users in all (about 10 GB of state).
std::string parseScaleWorld(const std::string& spec, std::size_t& clients,
                            std::size_t& usersPerClient) {
  constexpr std::size_t kMaxClients = 100000, kMaxUsers = 100000, kMaxTotal = 10000000;
  const std::size_t x = spec.find('x');
  const std::string left = spec.substr(0, x);
  const std::string right = x == std::string::npos ? "100" : spec.substr(x + 1);
  const std::string expected =
      "--scale-world takes CLIENTS or CLIENTSxUSERS, like 10000x100 (1 to 100000 clients, 1 to "
      "100000 users each, 10000000 users in all), got '" +
      spec + "'";
  if (!parseCount(left, kMaxClients, clients) || !parseCount(right, kMaxUsers, usersPerClient) ||
      clients * usersPerClient > kMaxTotal)
    return expected;
  return {};
}

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
    } else if (a == "--migrate-from") {
      if (!value(o.migrateFrom)) return out;
    } else if (a == "--store") {
      if (!value(o.store)) return out;
      if (!isPostgresUri(o.store)) {
        out.error =
            "--store takes a PostgreSQL URI such as postgresql://delegate@db:5432/delegate "
            "(leave it out for the embedded store in --data), got '" +
            redactedUri(o.store) + "'";
        return out;
      }
    } else if (a == "--tick-seconds") {
      if (!value(v)) return out;
      if (!parsePort(v, o.tickSeconds) || o.tickSeconds > 86400) {
        out.error = "--tick-seconds must be a number from 1 to 86400, got '" + v + "'";
        return out;
      }
    } else if (a == "--snapshot-every") {
      if (!value(v)) return out;
      char* end = nullptr;
      o.snapshotEvery = std::strtol(v.c_str(), &end, 10);
      if (v.empty() || *end != '\0' || o.snapshotEvery < 0 || o.snapshotEvery > 1000000000) {
        out.error =
            "--snapshot-every must be a number of events from 0 (never) to 1000000000, got '" + v +
            "'";
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
    } else if (a == "--smtp-url") {
      if (!value(o.smtpUrl)) return out;
      if (o.smtpUrl.rfind("smtp://", 0) != 0 && o.smtpUrl.rfind("smtps://", 0) != 0) {
        out.error = "--smtp-url must look like smtp://HOST:PORT or smtps://HOST:PORT, got '" +
                    o.smtpUrl + "'";
        return out;
      }
      if (o.smtpUrl.find('@') != std::string::npos) {
        out.error =
            "--smtp-url must not carry a user or password (they would show in the "
            "process list); use --smtp-credentials FILE or DELEGATE_SMTP_USER and "
            "DELEGATE_SMTP_PASSWORD";
        return out;
      }
    } else if (a == "--smtp-starttls") {
      o.smtpStartTls = true;
    } else if (a == "--smtp-credentials") {
      if (!value(o.smtpCredentialsFile)) return out;
    } else if (a == "--smtp-ca-file") {
      if (!value(o.smtpCaFile)) return out;
    } else if (a == "--mail-from") {
      if (!value(o.mailFrom)) return out;
      if (o.mailFrom.find('@') == std::string::npos ||
          o.mailFrom.find_first_of("<>\r\n \t,") != std::string::npos) {
        out.error = "--mail-from must be a plain address like delegate@example.com, got '" +
                    o.mailFrom + "'";
        return out;
      }
    } else if (a == "--mail-retry-base-ms" || a == "--webhook-retry-base-ms") {
      if (!value(v)) return out;
      char* end = nullptr;
      long& into = a == "--mail-retry-base-ms" ? o.mailRetryBaseMs : o.webhookRetryBaseMs;
      into = std::strtol(v.c_str(), &end, 10);
      if (v.empty() || *end != '\0' || into < 1 || into > 86400000) {
        out.error = a + " must be a number from 1 to 86400000, got '" + v + "'";
        return out;
      }
    } else if (a == "--max-connections" || a == "--max-connections-per-address" ||
               a == "--header-timeout" || a == "--idle-timeout" || a == "--http-workers") {
      if (!value(v)) return out;
      // Zero is meaningful only for the per-address cap (no cap).
      const long low = a == "--max-connections-per-address" ? 0 : 1;
      char* end = nullptr;
      const long n = std::strtol(v.c_str(), &end, 10);
      if (v.empty() || *end != '\0' || n < low || n > 1000000) {
        out.error =
            a + " must be a number from " + std::to_string(low) + " to 1000000, got '" + v + "'";
        return out;
      }
      if (a == "--max-connections") o.http.maxConnections = static_cast<std::size_t>(n);
      if (a == "--max-connections-per-address")
        o.http.maxConnectionsPerAddress = static_cast<std::size_t>(n);
      if (a == "--header-timeout") o.http.headerSeconds = static_cast<int>(n);
      if (a == "--idle-timeout") o.http.idleSeconds = static_cast<int>(n);
      if (a == "--http-workers") o.http.workerThreads = static_cast<std::size_t>(n);
    } else if (a == "--tls-cert") {
      if (!value(o.tlsCert)) return out;
    } else if (a == "--tls-key") {
      if (!value(o.tlsKey)) return out;
    } else if (a == "--demo") {
      o.demo = true;
    } else if (a == "--scale-world") {
      if (!value(v)) return out;
      if (std::string problem = parseScaleWorld(v, o.scaleClients, o.scaleUsersPerClient);
          !problem.empty()) {
        out.error = problem;
        return out;
      }
    } else {
      out.error = "unknown option '" + a + "' (see --help)";
      return out;
    }
  }
  if (!o.migrateFrom.empty()) {
    if (o.store.empty()) {
      out.error = "--migrate-from DIR copies DIR's store into PostgreSQL: give --store too";
      return out;
    }
    // The store keeps DIR's id and DIR's keys go on being used (the credentials are copied).
    bool dataGiven = false;
    for (const std::string& arg : args) dataGiven = dataGiven || arg == "--data";
    if (dataGiven && o.dataDir != o.migrateFrom) {
      out.error =
          "--migrate-from DIR keeps using DIR's keys (offer-link.key, mfa.key): give --data DIR "
          "(or leave --data out)";
      return out;
    }
    o.dataDir = o.migrateFrom;
  }
  if (o.demo && o.scaleClients > 0) {
    out.error = "--demo and --scale-world each seed a world; choose one";
    return out;
  }
  if (o.tlsCert.empty() != o.tlsKey.empty()) {
    out.error =
        "--tls-cert and --tls-key go together: give the certificate (PEM) and its "
        "private key (PEM)";
    return out;
  }
  if (o.smtpUrl.empty() &&
      (o.smtpStartTls || !o.smtpCaFile.empty() || !o.smtpCredentialsFile.empty())) {
    out.error =
        "--smtp-starttls, --smtp-ca-file and --smtp-credentials need --smtp-url (the mail "
        "server they are for)";
    return out;
  }
  if (o.smtpStartTls && o.smtpUrl.rfind("smtps://", 0) == 0) {
    out.error =
        "--smtp-starttls is for smtp:// URLs; smtps:// is encrypted from the first byte "
        "already";
    return out;
  }
  if (o.publicUrl.empty())
    o.publicUrl = (o.tls() ? "https://127.0.0.1:" : "http://127.0.0.1:") + std::to_string(o.port);
  if (o.mailFrom.empty()) {
    std::string host = o.publicUrl.substr(o.publicUrl.find("://") + 3);
    host = host.substr(0, host.find_first_of(":/"));
    o.mailFrom = "delegate@" + host;
  }
  return out;
}

std::string usage(const std::string& program) {
  return "usage: " + program +
         " [--host ADDR] [--port N] [--public-url URL] [--web DIR] [--data DIR] [--demo]\n"
         "       [--store postgresql://USER@HOST:PORT/DB [--migrate-from DIR] [--snapshot-every "
         "N]]\n"
         "       [--scale-world CLIENTS[xUSERS]] [--tick-seconds N] [--dns-server HOST:PORT]\n"
         "       [--trusted-proxy ADDR[/BITS]]...\n"
         "       [--smtp-url URL] [--smtp-starttls] [--smtp-ca-file FILE]\n"
         "       [--smtp-credentials FILE] [--mail-from ADDR]\n"
         "       [--mail-retry-base-ms N] [--webhook-retry-base-ms N]\n"
         "       [--tls-cert FILE --tls-key FILE]\n"
         "       [--max-connections N] [--max-connections-per-address N]\n"
         "       [--header-timeout SECONDS] [--idle-timeout SECONDS] [--http-workers N]\n"
         "  --host ADDR  address to listen on (default 127.0.0.1)\n"
         "  --port N     port to listen on (default 8080)\n"
         "  --public-url URL  where people reach this server (https://delegate.example.com);\n"
         "               links and Location headers are built from it, never from the request\n"
         "               (default http://127.0.0.1:PORT)\n"
         "  --web DIR    folder with the web build to serve (index.html, delegate.js, .wasm)\n"
         "  --data DIR   folder for the store (default ./data)\n"
         "  --store postgresql://USER@HOST:PORT/DB  keep the event log in PostgreSQL, shared by\n"
         "               several servers (password from the URI, PGPASSFILE or PGPASSWORD);\n"
         "               without it the log is events.db in --data\n"
         "  --migrate-from DIR  copy DIR's embedded store into the empty --store first and\n"
         "               check the copy; DIR stays the server's --data (credentials, keys)\n"
         "  --snapshot-every N  with --store: the clock-leading server snapshots the state into\n"
         "               it every N events (default 100000; 0: never), so a starting server\n"
         "               folds only the events after the newest snapshot\n"
         "  --demo       seed the demo world on first start (prints its sign-in names)\n"
         "  --scale-world CLIENTS[xUSERS]  seed the core's scale world on an empty store: one\n"
         "               partner with CLIENTS clients of USERS users each (default 100), for\n"
         "               measuring at partner scale; prints its sign-ins (one shared password)\n"
         "  --tick-seconds N  how often the clock advances (expiry, lapse; default 60)\n"
         "  --dns-server HOST:PORT  where domain verification looks up TXT records\n"
         "               (default: the system's resolvers from /etc/resolv.conf)\n"
         "  --trusted-proxy ADDR[/BITS]  a load balancer in front of this server (repeatable):\n"
         "               only its X-Forwarded-For names the client's address (sign-in limits)\n"
         "  --smtp-url URL  deliver mail through smtp://HOST:PORT or smtps://HOST:PORT;\n"
         "               without it mail stays in the outbox\n"
         "  --smtp-starttls  require STARTTLS on smtp:// (never send in the clear)\n"
         "  --smtp-ca-file FILE  PEM bundle of the CAs that sign the mail server's certificate\n"
         "               (default: the system's store); the certificate is always verified\n"
         "  --smtp-credentials FILE  SMTP user on the first line, password on the second\n"
         "               (or DELEGATE_SMTP_USER and DELEGATE_SMTP_PASSWORD in the environment);\n"
         "               sent only over smtps:// or with --smtp-starttls\n"
         "  --mail-from ADDR  the sender (default delegate@ the public URL's host)\n"
         "  --mail-retry-base-ms N  first retry after a temporary failure (default 60000),\n"
         "               doubling up to an hour; given up after 48 hours\n"
         "  --webhook-retry-base-ms N  the same for webhook deliveries (default 60000)\n"
         "  --tls-cert FILE --tls-key FILE  serve HTTPS directly (PEM certificate chain and\n"
         "               private key); without them, put a TLS proxy in front of anything but\n"
         "               loopback\n"
         "  --max-connections N  open connections held at most (default 20000); beyond, 503\n"
         "  --max-connections-per-address N  the same per client address (default 256; 0: no\n"
         "               cap); --trusted-proxy addresses are exempt\n"
         "  --header-timeout SECONDS  a request's whole header must arrive within this from\n"
         "               its first byte (default 10)\n"
         "  --idle-timeout SECONDS  a connection that sends nothing is closed after this\n"
         "               (default 30)\n"
         "  --http-workers N  threads that run requests (default 16); waiting long-polls use\n"
         "               none\n";
}

}  // namespace delegate::server

#pragma once
#include <optional>
#include <string>
#include <vector>

#include "server/http_setup.hpp"

namespace delegate::server {

struct Options {
  std::string host = "127.0.0.1";
  int port = 8080;
  std::string webRoot;  // folder with the web build; empty serves only the API
  std::string dataDir = "data";
  // A PostgreSQL URI for a log shared by several servers; empty: events.db in dataDir.
  std::string store;
  // With `store`: an embedded store's folder whose log is copied into it first.
  std::string migrateFrom;
  bool demo = false;
  // --scale-world CLIENTS[xUSERS]: the core's scale world seeded on an empty store (0: not asked).
  std::size_t scaleClients = 0;
  std::size_t scaleUsersPerClient = 0;
  int tickSeconds = 60;  // how often the background tick sends AdvanceClock
  // With `store`: the clock leader snapshots the core state into it every this many events, so a
  // starting server folds only the events after the newest snapshot (0: never).
  long snapshotEvery = 100000;
  // The scheme, host and port people reach the server at, without a trailing slash: every
  // absolute URL the server writes (Location, @odata.nextLink, approval links) starts with it.
  // Never taken from the request's Host header, which the client chooses. Empty until parsed:
  // then http://127.0.0.1:PORT.
  std::string publicUrl;
  std::string dnsServer;  // HOST:PORT for domain verification lookups; empty: the system's
  // Load balancers whose X-Forwarded-For is believed (addresses or CIDR ranges); see
  // server/client_address.hpp. Empty: the header is ignored.
  std::vector<std::string> trustedProxies;
  // Mail (empty smtpUrl: not configured; the outbox is kept but not delivered). User and
  // password come from smtpCredentialsFile or DELEGATE_SMTP_USER/DELEGATE_SMTP_PASSWORD.
  std::string smtpUrl;
  bool smtpStartTls = false;
  std::string smtpCredentialsFile;
  std::string smtpCaFile;        // CAs for the mail server's certificate; empty: the system's store
  std::string mailFrom;          // default delegate@<public URL's host>
  long mailRetryBaseMs = 60000;  // first retry after a temporary failure, doubling
  long webhookRetryBaseMs = 60000;  // the same for webhook deliveries
  // HTTPS served directly (PEM files; the certificate file may hold the chain). Both or neither;
  // without them the server speaks plain HTTP and expects a TLS proxy in front of it.
  std::string tlsCert;
  std::string tlsKey;
  // Connection caps, deadlines and the handler pool (--max-connections ..., --http-workers).
  HttpLimits http;
  bool help = false;

  bool tls() const { return !tlsCert.empty(); }
  // Whether people reach the server over HTTPS (directly or through a TLS proxy): cookies are
  // then Secure and responses carry Strict-Transport-Security.
  bool servedOverHttps() const { return tls() || publicUrl.rfind("https://", 0) == 0; }
};

struct ParsedOptions {
  Options options;
  std::string error;  // non-empty when the command line is wrong; says what to change
};

// "CLIENTS[xUSERS]" (USERS defaults to 100), each a whole number in bounds; the problem, or empty.
std::string parseScaleWorld(const std::string& spec, std::size_t& clients,
                            std::size_t& usersPerClient);

ParsedOptions parseOptions(const std::vector<std::string>& args);
std::string usage(const std::string& program);

}  // namespace delegate::server

#pragma once
// A throwaway PostgreSQL cluster for the [postgres] tests: initdb into a temp folder, a server
// on a free loopback port (and its Unix socket in that folder), trust authentication, stopped
// and removed afterwards. Run as the unprivileged `postgres` user when the tests run as root
// (initdb refuses root), so CI needs nothing but Debian's `postgresql` package.
#include <string>

namespace delegate::testing {

class PgCluster {
 public:
  PgCluster();  // throws std::runtime_error (with PostgreSQL's own log) when it cannot start
  ~PgCluster();
  PgCluster(const PgCluster&) = delete;
  PgCluster& operator=(const PgCluster&) = delete;

  // One cluster for the whole test run (started on first use, stopped at exit).
  static PgCluster& shared();

  // A new, empty database; its URI (postgresql://postgres@127.0.0.1:PORT/NAME).
  std::string createDatabase();
  std::string uri(const std::string& database) const;
  int port() const { return port_; }

  void stop();   // fast shutdown, bounded
  void start();  // again, on the same port and data

 private:
  std::string run(const std::string& command, bool mustSucceed = true) const;
  std::string bin_;     // folder with initdb and pg_ctl
  std::string dir_;     // the cluster's temp folder (data in dir_/data, socket in dir_)
  std::string asUser_;  // "runuser -u postgres -- " when running as root
  int port_ = 0;
  int databases_ = 0;
  bool running_ = false;
};

// Where Debian (or PATH) keeps initdb and pg_ctl; DELEGATE_PG_BIN overrides. Empty: not found.
std::string findPostgresBin();

}  // namespace delegate::testing

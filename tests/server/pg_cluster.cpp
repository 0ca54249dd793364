#include "pg_cluster.hpp"

#include <libpq-fe.h>
#include <pwd.h>
#include <sys/types.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <vector>

#include "tests/support/loopback_port.hpp"

namespace fs = std::filesystem;

namespace delegate::testing {

std::string findPostgresBin() {
  auto has = [](const fs::path& dir) {
    std::error_code ec;
    return fs::exists(dir / "initdb", ec) && fs::exists(dir / "pg_ctl", ec);
  };
  if (const char* given = std::getenv("DELEGATE_PG_BIN"); given && *given)
    return has(given) ? given : "";
  // Debian installs server binaries off PATH, one folder per major version: take the newest.
  std::vector<std::pair<int, fs::path>> found;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator("/usr/lib/postgresql", ec)) {
    const std::string name = entry.path().filename().string();
    if (has(entry.path() / "bin") && std::all_of(name.begin(), name.end(), ::isdigit))
      found.emplace_back(std::stoi(name), entry.path() / "bin");
  }
  if (!found.empty()) return std::max_element(found.begin(), found.end())->second.string();
  if (const char* path = std::getenv("PATH")) {
    std::string p = path;
    for (std::size_t start = 0; start <= p.size();) {
      std::size_t end = p.find(':', start);
      if (end == std::string::npos) end = p.size();
      fs::path dir = p.substr(start, end - start);
      if (!dir.empty() && has(dir)) return dir.string();
      start = end + 1;
    }
  }
  return {};
}

std::string PgCluster::run(const std::string& command, bool mustSucceed) const {
  std::string out;
  FILE* pipe = popen((command + " 2>&1").c_str(), "r");
  if (!pipe) throw std::runtime_error("cannot run: " + command);
  std::array<char, 4096> buf{};
  while (std::size_t n = std::fread(buf.data(), 1, buf.size(), pipe)) out.append(buf.data(), n);
  int status = pclose(pipe);
  if (mustSucceed && status != 0) {
    std::ifstream log(dir_ + "/server.log");
    std::string serverLog((std::istreambuf_iterator<char>(log)), std::istreambuf_iterator<char>());
    throw std::runtime_error("PostgreSQL test cluster: `" + command + "` failed:\n" + out + "\n" +
                             serverLog);
  }
  return out;
}

PgCluster::PgCluster() {
  bin_ = findPostgresBin();
  if (bin_.empty())
    throw std::runtime_error(
        "PostgreSQL server binaries not found (initdb, pg_ctl): run scripts/setup (Debian's "
        "postgresql package) or set DELEGATE_PG_BIN");
  std::string tmpl = (fs::temp_directory_path() / "delegate-pg-XXXXXX").string();
  if (!mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp failed");
  dir_ = tmpl;
  if (geteuid() == 0) {
    // initdb refuses root; the folder must belong to the user that runs the cluster.
    passwd* pg = getpwnam("postgres");
    if (!pg)
      throw std::runtime_error(
          "running as root needs the `postgres` user (Debian's postgresql package makes it)");
    if (chown(dir_.c_str(), pg->pw_uid, pg->pw_gid) != 0)
      throw std::runtime_error("cannot hand " + dir_ + " to the postgres user");
    asUser_ = "runuser -u postgres -- ";
  }
  port_ = freeLoopbackPort();
  run(asUser_ + bin_ + "/initdb -D " + dir_ + "/data -U postgres --auth=trust -E UTF8 " +
      "--no-locale --no-sync >" + dir_ + "/initdb.log");
  start();
}

void PgCluster::start() {
  // fsync stays on: the durability the tests check is PostgreSQL's real one.
  run(asUser_ + bin_ + "/pg_ctl -D " + dir_ + "/data -l " + dir_ + "/server.log -w -t 30 " +
      "-o \"-k " + dir_ + " -p " + std::to_string(port_) +
      " -h 127.0.0.1 -c max_connections=200\" start");
  running_ = true;
}

void PgCluster::stop() {
  if (!running_) return;
  running_ = false;
  run(asUser_ + bin_ + "/pg_ctl -D " + dir_ + "/data -m fast -w -t 20 stop", false);
}

PgCluster::~PgCluster() {
  stop();
  std::error_code ec;
  fs::remove_all(dir_, ec);
}

PgCluster& PgCluster::shared() {
  static PgCluster cluster;
  return cluster;
}

std::string PgCluster::uri(const std::string& database) const {
  return "postgresql://postgres@127.0.0.1:" + std::to_string(port_) + "/" + database;
}

std::string PgCluster::createDatabase() {
  const std::string name =
      "delegate_" + std::to_string(getpid()) + "_" + std::to_string(++databases_);
  PGconn* conn = PQconnectdb(uri("postgres").c_str());
  std::string why;
  if (PQstatus(conn) != CONNECTION_OK) {
    why = PQerrorMessage(conn);
  } else {
    PGresult* r = PQexec(conn, ("CREATE DATABASE " + name).c_str());
    if (PQresultStatus(r) != PGRES_COMMAND_OK) why = PQresultErrorMessage(r);
    PQclear(r);
  }
  PQfinish(conn);
  if (!why.empty()) throw std::runtime_error("cannot create a test database: " + why);
  return uri(name);
}

}  // namespace delegate::testing

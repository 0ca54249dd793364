#pragma once
#include <httplib.h>
#include <sys/types.h>

#include <string>
#include <utility>
#include <vector>

namespace delegate::testing {

// A free loopback port (bound to port 0 and released; the race with another process is accepted).

// Starts the real delegate-server binary on a free loopback port and waits until /api/health
// answers. Stops it (SIGTERM, then SIGKILL) when destroyed. Without --data in `extraArgs` it
// gets a fresh data folder of its own, removed afterwards.
// Starts args[0] with args, its stdout and stderr going to logPath; returns the child's pid.
pid_t spawnLogged(std::vector<std::string> args, const std::string& logPath);

class TempDir;

// Runs delegate-server with `args` (on port 1 unless they name one; data in DIR/data) until it
// exits, as a server that should refuse to start does; its exit code and everything it printed.
std::pair<int, std::string> runUntilExit(std::vector<std::string> args, const TempDir& dir);

class ServerProcess {
 public:
  explicit ServerProcess(std::vector<std::string> extraArgs = {});
  ~ServerProcess();
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  int port() const { return port_; }
  // https://127.0.0.1:PORT when started with --tls-cert, else http://.
  std::string baseUrl() const;
  pid_t pid() const { return pid_; }
  bool running() const { return pid_ > 0; }
  httplib::Client client() const;
  // Sends SIGTERM and waits; returns the exit status (or -1).
  int stop();
  void kill9();
  const std::string& output() const { return logPath_; }
  // Everything the server printed so far (stdout and stderr).
  std::string log() const;

 private:
  int port_ = 0;
  bool tls_ = false;
  pid_t pid_ = -1;
  std::string logPath_;
  std::string ownDataDir_;
};

// A temporary folder removed with its contents when destroyed.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

}  // namespace delegate::testing

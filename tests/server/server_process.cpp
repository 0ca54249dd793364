#include "server_process.hpp"

#include "tests/support/loopback_port.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <thread>

namespace delegate::testing {

pid_t spawnLogged(std::vector<std::string> args, const std::string& logPath) {
  pid_t pid = fork();
  if (pid == 0) {
    FILE* log = std::fopen(logPath.c_str(), "w");
    if (log) {
      dup2(fileno(log), 1);
      dup2(fileno(log), 2);
    }
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(argv[0], argv.data());
    _exit(127);
  }
  return pid;
}

std::pair<int, std::string> runUntilExit(std::vector<std::string> args, const TempDir& dir) {
  args.insert(args.begin(), DELEGATE_SERVER_BINARY);
  if (std::find(args.begin(), args.end(), "--port") == args.end())
    args.insert(args.end(), {"--port", "1"});
  args.insert(args.end(), {"--data", dir.path() + "/data"});
  const std::string log = dir.path() + "/refused.log";
  pid_t pid = spawnLogged(args, log);
  int status = 0;
  for (int i = 0; i < 1000 && waitpid(pid, &status, WNOHANG) != pid; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  std::ifstream in(log);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1,
          std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>())};
}

ServerProcess::ServerProcess(std::vector<std::string> extraArgs) {
  // A test that restarts a server names the old port; otherwise any free one.
  auto given = std::find(extraArgs.begin(), extraArgs.end(), "--port");
  if (given != extraArgs.end() && given + 1 != extraArgs.end()) {
    port_ = std::stoi(*(given + 1));
    extraArgs.erase(given, given + 2);
  } else {
    port_ = freeLoopbackPort();
  }
  if (port_ < 0) throw std::runtime_error("cannot bind a loopback port");
  tls_ = std::find(extraArgs.begin(), extraArgs.end(), "--tls-cert") != extraArgs.end();
  logPath_ = std::filesystem::temp_directory_path() /
             ("delegate-server-" + std::to_string(port_) + ".log");
  std::vector<std::string> args = {DELEGATE_SERVER_BINARY, "--host", "127.0.0.1", "--port",
                                   std::to_string(port_)};
  args.insert(args.end(), extraArgs.begin(), extraArgs.end());
  if (std::find(extraArgs.begin(), extraArgs.end(), "--data") == extraArgs.end()) {
    std::string tmpl = (std::filesystem::temp_directory_path() / "delegate-data-XXXXXX").string();
    if (!mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp failed");
    ownDataDir_ = tmpl;
    args.push_back("--data");
    args.push_back(ownDataDir_);
  }
  pid_ = spawnLogged(args, logPath_);
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (std::chrono::steady_clock::now() < deadline) {
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      throw std::runtime_error("delegate-server exited at start; see " + logPath_);
    }
    auto c = client();
    if (auto res = c.Get("/api/health"); res && res->status == 200) return;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  kill9();
  throw std::runtime_error("delegate-server did not answer /api/health within 20 s");
}

ServerProcess::~ServerProcess() {
  if (pid_ > 0) stop();
  std::error_code ec;
  if (!ownDataDir_.empty()) std::filesystem::remove_all(ownDataDir_, ec);
  std::filesystem::remove(logPath_, ec);
}

std::string ServerProcess::log() const {
  std::ifstream in(logPath_);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

std::string ServerProcess::baseUrl() const {
  return (tls_ ? "https://127.0.0.1:" : "http://127.0.0.1:") + std::to_string(port_);
}

httplib::Client ServerProcess::client() const {
  httplib::Client c(baseUrl());
  c.enable_server_certificate_verification(false);
  c.set_tcp_nodelay(true);
  c.set_connection_timeout(5);
  c.set_read_timeout(30);
  return c;
}

int ServerProcess::stop() {
  if (pid_ <= 0) return -1;
  ::kill(pid_, SIGTERM);
  int status = 0;
  for (int i = 0; i < 500; ++i) {
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  kill9();
  return -1;
}

void ServerProcess::kill9() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGKILL);
  waitpid(pid_, nullptr, 0);
  pid_ = -1;
}

TempDir::TempDir() {
  std::string tmpl = (std::filesystem::temp_directory_path() / "delegate-test-XXXXXX").string();
  if (!mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp failed");
  path_ = tmpl;
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

}  // namespace delegate::testing

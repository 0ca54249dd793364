#include "nginx_balancer.hpp"

#include <httplib.h>
#include <signal.h>
#include <sys/wait.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <stdexcept>
#include <thread>

#include "tests/support/loopback_port.hpp"

namespace delegate::testing {

namespace {

std::string readFile(const std::string& path) {
  std::ifstream in(path);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

}  // namespace

std::string findNginx() {
  if (const char* given = std::getenv("DELEGATE_NGINX")) return given;
  return "/usr/sbin/nginx";
}

NginxBalancer::NginxBalancer(const std::vector<int>& upstreamPorts) {
  port_ = freeLoopbackPort();
  if (port_ < 0) throw std::runtime_error("cannot bind a loopback port");
  const std::string conf = dir_.path() + "/nginx/nginx.conf";
  std::string command = std::string(DELEGATE_SOURCE_DIR) + "/scripts/nginx-balancer '" +
                        dir_.path() + "/nginx' " + std::to_string(port_);
  for (int p : upstreamPorts) command += " " + std::to_string(p);
  command += " >'" + dir_.path() + "/script.log' 2>&1";
  if (std::system(command.c_str()) != 0)
    throw std::runtime_error("scripts/nginx-balancer failed: " +
                             readFile(dir_.path() + "/script.log"));
  // -e: the error log from the first moment (before the config names it) is ours too.
  pid_ = spawnLogged({findNginx(), "-p", dir_.path() + "/nginx", "-c", conf, "-e",
                      dir_.path() + "/nginx/error.log", "-g", "daemon off;"},
                     dir_.path() + "/nginx.out");
  httplib::Client client("127.0.0.1", port_);
  client.set_connection_timeout(1);
  for (auto until = std::chrono::steady_clock::now() + std::chrono::seconds(20);
       std::chrono::steady_clock::now() < until;) {
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      throw std::runtime_error("nginx exited at start: " + readFile(dir_.path() + "/nginx.out") +
                               readFile(dir_.path() + "/nginx/error.log"));
    }
    if (auto res = client.Get("/api/health"); res && res->status == 200) return;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  stop();
  throw std::runtime_error("nginx did not answer /api/health within 20 s: " +
                           readFile(dir_.path() + "/nginx/error.log"));
}

NginxBalancer::~NginxBalancer() {
  stop();
}

void NginxBalancer::stop() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGTERM);  // fast shutdown of the master and its worker
  for (int i = 0; i < 500; ++i) {
    if (waitpid(pid_, nullptr, WNOHANG) == pid_) {
      pid_ = -1;
      return;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ::kill(pid_, SIGKILL);
  waitpid(pid_, nullptr, 0);
  pid_ = -1;
}

std::string NginxBalancer::accessLog() const {
  return readFile(dir_.path() + "/nginx/access.log");
}

}  // namespace delegate::testing

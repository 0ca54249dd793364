#pragma once
// Debian's nginx in front of delegate-servers, configured by scripts/nginx-balancer in a temp
// folder of its own (pid, logs and temp files there), listening on a free loopback port, run in
// the foreground as a child of the test and stopped when this goes.
#include <sys/types.h>

#include <string>
#include <vector>

#include "server_process.hpp"

namespace delegate::testing {

class NginxBalancer {
 public:
  // Throws std::runtime_error (with nginx's own words) when it cannot start or does not answer
  // /api/health through an upstream within 20 s.
  explicit NginxBalancer(const std::vector<int>& upstreamPorts);
  ~NginxBalancer();
  NginxBalancer(const NginxBalancer&) = delete;
  NginxBalancer& operator=(const NginxBalancer&) = delete;

  int port() const { return port_; }
  // The access log: one line per request, naming the upstream that answered it.
  std::string accessLog() const;

 private:
  void stop();  // SIGTERM (fast shutdown), SIGKILL after 5 s
  TempDir dir_;
  int port_ = 0;
  pid_t pid_ = -1;
};

// Where nginx is: DELEGATE_NGINX, else Debian's /usr/sbin/nginx.
std::string findNginx();

}  // namespace delegate::testing

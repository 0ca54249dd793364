#include "server/listen_check.hpp"

#include <arpa/inet.h>
#include <netdb.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace delegate::server {

std::string checkCanListen(const std::string& host, int port) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE;
  addrinfo* found = nullptr;
  const std::string where = host + ":" + std::to_string(port);
  if (int rc = getaddrinfo(host.c_str(), std::to_string(port).c_str(), &hints, &found); rc != 0)
    return "cannot resolve address '" + host + "': " + gai_strerror(rc);
  std::string problem;
  int fd = socket(found->ai_family, found->ai_socktype, found->ai_protocol);
  if (fd < 0) {
    problem = std::string("cannot open a socket: ") + std::strerror(errno);
  } else {
    int yes = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    if (bind(fd, found->ai_addr, found->ai_addrlen) != 0) {
      if (errno == EADDRINUSE)
        problem = where + " is already in use (another Delegate server?); stop it or pass --port N";
      else if (errno == EACCES)
        problem = "no permission to listen on " + where + "; use a port above 1023";
      else if (errno == EADDRNOTAVAIL)
        problem = "'" + host + "' is not an address of this machine; pass --host 127.0.0.1";
      else
        problem = "cannot listen on " + where + ": " + std::strerror(errno);
    }
    close(fd);
  }
  freeaddrinfo(found);
  return problem;
}

}  // namespace delegate::server

// Many raw loopback connections held open at once, for the tests and the benchmark that check a
// server holds thousands of waiting clients: idle sockets, half-sent headers (slow loris) and
// parked long-polls. Connections can come from any 127.x.y.z source address (all loopback), so
// a per-address cap can be met or avoided on purpose.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

namespace delegate::testing {

// Raises this process's open-file soft limit to its hard limit; returns the limit in force.
inline std::uint64_t raiseOwnOpenFileLimit() {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) != 0) return 0;
  if (limit.rlim_cur < limit.rlim_max) {
    rlimit raised = limit;
    raised.rlim_cur = limit.rlim_max == RLIM_INFINITY ? (1 << 20) : limit.rlim_max;
    if (setrlimit(RLIMIT_NOFILE, &raised) == 0) limit = raised;
  }
  return static_cast<std::uint64_t>(limit.rlim_cur);
}

// Connects to 127.0.0.1:port from `source`; -1 on failure. Blocking connect, then non-blocking.
inline int connectFrom(int port, const std::string& source) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return -1;
  int yes = 1;
  setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &yes, sizeof yes);
  sockaddr_in from{};
  from.sin_family = AF_INET;
  inet_pton(AF_INET, source.c_str(), &from.sin_addr);
  sockaddr_in to{};
  to.sin_family = AF_INET;
  to.sin_port = htons(static_cast<uint16_t>(port));
  inet_pton(AF_INET, "127.0.0.1", &to.sin_addr);
  if (::bind(fd, reinterpret_cast<sockaddr*>(&from), sizeof from) != 0 ||
      ::connect(fd, reinterpret_cast<sockaddr*>(&to), sizeof to) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

class SocketSwarm {
 public:
  struct Peer {
    int fd = -1;
    std::string received;
    bool closed = false;  // the server closed (or reset) it
  };

  SocketSwarm() = default;
  SocketSwarm(const SocketSwarm&) = delete;
  SocketSwarm& operator=(const SocketSwarm&) = delete;
  ~SocketSwarm() {
    for (Peer& p : peers_)
      if (p.fd >= 0) ::close(p.fd);
  }

  // Opens `count` connections from `source`; returns how many connected.
  std::size_t open(int port, const std::string& source, std::size_t count) {
    std::size_t opened = 0;
    for (std::size_t i = 0; i < count; ++i) {
      int fd = connectFrom(port, source);
      if (fd < 0) continue;
      peers_.push_back(Peer{fd, {}, false});
      ++opened;
    }
    return opened;
  }

  // Sends `bytes` on every connection still open (what fits at once; these are small).
  void sendEach(std::string_view bytes) {
    for (Peer& p : peers_)
      if (!p.closed && ::send(p.fd, bytes.data(), bytes.size(), MSG_NOSIGNAL | MSG_DONTWAIT) < 0 &&
          errno != EAGAIN)
        p.closed = true;
  }

  // Reads what has arrived, waiting up to `within` for something on any connection.
  void pump(std::chrono::milliseconds within) {
    std::vector<pollfd> fds;
    std::vector<Peer*> who;
    for (Peer& p : peers_)
      if (!p.closed) {
        fds.push_back(pollfd{p.fd, POLLIN, 0});
        who.push_back(&p);
      }
    if (fds.empty()) return;
    if (::poll(fds.data(), fds.size(), static_cast<int>(within.count())) <= 0) return;
    char buffer[16384];
    for (std::size_t i = 0; i < fds.size(); ++i) {
      if (!(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
      for (;;) {
        ssize_t n = ::recv(fds[i].fd, buffer, sizeof buffer, MSG_DONTWAIT);
        if (n > 0) {
          who[i]->received.append(buffer, static_cast<std::size_t>(n));
          continue;
        }
        if (n == 0 || errno != EAGAIN) who[i]->closed = true;
        break;
      }
    }
  }

  // Pumps until `done()` holds or `within` has passed; returns done().
  template <class Done>
  bool pumpUntil(Done done, std::chrono::milliseconds within) {
    const auto until = std::chrono::steady_clock::now() + within;
    while (!done() && std::chrono::steady_clock::now() < until) pump(std::chrono::milliseconds(50));
    return done();
  }

  // Whether `p` holds one whole answer (head and its Content-Length body).
  static bool answered(const Peer& p) {
    const auto split = p.received.find("\r\n\r\n");
    if (split == std::string::npos) return false;
    std::string head = p.received.substr(0, split);
    for (char& c : head) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const auto at = head.find("\r\ncontent-length:");
    const std::size_t length =
        at == std::string::npos ? 0 : std::strtoul(head.c_str() + at + 17, nullptr, 10);
    return p.received.size() >= split + 4 + length;
  }
  static int status(const Peer& p) {
    return p.received.rfind("HTTP/1.1 ", 0) == 0 ? std::atoi(p.received.c_str() + 9) : 0;
  }

  std::size_t countAnswered() const {
    std::size_t n = 0;
    for (const Peer& p : peers_) n += answered(p) ? 1 : 0;
    return n;
  }
  std::size_t countClosed() const {
    std::size_t n = 0;
    for (const Peer& p : peers_) n += p.closed ? 1 : 0;
    return n;
  }
  const std::vector<Peer>& peers() const { return peers_; }
  std::size_t size() const { return peers_.size(); }

 private:
  std::vector<Peer> peers_;
};

}  // namespace delegate::testing

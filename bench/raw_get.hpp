#pragma once
// One GET over a fresh socket, timed by hand (httplib's client would decompress it), and where
// the delegate-server beside the benchmark is: for the benchmarks that measure it on the wire.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

namespace delegate::bench {

using Clock = std::chrono::steady_clock;

inline double secondsSince(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

inline std::string serverBinary() {
  std::error_code ec;
  auto self = std::filesystem::read_symlink("/proc/self/exe", ec);
  return (self.parent_path().parent_path() / "server" / "delegate-server").string();
}

struct Fetch {
  int status = 0;
  std::uint64_t bytes = 0;  // on the wire after the head (chunk framing included)
  double firstByte = 0;     // seconds from sending the request
  double total = 0;
  std::string encoding;
  std::string body;  // with keepBody only (a snapshot is hundreds of megabytes)
};

// One GET over a fresh socket, timed by hand (httplib's client would decompress it).
inline Fetch rawGet(int port, const std::string& path, const std::string& headers,
                    bool keepBody = false) {
  Fetch f;
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in target{};
  target.sin_family = AF_INET;
  target.sin_port = htons(static_cast<uint16_t>(port));
  inet_pton(AF_INET, "127.0.0.1", &target.sin_addr);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&target), sizeof target) != 0) return f;
  const std::string request =
      "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + headers + "Connection: close\r\n\r\n";
  auto t = Clock::now();
  ::send(fd, request.data(), request.size(), 0);
  std::string head;
  std::vector<char> buffer(1 << 20);
  bool inBody = false;
  for (ssize_t n; (n = ::recv(fd, buffer.data(), buffer.size(), 0)) > 0;) {
    if (f.firstByte == 0) f.firstByte = secondsSince(t);
    if (inBody) {
      f.bytes += static_cast<std::uint64_t>(n);
      if (keepBody) f.body.append(buffer.data(), static_cast<std::size_t>(n));
      continue;
    }
    head.append(buffer.data(), static_cast<std::size_t>(n));
    std::size_t split = head.find("\r\n\r\n");
    if (split == std::string::npos) continue;
    inBody = true;
    f.bytes = head.size() - split - 4;
    if (keepBody) f.body = head.substr(split + 4);
    f.status = std::atoi(head.c_str() + 9);
    if (head.substr(0, split).find("Content-Encoding: gzip") != std::string::npos)
      f.encoding = "gzip";
  }
  f.total = secondsSince(t);
  ::close(fd);
  return f;
}

}  // namespace delegate::bench

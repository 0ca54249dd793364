#include "raw_http.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>

namespace delegate::testing {

namespace {

std::string lower(std::string s) {
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}

}  // namespace

std::string RawReply::header(const std::string& name) const {
  std::string h = lower(head), key = "\r\n" + lower(name) + ":";
  std::size_t at = h.find(key);
  if (at == std::string::npos) return {};
  std::size_t start = at + key.size();
  std::size_t end = head.find("\r\n", start);
  std::string value = head.substr(start, end - start);
  while (!value.empty() && value.front() == ' ') value.erase(value.begin());
  return value;
}

RawReply rawRequest(int port, const std::string& sourceAddress, const std::string& method,
                    const std::string& path, const std::string& headers, const std::string& body) {
  RawReply out;
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return out;
  timeval timeout{20, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  sockaddr_in source{};
  source.sin_family = AF_INET;
  inet_pton(AF_INET, sourceAddress.c_str(), &source.sin_addr);
  sockaddr_in target{};
  target.sin_family = AF_INET;
  target.sin_port = htons(static_cast<uint16_t>(port));
  inet_pton(AF_INET, "127.0.0.1", &target.sin_addr);
  if (::bind(fd, reinterpret_cast<sockaddr*>(&source), sizeof source) != 0 ||
      ::connect(fd, reinterpret_cast<sockaddr*>(&target), sizeof target) != 0) {
    ::close(fd);
    return out;
  }
  std::string request = method + " " + path + " HTTP/1.1\r\n" + headers +
                        "Connection: close\r\nContent-Length: " + std::to_string(body.size()) +
                        "\r\n\r\n" + body;
  for (std::size_t sent = 0; sent < request.size();) {
    ssize_t n = ::send(fd, request.data() + sent, request.size() - sent, 0);
    if (n <= 0) break;
    sent += static_cast<std::size_t>(n);
  }
  std::string answer;
  char buffer[8192];
  for (ssize_t n; (n = ::recv(fd, buffer, sizeof buffer, 0)) > 0;) answer.append(buffer, n);
  ::close(fd);
  std::size_t split = answer.find("\r\n\r\n");
  if (answer.rfind("HTTP/1.1 ", 0) != 0 || split == std::string::npos) return out;
  out.status = std::atoi(answer.c_str() + 9);
  out.head = answer.substr(0, split);
  out.body = answer.substr(split + 4);
  return out;
}

RawReply rawExchange(int port, const std::string& request, int sendTimeoutMs, int readTimeoutMs,
                     long* elapsedMs) {
  RawReply out;
  const auto started = std::chrono::steady_clock::now();
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return out;
  timeval sendTimeout{sendTimeoutMs / 1000, (sendTimeoutMs % 1000) * 1000};
  timeval readTimeout{readTimeoutMs / 1000, (readTimeoutMs % 1000) * 1000};
  setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &sendTimeout, sizeof sendTimeout);
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &readTimeout, sizeof readTimeout);
  sockaddr_in target{};
  target.sin_family = AF_INET;
  target.sin_port = htons(static_cast<uint16_t>(port));
  inet_pton(AF_INET, "127.0.0.1", &target.sin_addr);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&target), sizeof target) != 0) {
    ::close(fd);
    return out;
  }
  for (std::size_t sent = 0; sent < request.size();) {
    ssize_t n = ::send(fd, request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) break;  // the server stopped reading (or closed): see what it answered
    sent += static_cast<std::size_t>(n);
  }
  std::string answer;
  char buffer[8192];
  for (;;) {
    std::size_t split = answer.find("\r\n\r\n");
    if (split != std::string::npos) {
      out.head = answer.substr(0, split);
      std::string length = out.header("Content-Length");
      if (answer.size() >= split + 4 + std::strtoul(length.c_str(), nullptr, 10)) break;
    }
    ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
    if (n <= 0) break;
    answer.append(buffer, static_cast<std::size_t>(n));
  }
  ::close(fd);
  if (elapsedMs)
    *elapsedMs = static_cast<long>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                       std::chrono::steady_clock::now() - started)
                                       .count());
  std::size_t split = answer.find("\r\n\r\n");
  if (answer.rfind("HTTP/1.1 ", 0) != 0 || split == std::string::npos) return RawReply{};
  out.status = std::atoi(answer.c_str() + 9);
  out.head = answer.substr(0, split);
  out.body = answer.substr(split + 4);
  return out;
}

}  // namespace delegate::testing

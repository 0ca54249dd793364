#pragma once
// One HTTP/1.1 exchange over a raw socket, for what httplib's client will not do: send from
// another loopback source address (127.0.0.2 ...), or with headers exactly as given (no
// Content-Type, a spoofed Host).
#include <string>

namespace delegate::testing {

struct RawReply {
  int status = 0;    // 0: no answer
  std::string head;  // status line and headers
  std::string body;
  std::string header(const std::string& name) const;  // case-insensitive, first one
};

// Sends `method path` with `headers` (each "Name: value\r\n") and `body` to 127.0.0.1:port from
// `sourceAddress`, and reads the answer (Connection: close).
RawReply rawRequest(int port, const std::string& sourceAddress, const std::string& method,
                    const std::string& path, const std::string& headers,
                    const std::string& body = {});

// Sends `request` byte for byte from 127.0.0.1 (giving up on the rest once the server has not
// read for `sendTimeoutMs`), then reads one answer: its head and the Content-Length body, within
// `readTimeoutMs`. `elapsedMs`: from connecting to having the answer.
RawReply rawExchange(int port, const std::string& request, int sendTimeoutMs, int readTimeoutMs,
                     long* elapsedMs = nullptr);

}  // namespace delegate::testing

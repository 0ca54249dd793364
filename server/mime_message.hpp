#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "core/mail.hpp"

namespace delegate::server {

struct MimeEnvelope {
  std::string from;                  // an address
  std::vector<std::string> to;       // addresses
  std::string messageId;             // without the angle brackets
  std::int64_t dateUnixSeconds = 0;  // the server's clock when the message was queued
};

// An RFC 5322 message: From, To, Date, Message-ID, Subject (RFC 2047 encoded when not plain
// ASCII), MIME-Version and a multipart/alternative body with a text/plain and a text/html part
// (UTF-8, base64). Lines end in CRLF and no body line starts with '.'.
std::string composeMime(const MimeEnvelope& envelope, const RenderedMail& mail);

// "Fri, 04 Dec 2026 14:16:52 +0000"
std::string rfc5322Date(std::int64_t unixSeconds);

}  // namespace delegate::server

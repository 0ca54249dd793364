#include "server/json_writer.hpp"

#include <charconv>
#include <cstring>

namespace delegate::server {

namespace {

// Bytes that need more than a copy: the quote, the backslash, control characters, and anything
// non-ASCII (checked as UTF-8).
struct EscapeTable {
  bool special[256] = {};
  constexpr EscapeTable() {
    for (int c = 0; c < 0x20; ++c) special[c] = true;
    special[static_cast<unsigned char>('"')] = true;
    special[static_cast<unsigned char>('\\')] = true;
    for (int c = 0x80; c < 0x100; ++c) special[c] = true;
  }
};
constexpr EscapeTable kEscape;

// Length of the well-formed UTF-8 sequence at `p` (RFC 3629: no overlongs, no surrogates, at
// most U+10FFFF), or 0.
std::size_t utf8Length(const unsigned char* p, const unsigned char* end) {
  const unsigned char c = p[0];
  std::size_t n = 0;
  unsigned char lo = 0x80, hi = 0xBF;
  if (c >= 0xC2 && c <= 0xDF) {
    n = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    n = 3;
    if (c == 0xE0) lo = 0xA0;
    if (c == 0xED) hi = 0x9F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    n = 4;
    if (c == 0xF0) lo = 0x90;
    if (c == 0xF4) hi = 0x8F;
  } else {
    return 0;
  }
  if (static_cast<std::size_t>(end - p) < n) return 0;
  if (p[1] < lo || p[1] > hi) return 0;
  for (std::size_t i = 2; i < n; ++i)
    if (p[i] < 0x80 || p[i] > 0xBF) return 0;
  return n;
}

}  // namespace

JsonWriter::JsonWriter(Sink sink, std::size_t chunkBytes)
    : sink_(std::move(sink)), chunkBytes_(chunkBytes) {
  if (sink_) buffer_.reserve(chunkBytes_ + 4096);
  first_.reserve(16);
}

void JsonWriter::separate() {
  if (afterKey_) {
    afterKey_ = false;
    return;
  }
  if (first_.empty()) return;
  if (first_.back())
    first_.back() = false;
  else
    buffer_ += ',';
}

void JsonWriter::beginObject() {
  separate();
  buffer_ += '{';
  first_.push_back(true);
}

void JsonWriter::endObject() {
  buffer_ += '}';
  first_.pop_back();
  spillIfFull();
}

void JsonWriter::beginArray() {
  separate();
  buffer_ += '[';
  first_.push_back(true);
}

void JsonWriter::endArray() {
  buffer_ += ']';
  first_.pop_back();
  spillIfFull();
}

void JsonWriter::key(std::string_view name) {
  separate();
  appendEscaped(name);
  buffer_ += ':';
  afterKey_ = true;
}

void JsonWriter::string(std::string_view text) {
  separate();
  appendEscaped(text);
}

char* JsonWriter::plainString(std::size_t n) {
  separate();
  const std::size_t at = buffer_.size();
  buffer_.resize(at + n + 2);
  buffer_[at] = '"';
  buffer_[at + n + 1] = '"';
  return buffer_.data() + at + 1;
}

void JsonWriter::number(std::uint64_t v) {
  separate();
  char digits[24];
  auto [end, ec] = std::to_chars(digits, digits + sizeof digits, v);
  buffer_.append(digits, end);
}

void JsonWriter::number(std::int64_t v) {
  separate();
  char digits[24];
  auto [end, ec] = std::to_chars(digits, digits + sizeof digits, v);
  buffer_.append(digits, end);
}

void JsonWriter::boolean(bool v) {
  separate();
  buffer_ += v ? "true" : "false";
}

void JsonWriter::null() {
  separate();
  buffer_ += "null";
}

void JsonWriter::raw(std::string_view json) {
  separate();
  buffer_ += json;
  spillIfFull();
}

void JsonWriter::flush() {
  if (!sink_ || buffer_.empty()) return;
  handed_ += buffer_.size();
  sink_(buffer_);
  buffer_.clear();
}

void JsonWriter::appendEscaped(std::string_view text) {
  buffer_ += '"';
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const auto* end = p + text.size();
  while (p < end) {
    // The common case: a run of bytes that are copied as they are.
    const auto* run = p;
    while (p < end && !kEscape.special[*p]) ++p;
    buffer_.append(reinterpret_cast<const char*>(run), static_cast<std::size_t>(p - run));
    if (p == end) break;
    const unsigned char c = *p;
    if (c >= 0x80) {
      if (std::size_t n = utf8Length(p, end)) {
        buffer_.append(reinterpret_cast<const char*>(p), n);
        p += n;
      } else {
        buffer_ += "\xEF\xBF\xBD";  // U+FFFD for a byte that starts no valid sequence
        ++p;
      }
      continue;
    }
    ++p;
    switch (c) {
      case '"':
        buffer_ += "\\\"";
        break;
      case '\\':
        buffer_ += "\\\\";
        break;
      case '\b':
        buffer_ += "\\b";
        break;
      case '\f':
        buffer_ += "\\f";
        break;
      case '\n':
        buffer_ += "\\n";
        break;
      case '\r':
        buffer_ += "\\r";
        break;
      case '\t':
        buffer_ += "\\t";
        break;
      default: {
        static const char kHex[] = "0123456789abcdef";
        const char u[] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 15]};
        buffer_.append(u, sizeof u);
      }
    }
  }
  buffer_ += '"';
}

}  // namespace delegate::server

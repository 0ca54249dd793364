#pragma once
// A streaming JSON writer: values go straight to text in a buffer, no document is built, and a
// full buffer is handed to a sink (a socket, a compressor) so a body of hundreds of megabytes
// never sits in memory twice. The caller writes a well-formed sequence; the writer places the
// commas and escapes strings (invalid UTF-8 becomes U+FFFD, as nlohmann's `replace` does).
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace delegate::server {

class JsonWriter {
 public:
  // Receives the text written so far when it passes `chunkBytes`, and at flush(); may move from it.
  using Sink = std::function<void(std::string& text)>;
  explicit JsonWriter(Sink sink, std::size_t chunkBytes = 256 * 1024);
  // Without a sink: everything stays in text() until taken.
  JsonWriter() : JsonWriter(nullptr, SIZE_MAX) {}

  void beginObject();
  void endObject();
  void beginArray();
  void endArray();
  void key(std::string_view name);  // an object member's name; its value comes next
  void string(std::string_view text);
  void number(std::uint64_t v);
  void number(std::int64_t v);
  void boolean(bool v);
  void null();
  // Text that is already one JSON value (a stored event body, say).
  void raw(std::string_view json);
  // A string value of exactly `n` characters that need no escaping (a GUID, a timestamp): the
  // caller fills the n bytes returned, before any other call.
  char* plainString(std::size_t n);

  void flush();  // hands what is buffered to the sink
  std::string& text() { return buffer_; }
  std::uint64_t bytesWritten() const { return handed_ + buffer_.size(); }

 private:
  void separate();  // a comma before every element or member but the first
  void spillIfFull() {
    if (buffer_.size() >= chunkBytes_) flush();
  }
  void appendEscaped(std::string_view text);

  Sink sink_;
  std::size_t chunkBytes_;
  std::string buffer_;
  std::vector<bool> first_;  // per open container: nothing written in it yet
  bool afterKey_ = false;
  std::uint64_t handed_ = 0;
};

}  // namespace delegate::server

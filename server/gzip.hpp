#pragma once
// gzip for response bodies (zlib): whether a request accepts it, and a streaming compressor
// that hands its output on in chunks, so a large body is never held whole in either form.
#include <functional>
#include <memory>
#include <string>
#include <string_view>

namespace delegate::server {

// Bodies below this go plain: compressing them saves a few hundred bytes and costs a
// compressor's setup on every small answer.
inline constexpr std::size_t kMinGzipBytes = 1024;

// Whether an Accept-Encoding value allows gzip: a "gzip" (or "x-gzip", or "*") coding whose
// q-value is not zero, in any case, among any others.
bool acceptsGzip(std::string_view acceptEncoding);

// Compresses in the gzip format at zlib's fastest level: snapshots are hundreds of megabytes
// at scale, where level 1 keeps ~90% of level 6's saving at twice its speed (bench/server_bench).
class GzipStream {
 public:
  using Sink = std::function<void(std::string_view compressed)>;
  explicit GzipStream(Sink sink);
  ~GzipStream();
  GzipStream(const GzipStream&) = delete;
  GzipStream& operator=(const GzipStream&) = delete;

  void write(std::string_view data);
  void finish();  // writes the trailer; nothing may be written after
  std::uint64_t bytesIn() const { return in_; }
  std::uint64_t bytesOut() const { return out_; }

 private:
  void run(std::string_view data, int flush);
  struct State;
  std::unique_ptr<State> state_;
  Sink sink_;
  std::uint64_t in_ = 0;
  std::uint64_t out_ = 0;
};

// The whole of `data` compressed (for bodies already in memory).
std::string gzipText(std::string_view data);

}  // namespace delegate::server

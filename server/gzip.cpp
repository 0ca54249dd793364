#include "server/gzip.hpp"

#include <zlib.h>

#include <cctype>
#include <cstdlib>

namespace delegate::server {

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool equalsNoCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i])))
      return false;
  return true;
}

// "q=0", "q=0.0", "q=0.000" mean "not acceptable"; anything else (or no q) accepts.
bool qIsZero(std::string_view params) {
  while (!params.empty()) {
    std::size_t semi = params.find(';');
    std::string_view p = trim(params.substr(0, semi));
    params = semi == std::string_view::npos ? std::string_view{} : params.substr(semi + 1);
    if (p.size() < 2 || (p[0] != 'q' && p[0] != 'Q') || p[1] != '=') continue;
    std::string_view v = trim(p.substr(2));
    if (v.empty() || v[0] != '0') return false;
    for (char c : v.substr(1))
      if (c != '.' && c != '0') return false;
    return true;
  }
  return false;
}

}  // namespace

bool acceptsGzip(std::string_view acceptEncoding) {
  bool star = false, gzip = false, gzipRefused = false;
  while (!acceptEncoding.empty()) {
    std::size_t comma = acceptEncoding.find(',');
    std::string_view item = acceptEncoding.substr(0, comma);
    acceptEncoding =
        comma == std::string_view::npos ? std::string_view{} : acceptEncoding.substr(comma + 1);
    std::size_t semi = item.find(';');
    std::string_view coding = trim(item.substr(0, semi));
    const bool refused = semi != std::string_view::npos && qIsZero(item.substr(semi + 1));
    if (equalsNoCase(coding, "gzip") || equalsNoCase(coding, "x-gzip")) {
      (refused ? gzipRefused : gzip) = true;
    } else if (coding == "*" && !refused) {
      star = true;
    }
  }
  return gzip || (star && !gzipRefused);
}

struct GzipStream::State {
  z_stream z{};
  bool open = false;
  char buffer[64 * 1024];
};

GzipStream::GzipStream(Sink sink) : state_(std::make_unique<State>()), sink_(std::move(sink)) {
  // windowBits 15 + 16: the gzip wrapper (header and CRC trailer) rather than raw zlib.
  state_->open =
      deflateInit2(&state_->z, Z_BEST_SPEED, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) == Z_OK;
}

GzipStream::~GzipStream() {
  if (state_->open) deflateEnd(&state_->z);
}

void GzipStream::run(std::string_view data, int flush) {
  if (!state_->open) return;
  z_stream& z = state_->z;
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  do {
    z.next_out = reinterpret_cast<Bytef*>(state_->buffer);
    z.avail_out = sizeof state_->buffer;
    const int rc = deflate(&z, flush);
    const std::size_t produced = sizeof state_->buffer - z.avail_out;
    if (produced) {
      out_ += produced;
      sink_(std::string_view(state_->buffer, produced));
    }
    if (rc == Z_STREAM_END || (rc != Z_OK && rc != Z_BUF_ERROR)) break;
  } while (z.avail_in > 0 || z.avail_out == 0 || flush == Z_FINISH);
}

void GzipStream::write(std::string_view data) {
  in_ += data.size();
  // zlib counts input in 32 bits: feed a huge piece in parts.
  constexpr std::size_t kPart = 1u << 30;
  while (data.size() > kPart) {
    run(data.substr(0, kPart), Z_NO_FLUSH);
    data.remove_prefix(kPart);
  }
  run(data, Z_NO_FLUSH);
}

void GzipStream::finish() {
  run({}, Z_FINISH);
}

std::string gzipText(std::string_view data) {
  std::string out;
  GzipStream gz([&](std::string_view c) { out += c; });
  gz.write(data);
  gz.finish();
  return out;
}

}  // namespace delegate::server

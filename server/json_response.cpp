#include "server/json_response.hpp"

#include <httplib.h>

#include "server/gzip.hpp"

namespace delegate::server {

namespace {

bool isJson(const httplib::Response& res) {
  return res.get_header_value("Content-Type").rfind("application/json", 0) == 0;
}

void varyByEncoding(httplib::Response& res) {
  if (!res.has_header("Vary")) res.set_header("Vary", "Accept-Encoding");
}

}  // namespace

void compressJsonResponse(const httplib::Request& req, httplib::Response& res) {
  if (!isJson(res)) return;
  varyByEncoding(res);
  if (res.has_header("Content-Encoding") || res.body.size() < kMinGzipBytes ||
      !acceptsGzip(req.get_header_value("Accept-Encoding")))
    return;
  res.body = gzipText(res.body);
  res.set_header("Content-Encoding", "gzip");
  // The transport writes Content-Length from the body as it is now (this step runs last).
  res.headers.erase("Content-Length");
}

void sendStreamedJson(const httplib::Request& req, httplib::Response& res,
                      std::function<void(JsonWriter&)> write) {
  const bool gzip = acceptsGzip(req.get_header_value("Accept-Encoding"));
  res.status = 200;
  res.set_header("Cache-Control", "no-store");
  varyByEncoding(res);
  if (gzip) res.set_header("Content-Encoding", "gzip");
  res.set_chunked_content_provider(
      kJsonContentType, [gzip, write = std::move(write)](std::size_t, httplib::DataSink& sink) {
        // A reader that went away stops the copying (the walk itself runs to its end).
        bool open = true;
        auto send = [&](std::string_view piece) {
          if (open && !piece.empty()) open = sink.write(piece.data(), piece.size());
        };
        if (gzip) {
          GzipStream compressed(send);
          JsonWriter out([&](std::string& text) { compressed.write(text); });
          write(out);
          out.flush();
          compressed.finish();
        } else {
          JsonWriter out([&](std::string& text) { send(text); });
          write(out);
          out.flush();
        }
        if (open) sink.done();
        return open;
      });
}

}  // namespace delegate::server

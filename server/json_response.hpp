#pragma once
// How JSON answers travel: their content type, gzip when the request accepts it and the body is
// worth it, and streaming for bodies too large to build in memory first.
#include <functional>
#include <string>

#include "server/json_writer.hpp"

namespace httplib {
struct Request;
struct Response;
class Server;
}  // namespace httplib

namespace delegate::server {

// JSON with its (only) charset named. Compression follows compressJsonResponse below: the
// transport compresses nothing on its own but static text files
// (server/static_files.hpp).
inline constexpr const char* kJsonContentType = "application/json; charset=utf-8";

// A post-routing step for every answer: a JSON body of kMinGzipBytes or more is gzipped when the
// request accepts gzip, and every JSON answer says it varies by Accept-Encoding.
void compressJsonResponse(const httplib::Request& req, httplib::Response& res);

// Sends 200 with a body that `write` produces, written while it goes out (chunked) and gzipped
// on the way when the request accepts it: no copy of the whole text is held. `write` runs once,
// after the handler returns, on the same worker; it must own (capture by value) what it reads.
void sendStreamedJson(const httplib::Request& req, httplib::Response& res,
                      std::function<void(JsonWriter&)> write);

}  // namespace delegate::server

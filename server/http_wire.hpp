#pragma once
// The bytes of HTTP/1.1 around httplib's Request and Response structs, for the transport: the
// request target split into a decoded path and parameters, and an answer's status line and
// headers (Content-Length or chunked framing, Connection).
#include <string>
#include <string_view>

namespace httplib {
struct Request;
struct Response;
}  // namespace httplib

namespace delegate::server {

// Sets req.target, req.path (percent-decoded) and req.params (the query) from a request target.
void setTarget(httplib::Request& req, std::string_view target);

// The status line and headers of `res`. `chunked`: the body follows in chunks (a streamed
// answer), else its Content-Length is res.body's size. `close`: the connection closes after it.
// `http10Client`: the request was HTTP/1.0, so keep-alive must be said.
std::string responseHead(const httplib::Response& res, bool chunked, bool close, bool http10Client);

// One chunk of a chunked body (empty `data` gives nothing: the last chunk is kLastChunk).
void appendChunk(std::string& out, std::string_view data);
inline constexpr std::string_view kLastChunk = "0\r\n\r\n";

}  // namespace delegate::server

#include "server/http_wire.hpp"

#include <httplib.h>

#include <boost/beast/core/string.hpp>
#include <boost/beast/http/status.hpp>
#include <cstdio>

namespace delegate::server {

void setTarget(httplib::Request& req, std::string_view target) {
  req.target = std::string(target);
  const auto query = target.find('?');
  req.path = httplib::detail::decode_url(std::string(target.substr(0, query)), false);
  if (query != std::string_view::npos)
    httplib::detail::parse_query_text(std::string(target.substr(query + 1)), req.params);
}

namespace {

bool framingHeader(const std::string& name) {
  // Ours to write: a handler's value could contradict how the body is actually sent.
  for (const char* own : {"Content-Length", "Transfer-Encoding", "Connection", "Keep-Alive"})
    if (boost::beast::iequals(name, own)) return true;
  return false;
}

}  // namespace

std::string responseHead(const httplib::Response& res, bool chunked, bool close,
                         bool http10Client) {
  namespace http = boost::beast::http;
  std::string out = "HTTP/1.1 " + std::to_string(res.status) + " ";
  const auto reason = http::obsolete_reason(http::int_to_status(static_cast<unsigned>(res.status)));
  out.append(reason.data(), reason.size());
  out += "\r\n";
  bool typed = false;
  for (const auto& [name, value] : res.headers) {
    if (framingHeader(name)) continue;
    typed = typed || boost::beast::iequals(name, "Content-Type");
    out += name;
    out += ": ";
    out += value;
    out += "\r\n";
  }
  if (!typed && (chunked || !res.body.empty())) out += "Content-Type: text/plain\r\n";
  if (chunked)
    out += "Transfer-Encoding: chunked\r\n";
  else
    out += "Content-Length: " + std::to_string(res.body.size()) + "\r\n";
  if (close)
    out += "Connection: close\r\n";
  else if (http10Client)
    out += "Connection: keep-alive\r\n";
  out += "\r\n";
  return out;
}

void appendChunk(std::string& out, std::string_view data) {
  if (data.empty()) return;
  char size[24];
  const int n = std::snprintf(size, sizeof size, "%zx\r\n", data.size());
  out.append(size, static_cast<std::size_t>(n));
  out.append(data.data(), data.size());
  out += "\r\n";
}

}  // namespace delegate::server

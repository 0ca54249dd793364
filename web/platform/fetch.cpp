#include "web/platform/fetch.hpp"

#include "web/platform/browser.hpp"

#include <emscripten.h>

#include <cstdlib>
#include <map>
#include <unordered_map>

#include <nlohmann/json.hpp>

namespace {

std::unordered_map<int, delegate::web::HttpCallback>& pending() {
  static std::unordered_map<int, delegate::web::HttpCallback> callbacks;
  return callbacks;
}

}  // namespace

// clang-format off
EM_JS(void, delegate_fetch, (int id, const char* method, const char* url, const char* body,
                             const char* headers), {
  var toHeap = function(text) {
    var bytes = new TextEncoder().encode(text);
    var ptr = _malloc(bytes.length + 1);
    HEAPU8.set(bytes, ptr);
    HEAPU8[ptr + bytes.length] = 0;
    return [ptr, bytes.length];
  };
  var deliver = function(status, text, error) {
    var b = toHeap(text), e = toHeap(error);
    _delegate_fetch_done(id, status, b[0], b[1], e[0], e[1]);
  };
  // The body's bytes as they came (a 30 MB view is not decoded to a string and encoded back).
  var deliverBytes = function(status, buffer) {
    var bytes = new Uint8Array(buffer);
    var ptr = _malloc(bytes.length + 1);
    HEAPU8.set(bytes, ptr);
    HEAPU8[ptr + bytes.length] = 0;
    var e = toHeap("");
    _delegate_fetch_done(id, status, ptr, bytes.length, e[0], e[1]);
  };
  var m = UTF8ToString(method);
  var u = UTF8ToString(url);
  var init = {method: m, credentials: 'same-origin', headers: {'Accept': 'application/json'}};
  var extra = JSON.parse(UTF8ToString(headers));
  for (var k in extra) init.headers[k] = extra[k];
  if (m !== 'GET' && m !== 'HEAD') {
    init.body = UTF8ToString(body);
    init.headers['Content-Type'] = 'application/json';
  }
  var send = function() {
    fetch(u, init)
      .then(function(r) { return r.arrayBuffer().then(function(b) { deliverBytes(r.status, b); }); })
      .catch(function(err) { deliver(0, "", String(err && err.message || err)); });
  };
  // Asked for by the page before the module ran (shell.html): taken once, for the first GET of
  // that address; if it failed, asked again. A command (a sign-in, say) makes them stale.
  if (m !== 'GET') window.delegateEarly = null;
  var early = window.delegateEarly, key = new URL(u, location.href).href;
  if (m === 'GET' && early && early[key]) {
    var answer = early[key];
    delete early[key];
    answer.then(function(a) { deliverBytes(a.status, a.bytes); }, send);
    return;
  }
  send();
});
// clang-format on

extern "C" EMSCRIPTEN_KEEPALIVE void delegate_fetch_done(int id, int status, char* body,
                                                         int bodyLen, char* error, int errorLen) {
  delegate::web::HttpResponse response;
  response.status = status;
  response.body.assign(body, static_cast<size_t>(bodyLen));
  response.error.assign(error, static_cast<size_t>(errorLen));
  std::free(body);
  std::free(error);
  auto it = pending().find(id);
  if (it == pending().end()) return;
  auto callback = std::move(it->second);
  pending().erase(it);
  callback(response);
}

namespace delegate::web {

std::map<std::string, std::string>& defaultHeaders() {
  static std::map<std::string, std::string> headers;
  return headers;
}

std::string apiBase() {
  static const std::string base = [] {
    const std::string path = locationPath();
    for (const char* marker : {"/offer/", "/relationship/"}) {
      auto at = path.find(marker);
      if (at != std::string::npos) return path.substr(0, at + 1);
    }
    return std::string();
  }();
  return base;
}

void setDefaultHeader(const std::string& name, const std::string& value) {
  if (value.empty())
    defaultHeaders().erase(name);
  else
    defaultHeaders()[name] = value;
}

void httpRequest(const std::string& method, const std::string& url, const std::string& body,
                 HttpCallback callback, const std::map<std::string, std::string>& extra) {
  static int nextId = 1;
  int id = nextId++;
  pending().emplace(id, std::move(callback));
  nlohmann::json headers = nlohmann::json::object();
  for (auto& [k, v] : defaultHeaders()) headers[k] = v;
  for (auto& [k, v] : extra) headers[k] = v;
  delegate_fetch(id, method.c_str(), url.c_str(), body.c_str(), headers.dump().c_str());
}

}  // namespace delegate::web

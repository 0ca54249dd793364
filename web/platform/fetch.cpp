#include "web/platform/fetch.hpp"

#include <emscripten.h>

#include <cstdlib>
#include <unordered_map>

namespace {

std::unordered_map<int, delegate::web::HttpCallback>& pending() {
  static std::unordered_map<int, delegate::web::HttpCallback> callbacks;
  return callbacks;
}

}  // namespace

// clang-format off
EM_JS(void, delegate_fetch, (int id, const char* method, const char* url, const char* body), {
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
  var m = UTF8ToString(method);
  var init = {method: m, credentials: 'same-origin', headers: {'Accept': 'application/json'}};
  if (m !== 'GET' && m !== 'HEAD') {
    init.body = UTF8ToString(body);
    init.headers['Content-Type'] = 'application/json';
  }
  fetch(UTF8ToString(url), init)
    .then(function(r) { return r.text().then(function(t) { deliver(r.status, t, ""); }); })
    .catch(function(err) { deliver(0, "", String(err && err.message || err)); });
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

void httpRequest(const std::string& method, const std::string& url, const std::string& body,
                 HttpCallback callback) {
  static int nextId = 1;
  int id = nextId++;
  pending().emplace(id, std::move(callback));
  delegate_fetch(id, method.c_str(), url.c_str(), body.c_str());
}

}  // namespace delegate::web

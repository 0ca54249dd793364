#include "web/platform/native/host.hpp"

#include <random>

#include "web/platform/browser.hpp"
#include "web/platform/page_life.hpp"

namespace delegate::web {

namespace {

struct Host {
  std::vector<host::Request> requests;
  std::map<std::string, std::string> storage;
  bool storageFull = false;
  double wallMs = 1795867200000.0;  // 2026-11-28 12:00 UTC, the core tests' t0
  double monoMs = 0;
  std::string origin = "http://localhost", path = "/", hash, query;
  std::vector<std::function<void()>> timers;
  std::function<void(bool)> visibility;
  std::map<std::string, std::string> headers;
  std::string clipboard, download;
  std::mt19937_64 random{20261128};
};

Host& h() {
  static Host host;
  return host;
}

}  // namespace

namespace host {

std::vector<Request>& requests() {
  return h().requests;
}

bool answer(const std::string& method, const std::string& urlPrefix, int status,
            const std::string& body) {
  auto& rs = h().requests;
  for (size_t i = 0; i < rs.size(); ++i) {
    if (rs[i].method != method || rs[i].url.compare(0, urlPrefix.size(), urlPrefix) != 0) continue;
    HttpCallback cb = std::move(rs[i].callback);
    rs.erase(rs.begin() + static_cast<long>(i));
    cb(HttpResponse{status, body, status == 0 ? "refused" : ""});
    return true;
  }
  return false;
}

bool answerNext(int status, const std::string& body) {
  auto& rs = h().requests;
  if (rs.empty()) return false;
  return answer(rs.front().method, rs.front().url, status, body);
}

std::map<std::string, std::string>& storage() {
  return h().storage;
}
void setStorageFull(bool full) {
  h().storageFull = full;
}
void setWallClockMs(double ms) {
  h().wallMs = ms;
}
void setMonotonicMs(double ms) {
  h().monoMs = ms;
}
void setLocation(const std::string& origin, const std::string& path, const std::string& hash,
                 const std::string& query) {
  h().origin = origin;
  h().path = path;
  h().hash = hash;
  h().query = query;
}

void runTimers() {
  std::vector<std::function<void()>> due;
  due.swap(h().timers);
  for (auto& fn : due) fn();
}

const std::string& clipboard() {
  return h().clipboard;
}
const std::string& lastDownload() {
  return h().download;
}

void reset() {
  h() = Host{};
}

}  // namespace host

std::optional<std::string> storageGet(const std::string& key) {
  auto it = h().storage.find(key);
  if (it == h().storage.end()) return std::nullopt;
  return it->second;
}
bool storageSet(const std::string& key, const std::string& value) {
  if (h().storageFull) return false;
  h().storage[key] = value;
  return true;
}
void storageRemove(const std::string& key) {
  h().storage.erase(key);
}
void copyToClipboard(const std::string& text) {
  h().clipboard = text;
}
void downloadFile(const std::string& filename, const std::string&, const std::string& content) {
  h().download = filename + "\n" + content;
}
void pickTextFile(const std::string&, std::function<void(std::optional<std::string>)> done) {
  done(std::nullopt);
}
double wallClockMs() {
  return h().wallMs;
}
double monotonicMs() {
  return h().monoMs;
}
std::string randomHex(int bytes) {
  static const char* digits = "0123456789abcdef";
  std::string out;
  for (int i = 0; i < bytes; ++i) {
    const auto b = static_cast<unsigned>(h().random() & 0xff);
    out += digits[b >> 4];
    out += digits[b & 15];
  }
  return out;
}
std::string locationPath() {
  return h().path;
}
std::string locationQuery() {
  return h().query;
}
std::string locationOrigin() {
  return h().origin;
}
std::string locationHash() {
  return h().hash;
}
void replaceLocationPath(const std::string& path) {
  h().path = path;
}
void reloadPage() {}
std::string queryParam(const std::string& name) {
  const std::string& q = h().query;
  const std::string key = name + "=";
  for (size_t at = q.find(key); at != std::string::npos; at = q.find(key, at + 1)) {
    if (at != 0 && q[at - 1] != '?' && q[at - 1] != '&') continue;
    const size_t from = at + key.size();
    return q.substr(from, q.find('&', from) - from);
  }
  return {};
}

void setDefaultHeader(const std::string& name, const std::string& value) {
  if (value.empty())
    h().headers.erase(name);
  else
    h().headers[name] = value;
}
// The native page is never opened on an app route: API URLs stay relative.
std::string apiBase() {
  return {};
}
void httpRequest(const std::string& method, const std::string& url, const std::string& body,
                 HttpCallback callback, const std::map<std::string, std::string>& extra) {
  host::Request r{method, url, body, h().headers, std::move(callback)};
  for (auto& [k, v] : extra) r.headers[k] = v;
  h().requests.push_back(std::move(r));
}

void afterMs(double, std::function<void()> fn) {
  h().timers.push_back(std::move(fn));
}
bool pageHidden() {
  return false;
}
void onVisibilityChange(std::function<void(bool hidden)> fn) {
  h().visibility = std::move(fn);
}

}  // namespace delegate::web

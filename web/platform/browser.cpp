#include "web/platform/browser.hpp"

#include <emscripten.h>

#include <cstdlib>
#include <unordered_map>

namespace {

std::unordered_map<int, std::function<void(std::optional<std::string>)>>& pickers() {
  static std::unordered_map<int, std::function<void(std::optional<std::string>)>> map;
  return map;
}

std::string takeString(char* p) {
  if (!p) return {};
  std::string s(p);
  std::free(p);
  return s;
}

}  // namespace

// clang-format off
EM_JS(char*, delegate_storage_get, (const char* key), {
  var v = null;
  try { v = window.localStorage.getItem(UTF8ToString(key)); } catch (e) { v = null; }
  if (v === null) return 0;
  var bytes = new TextEncoder().encode(v);
  var ptr = _malloc(bytes.length + 1);
  HEAPU8.set(bytes, ptr);
  HEAPU8[ptr + bytes.length] = 0;
  return ptr;
});
EM_JS(int, delegate_storage_set, (const char* key, const char* value), {
  try { window.localStorage.setItem(UTF8ToString(key), UTF8ToString(value)); return 1; }
  catch (e) { return 0; }
});
EM_JS(void, delegate_storage_remove, (const char* key), {
  try { window.localStorage.removeItem(UTF8ToString(key)); } catch (e) {}
});
EM_JS(void, delegate_clipboard_write, (const char* text), {
  var t = UTF8ToString(text);
  window.__delegateClipboard = t;
  var fallback = function() {
    var a = document.createElement('textarea');
    a.value = t; a.style.position = 'fixed'; a.style.opacity = '0';
    document.body.appendChild(a); a.select();
    try { document.execCommand('copy'); } catch (e) {}
    document.body.removeChild(a);
    var c = document.getElementById('canvas'); if (c) c.focus();
  };
  if (navigator.clipboard && navigator.clipboard.writeText)
    navigator.clipboard.writeText(t).catch(fallback);
  else fallback();
});
EM_JS(void, delegate_download, (const char* name, const char* mime, const char* content), {
  var blob = new Blob([UTF8ToString(content)], {type: UTF8ToString(mime)});
  var a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = UTF8ToString(name);
  document.body.appendChild(a); a.click(); document.body.removeChild(a);
  setTimeout(function() { URL.revokeObjectURL(a.href); }, 5000);
});
EM_JS(void, delegate_pick_file, (int id, const char* accept), {
  var input = document.createElement('input');
  input.type = 'file'; input.accept = UTF8ToString(accept); input.style.display = 'none';
  input.id = 'delegate-file-input';
  var done = function(text) {
    if (input.parentNode) input.parentNode.removeChild(input);
    if (text === null) { _delegate_pick_done(id, 0, 0); return; }
    var bytes = new TextEncoder().encode(text);
    var ptr = _malloc(bytes.length + 1);
    HEAPU8.set(bytes, ptr); HEAPU8[ptr + bytes.length] = 0;
    _delegate_pick_done(id, 1, ptr);
  };
  input.addEventListener('change', function() {
    var f = input.files && input.files[0];
    if (!f) { done(null); return; }
    f.text().then(done, function() { done(null); });
  });
  input.addEventListener('cancel', function() { done(null); });
  document.body.appendChild(input);
  input.click();
});
EM_JS(double, delegate_wall_ms, (), { return Date.now(); });
EM_JS(double, delegate_mono_ms, (), { return performance.now(); });
EM_JS(char*, delegate_random_hex, (int n), {
  var a = new Uint8Array(n);
  crypto.getRandomValues(a);
  var s = "";
  for (var i = 0; i < n; i++) s += (a[i] < 16 ? '0' : "") + a[i].toString(16);
  var ptr = _malloc(s.length + 1);
  stringToUTF8(s, ptr, s.length + 1);
  return ptr;
});
EM_JS(char*, delegate_location_part, (int which), {
  var s = which === 0 ? location.pathname : which === 1 ? location.search : which === 2 ? location.origin : location.hash;
  var bytes = new TextEncoder().encode(s);
  var ptr = _malloc(bytes.length + 1);
  HEAPU8.set(bytes, ptr); HEAPU8[ptr + bytes.length] = 0;
  return ptr;
});
EM_JS(void, delegate_replace_path, (const char* path), {
  try { history.replaceState(null, "", UTF8ToString(path) + location.search); } catch (e) {}
});
EM_JS(void, delegate_reload, (), { location.reload(); });
EM_JS(char*, delegate_query_param, (const char* name), {
  var v = new URLSearchParams(location.search).get(UTF8ToString(name)) || "";
  var bytes = new TextEncoder().encode(v);
  var ptr = _malloc(bytes.length + 1);
  HEAPU8.set(bytes, ptr); HEAPU8[ptr + bytes.length] = 0;
  return ptr;
});
// clang-format on

extern "C" EMSCRIPTEN_KEEPALIVE void delegate_pick_done(int id, int ok, char* text) {
  auto it = pickers().find(id);
  std::optional<std::string> result;
  if (ok) result = takeString(text);
  if (it == pickers().end()) return;
  auto cb = std::move(it->second);
  pickers().erase(it);
  cb(std::move(result));
}

namespace delegate::web {

std::optional<std::string> storageGet(const std::string& key) {
  char* p = delegate_storage_get(key.c_str());
  if (!p) return std::nullopt;
  return takeString(p);
}
bool storageSet(const std::string& key, const std::string& value) {
  return delegate_storage_set(key.c_str(), value.c_str()) != 0;
}
void storageRemove(const std::string& key) {
  delegate_storage_remove(key.c_str());
}
void copyToClipboard(const std::string& text) {
  delegate_clipboard_write(text.c_str());
}
void downloadFile(const std::string& filename, const std::string& mime,
                  const std::string& content) {
  delegate_download(filename.c_str(), mime.c_str(), content.c_str());
}
void pickTextFile(const std::string& accept, std::function<void(std::optional<std::string>)> done) {
  static int next = 1;
  int id = next++;
  pickers().emplace(id, std::move(done));
  delegate_pick_file(id, accept.c_str());
}
double wallClockMs() {
  return delegate_wall_ms();
}
double monotonicMs() {
  return delegate_mono_ms();
}
std::string randomHex(int bytes) {
  return takeString(delegate_random_hex(bytes));
}
std::string locationPath() {
  return takeString(delegate_location_part(0));
}
std::string locationQuery() {
  return takeString(delegate_location_part(1));
}
std::string locationOrigin() {
  return takeString(delegate_location_part(2));
}
std::string locationHash() {
  return takeString(delegate_location_part(3));
}
void replaceLocationPath(const std::string& path) {
  delegate_replace_path(path.c_str());
}
void reloadPage() {
  delegate_reload();
}
std::string queryParam(const std::string& name) {
  return takeString(delegate_query_param(name.c_str()));
}

}  // namespace delegate::web

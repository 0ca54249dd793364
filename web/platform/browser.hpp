#pragma once
#include <functional>
#include <optional>
#include <string>

namespace delegate::web {

// Small wrappers over browser APIs (EM_JS). All calls are synchronous except the file picker.

// localStorage; nullopt when absent or storage is unavailable (private mode, quota).
std::optional<std::string> storageGet(const std::string& key);
bool storageSet(const std::string& key, const std::string& value);  // false on quota errors
void storageRemove(const std::string& key);

// navigator.clipboard.writeText (falls back to a hidden textarea + execCommand). Also recorded in
// window.__delegateClipboard so tests can read what was copied.
void copyToClipboard(const std::string& text);

// Offers `content` as a file download.
void downloadFile(const std::string& filename, const std::string& mime, const std::string& content);

// Opens the browser's file picker; the callback gets the chosen file's text (or nothing).
void pickTextFile(const std::string& accept, std::function<void(std::optional<std::string>)> done);

// Wall clock in milliseconds since the epoch (Date.now) and a monotonic clock (performance.now).
double wallClockMs();
double monotonicMs();

// Cryptographically random bytes as lowercase hex (crypto.getRandomValues).
std::string randomHex(int bytes);

// The page's location: path (e.g. "/offer/abc"), query ("?x=1") and origin ("http://host:port").
std::string locationPath();
std::string locationQuery();
std::string locationOrigin();
std::string locationHash();  // "#/offer/abc" (sandbox links use hash routes)
// Replaces the address bar's path without reloading.
void replaceLocationPath(const std::string& path);
// Reloads the page.
void reloadPage();

// Query-string parameter, or empty.
std::string queryParam(const std::string& name);

}  // namespace delegate::web

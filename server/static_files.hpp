#pragma once
// The web build served from a folder: the file a request path names, with its content type, or
// nothing. Paths that climb out of the folder ("..") or name a folder without index.html are
// not files; text types are gzipped when the request accepts it, as cpp-httplib did.
#include <optional>
#include <string>

namespace httplib {
struct Request;
struct Response;
}  // namespace httplib

namespace delegate::server {

// The content type for a file name's extension ("application/wasm" for .wasm, ...).
std::string contentTypeOf(const std::string& fileName);

// Whether `subPath` (already URL-decoded, relative to the folder) is safe to open.
bool isSafeSubPath(const std::string& subPath);

// Answers `req` with the file under `folder` for `subPath` when there is one; false otherwise.
bool serveFile(const std::string& folder, const std::string& subPath, const httplib::Request& req,
               httplib::Response& res);

}  // namespace delegate::server

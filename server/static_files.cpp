#include "server/static_files.hpp"

#include <httplib.h>
#include <sys/stat.h>

#include <fstream>
#include <sstream>

#include "server/gzip.hpp"

namespace delegate::server {

std::string contentTypeOf(const std::string& fileName) {
  static const std::pair<const char*, const char*> kTypes[] = {
      {".html", "text/html"},
      {".htm", "text/html"},
      {".js", "application/javascript"},
      {".mjs", "application/javascript"},
      {".wasm", "application/wasm"},
      {".css", "text/css"},
      {".json", "application/json"},
      {".map", "application/json"},
      {".txt", "text/plain"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".jpg", "image/jpeg"},
      {".jpeg", "image/jpeg"},
      {".gif", "image/gif"},
      {".ico", "image/x-icon"},
      {".webp", "image/webp"},
      {".ttf", "font/ttf"},
      {".otf", "font/otf"},
      {".woff", "font/woff"},
      {".woff2", "font/woff2"},
      {".xml", "application/xml"},
      {".pdf", "application/pdf"},
  };
  const auto dot = fileName.rfind('.');
  if (dot != std::string::npos) {
    std::string ext = fileName.substr(dot);
    for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    for (const auto& [suffix, type] : kTypes)
      if (ext == suffix) return type;
  }
  return "application/octet-stream";
}

bool isSafeSubPath(const std::string& subPath) {
  if (subPath.find('\0') != std::string::npos || subPath.find('\\') != std::string::npos)
    return false;
  std::size_t start = 0;
  while (start <= subPath.size()) {
    std::size_t slash = subPath.find('/', start);
    if (slash == std::string::npos) slash = subPath.size();
    if (subPath.compare(start, slash - start, "..") == 0 && slash - start == 2) return false;
    start = slash + 1;
  }
  return true;
}

namespace {

bool isRegularFile(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

// Worth compressing: text, scripts and JSON, and the app's WebAssembly and font data (1.8 MB and
// 0.5 MB that gzip to a third and a half: most of a first visit's bytes); never images.
bool compressible(const std::string& type) {
  return type.rfind("text/", 0) == 0 || type == "application/javascript" ||
         type == "application/json" || type == "application/xml" || type == "image/svg+xml" ||
         type == "application/wasm" || type == "application/octet-stream";
}

}  // namespace

bool serveFile(const std::string& folder, const std::string& subPath, const httplib::Request& req,
               httplib::Response& res) {
  if (!isSafeSubPath(subPath)) return false;
  std::string path = folder + "/" + subPath;
  if (path.back() == '/') path += "index.html";
  if (!isRegularFile(path)) return false;
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream text;
  text << in.rdbuf();
  const std::string type = contentTypeOf(path);
  res.status = 200;
  res.body = text.str();
  res.set_header("Content-Type", type);
  if (compressible(type)) {
    res.set_header("Vary", "Accept-Encoding");
    if (res.body.size() >= kMinGzipBytes && acceptsGzip(req.get_header_value("Accept-Encoding"))) {
      res.body = gzipText(res.body);
      res.set_header("Content-Encoding", "gzip");
    }
  }
  return true;
}

}  // namespace delegate::server

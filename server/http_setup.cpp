#include "server/http_setup.hpp"

#include <httplib.h>
#include <sodium.h>

#include <fstream>
#include <sstream>

#include "server/json_response.hpp"
#include "server/router.hpp"

namespace delegate::server {

void configureHttp(Router& router) {
  router.set_post_routing_handler(compressJsonResponse);
}

namespace {

std::string sha256Base64(const std::string& text) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(text.data()), text.size());
  char out[sodium_base64_ENCODED_LEN(crypto_hash_sha256_BYTES, sodium_base64_VARIANT_ORIGINAL)];
  sodium_bin2base64(out, sizeof out, digest, sizeof digest, sodium_base64_VARIANT_ORIGINAL);
  return out;
}

}  // namespace

std::string contentSecurityPolicy(const std::string& indexHtml) {
  std::string scripts = "'self' 'wasm-unsafe-eval'";
  // Inline <script> blocks (without src) of the page, hashed exactly as the browser hashes them.
  for (std::size_t at = indexHtml.find("<script"); at != std::string::npos;
       at = indexHtml.find("<script", at + 1)) {
    std::size_t open = indexHtml.find('>', at);
    if (open == std::string::npos) break;
    if (indexHtml.substr(at, open - at).find("src=") != std::string::npos) continue;
    std::size_t close = indexHtml.find("</script>", open);
    if (close == std::string::npos) break;
    scripts += " 'sha256-" + sha256Base64(indexHtml.substr(open + 1, close - open - 1)) + "'";
  }
  return "default-src 'self'; script-src " + scripts +
         "; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; "
         "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
         "frame-ancestors 'none'";
}

void addSecurityHeaders(Router& router, const std::string& webRoot, bool https) {
  std::string index;
  if (!webRoot.empty()) {
    std::ifstream in(webRoot + "/index.html", std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    index = text.str();
  }
  httplib::Headers headers{{"X-Content-Type-Options", "nosniff"},
                           {"X-Frame-Options", "DENY"},
                           {"Referrer-Policy", "no-referrer"},
                           {"Content-Security-Policy", contentSecurityPolicy(index)}};
  if (https) headers.emplace("Strict-Transport-Security", "max-age=31536000");
  router.set_default_headers(std::move(headers));
}

}  // namespace delegate::server

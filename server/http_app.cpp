#include "server/http_app.hpp"

#include <httplib.h>

#include <nlohmann/json.hpp>

#include "core/product.hpp"

namespace delegate::server {

namespace {

void sendError(httplib::Response& res, int status, const std::string& code,
               const std::string& message) {
  nlohmann::json body = {{"error", {{"code", code}, {"message", message}}}};
  res.status = status;
  res.set_content(body.dump(), "application/json");
}

}  // namespace

void installRoutes(httplib::Server& server, const AppConfig& config,
                   const std::atomic<std::uint64_t>& revision) {
  server.Get("/api/health", [&revision](const httplib::Request&, httplib::Response& res) {
    res.set_header("Cache-Control", "no-store");
    res.set_content(healthJson(productInfo(), revision.load()), "application/json");
  });

  if (!config.webRoot.empty()) server.set_mount_point("/", config.webRoot);

  // Unmatched paths get a JSON error under /api and a plain one elsewhere, never an empty body.
  server.set_error_handler([](const httplib::Request& req, httplib::Response& res) {
    if (!res.body.empty()) return;
    if (res.status == 404) {
      if (req.path.rfind("/api/", 0) == 0)
        sendError(res, 404, "notFound",
                  "There is no API endpoint " + req.method + " " + req.path + ".");
      else
        res.set_content("Not found: " + req.path + "\n", "text/plain; charset=utf-8");
    }
  });
}

}  // namespace delegate::server

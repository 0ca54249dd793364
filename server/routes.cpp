// The route table, the static web build with its app links, and errors for unmatched paths.
#include "server/routes.hpp"

#include <httplib.h>

#include <cstdio>

#include <fstream>
#include <sstream>

#include "core/errors.hpp"
#include "core/product.hpp"
#include "server/http_errors.hpp"
#include "server/json_response.hpp"
#include "server/server_app.hpp"

namespace delegate::server {

namespace {

// App links (/offer/{token}, /relationship/{id}/approve) are screens of the single-page app:
// they get index.html and the app routes by location.
void serveIndex(const std::string& webRoot, httplib::Response& res) {
  std::ifstream in(webRoot + "/index.html", std::ios::binary);
  if (!in) {
    res.status = 404;
    res.set_content("The web app is not installed on this server.\n", "text/plain; charset=utf-8");
    return;
  }
  std::ostringstream text;
  text << in.rdbuf();
  res.set_header("Cache-Control", "no-cache");
  res.set_content(text.str(), "text/html; charset=utf-8");
}

}  // namespace

void installRoutes(Router& http, ServerApp& app) {
  // Read-your-writes behind a load balancer (see catchUpForRead). Writes need nothing: a batch is
  // decided on the log's head under its lock.
  http.set_pre_routing_handler([&app](const httplib::Request& req, httplib::Response&) {
    const bool read = req.method == "GET" || req.method == "HEAD";
    const bool api = req.path.rfind("/api/", 0) == 0 || req.path.rfind("/v1.0/", 0) == 0;
    if (read && api && req.path != "/api/health") app.catchUpForRead();
    return Router::HookResult::unhandled;
  });
  http.Get("/api/health", [&app](const httplib::Request&, httplib::Response& res) {
    res.set_header("Cache-Control", "no-store");
    res.set_content(healthJson(productInfo(), app.revision(), app.executor().refusalsNotAudited()),
                    kJsonContentType);
  });
  installSessionRoutes(http, app);
  installMultiFactorRoutes(http, app);
  installCommandRoutes(http, app);
  installViewRoutes(http, app);
  installPageRoutes(http, app);
  installPublicRoutes(http, app);
  installGraphRoutes(http, app);
  installMailRoutes(http, app);
  installWebhookRoutes(http, app);

  const std::string webRoot = app.options().webRoot;
  if (!webRoot.empty()) {
    http.set_mount_point("/", webRoot);
    auto index = [webRoot](const httplib::Request&, httplib::Response& res) {
      serveIndex(webRoot, res);
    };
    http.Get(R"(/offer/[A-Za-z0-9_-]{1,200})", index);
    http.Get(R"(/relationship/[0-9a-fA-F-]{1,64}/approve)", index);
    // Links in mail (core/mail.hpp's mailLinkPath).
    http.Get(R"(/relationships/[0-9a-fA-F-]{1,64})", index);
    http.Get(R"(/customers/[0-9a-fA-F-]{1,64})", index);
    http.Get("/partners", index);
    http.Get("/mail", index);
    http.Get("/webhooks", index);
  }

  // Unmatched paths and transport-level refusals get a JSON error under /api and /v1.0 and a
  // plain one elsewhere, never an empty body.
  http.set_error_handler([](const httplib::Request& req, httplib::Response& res) {
    if (!res.body.empty()) return;
    bool api = req.path.rfind("/api/", 0) == 0 || req.path.rfind("/v1.0/", 0) == 0;
    if (res.status == 413) {
      sendError(res, errc::requestTooLarge, "The request body is larger than 1 MiB.");
    } else if (res.status == 404 && api) {
      sendError(res, errc::notFound,
                "There is no API endpoint " + req.method + " " + req.path + ".");
    } else if (res.status == 404) {
      res.set_content("Not found: " + req.path + "\n", "text/plain; charset=utf-8");
    } else if (res.status == 405 || res.status == 400) {
      sendTransportError(res, res.status, errc::invalidRequest,
                         "The request could not be understood.");
    } else if (api) {
      sendTransportError(res, res.status, errc::requestFailed,
                         "The request failed with status " + std::to_string(res.status) + ".");
    }
  });
  // A handler that throws (it should not) answers 500 in JSON instead of dropping the connection.
  // What went wrong goes to the operator's log, never to the caller.
  http.set_exception_handler(
      [](const httplib::Request& req, httplib::Response& res, std::exception_ptr failure) {
        std::string what = "an exception that is not a std::exception";
        try {
          if (failure) std::rethrow_exception(failure);
        } catch (const std::exception& e) {
          what = e.what();
        } catch (...) {
        }
        std::fprintf(stderr, "delegate-server: %s %s failed: %s\n", req.method.c_str(),
                     req.path.c_str(), what.c_str());
        sendError(res, errc::internalError, "Something went wrong on the server; it was logged.");
      });
}

}  // namespace delegate::server

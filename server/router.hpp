#pragma once
// The route table and what happens around a handler, independent of how bytes arrive.
//
// Handlers keep cpp-httplib's signature (`const httplib::Request&`, `httplib::Response&`): those
// are plain structs that this router fills and reads without httplib's server, so the route
// files did not change when the transport became event-driven (server/async_http_server.hpp).
// Routing follows httplib 0.11's order, which the tests pin down: pre-routing hook, files under
// the mount point (GET/HEAD), the method's routes (first full regex match; its groups in
// `req.matches`), then 404 (400 for a method without routes); the error hook for a status of
// 400 and above, then the post-routing hook. Default headers are set before the handler runs.
#include <httplib.h>

#include <exception>
#include <functional>
#include <regex>
#include <string>
#include <utility>
#include <vector>

namespace delegate::server {

class Router {
 public:
  using Handler = std::function<void(const httplib::Request&, httplib::Response&)>;
  enum class HookResult { handled, unhandled };
  using PreRouting = std::function<HookResult(const httplib::Request&, httplib::Response&)>;
  using ErrorHandler = std::function<void(const httplib::Request&, httplib::Response&)>;
  using ExceptionHandler =
      std::function<void(const httplib::Request&, httplib::Response&, std::exception_ptr)>;

  Router& Get(const std::string& pattern, Handler handler);
  Router& Post(const std::string& pattern, Handler handler);
  Router& Put(const std::string& pattern, Handler handler);
  Router& Patch(const std::string& pattern, Handler handler);
  Router& Delete(const std::string& pattern, Handler handler);
  Router& Options(const std::string& pattern, Handler handler);

  // Serves the files under `folder` at `prefix` (GET and HEAD), before any route.
  void set_mount_point(const std::string& prefix, const std::string& folder);
  void set_pre_routing_handler(PreRouting hook) { preRouting_ = std::move(hook); }
  void set_post_routing_handler(Handler hook) { postRouting_ = std::move(hook); }
  void set_error_handler(ErrorHandler hook) { onError_ = std::move(hook); }
  void set_exception_handler(ExceptionHandler hook) { onException_ = std::move(hook); }
  void set_default_headers(httplib::Headers headers) { defaultHeaders_ = std::move(headers); }

  // Runs the request through the table and the hooks; `res` is then ready to be written (its
  // status set; Content-Type/Length are the transport's). HEAD runs the GET routes.
  void dispatch(httplib::Request& req, httplib::Response& res) const;

  // Finishes an answer the transport made itself (413 before the body, 400 for a request it
  // could not parse): default headers, the error hook, the post-routing hook.
  void finishTransportAnswer(const httplib::Request& req, httplib::Response& res) const;

 private:
  struct Route {
    std::regex pattern;
    Handler handler;
  };
  Router& add(std::vector<Route>& table, const std::string& pattern, Handler handler);
  const std::vector<Route>* tableFor(const std::string& method) const;
  bool route(httplib::Request& req, httplib::Response& res) const;
  void finish(const httplib::Request& req, httplib::Response& res) const;

  std::vector<Route> get_, post_, put_, patch_, delete_, options_;
  std::vector<std::pair<std::string, std::string>> mounts_;  // prefix, folder
  PreRouting preRouting_;
  Handler postRouting_;
  ErrorHandler onError_;
  ExceptionHandler onException_;
  httplib::Headers defaultHeaders_;
};

}  // namespace delegate::server

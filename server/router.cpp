#include "server/router.hpp"

#include "server/static_files.hpp"

namespace delegate::server {

Router& Router::add(std::vector<Route>& table, const std::string& pattern, Handler handler) {
  table.push_back(Route{std::regex(pattern), std::move(handler)});
  return *this;
}

Router& Router::Get(const std::string& p, Handler h) {
  return add(get_, p, std::move(h));
}
Router& Router::Post(const std::string& p, Handler h) {
  return add(post_, p, std::move(h));
}
Router& Router::Put(const std::string& p, Handler h) {
  return add(put_, p, std::move(h));
}
Router& Router::Patch(const std::string& p, Handler h) {
  return add(patch_, p, std::move(h));
}
Router& Router::Delete(const std::string& p, Handler h) {
  return add(delete_, p, std::move(h));
}
Router& Router::Options(const std::string& p, Handler h) {
  return add(options_, p, std::move(h));
}

void Router::set_mount_point(const std::string& prefix, const std::string& folder) {
  mounts_.emplace_back(prefix, folder);
}

const std::vector<Router::Route>* Router::tableFor(const std::string& method) const {
  if (method == "GET" || method == "HEAD") return &get_;
  if (method == "POST") return &post_;
  if (method == "PUT") return &put_;
  if (method == "PATCH") return &patch_;
  if (method == "DELETE") return &delete_;
  if (method == "OPTIONS") return &options_;
  return nullptr;
}

// True when something answered (a file or a route); false leaves a 404 or 400 to the caller.
bool Router::route(httplib::Request& req, httplib::Response& res) const {
  if (preRouting_ && preRouting_(req, res) == HookResult::handled) return true;
  if (req.method == "GET" || req.method == "HEAD") {
    for (const auto& [prefix, folder] : mounts_)
      if (req.path.compare(0, prefix.size(), prefix) == 0 &&
          serveFile(folder, req.path.substr(prefix.size()), req, res))
        return true;
  }
  const std::vector<Route>* table = tableFor(req.method);
  if (!table) {
    res.status = 400;
    return false;
  }
  for (const Route& r : *table) {
    if (std::regex_match(req.path, req.matches, r.pattern)) {
      r.handler(req, res);
      return true;
    }
  }
  return false;
}

void Router::dispatch(httplib::Request& req, httplib::Response& res) const {
  for (const auto& header : defaultHeaders_)
    if (res.headers.find(header.first) == res.headers.end()) res.headers.insert(header);
  bool routed = false;
  try {
    routed = route(req, res);
  } catch (...) {
    res.status = 500;
    res.body.clear();
    if (onException_) onException_(req, res, std::current_exception());
    routed = true;
  }
  if (res.status == -1) res.status = routed ? 200 : 404;
  finish(req, res);
}

void Router::finishTransportAnswer(const httplib::Request& req, httplib::Response& res) const {
  for (const auto& header : defaultHeaders_)
    if (res.headers.find(header.first) == res.headers.end()) res.headers.insert(header);
  finish(req, res);
}

void Router::finish(const httplib::Request& req, httplib::Response& res) const {
  if (res.status >= 400 && onError_) onError_(req, res);
  if (postRouting_) postRouting_(req, res);
}

}  // namespace delegate::server

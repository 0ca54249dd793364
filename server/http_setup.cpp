#include "server/http_setup.hpp"

#include <httplib.h>

namespace delegate::server {

void configureHttp(httplib::Server& server, const HttpLimits& limits) {
  server.set_tcp_nodelay(true);
  server.set_payload_max_length(limits.maxBodyBytes);
  server.set_read_timeout(limits.readTimeoutSeconds, 0);
  server.set_write_timeout(limits.writeTimeoutSeconds, 0);
  server.set_keep_alive_timeout(limits.keepAliveSeconds);
  server.set_keep_alive_max_count(1000);
  std::size_t threads = limits.workerThreads;
  server.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
}

}  // namespace delegate::server

#include "server/http_setup.hpp"

#include <httplib.h>
#include <sys/socket.h>

namespace delegate::server {

void configureHttp(httplib::Server& server, const HttpLimits& limits) {
  server.set_tcp_nodelay(true);
  // SO_REUSEADDR rather than httplib's default SO_REUSEPORT: a restart binds at once over the last
  // run's closing connections, while a second live server on the same port is refused instead of
  // silently sharing it.
  server.set_socket_options([](socket_t sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  });
  server.set_payload_max_length(limits.maxBodyBytes);
  server.set_read_timeout(limits.readTimeoutSeconds, 0);
  server.set_write_timeout(limits.writeTimeoutSeconds, 0);
  server.set_keep_alive_timeout(limits.keepAliveSeconds);
  server.set_keep_alive_max_count(1000);
  std::size_t threads = limits.workerThreads;
  server.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
}

}  // namespace delegate::server

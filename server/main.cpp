#include <httplib.h>
#include <signal.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <thread>

#include "core/product.hpp"
#include "server/http_setup.hpp"
#include "server/listen_check.hpp"
#include "server/options.hpp"
#include "server/server_app.hpp"

using namespace delegate::server;

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  ParsedOptions parsed = parseOptions(args);
  if (!parsed.error.empty()) {
    std::fprintf(stderr, "delegate-server: %s\n%s", parsed.error.c_str(), usage(argv[0]).c_str());
    return 2;
  }
  const Options& opt = parsed.options;
  if (opt.help) {
    std::fputs(usage(argv[0]).c_str(), stdout);
    return 0;
  }
  if (!opt.webRoot.empty() && !std::filesystem::is_regular_file(opt.webRoot + "/index.html")) {
    std::fprintf(stderr,
                 "delegate-server: --web %s has no index.html; build the wasm preset first\n",
                 opt.webRoot.c_str());
    return 2;
  }
  if (std::string problem = checkCanListen(opt.host, opt.port); !problem.empty()) {
    std::fprintf(stderr, "delegate-server: %s\n", problem.c_str());
    return 1;
  }

  // Signals are taken by one thread with sigwait so that stopping the server happens on a normal
  // thread, not inside a signal handler. Blocked before any thread starts so all inherit it.
  sigset_t stopSignals;
  sigemptyset(&stopSignals);
  sigaddset(&stopSignals, SIGINT);
  sigaddset(&stopSignals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stopSignals, nullptr);
  signal(SIGPIPE, SIG_IGN);

  auto opened = ServerApp::open(opt, stdout);
  if (!opened) {
    std::fprintf(stderr, "delegate-server: %s\n", opened.error().message.c_str());
    return 1;
  }
  ServerApp& app = *opened.value();

  httplib::Server server;
  configureHttp(server, HttpLimits{});
  addSecurityHeaders(server, opt.webRoot);
  app.installRoutes(server);
  int exitCode = 0;
  // Memory is ahead of the disk when the store fails: stop rather than serve it.
  app.onStoreFailure([&](const std::string& why) {
    std::fprintf(stderr, "delegate-server: the store failed (%s); stopping\n", why.c_str());
    exitCode = 70;
    std::thread([&] {
      app.beginShutdown();
      server.stop();
    }).detach();
  });
  if (!server.bind_to_port(opt.host, opt.port)) {
    std::fprintf(stderr, "delegate-server: cannot listen on %s:%d\n", opt.host.c_str(), opt.port);
    return 1;
  }

  std::thread signalWatcher([&] {
    int sig = 0;
    sigwait(&stopSignals, &sig);
    std::fprintf(stderr, "delegate-server: stopping (%s); finishing requests in flight\n",
                 sig == SIGINT ? "Ctrl+C" : "SIGTERM");
    // Long-polls answer at once; then the listener closes and the worker pool drains.
    app.beginShutdown();
    server.stop();
  });

  app.startBackground();
  auto info = delegate::productInfo();
  std::printf("%s %s listening on http://%s:%d/ (data in %s, revision %llu)\n", info.name.c_str(),
              info.version.c_str(), opt.host.c_str(), opt.port, opt.dataDir.c_str(),
              static_cast<unsigned long long>(app.revision()));
  bool explicitUrl = std::find(args.begin(), args.end(), "--public-url") != args.end();
  std::printf("Links and Location headers use %s%s\n", opt.publicUrl.c_str(),
              explicitUrl ? "" : " (set --public-url to the address people reach this server at)");
  if (opt.smtpUrl.empty())
    std::printf("Mail is not configured (no --smtp-url): messages stay in the outbox\n");
  else
    std::printf("Mail goes through %s%s from %s\n", opt.smtpUrl.c_str(),
                opt.smtpStartTls ? " (STARTTLS required)" : "", opt.mailFrom.c_str());
  std::fflush(stdout);
  server.listen_after_bind();

  // listen_after_bind also returns if the server fails; make sure the watcher can end.
  pthread_kill(signalWatcher.native_handle(), SIGTERM);
  signalWatcher.join();
  app.close();  // commits what is queued and checkpoints the store
  std::printf("delegate-server: stopped\n");
  return exitCode;
}

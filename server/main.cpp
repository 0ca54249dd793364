#include <signal.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <thread>

#include "core/product.hpp"
#include "server/async_http_server.hpp"
#include "server/http_setup.hpp"
#include "server/listen_check.hpp"
#include "server/open_files.hpp"
#include "server/options.hpp"
#include "server/parked_waits.hpp"
#include "server/router.hpp"
#include "server/server_app.hpp"
#include "server/smtp_sender.hpp"
#include "server/tls_check.hpp"

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
  if (opt.tls()) {
    if (std::string problem = checkTlsFiles(opt.tlsCert, opt.tlsKey); !problem.empty()) {
      std::fprintf(stderr, "delegate-server: %s\n", problem.c_str());
      return 2;
    }
  }
  if (!opt.smtpCaFile.empty()) {
    if (std::string problem = checkSmtpCaFile(opt.smtpCaFile); !problem.empty()) {
      std::fprintf(stderr, "delegate-server: %s\n", problem.c_str());
      return 2;
    }
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

  // Every connection is a file; the default soft limit would cap the server near a thousand.
  raiseOpenFileLimit();

  auto opened = ServerApp::open(opt, stdout);
  if (!opened) {
    std::fprintf(stderr, "delegate-server: %s\n", opened.error().message.c_str());
    return 1;
  }
  ServerApp& app = *opened.value();

  Router router;
  configureHttp(router);
  addSecurityHeaders(router, opt.webRoot, opt.servedOverHttps());
  app.installRoutes(router);
  // Every client behind a load balancer shares its address: the per-address cap skips those.
  AsyncHttpServer server(
      router, opt.http, [&app](const std::string& address) { return app.isTrustedProxy(address); });
  if (opt.tls()) {
    if (std::string problem = server.useTls(opt.tlsCert, opt.tlsKey); !problem.empty()) {
      std::fprintf(stderr, "delegate-server: %s\n", problem.c_str());
      return 1;
    }
  }
  // Parked long-polls wake on each durable commit, and all at once at shutdown.
  server.parked().publish(app.revision());
  app.durable().listen([&server](std::uint64_t head, bool closing) {
    if (closing)
      server.parked().close();
    else
      server.parked().publish(head);
  });
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
  if (std::string problem = server.bind(opt.host, opt.port); !problem.empty()) {
    std::fprintf(stderr, "delegate-server: %s\n", problem.c_str());
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
  std::printf("%s %s listening on %s://%s:%d/ (data in %s, revision %llu)\n", info.name.c_str(),
              info.version.c_str(), opt.tls() ? "https" : "http", opt.host.c_str(), opt.port,
              opt.dataDir.c_str(), static_cast<unsigned long long>(app.revision()));
  if (!opt.tls())
    std::printf(
        "Plain HTTP: fine on loopback; anywhere else put a TLS proxy in front of this server "
        "or give it --tls-cert and --tls-key\n");
  bool explicitUrl = std::find(args.begin(), args.end(), "--public-url") != args.end();
  std::printf("Links and Location headers use %s%s\n", opt.publicUrl.c_str(),
              explicitUrl ? "" : " (set --public-url to the address people reach this server at)");
  if (opt.smtpUrl.empty())
    std::printf("Mail is not configured (no --smtp-url): messages stay in the outbox\n");
  else
    std::printf("Mail goes through %s%s from %s%s%s\n", opt.smtpUrl.c_str(),
                opt.smtpStartTls ? " (STARTTLS required)" : "", opt.mailFrom.c_str(),
                opt.smtpCaFile.empty() ? "" : "; its certificate is checked against ",
                opt.smtpCaFile.c_str());
  std::fflush(stdout);
  server.run();
  app.durable().listen(nullptr);  // the app outlives the server's table of parked long-polls

  // run() also returns after a store failure; make sure the watcher can end.
  pthread_kill(signalWatcher.native_handle(), SIGTERM);
  signalWatcher.join();
  app.close();  // commits what is queued and checkpoints the store
  std::printf("delegate-server: stopped\n");
  return exitCode;
}

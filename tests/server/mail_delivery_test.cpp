// Mail through the real process to a real SMTP server (tests/server/smtp_sink.py): recipients,
// headers and link of the acceptance mail; 451 then 250; 550 with the reason in /api/mail and a
// retry; SIGKILL mid-delivery; and a server without --smtp-url.
#include <catch2/catch.hpp>

#include <chrono>
#include <thread>

#include "mail_support.hpp"
#include "seeded_world.hpp"

using namespace delegate;
using namespace delegate::testing;

namespace {

const char* kPublicUrl = kMailPublicUrl;

std::string statusOf(const nlohmann::json& m) {
  return m.value("status", "");
}

}  // namespace

TEST_CASE("the acceptance mail reaches the partner's administrators with headers and a link",
          "[mail]") {
  Cast c;
  TempDir data;
  c.w.writeTo(data.path());
  SmtpSink sink;
  ServerProcess server(mailArgs(sink, data.path()));
  CHECK(server.log().find("Mail goes through " + sink.url()) != std::string::npos);
  acceptAnOffer(server);
  REQUIRE(sink.waitFor(1));
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  // Only the acceptance: what the outbox held before mail was configured is not sent.
  auto got = sink.messages();
  REQUIRE(got.size() == 1);
  const nlohmann::json& m = got[0];
  CHECK(m["mailFrom"] == "mail@delegate.test");
  CHECK(m["rcptTos"] == nlohmann::json::array({"admin@alphapartners.onmicrosoft.com"}));
  const auto& h = m["headers"];
  CHECK(h["From"].get<std::string>().find("mail@delegate.test") != std::string::npos);
  CHECK(h["To"] == "admin@alphapartners.onmicrosoft.com");
  CHECK(h["Subject"] == "Northwind accepted your delegated administration offer");
  CHECK(h.contains("Date"));
  CHECK(h["MIME-Version"] == "1.0");
  const std::string messageId = h["Message-ID"];
  CHECK(messageId.rfind("<delegate.", 0) == 0);
  CHECK(messageId.find("@delegate.test>") != std::string::npos);
  CHECK(m["contentType"] == "multipart/alternative");
  const std::string link = std::string(kPublicUrl) + "/customers/" + c.northwind.str();
  const std::string text = m["text"], html = m["html"];
  CHECK(text.find("Nora Northwind (admin@northwind.onmicrosoft.com)") != std::string::npos);
  CHECK(text.find(link) != std::string::npos);
  CHECK(html.find("href=\"" + link + "\"") != std::string::npos);

  // The partner's administrator sees it sent, with the same Message-ID.
  Api alpha = Api::signIn(server, "admin@alphapartners.onmicrosoft.com", kPassword);
  nlohmann::json list =
      mailWhen(alpha, [](const nlohmann::json& x) { return x["status"] == "sent"; });
  REQUIRE(list["configured"] == true);
  REQUIRE(!list["value"].empty());
  CHECK(list["value"][0]["messageId"] == messageId);
  CHECK(list["value"][0]["link"] == link);
  CHECK(list["value"][0]["attempts"] == 1);
  // Nobody else: another partner's administrator sees none of it; an agent may not look.
  Api beta = Api::signIn(server, "admin@betapartners.onmicrosoft.com", kPassword);
  Reply betaMail = beta.get("/api/mail");
  REQUIRE(betaMail.status == 200);
  CHECK(betaMail.body["value"].empty());
  CHECK(Api::signIn(server, "agent@alphapartners.onmicrosoft.com", kPassword)
            .get("/api/mail")
            .status == 403);
}

TEST_CASE("a temporary refusal (451) is retried and the message delivered once", "[mail]") {
  Cast c;
  TempDir data;
  c.w.writeTo(data.path());
  SmtpSink sink("451,250");
  ServerProcess server(mailArgs(sink, data.path()));
  acceptAnOffer(server);
  Api alpha = Api::signIn(server, "admin@alphapartners.onmicrosoft.com", kPassword);
  // Between the two tries it waits, saying when it tries again and why.
  nlohmann::json waiting =
      mailWhen(alpha, [](const nlohmann::json& x) { return x["status"] != "queued"; });
  nlohmann::json list =
      mailWhen(alpha, [](const nlohmann::json& x) { return x["status"] == "sent"; });
  REQUIRE(!list["value"].empty());
  CHECK(statusOf(list["value"][0]) == "sent");
  CHECK(list["value"][0]["attempts"] == 2);
  auto got = sink.messages();
  REQUIRE(got.size() == 2);
  CHECK(got[0]["answer"] == 451);
  CHECK(got[1]["answer"] == 250);
  CHECK(got[0]["headers"]["Message-ID"] == got[1]["headers"]["Message-ID"]);
  if (statusOf(waiting["value"][0]) == "retrying") {
    CHECK(waiting["value"][0].contains("nextAttemptDateTime"));
    CHECK(waiting["value"][0]["reason"].get<std::string>().find("451") != std::string::npos);
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(700));
  CHECK(sink.messages().size() == 2);  // delivered once: no try after the 250
}

TEST_CASE("a permanent refusal (550) fails at once with the server's reason, and can be retried",
          "[mail]") {
  Cast c;
  TempDir data;
  c.w.writeTo(data.path());
  SmtpSink sink("550");
  ServerProcess server(mailArgs(sink, data.path()));
  acceptAnOffer(server);
  Api alpha = Api::signIn(server, "admin@alphapartners.onmicrosoft.com", kPassword);
  nlohmann::json list =
      mailWhen(alpha, [](const nlohmann::json& x) { return x["status"] == "failed"; });
  REQUIRE(!list["value"].empty());
  const nlohmann::json& m = list["value"][0];
  REQUIRE(statusOf(m) == "failed");
  CHECK(m["attempts"] == 1);
  const std::string reason = m["reason"];
  CHECK(reason.find("550") != std::string::npos);
  CHECK(reason.find("does not exist") != std::string::npos);
  std::this_thread::sleep_for(std::chrono::milliseconds(700));
  CHECK(sink.messages().size() == 1);  // not retried by itself

  // Another partner cannot retry it; its own administrator can (the sink now accepts).
  const std::string path = "/api/mail/" + std::to_string(m["id"].get<std::uint64_t>()) + "/retry";
  Api beta = Api::signIn(server, "admin@betapartners.onmicrosoft.com", kPassword);
  CHECK(beta.postRaw(path, "").status == 404);
  Reply retried = alpha.postRaw(path, "");
  CHECK(retried.status == 200);
  nlohmann::json after =
      mailWhen(alpha, [](const nlohmann::json& x) { return x["status"] == "sent"; });
  CHECK(statusOf(after["value"][0]) == "sent");
  CHECK(sink.messages().size() == 2);
  CHECK(alpha.postRaw(path, "").status == 409);  // already sent
}

TEST_CASE("a server killed mid-delivery delivers after restart with the same Message-ID",
          "[mail]") {
  Cast c;
  TempDir data;
  c.w.writeTo(data.path());
  SmtpSink sink("", /*holdFirstSeconds=*/60);
  int port = 0;
  {
    ServerProcess server(mailArgs(sink, data.path()));
    port = server.port();
    acceptAnOffer(server);
    // The message is on the wire, its answer held: kill the server now.
    REQUIRE(sink.waitFor(1));
    server.kill9();
  }
  std::vector<std::string> args = mailArgs(sink, data.path());
  args.push_back("--port");
  args.push_back(std::to_string(port));
  ServerProcess again(args);
  REQUIRE(sink.waitFor(2));
  auto got = sink.messages();
  CHECK(got[0]["headers"]["Message-ID"] == got[1]["headers"]["Message-ID"]);
  CHECK(got[1]["rcptTos"] == got[0]["rcptTos"]);
  Api alpha = Api::signIn(again, "admin@alphapartners.onmicrosoft.com", kPassword);
  nlohmann::json list =
      mailWhen(alpha, [](const nlohmann::json& x) { return x["status"] == "sent"; });
  REQUIRE(!list["value"].empty());
  CHECK(statusOf(list["value"][0]) == "sent");
  CHECK(list["value"][0]["messageId"] == got[1]["headers"]["Message-ID"]);
}

TEST_CASE("without --smtp-url the server says mail is not configured and keeps the outbox",
          "[mail]") {
  Cast c;
  TempDir data;
  c.w.writeTo(data.path());
  ServerProcess server({"--data", data.path()});
  CHECK(server.log().find("Mail is not configured") != std::string::npos);
  acceptAnOffer(server);
  Api alpha = Api::signIn(server, "admin@alphapartners.onmicrosoft.com", kPassword);
  Reply r = alpha.get("/api/mail");
  REQUIRE(r.status == 200);
  CHECK(r.body["configured"] == false);
  CHECK(r.body["message"].get<std::string>().find("--smtp-url") != std::string::npos);
  REQUIRE(!r.body["value"].empty());
  CHECK(r.body["value"][0]["status"] == "notSent");
  CHECK(r.body["value"][0]["subject"] == "Northwind accepted your delegated administration offer");
  CHECK(alpha.postRaw("/api/mail/1/retry", "").status == 409);
}

// The MIME message and the mail flags, without a network.
#include <catch2/catch.hpp>

#include "server/mail_service.hpp"
#include "server/mime_message.hpp"
#include "server/options.hpp"

using namespace delegate;
using namespace delegate::server;

TEST_CASE("a MIME message: headers on one line each, encoded subject, CRLF, both parts", "[mail]") {
  RenderedMail mail;
  mail.subject = "Zoë's Café accepted\r\nBcc: evil@example.com";
  mail.text = "line one\nline two";
  mail.html = "<p>hi</p>";
  MimeEnvelope env{
      "mail@delegate.test", {"a@x.test", "b@x.test"}, "delegate.7.abcd@delegate.test", 1796400000};
  const std::string m = composeMime(env, mail);
  // A name with a line break cannot add a header; non-ASCII is RFC 2047 encoded.
  CHECK(m.find("\r\nBcc:") == std::string::npos);
  CHECK(m.find("Subject: =?UTF-8?B?") != std::string::npos);
  CHECK(m.find("Message-ID: <delegate.7.abcd@delegate.test>\r\n") != std::string::npos);
  CHECK(m.find("To: a@x.test,\r\n b@x.test\r\n") != std::string::npos);
  CHECK(m.find("Date: " + rfc5322Date(1796400000) + "\r\n") != std::string::npos);
  CHECK(m.find("multipart/alternative") != std::string::npos);
  CHECK(m.find("text/plain; charset=utf-8") != std::string::npos);
  CHECK(m.find("text/html; charset=utf-8") != std::string::npos);
  for (std::size_t i = 0; i < m.size(); ++i)
    if (m[i] == '\n') REQUIRE((i > 0 && m[i - 1] == '\r'));
  // The same message composes to the same bytes (every try is identical).
  CHECK(composeMime(env, mail) == m);
  CHECK(rfc5322Date(0) == "Thu, 01 Jan 1970 00:00:00 +0000");
}

TEST_CASE("mail flags: no credentials in the URL, a plain sender address", "[mail]") {
  auto err = [](std::vector<std::string> a) { return parseOptions(a).error; };
  CHECK(err({"--smtp-url", "smtp://127.0.0.1:25"}).empty());
  CHECK(err({"--smtp-url", "smtps://mail.example.com:465"}).empty());
  CHECK(err({"--smtp-url", "http://x"}).find("smtp://") != std::string::npos);
  CHECK(err({"--smtp-url", "smtp://user:pw@host:25"}).find("--smtp-credentials") !=
        std::string::npos);
  CHECK(!err({"--mail-from", "Delegate <a@b>"}).empty());
  CHECK(!err({"--mail-retry-base-ms", "0"}).empty());
  CHECK(err({"--smtp-url", "smtps://h:465", "--smtp-ca-file", "/etc/ssl/ca.pem"}).empty());
  CHECK(err({"--smtp-ca-file", "/etc/ssl/ca.pem"}).find("need --smtp-url") != std::string::npos);
  CHECK(err({"--smtp-url", "smtps://h:465", "--smtp-starttls"}).find("smtp://") !=
        std::string::npos);
  CHECK(usage("delegate-server").find("--smtp-ca-file FILE") != std::string::npos);
  Options o = parseOptions({"--public-url", "https://delegate.example.com:8443"}).options;
  CHECK(o.mailFrom == "delegate@delegate.example.com");
}

TEST_CASE("temporary failures back off, doubling to a cap, and give up after 48 hours", "[mail]") {
  MailConfig config;  // 60 s doubling to an hour, 48 h
  MailDelivery row;
  row.windowStartMs = 0;
  std::vector<std::int64_t> waits;
  std::int64_t now = 0;
  for (int attempt = 1; attempt <= 9; ++attempt) {
    row.attempts = attempt;
    afterTemporaryFailure(row, config, now, now, "451 busy");
    REQUIRE(row.status == MailStatus::retrying);
    waits.push_back(row.nextAttemptMs - now);
    now = row.nextAttemptMs;
  }
  CHECK(waits == std::vector<std::int64_t>{60'000, 120'000, 240'000, 480'000, 960'000, 1'920'000,
                                           3'600'000, 3'600'000, 3'600'000});
  CHECK(row.lastError == "451 busy");
  // A try that starts 48 hours after the window opened is the last.
  row.attempts += 1;
  afterTemporaryFailure(row, config, 48LL * 3'600'000, 48LL * 3'600'000 + 5, "451 still busy");
  CHECK(row.status == MailStatus::failed);
  CHECK(row.lastError.find("48 hours") != std::string::npos);
  CHECK(row.lastError.find("451 still busy") != std::string::npos);
}

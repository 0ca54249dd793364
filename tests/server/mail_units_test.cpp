// The MIME message and the mail flags, without a network.
#include <catch2/catch.hpp>

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
  Options o = parseOptions({"--public-url", "https://delegate.example.com:8443"}).options;
  CHECK(o.mailFrom == "delegate@delegate.example.com");
}

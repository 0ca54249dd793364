#include "server/smtp_sender.hpp"

#include <curl/curl.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <memory>

namespace delegate::server {

namespace {

struct Upload {
  const std::string& data;
  std::size_t offset = 0;
};

std::size_t readBody(char* buffer, std::size_t size, std::size_t count, void* user) {
  auto* up = static_cast<Upload*>(user);
  std::size_t n = std::min(size * count, up->data.size() - up->offset);
  std::memcpy(buffer, up->data.data() + up->offset, n);
  up->offset += n;
  return n;
}

// libcurl hands SMTP reply lines to the header callback: keep the last one (the refusal's text).
std::size_t replyLine(char* buffer, std::size_t size, std::size_t count, void* user) {
  auto* last = static_cast<std::string*>(user);
  std::string line(buffer, size * count);
  while (!line.empty() && (line.back() == '\r' || line.back() == '\n')) line.pop_back();
  if (!line.empty()) *last = line;
  return size * count;
}

int progress(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
  return static_cast<const std::atomic<bool>*>(user)->load() ? 1 : 0;
}

}  // namespace

void initSmtp() {
  curl_global_init(CURL_GLOBAL_DEFAULT);
}

std::string checkSmtpCaFile(const std::string& caFile) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(caFile, ec))
    return "cannot read --smtp-ca-file " + caFile + ": no such file";
  std::unique_ptr<BIO, decltype(&BIO_free)> in(BIO_new_file(caFile.c_str(), "r"), &BIO_free);
  if (!in) return "cannot read --smtp-ca-file " + caFile + ": " + std::strerror(errno);
  std::unique_ptr<X509, decltype(&X509_free)> first(
      PEM_read_bio_X509(in.get(), nullptr, nullptr, nullptr), &X509_free);
  ERR_clear_error();
  if (!first)
    return "--smtp-ca-file " + caFile +
           " holds no PEM certificate (expected one or more -----BEGIN CERTIFICATE----- blocks)";
  return {};
}

SmtpOutcome sendSmtp(const SmtpSettings& s, const std::vector<std::string>& to,
                     const std::string& message, const std::atomic<bool>& cancel) {
  SmtpOutcome out;
  CURL* curl = curl_easy_init();
  if (!curl) {
    out.reason = "libcurl could not start a transfer";
    return out;
  }
  curl_slist* rcpt = nullptr;
  for (const std::string& a : to) rcpt = curl_slist_append(rcpt, ("<" + a + ">").c_str());
  Upload up{message};
  std::string lastReply;
  char error[CURL_ERROR_SIZE] = {0};
  const std::string from = "<" + s.from + ">";
  curl_easy_setopt(curl, CURLOPT_URL, s.url.c_str());
  curl_easy_setopt(curl, CURLOPT_MAIL_FROM, from.c_str());
  curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, rcpt);
  curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(curl, CURLOPT_READFUNCTION, readBody);
  curl_easy_setopt(curl, CURLOPT_READDATA, &up);
  curl_easy_setopt(curl, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(message.size()));
  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, replyLine);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, &lastReply);
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, s.connectTimeoutSeconds);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, s.timeoutSeconds);
  curl_easy_setopt(curl, CURLOPT_NOPROGRESS, 0L);
  curl_easy_setopt(curl, CURLOPT_XFERINFOFUNCTION, progress);
  curl_easy_setopt(curl, CURLOPT_XFERINFODATA, &cancel);
  // STARTTLS when asked for (required: never fall back to sending credentials in the clear);
  // smtps:// is TLS from the first byte. Either way the server's certificate and name are
  // checked (libcurl's defaults, stated so no one turns them off): against --smtp-ca-file alone
  // when given, else the system's store.
  if (s.requireStartTls) curl_easy_setopt(curl, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_ALL));
  curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 2L);
  if (!s.caFile.empty()) {
    curl_easy_setopt(curl, CURLOPT_CAINFO, s.caFile.c_str());
    curl_easy_setopt(curl, CURLOPT_CAPATH, nullptr);
  }
  if (!s.user.empty()) {
    curl_easy_setopt(curl, CURLOPT_USERNAME, s.user.c_str());
    curl_easy_setopt(curl, CURLOPT_PASSWORD, s.password.c_str());
  }
  CURLcode rc = curl_easy_perform(curl);
  long code = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &code);
  curl_slist_free_all(rcpt);
  curl_easy_cleanup(curl);

  out.code = static_cast<int>(code);
  if (rc == CURLE_OK) {
    out.kind = SmtpOutcome::Kind::sent;
    out.reason = lastReply;
    return out;
  }
  const bool replied = code >= 400 && code < 600;
  out.reason = replied && !lastReply.empty()
                   ? lastReply
                   : std::string(error[0] ? error : curl_easy_strerror(rc));
  if (rc == CURLE_PEER_FAILED_VERIFICATION || rc == CURLE_SSL_CACERT_BADFILE)
    // Not sent: the operator fixes the trust (or the mail server's certificate) and it goes out
    // on a later try.
    out.reason = "The mail server's TLS certificate was not accepted (" + out.reason +
                 "); trusted: " + (s.caFile.empty() ? "the system's CA store" : s.caFile) +
                 " (--smtp-ca-file)";
  out.kind =
      code >= 500 && code < 600 ? SmtpOutcome::Kind::permanent : SmtpOutcome::Kind::temporary;
  return out;
}

}  // namespace delegate::server

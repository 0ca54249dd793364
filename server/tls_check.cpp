#include "server/tls_check.hpp"

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <filesystem>
#include <memory>

namespace delegate::server {

namespace {

std::string lastOpenSslError() {
  unsigned long code = ERR_get_error();
  ERR_clear_error();
  if (code == 0) return "unknown reason";
  char text[256];
  ERR_error_string_n(code, text, sizeof text);
  return text;
}

}  // namespace

std::string checkTlsFiles(const std::string& certFile, const std::string& keyFile) {
  for (const std::string* f : {&certFile, &keyFile}) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(*f, ec))
      return "cannot read " + *f + ": no such file (" +
             (f == &certFile ? "--tls-cert" : "--tls-key") + ")";
  }
  std::unique_ptr<SSL_CTX, decltype(&SSL_CTX_free)> ctx(SSL_CTX_new(TLS_server_method()),
                                                        &SSL_CTX_free);
  if (!ctx) return "OpenSSL could not start: " + lastOpenSslError();
  if (SSL_CTX_use_certificate_chain_file(ctx.get(), certFile.c_str()) != 1)
    return "--tls-cert " + certFile +
           " is not a PEM certificate (chain) OpenSSL can read: " + lastOpenSslError();
  std::unique_ptr<BIO, decltype(&BIO_free)> in(BIO_new_file(keyFile.c_str(), "r"), &BIO_free);
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(
      in ? PEM_read_bio_PrivateKey(in.get(), nullptr, nullptr, nullptr) : nullptr, &EVP_PKEY_free);
  if (!key)
    return "--tls-key " + keyFile +
           " is not a PEM private key OpenSSL can read: " + lastOpenSslError();
  // Loading a key checks it against the certificate already loaded.
  if (SSL_CTX_use_PrivateKey(ctx.get(), key.get()) != 1 ||
      SSL_CTX_check_private_key(ctx.get()) != 1) {
    ERR_clear_error();
    return "--tls-key " + keyFile + " does not belong to the certificate in " + certFile;
  }
  X509* cert = SSL_CTX_get0_certificate(ctx.get());
  if (cert && X509_cmp_current_time(X509_get0_notAfter(cert)) < 0)
    return "the certificate in " + certFile + " has expired; renew it";
  return {};
}

}  // namespace delegate::server

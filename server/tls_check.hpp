#pragma once
#include <string>

namespace delegate::server {

// Loads the certificate chain and private key the way the HTTPS listener will, and says what is
// wrong in words an operator can act on (missing file, not PEM, key does not match the
// certificate, certificate expired). Empty when they are usable.
std::string checkTlsFiles(const std::string& certFile, const std::string& keyFile);

}  // namespace delegate::server

#pragma once
#include <string>

namespace delegate::testing {

// A throwaway self-signed certificate for 127.0.0.1 and localhost, made with the openssl command
// (as an operator would), valid for two days.
struct TestCertificate {
  std::string certFile;  // PEM; also the CA file a client trusts
  std::string keyFile;   // PEM, unencrypted
};

// Writes NAME.crt and NAME.key into `dir`; fails the test if openssl fails.
TestCertificate makeTestCertificate(const std::string& dir, const std::string& name = "server");

}  // namespace delegate::testing

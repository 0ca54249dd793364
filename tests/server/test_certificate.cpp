#include "test_certificate.hpp"

#include <catch2/catch.hpp>
#include <cstdlib>

namespace delegate::testing {

TestCertificate makeTestCertificate(const std::string& dir, const std::string& name) {
  TestCertificate c{dir + "/" + name + ".crt", dir + "/" + name + ".key"};
  const std::string command =
      "openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=127.0.0.1 "
      "-addext subjectAltName=IP:127.0.0.1,DNS:localhost -keyout '" +
      c.keyFile + "' -out '" + c.certFile + "' 2>/dev/null";
  INFO(command);
  REQUIRE(std::system(command.c_str()) == 0);
  return c;
}

}  // namespace delegate::testing

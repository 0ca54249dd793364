// Request bodies as every JSON endpoint reads them: the body check (JSON object or a 400), then
// the readers the routes use on it and the command decoder. Property: a refusal is always a 400
// with an error body, never a crash or a half-filled answer.
#include <httplib.h>

#include <cstddef>
#include <cstdint>
#include <string>

#include "server/core_codec.hpp"
#include "server/json_body.hpp"
#include "tests/fuzz/fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  httplib::Request req;
  req.body.assign(reinterpret_cast<const char*>(data), size);
  req.set_header("Content-Type", "application/json");
  httplib::Response res;
  auto body = delegate::server::jsonObjectBody(req, res);
  if (!body) {
    FUZZ_CHECK(res.status == 400);
    FUZZ_CHECK(res.body.find("\"error\"") != std::string::npos);
    return 0;
  }
  FUZZ_CHECK(body->is_object());
  httplib::Response read;
  std::string text;
  if (!delegate::server::readString(*body, "displayName", text, false, read, 1000))
    FUZZ_CHECK(read.status == 400);
  else
    FUZZ_CHECK(text.size() <= 1000);
  httplib::Response known;
  if (!delegate::server::onlyKnownMembers(*body, {"displayName", "type", "schemaVersion"}, known))
    FUZZ_CHECK(known.status == 400);
  (void)delegate::server::decodeCommandJson(*body);
  return 0;
}

#include "server/qr_code.hpp"

#include <qrencode.h>

#include <memory>

namespace delegate::server {

std::optional<std::vector<std::string>> qrModules(const std::string& text) {
  // Level M: readable with a little damage, small enough for a phone camera at screen size.
  std::unique_ptr<QRcode, void (*)(QRcode*)> code(
      QRcode_encodeString(text.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1), QRcode_free);
  if (!code) return std::nullopt;
  std::vector<std::string> rows(static_cast<std::size_t>(code->width));
  for (int y = 0; y < code->width; ++y) {
    std::string& row = rows[static_cast<std::size_t>(y)];
    row.reserve(static_cast<std::size_t>(code->width));
    for (int x = 0; x < code->width; ++x) row += (code->data[y * code->width + x] & 1) ? '1' : '0';
  }
  return rows;
}

}  // namespace delegate::server

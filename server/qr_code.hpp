#pragma once
// QR codes for authenticator enrolment (Debian's libqrencode). The browser draws the modules
// itself, so no image format is involved.
#include <optional>
#include <string>
#include <vector>

namespace delegate::server {

// One string per row, '1' for a dark module and '0' for a light one (no quiet zone); nothing when
// the text does not fit a QR code.
std::optional<std::vector<std::string>> qrModules(const std::string& text);

}  // namespace delegate::server

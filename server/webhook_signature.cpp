#include "server/webhook_signature.hpp"

#include <sodium.h>

#include <array>

#include "core/sha256.hpp"

namespace delegate::server {

namespace {

std::string base64(const std::uint8_t* data, std::size_t size) {
  std::string out(sodium_base64_encoded_len(size, sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), data, size, sodium_base64_VARIANT_ORIGINAL);
  out.resize(out.size() - 1);  // the terminating NUL
  return out;
}

}  // namespace

std::string newWebhookSecret() {
  std::array<std::uint8_t, 32> bytes;
  randombytes_buf(bytes.data(), bytes.size());
  return std::string(kWebhookSecretPrefix) + base64(bytes.data(), bytes.size());
}

std::optional<std::string> decodeWebhookSecret(std::string_view secret) {
  if (secret.substr(0, kWebhookSecretPrefix.size()) == kWebhookSecretPrefix)
    secret.remove_prefix(kWebhookSecretPrefix.size());
  if (secret.empty()) return std::nullopt;
  std::string key(secret.size(), '\0');
  std::size_t length = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(key.data()), key.size(), secret.data(),
                        secret.size(), nullptr, &length, nullptr,
                        sodium_base64_VARIANT_ORIGINAL) != 0 ||
      length == 0)
    return std::nullopt;
  key.resize(length);
  return key;
}

std::string signWebhook(std::string_view key, std::string_view messageId,
                        std::int64_t timestampSeconds, std::string_view body) {
  std::string content;
  content.reserve(messageId.size() + body.size() + 24);
  content.append(messageId).append(".").append(std::to_string(timestampSeconds)).append(".");
  content.append(body);
  const std::array<std::uint8_t, 32> mac = hmacSha256(key, content);
  return "v1," + base64(mac.data(), mac.size());
}

}  // namespace delegate::server

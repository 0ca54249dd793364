#include "server/secret_seal.hpp"

#include <sodium.h>

namespace delegate::server {

namespace {

std::string toHex(const unsigned char* data, std::size_t size) {
  std::string out(size * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), data, size);
  out.pop_back();
  return out;
}

std::optional<std::string> fromHexText(const std::string& hex) {
  std::string out(hex.size() / 2, '\0');
  std::size_t length = 0;
  if (sodium_hex2bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), hex.data(),
                     hex.size(), nullptr, &length, nullptr) != 0)
    return std::nullopt;
  out.resize(length);
  return out;
}

}  // namespace

Result<SecretSeal> SecretSeal::fromHex(const std::string& keyHex) {
  std::optional<std::string> key = fromHexText(keyHex);
  if (!key || key->size() != crypto_secretbox_KEYBYTES)
    return failure("mfa.key must hold 32 bytes in hex");
  return SecretSeal(std::move(*key));
}

std::string SecretSeal::seal(const std::string& plain) const {
  unsigned char nonce[crypto_secretbox_NONCEBYTES];
  randombytes_buf(nonce, sizeof nonce);
  std::string box(plain.size() + crypto_secretbox_MACBYTES, '\0');
  crypto_secretbox_easy(reinterpret_cast<unsigned char*>(box.data()),
                        reinterpret_cast<const unsigned char*>(plain.data()), plain.size(), nonce,
                        reinterpret_cast<const unsigned char*>(key_.data()));
  return toHex(nonce, sizeof nonce) +
         toHex(reinterpret_cast<const unsigned char*>(box.data()), box.size());
}

std::optional<std::string> SecretSeal::unseal(const std::string& sealed) const {
  auto raw = fromHexText(sealed);
  if (!raw || raw->size() < crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES)
    return std::nullopt;
  const auto* nonce = reinterpret_cast<const unsigned char*>(raw->data());
  const auto* box = nonce + crypto_secretbox_NONCEBYTES;
  const std::size_t boxSize = raw->size() - crypto_secretbox_NONCEBYTES;
  std::string plain(boxSize - crypto_secretbox_MACBYTES, '\0');
  if (crypto_secretbox_open_easy(reinterpret_cast<unsigned char*>(plain.data()), box, boxSize,
                                 nonce, reinterpret_cast<const unsigned char*>(key_.data())) != 0)
    return std::nullopt;  // another server's key, or a damaged row
  return plain;
}

}  // namespace delegate::server

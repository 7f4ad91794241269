#pragma once

#include <string>
#include <string_view>

namespace hk::auth {

// Argon2id (libsodium's crypto_pwhash_str), interactive limits. The result embeds salt and
// parameters, so verify_password needs nothing else.
std::string hash_password(std::string_view password);
bool verify_password(std::string_view password, const std::string& hash);

}  // namespace hk::auth

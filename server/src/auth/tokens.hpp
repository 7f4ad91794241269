#pragma once

#include <string>
#include <string_view>

namespace hk::auth {

// A random token of `bytes` bytes, URL-safe base64 without padding.
std::string random_token(std::size_t bytes = 32);
// Hex SHA-256; what the database stores instead of a token.
std::string token_hash(std::string_view token);
bool constant_time_equals(std::string_view a, std::string_view b);

}  // namespace hk::auth

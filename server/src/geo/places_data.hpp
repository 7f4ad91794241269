#pragma once

#include <string_view>

namespace hk::geo {

// The places file built by scripts/build-places.mjs, as the binary carries it: one place a
// line, "name \t lat \t lon \t state \t population".
std::string_view places_tsv();

}  // namespace hk::geo

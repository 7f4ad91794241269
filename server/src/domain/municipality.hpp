#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace hk::domain {

struct GeoPoint {
  double lat = 0;
  double lon = 0;
};

struct Municipality {
  std::int64_t id = 0;
  std::string name;
  std::string ags;  // Amtlicher Gemeindeschlüssel, 8 digits
  GeoPoint center;
  std::string contact_email;
  std::optional<std::string> hotline_phone;
  std::string moderation;  // "none" | "pre"
  std::string imprint;
  std::string privacy;
  std::string accessibility;  // the Erklärung zur Barrierefreiheit
};

}  // namespace hk::domain

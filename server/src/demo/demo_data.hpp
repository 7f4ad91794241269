#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "storage/database.hpp"

namespace hk::demo {

// One demo account. `role` is "platform_admin", "coordinator", "org_admin", "org_member" or
// "volunteer" (the volunteer holds no role grant).
struct DemoLogin {
  std::string role;
  std::string email;
  std::string password;
  std::string name;
};

// The AGS (official municipality key) of the demo municipality, Stadt Gütersloh.
inline constexpr const char* kDemoMunicipalityAgs = "05754008";

// Loads the demo municipality Gütersloh with its organisations, needs and one login per role.
// Idempotent: when the municipality with AGS 05754008 exists it changes nothing. Needs' shifts are
// dated relative to `now` (unix seconds) so the demo always shows upcoming needs.
// Returns true when it loaded, false when the data was already there.
// A demo login whose e-mail already has an account keeps that account and its password; it only
// receives the demo role grant.
bool load_demo_data(storage::Database& db, std::int64_t now);

// The demo accounts in a fixed order: platform_admin, coordinator, org_admin, org_member,
// volunteer.
const std::vector<DemoLogin>& demo_logins();

}  // namespace hk::demo

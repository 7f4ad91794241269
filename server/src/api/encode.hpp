#pragma once

#include <boost/json.hpp>

#include "domain/account.hpp"
#include "domain/audit.hpp"
#include "domain/municipality.hpp"
#include "domain/organization.hpp"
#include "domain/privacy_notice.hpp"

namespace hk::api {

// The JSON shapes of ../shared/API.md, shared by every handler that returns them.
// `facts` fill in privacyDefault, the Datenschutzerklärung shown while `privacy` is empty.
boost::json::object encode(const domain::Municipality& m, const domain::PrivacyFacts& facts);
// The user as GET /api/v1/me shows it, with the session's CSRF token.
boost::json::object encode_me(const domain::User& u, const std::string& csrf_token);

// What a caller sees of an organisation beyond its public profile.
struct OrganizationView {
  bool internal = false;  // the status reason: its people, its coordinators, the applicant
  struct Applicant {
    std::int64_t id = 0;
    std::string display_name;
    std::string email;
  };
  std::optional<Applicant> applicant;  // coordinators only
};
boost::json::object encode(const domain::Organization& o, const OrganizationView& view);
boost::json::object encode(const domain::AuditEntry& e);

}  // namespace hk::api

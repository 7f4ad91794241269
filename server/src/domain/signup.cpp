#include "domain/signup.hpp"

namespace hk::domain {

bool is_participating(const Signup& signup) {
  return signup.status == "confirmed" || signup.status == "waitlisted" ||
         signup.status == "requested";
}

}  // namespace hk::domain

#include "domain/signup.hpp"

namespace hk::domain {

const std::vector<std::string>& participating_statuses() {
  static const std::vector<std::string> statuses = {"confirmed", "waitlisted", "requested"};
  return statuses;
}

}  // namespace hk::domain

#include "domain/organization.hpp"

#include <array>

namespace hk::domain {

bool valid_organization_kind(std::string_view kind) {
  static constexpr std::array<std::string_view, 4> kinds = {"verein", "hilfsorganisation",
                                                            "initiative", "einrichtung"};
  for (auto k : kinds) {
    if (k == kind) return true;
  }
  return false;
}

bool valid_organization_status(std::string_view status) {
  return status == "pending" || status == "approved" || status == "rejected" ||
         status == "suspended";
}

std::optional<std::string> status_after(std::string_view current, Decision decision) {
  switch (decision) {
    case Decision::approve:
      // A rejected group may be reconsidered, e.g. after it sent what was missing.
      if (current == "pending" || current == "rejected") return "approved";
      break;
    case Decision::reject:
      if (current == "pending") return "rejected";
      break;
    case Decision::suspend:
      if (current == "approved") return "suspended";
      break;
    case Decision::reinstate:
      if (current == "suspended") return "approved";
      break;
  }
  return std::nullopt;
}

std::string audit_action(Decision decision) {
  switch (decision) {
    case Decision::approve:
      return "organization.approved";
    case Decision::reject:
      return "organization.rejected";
    case Decision::suspend:
      return "organization.suspended";
    case Decision::reinstate:
      return "organization.reinstated";
  }
  return "organization.unknown";
}

bool decision_needs_reason(Decision decision) {
  return decision == Decision::reject || decision == Decision::suspend;
}

}  // namespace hk::domain

#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace hk::domain {

// One line of the audit log: who did what to which subject, when and why.
struct AuditEntry {
  std::int64_t id = 0;
  std::int64_t at = 0;
  std::optional<std::int64_t> municipality_id;
  std::optional<std::int64_t> organization_id;
  std::optional<std::int64_t> actor_id;
  std::string actor_name;
  std::string action;        // e.g. "organization.approved", "role.granted"
  std::string subject_type;  // "municipality" | "organization" | "user" | "invitation"
  std::optional<std::int64_t> subject_id;
  std::string subject_label;
  std::optional<std::string> reason;
};

}  // namespace hk::domain

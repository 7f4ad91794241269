#pragma once

#include <vector>

#include "domain/audit.hpp"
#include "storage/database.hpp"

namespace hk::storage {

void append_audit(Connection& c, const domain::AuditEntry& entry);
// Newest first; at most `limit` entries with id < before_id (0: from the newest).
std::vector<domain::AuditEntry> list_audit(Connection& c, std::int64_t municipality_id,
                                           std::int64_t before_id, int limit);

}  // namespace hk::storage

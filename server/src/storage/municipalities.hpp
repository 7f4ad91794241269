#pragma once

#include <optional>
#include <vector>

#include "domain/municipality.hpp"
#include "storage/database.hpp"

namespace hk::storage {

std::optional<domain::Municipality> find_municipality(Connection& c, std::int64_t id);
// Ordered by id; returns at most `limit` rows with id > after_id.
std::vector<domain::Municipality> list_municipalities(Connection& c, std::int64_t after_id,
                                                      int limit);

// Returns the new id. A second municipality with the same AGS is a ConstraintError.
std::int64_t insert_municipality(Connection& c, const domain::Municipality& m, std::int64_t now);
// Writes every field of `m` (found by its id).
void update_municipality(Connection& c, const domain::Municipality& m, std::int64_t now);

}  // namespace hk::storage

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

}  // namespace hk::storage

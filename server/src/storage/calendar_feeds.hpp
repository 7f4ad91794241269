#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "storage/database.hpp"

namespace hk::storage {

// A person's secret calendar address. Only the token's hash is kept, so the address can be
// shown once, when it is made.

// When the person's feed was made; nullopt when there is none.
std::optional<std::int64_t> find_calendar_feed(Connection& c, std::int64_t user_id);
// A new token for the person; the old one stops working.
void replace_calendar_feed(Connection& c, std::int64_t user_id, const std::string& token_hash,
                           std::int64_t now);
// False when there was none.
bool delete_calendar_feed(Connection& c, std::int64_t user_id);
// The owner of the feed with this token hash.
std::optional<std::int64_t> calendar_feed_owner(Connection& c, const std::string& token_hash);

// A confirmed place of the person: the shift and its need.
struct FeedEntry {
  std::int64_t shift_id = 0;
  std::int64_t need_id = 0;
};
// Confirmed places in shifts ending after `ended_after`, soonest first, at most `limit`.
std::vector<FeedEntry> calendar_feed_entries(Connection& c, std::int64_t user_id,
                                             std::int64_t ended_after, int limit);

}  // namespace hk::storage

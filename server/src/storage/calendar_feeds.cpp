#include "storage/calendar_feeds.hpp"

namespace hk::storage {

std::optional<std::int64_t> find_calendar_feed(Connection& c, std::int64_t user_id) {
  auto result = c.query("SELECT created_at FROM calendar_feeds WHERE user_id = $1", {user_id});
  if (result.empty()) return std::nullopt;
  return result.rows.front().int64(0);
}

void replace_calendar_feed(Connection& c, std::int64_t user_id, const std::string& token_hash,
                           std::int64_t now) {
  c.query(
      "INSERT INTO calendar_feeds (user_id, token_hash, created_at) VALUES ($1, $2, $3) "
      "ON CONFLICT (user_id) DO UPDATE SET token_hash = excluded.token_hash, "
      "created_at = excluded.created_at",
      {user_id, token_hash, now});
}

bool delete_calendar_feed(Connection& c, std::int64_t user_id) {
  return c.query("DELETE FROM calendar_feeds WHERE user_id = $1", {user_id}).affected > 0;
}

std::optional<std::int64_t> calendar_feed_owner(Connection& c, const std::string& token_hash) {
  auto result = c.query("SELECT user_id FROM calendar_feeds WHERE token_hash = $1", {token_hash});
  if (result.empty()) return std::nullopt;
  return result.rows.front().int64(0);
}

std::vector<FeedEntry> calendar_feed_entries(Connection& c, std::int64_t user_id,
                                             std::int64_t ended_after, int limit) {
  auto result = c.query(
      "SELECT sh.id, sh.need_id FROM signups s JOIN shifts sh ON sh.id = s.shift_id "
      "WHERE s.user_id = $1 AND s.status = 'confirmed' AND sh.ends_at > $2 "
      "ORDER BY sh.starts_at, sh.id LIMIT $3",
      {user_id, ended_after, std::int64_t{limit}});
  std::vector<FeedEntry> out;
  for (const auto& r : result.rows) out.push_back({r.int64(0), r.int64(1)});
  return out;
}

}  // namespace hk::storage

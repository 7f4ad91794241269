#include "storage/housekeeping.hpp"

#include "storage/search.hpp"

namespace hk::storage {

namespace {

// The ids a query returns in its first column.
std::vector<std::int64_t> ids_of(const Result& result) {
  std::vector<std::int64_t> ids;
  for (const auto& r : result.rows) ids.push_back(r.int64(0));
  return ids;
}

}  // namespace

std::optional<RepetitionRule> find_repetition_rule(Connection& c, std::int64_t need_id) {
  auto result =
      c.query("SELECT repeat_weekly, repeat_until, status FROM needs WHERE id = $1", {need_id});
  if (result.empty()) return std::nullopt;
  const auto& r = result.rows.front();
  return RepetitionRule{r.boolean(0), r.opt_int64(1), r.text(2)};
}

std::vector<std::int64_t> repeating_need_ids(Connection& c) {
  return ids_of(
      c.query("SELECT id FROM needs WHERE repeat_weekly = 1 "
              "AND status IN ('published', 'pending_review') ORDER BY id"));
}

std::vector<RepetitionSource> repetition_sources(Connection& c, std::int64_t need_id) {
  // Week 0 marks a shift entered by hand; a repetition whose source was deleted keeps its week
  // (and loses source_shift_id), so it never starts a series of its own. Generating only
  // beyond the highest week keeps a repetition the group deleted from coming back.
  auto result = c.query(
      "SELECT s.id, s.starts_at, s.ends_at, s.capacity, "
      "(SELECT COALESCE(MAX(r.week), 0) FROM shifts r WHERE r.source_shift_id = s.id) "
      "FROM shifts s WHERE s.need_id = $1 AND s.week = 0 ORDER BY s.starts_at, s.id",
      {need_id});
  std::vector<RepetitionSource> out;
  for (const auto& r : result.rows) {
    RepetitionSource source;
    source.shift.id = r.int64(0);
    source.shift.need_id = need_id;
    source.shift.starts_at = r.int64(1);
    source.shift.ends_at = r.int64(2);
    source.shift.capacity = static_cast<int>(r.int64(3));
    source.last_week = static_cast<int>(r.int64(4));
    out.push_back(source);
  }
  return out;
}

bool insert_repetition(Connection& c, const domain::Shift& source,
                       const domain::Occurrence& occurrence, std::int64_t now) {
  auto result = c.query(
      "INSERT INTO shifts (need_id, starts_at, ends_at, capacity, source_shift_id, week, "
      "created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) "
      "ON CONFLICT (source_shift_id, week) WHERE source_shift_id IS NOT NULL DO NOTHING",
      {source.need_id, occurrence.starts_at, occurrence.ends_at, std::int64_t{source.capacity},
       source.id, std::int64_t{occurrence.week}, now});
  if (result.affected != 1) return false;
  refresh_need_search(c, source.need_id);
  return true;
}

std::optional<std::int64_t> find_repetition(Connection& c, std::int64_t source_shift_id, int week) {
  auto result = c.query("SELECT id FROM shifts WHERE source_shift_id = $1 AND week = $2",
                        {source_shift_id, std::int64_t{week}});
  if (result.empty()) return std::nullopt;
  return result.rows.front().int64(0);
}

std::vector<std::int64_t> due_reminder_ids(Connection& c, std::int64_t from, std::int64_t to,
                                           int limit) {
  return ids_of(c.query(
      "SELECT su.id FROM signups su JOIN shifts s ON s.id = su.shift_id "
      "JOIN needs n ON n.id = s.need_id "
      "WHERE su.status = 'confirmed' AND su.reminder_sent_at IS NULL AND su.user_id IS NOT NULL "
      "AND n.status = 'published' AND s.starts_at > $1 AND s.starts_at <= $2 "
      "ORDER BY s.starts_at, su.id LIMIT $3",
      {from, to, std::int64_t{limit}}));
}

std::optional<ClaimedReminder> claim_reminder(Connection& c, std::int64_t signup_id,
                                              std::int64_t from, std::int64_t to,
                                              const std::string& link_token_hash) {
  auto result = c.query(
      "UPDATE signups SET reminder_sent_at = $2, link_token_hash = $4 "
      "WHERE id = $1 AND status = 'confirmed' AND reminder_sent_at IS NULL "
      "AND user_id IS NOT NULL "
      "AND shift_id IN (SELECT s.id FROM shifts s JOIN needs n ON n.id = s.need_id "
      "WHERE n.status = 'published' AND s.starts_at > $2 AND s.starts_at <= $3) "
      "RETURNING id, shift_id, user_id",
      {signup_id, from, to, link_token_hash});
  if (result.empty()) return std::nullopt;
  const auto& r = result.rows.front();
  return ClaimedReminder{r.int64(0), r.int64(1), r.int64(2)};
}

std::vector<std::int64_t> claim_expiring_needs(Connection& c, std::int64_t now,
                                               std::int64_t last_start_by) {
  return ids_of(c.query(
      "UPDATE needs SET expiry_warned_at = $1 "
      "WHERE status = 'published' AND expiry_warned_at IS NULL "
      "AND EXISTS (SELECT 1 FROM shifts s WHERE s.need_id = needs.id AND s.starts_at > $1) "
      "AND NOT EXISTS (SELECT 1 FROM shifts s WHERE s.need_id = needs.id AND s.starts_at > $1 "
      "AND s.taken > 0) "
      "AND (SELECT MAX(s.starts_at) FROM shifts s WHERE s.need_id = needs.id) <= $2 "
      "RETURNING id",
      {now, last_start_by}));
}

std::vector<std::int64_t> complete_finished_needs(Connection& c, std::int64_t now,
                                                  std::int64_t today) {
  return ids_of(c.query(
      "UPDATE needs SET status = 'completed', updated_at = $1 "
      "WHERE status = 'published' "
      "AND (repeat_weekly = 0 OR (repeat_until IS NOT NULL AND repeat_until < $2)) "
      "AND NOT EXISTS (SELECT 1 FROM shifts s WHERE s.need_id = needs.id AND s.ends_at > $1) "
      "RETURNING id",
      {now, today}));
}

}  // namespace hk::storage

#include "storage/statistics.hpp"

#include <string>

namespace hk::storage {

namespace {

int count(const Row& r, std::size_t i) { return static_cast<int>(r.int64(i)); }

// `column` as the number of its period: boundaries bound at $2, $3, ..., so the period of a
// value below $(i + 3) and not below $(i + 2) is i. Callers keep the value inside
// [$2, $(n + 2)) with `period_range`.
std::string period_case(const std::string& column, std::size_t periods) {
  std::string sql = "CASE";
  for (std::size_t i = 0; i + 1 < periods; ++i) {
    sql += " WHEN " + column + " < $" + std::to_string(i + 3) + " THEN " + std::to_string(i);
  }
  sql += " ELSE " + std::to_string(periods - 1) + " END";
  return sql;
}

std::string period_range(const std::string& column, std::size_t periods) {
  return column + " >= $2 AND " + column + " < $" + std::to_string(periods + 2);
}

// Runs `inner` (which selects `period_no` and `amount`) summed per period into `add`.
template <typename Add>
void sum_by_period(Connection& c, const std::string& inner, const std::vector<Value>& params,
                   std::size_t periods, Add add) {
  auto result =
      c.query("SELECT period_no, SUM(amount) FROM (" + inner + ") x GROUP BY period_no", params);
  for (const auto& r : result.rows) {
    auto period = r.int64(0);
    if (period >= 0 && static_cast<std::size_t>(period) < periods) {
      add(static_cast<std::size_t>(period), r.int64(1));
    }
  }
}

}  // namespace

OpenHelpRequests count_open_help_requests(Connection& c, std::int64_t municipality_id) {
  auto result = c.query(
      "SELECT status, COUNT(*), MIN(created_at) FROM help_requests "
      "WHERE municipality_id = $1 AND status IN ('new', 'published', 'matched') "
      "GROUP BY status",
      {municipality_id});
  OpenHelpRequests out;
  for (const auto& r : result.rows) {
    const auto& status = r.text(0);
    if (status == "new") out.new_count = count(r, 1);
    if (status == "published") out.published = count(r, 1);
    if (status == "matched") out.matched = count(r, 1);
    auto oldest = r.int64(2);
    if (!out.oldest_created_at || oldest < *out.oldest_created_at) out.oldest_created_at = oldest;
  }
  return out;
}

NeedFill count_need_fill(Connection& c, std::int64_t municipality_id, std::int64_t now) {
  // A shift has started once now >= starts_at (domain::has_started), so "to come" is after now.
  auto result = c.query(
      "SELECT "
      "COALESCE(SUM(CASE WHEN taken = 0 THEN 1 ELSE 0 END), 0), "
      "COALESCE(SUM(CASE WHEN taken > 0 AND not_full > 0 THEN 1 ELSE 0 END), 0), "
      "COALESCE(SUM(CASE WHEN taken > 0 AND not_full = 0 THEN 1 ELSE 0 END), 0) "
      "FROM (SELECT n.id, SUM(s.taken) AS taken, "
      "SUM(CASE WHEN s.taken < s.capacity THEN 1 ELSE 0 END) AS not_full "
      "FROM needs n "
      "JOIN organizations o ON o.id = n.organization_id "
      "JOIN shifts s ON s.need_id = n.id "
      "WHERE n.municipality_id = $1 AND n.status = 'published' "
      "AND o.status = 'approved' AND s.starts_at > $2 "
      "GROUP BY n.id) per_need",
      {municipality_id, now});
  const auto& r = result.one();
  return {count(r, 0), count(r, 1), count(r, 2)};
}

PendingApprovals count_pending_approvals(Connection& c, std::int64_t municipality_id) {
  auto result = c.query(
      "SELECT "
      "(SELECT COUNT(*) FROM organizations "
      "WHERE municipality_id = $1 AND status = 'pending'), "
      "(SELECT COUNT(*) FROM needs "
      "WHERE municipality_id = $1 AND status = 'pending_review')",
      {municipality_id});
  const auto& r = result.one();
  return {count(r, 0), count(r, 1)};
}

std::vector<PeriodActivity> activity_by_period(Connection& c, std::int64_t municipality_id,
                                               const std::vector<std::int64_t>& boundaries) {
  if (boundaries.size() < 2) return {};
  const std::size_t periods = boundaries.size() - 1;
  std::vector<PeriodActivity> out(periods);
  std::vector<Value> params{municipality_id};
  for (auto b : boundaries) params.emplace_back(b);

  sum_by_period(c,
                "SELECT " + period_case("n.created_at", periods) +
                    " AS period_no, 1 AS amount FROM needs n WHERE n.municipality_id = $1 AND " +
                    period_range("n.created_at", periods),
                params, periods,
                [&](std::size_t i, std::int64_t v) { out[i].needs = static_cast<int>(v); });

  // The joins run from the municipality's needs (index needs_municipality) through their
  // shifts (shifts_need) to the sign-ups (signups_shift_status).
  sum_by_period(c,
                "SELECT " + period_case("su.created_at", periods) +
                    " AS period_no, 1 AS amount FROM needs n "
                    "JOIN shifts s ON s.need_id = n.id "
                    "JOIN signups su ON su.shift_id = s.id "
                    "WHERE n.municipality_id = $1 AND su.status <> 'declined' AND " +
                    period_range("su.created_at", periods),
                params, periods,
                [&](std::size_t i, std::int64_t v) { out[i].signups = static_cast<int>(v); });

  sum_by_period(c,
                "SELECT " + period_case("s.starts_at", periods) +
                    " AS period_no, COALESCE(su.minutes, 0) AS amount FROM needs n "
                    "JOIN shifts s ON s.need_id = n.id "
                    "JOIN signups su ON su.shift_id = s.id "
                    "WHERE n.municipality_id = $1 AND su.attendance = 'attended' AND " +
                    period_range("s.starts_at", periods),
                params, periods,
                [&](std::size_t i, std::int64_t v) { out[i].attended_minutes = v; });
  return out;
}

}  // namespace hk::storage

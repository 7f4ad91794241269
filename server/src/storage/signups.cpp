#include "storage/signups.hpp"

#include <algorithm>
#include <map>
#include <string>
#include <utility>

#include "domain/berlin_time.hpp"

namespace hk::storage {

namespace {

constexpr const char* signup_columns =
    "s.id, s.shift_id, s.user_id, s.status, s.birth_year, s.message, s.attendance, s.minutes, "
    "s.reminder_sent_at, s.reconfirmed_at, s.created_at, s.updated_at";
constexpr std::size_t signup_column_count = 12;

std::optional<int> opt_int(const Row& r, std::size_t i) {
  auto v = r.opt_int64(i);
  if (!v) return std::nullopt;
  return static_cast<int>(*v);
}

domain::Signup signup_from_row(const Row& r) {
  domain::Signup s;
  s.id = r.int64(0);
  s.shift_id = r.int64(1);
  s.user_id = r.opt_int64(2);
  s.status = r.text(3);
  s.birth_year = opt_int(r, 4);
  s.message = r.opt_text(5);
  s.attendance = r.opt_text(6);
  s.minutes = opt_int(r, 7);
  s.reminder_sent_at = r.opt_int64(8);
  s.reconfirmed_at = r.opt_int64(9);
  s.created_at = r.int64(10);
  s.updated_at = r.int64(11);
  return s;
}

Value opt(const std::optional<int>& v) { return v ? Value(std::int64_t{*v}) : null(); }

// "$4, $5, ..." for `count` parameters starting at `first`.
std::string placeholders(std::size_t first, std::size_t count) {
  std::string out;
  for (std::size_t i = 0; i < count; ++i) {
    out += (i ? ", $" : "$") + std::to_string(first + i);
  }
  return out;
}

// The sign-up, its shift (without counts) and a summary of its need, in this order.
std::string engagement_select() {
  return std::string("SELECT ") + signup_columns +
         ", sh.id, sh.need_id, sh.starts_at, sh.ends_at, sh.capacity, sh.taken, "
         "n.organization_id, o.name, n.title, n.category, n.remote, n.lat, n.lon, n.address, "
         "n.place_name, n.status, n.municipality_id "
         "FROM signups s JOIN shifts sh ON sh.id = s.shift_id "
         "JOIN needs n ON n.id = sh.need_id JOIN organizations o ON o.id = n.organization_id ";
}

Engagement engagement_from_row(const Row& r) {
  Engagement e;
  e.signup = signup_from_row(r);
  auto i = signup_column_count;
  e.shift.id = r.int64(i);
  e.shift.need_id = r.int64(i + 1);
  e.shift.starts_at = r.int64(i + 2);
  e.shift.ends_at = r.int64(i + 3);
  e.shift.capacity = static_cast<int>(r.int64(i + 4));
  e.shift.taken = static_cast<int>(r.int64(i + 5));
  e.need.id = e.shift.need_id;
  e.need.organization_id = r.int64(i + 6);
  e.need.organization_name = r.text(i + 7);
  e.need.title = r.text(i + 8);
  e.need.category = r.text(i + 9);
  e.need.remote = r.boolean(i + 10);
  if (!r.is_null(i + 11) && !r.is_null(i + 12)) {
    e.need.location = domain::NeedLocation{
        {r.real(i + 11), r.real(i + 12)}, r.opt_text(i + 13), r.opt_text(i + 14)};
  }
  e.need.status = r.text(i + 15);
  if (auto m = r.opt_int64(i + 16)) e.need.municipality_id = *m;
  return e;
}

}  // namespace

bool take_place(Connection& c, std::int64_t shift_id) {
  return c.query("UPDATE shifts SET taken = taken + 1 WHERE id = $1 AND taken < capacity",
                 {shift_id})
             .affected == 1;
}

void release_place(Connection& c, std::int64_t shift_id) {
  c.query("UPDATE shifts SET taken = taken - 1 WHERE id = $1 AND taken > 0", {shift_id});
}

bool confirm_place(Connection& c, std::int64_t shift_id, std::int64_t user_id, std::int64_t now) {
  auto existing = find_user_signup(c, shift_id, user_id);
  if (existing && existing->status == "confirmed") return true;
  if (!take_place(c, shift_id)) return false;
  if (existing) {
    set_signup_status(c, existing->id, "confirmed", now);
  } else {
    domain::Signup signup;
    signup.shift_id = shift_id;
    signup.user_id = user_id;
    signup.status = "confirmed";
    insert_signup(c, signup, now);
  }
  return true;
}

std::vector<domain::Signup> promote_waitlist(Connection& c, std::int64_t shift_id,
                                             std::int64_t now) {
  std::vector<domain::Signup> promoted;
  // The place is taken before the next person is looked up: the UPDATE locks the shift's row
  // until commit, so a second transaction promoting on the same shift (PostgreSQL) waits and
  // then sees who already moved up.
  while (take_place(c, shift_id)) {
    // updated_at of a waitlisted row is when it joined the waitlist (an accepted request may
    // join it long after it was made); the id breaks ties within a second. Sign-ups of
    // deleted accounts would take a place nobody uses, so they are passed over.
    auto next = c.query(std::string("SELECT ") + signup_columns +
                            " FROM signups s WHERE s.shift_id = $1 AND s.status = 'waitlisted' "
                            "AND s.user_id IS NOT NULL ORDER BY s.updated_at, s.id LIMIT 1",
                        {shift_id});
    if (next.empty()) {
      release_place(c, shift_id);
      break;
    }
    auto signup = signup_from_row(next.rows.front());
    set_signup_status(c, signup.id, "confirmed", now);
    signup.status = "confirmed";
    signup.updated_at = now;
    promoted.push_back(std::move(signup));
  }
  return promoted;
}

std::int64_t insert_signup(Connection& c, const domain::Signup& signup, std::int64_t now) {
  auto user = signup.user_id ? Value(*signup.user_id) : null();
  return c
      .query(
          "INSERT INTO signups (shift_id, user_id, status, birth_year, message, created_at, "
          "updated_at) VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id",
          {signup.shift_id, user, signup.status, opt(signup.birth_year),
           optional_text(signup.message), now})
      .one()
      .int64(0);
}

std::optional<domain::Signup> find_signup(Connection& c, std::int64_t id) {
  auto result =
      c.query(std::string("SELECT ") + signup_columns + " FROM signups s WHERE s.id = $1", {id});
  if (result.empty()) return std::nullopt;
  return signup_from_row(result.rows.front());
}

std::optional<domain::Signup> find_user_signup(Connection& c, std::int64_t shift_id,
                                               std::int64_t user_id) {
  auto result = c.query(std::string("SELECT ") + signup_columns +
                            " FROM signups s WHERE s.shift_id = $1 AND s.user_id = $2",
                        {shift_id, user_id});
  if (result.empty()) return std::nullopt;
  return signup_from_row(result.rows.front());
}

void delete_signup(Connection& c, std::int64_t id) {
  c.query("DELETE FROM signups WHERE id = $1", {id});
}

void set_signup_status(Connection& c, std::int64_t id, const std::string& status,
                       std::int64_t now) {
  c.query("UPDATE signups SET status = $2, updated_at = $3 WHERE id = $1", {id, status, now});
}

void set_attendance(Connection& c, std::int64_t id, const std::string& attendance,
                    std::optional<int> minutes, std::int64_t now) {
  c.query("UPDATE signups SET attendance = $2, minutes = $3, updated_at = $4 WHERE id = $1",
          {id, attendance, opt(minutes), now});
}

std::map<std::int64_t, domain::Signup> user_signups_for_need(Connection& c, std::int64_t need_id,
                                                             std::int64_t user_id) {
  auto result = c.query(std::string("SELECT ") + signup_columns +
                            " FROM signups s JOIN shifts sh ON sh.id = s.shift_id "
                            "WHERE sh.need_id = $1 AND s.user_id = $2",
                        {need_id, user_id});
  std::map<std::int64_t, domain::Signup> out;
  for (const auto& r : result.rows) {
    auto s = signup_from_row(r);
    out.emplace(s.shift_id, std::move(s));
  }
  return out;
}

std::vector<Participant> list_participants(Connection& c, std::int64_t need_id,
                                           const std::vector<std::string>& statuses,
                                           std::optional<std::int64_t> shift_id) {
  if (statuses.empty()) return {};
  std::vector<Value> params{need_id};
  std::string sql = std::string("SELECT ") + signup_columns +
                    ", u.id, u.email, u.display_name, u.language, u.email_verified_at "
                    "FROM signups s JOIN shifts sh ON sh.id = s.shift_id "
                    "JOIN users u ON u.id = s.user_id WHERE sh.need_id = $1";
  if (shift_id) {
    params.emplace_back(*shift_id);
    sql += " AND sh.id = $2";
  }
  sql += " AND s.status IN (" + placeholders(params.size() + 1, statuses.size()) + ")";
  for (const auto& s : statuses) params.emplace_back(s);
  sql += " ORDER BY sh.starts_at, sh.id, s.created_at, s.id";
  auto result = c.query(sql, params);
  std::vector<Participant> out;
  for (const auto& r : result.rows) {
    auto i = signup_column_count;
    out.push_back({signup_from_row(r), Person{r.int64(i), r.text(i + 1), r.text(i + 2),
                                              r.text(i + 3), !r.is_null(i + 4)}});
  }
  return out;
}

std::optional<Engagement> find_engagement(Connection& c, std::int64_t signup_id) {
  auto result = c.query(engagement_select() + "WHERE s.id = $1", {signup_id});
  if (result.empty()) return std::nullopt;
  return engagement_from_row(result.rows.front());
}

std::vector<Engagement> list_engagements(Connection& c, std::int64_t user_id, bool upcoming,
                                         std::int64_t now, int limit) {
  auto result =
      c.query(engagement_select() + (upcoming ? "WHERE s.user_id = $1 AND sh.ends_at > $2 "
                                                "ORDER BY sh.starts_at, sh.id LIMIT $3"
                                              : "WHERE s.user_id = $1 AND sh.ends_at <= $2 "
                                                "ORDER BY sh.starts_at DESC, sh.id DESC LIMIT $3"),
              {user_id, now, std::int64_t{limit}});
  std::vector<Engagement> out;
  for (const auto& r : result.rows) out.push_back(engagement_from_row(r));
  return out;
}

std::vector<AttendedShift> list_attended(Connection& c, std::int64_t user_id,
                                         std::optional<std::int64_t> organization_id,
                                         std::optional<std::int64_t> from,
                                         std::optional<std::int64_t> to) {
  std::vector<Value> params{user_id};
  std::string sql =
      "SELECT n.organization_id, o.name, sh.starts_at, n.title, s.minutes "
      "FROM signups s JOIN shifts sh ON sh.id = s.shift_id JOIN needs n ON n.id = sh.need_id "
      "JOIN organizations o ON o.id = n.organization_id "
      "WHERE s.user_id = $1 AND s.status = 'confirmed' AND s.attendance = 'attended' "
      "AND s.minutes IS NOT NULL";
  auto narrow = [&](const std::optional<std::int64_t>& v, const char* condition) {
    if (!v) return;
    params.emplace_back(*v);
    sql += std::string(" AND ") + condition + std::to_string(params.size());
  };
  narrow(organization_id, "n.organization_id = $");
  narrow(from, "sh.starts_at >= $");
  narrow(to, "sh.starts_at < $");
  sql += " ORDER BY sh.starts_at, sh.id";
  auto result = c.query(sql, params);
  std::vector<AttendedShift> out;
  for (const auto& r : result.rows) {
    out.push_back({r.int64(0), r.text(1), r.int64(2), r.text(3), static_cast<int>(r.int64(4))});
  }
  return out;
}

std::vector<HoursTotal> hours_by_organization_year(Connection& c, std::int64_t user_id) {
  // Years are Berlin years, which SQL cannot tell portably; the rows are few per person.
  std::map<std::pair<int, std::int64_t>, HoursTotal> sums;
  for (const auto& a : list_attended(c, user_id, std::nullopt, std::nullopt, std::nullopt)) {
    int year = domain::utc_to_berlin(a.starts_at).year;
    auto& sum = sums[{year, a.organization_id}];
    sum.organization_id = a.organization_id;
    sum.organization_name = a.organization_name;
    sum.year = year;
    sum.minutes += a.minutes;
    sum.shifts += 1;
  }
  std::vector<HoursTotal> out;
  for (auto& [key, sum] : sums) out.push_back(std::move(sum));
  std::sort(out.begin(), out.end(), [](const HoursTotal& x, const HoursTotal& y) {
    if (x.year != y.year) return x.year > y.year;
    if (x.organization_name != y.organization_name) {
      return x.organization_name < y.organization_name;
    }
    return x.organization_id < y.organization_id;
  });
  return out;
}

}  // namespace hk::storage

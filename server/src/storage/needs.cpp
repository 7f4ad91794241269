#include "storage/needs.hpp"

#include <map>

#include "storage/search.hpp"

namespace hk::storage {

namespace {

// The organisation is joined for its name, status and contact address; municipality_id is
// copied into the need when it is created, so moving a group never moves its needs.
constexpr const char* need_columns =
    "n.id, n.organization_id, n.municipality_id, o.name, o.status, o.contact_email, n.title, "
    "n.description, n.category, n.remote, n.lat, n.lon, n.address, n.place_name, n.min_age, "
    "n.driving_licence, n.conduct_certificate, n.signup_mode, n.waitlist, n.contact_name, "
    "n.contact_phone, n.contact_email, n.repeat_weekly, n.repeat_until, n.status, "
    "n.status_reason, n.created_by, n.created_at, n.updated_at";

constexpr const char* need_from = " FROM needs n JOIN organizations o ON o.id = n.organization_id";

// The waitlist and request counts are read with the shift; `taken` is kept by the UPDATEs
// that give out places.
constexpr const char* shift_columns =
    "s.id, s.need_id, s.starts_at, s.ends_at, s.capacity, s.taken, s.source_shift_id, s.week, "
    "(SELECT COUNT(*) FROM signups w WHERE w.shift_id = s.id AND w.status = 'waitlisted'), "
    "(SELECT COUNT(*) FROM signups q WHERE q.shift_id = s.id AND q.status = 'requested')";

domain::Need need_from_row(const Row& r) {
  domain::Need n;
  n.id = r.int64(0);
  n.organization_id = r.int64(1);
  n.municipality_id = r.int64(2);
  n.organization_name = r.text(3);
  n.organization_status = r.text(4);
  n.organization_contact_email = r.text(5);
  n.title = r.text(6);
  n.description = r.text(7);
  n.category = r.text(8);
  n.remote = r.boolean(9);
  if (!r.is_null(10) && !r.is_null(11)) {
    n.location = domain::NeedLocation{{r.real(10), r.real(11)}, r.opt_text(12), r.opt_text(13)};
  }
  if (auto age = r.opt_int64(14)) n.requirements.min_age = static_cast<int>(*age);
  n.requirements.driving_licence = r.boolean(15);
  n.requirements.conduct_certificate = r.boolean(16);
  n.signup_mode = r.text(17);
  n.waitlist = r.boolean(18);
  n.contact = {r.opt_text(19), r.opt_text(20), r.opt_text(21)};
  n.repeat_weekly = r.boolean(22);
  n.repeat_until = r.opt_int64(23);
  n.status = r.text(24);
  n.status_reason = r.opt_text(25);
  n.created_by = r.opt_int64(26);
  n.created_at = r.int64(27);
  n.updated_at = r.int64(28);
  return n;
}

domain::Shift shift_from_row(const Row& r) {
  domain::Shift s;
  s.id = r.int64(0);
  s.need_id = r.int64(1);
  s.starts_at = r.int64(2);
  s.ends_at = r.int64(3);
  s.capacity = static_cast<int>(r.int64(4));
  s.taken = static_cast<int>(r.int64(5));
  s.source_shift_id = r.opt_int64(6);
  s.week = static_cast<int>(r.int64(7));
  s.waitlisted = static_cast<int>(r.int64(8));
  s.requested = static_cast<int>(r.int64(9));
  return s;
}

Value flag(bool b) { return std::int64_t{b ? 1 : 0}; }

Value optional_int(const std::optional<std::int64_t>& v) { return v ? Value(*v) : null(); }

// What the group edits, in the column order of both the INSERT and the UPDATE: title,
// description, category, remote, lat, lon, address, place_name (a remote need has no place),
// min_age, driving_licence, conduct_certificate, signup_mode, waitlist, contact_name,
// contact_phone, contact_email, repeat_weekly, repeat_until.
std::vector<Value> editable_values(const domain::Need& n) {
  std::vector<Value> v{n.title, n.description, n.category, flag(n.remote)};
  if (n.remote || !n.location) {
    v.insert(v.end(), {null(), null(), null(), null()});
  } else {
    v.insert(v.end(), {n.location->point.lat, n.location->point.lon,
                       optional_text(n.location->address), optional_text(n.location->place_name)});
  }
  std::optional<std::int64_t> min_age;
  if (n.requirements.min_age) min_age = *n.requirements.min_age;
  v.insert(v.end(),
           {optional_int(min_age), flag(n.requirements.driving_licence),
            flag(n.requirements.conduct_certificate), n.signup_mode, flag(n.waitlist),
            optional_text(n.contact.name), optional_text(n.contact.phone),
            optional_text(n.contact.email), flag(n.repeat_weekly), optional_int(n.repeat_until)});
  return v;
}

// Fills in the shifts of each need, in one query for all of them.
void attach_shifts(Connection& c, std::vector<domain::Need>& needs) {
  if (needs.empty()) return;
  std::string sql = std::string("SELECT ") + shift_columns + " FROM shifts s WHERE s.need_id IN (";
  std::vector<Value> params;
  std::map<std::int64_t, domain::Need*> by_id;
  for (auto& n : needs) {
    params.emplace_back(n.id);
    sql += (params.size() > 1 ? ", $" : "$") + std::to_string(params.size());
    by_id[n.id] = &n;
  }
  sql += ") ORDER BY s.starts_at, s.id";
  for (const auto& r : c.query(sql, params).rows) {
    auto s = shift_from_row(r);
    by_id.at(s.need_id)->shifts.push_back(s);
  }
}

std::int64_t insert_shift_row(Connection& c, std::int64_t need_id, const domain::Shift& shift,
                              std::int64_t now) {
  return c
      .query(
          "INSERT INTO shifts (need_id, starts_at, ends_at, capacity, source_shift_id, week, "
          "created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
          {need_id, shift.starts_at, shift.ends_at, std::int64_t{shift.capacity},
           optional_int(shift.source_shift_id), std::int64_t{shift.week}, now})
      .one()
      .int64(0);
}

}  // namespace

std::int64_t insert_need(Connection& c, const domain::Need& need, std::int64_t now) {
  std::vector<Value> params{need.organization_id, need.municipality_id};
  auto editable = editable_values(need);
  params.insert(params.end(), editable.begin(), editable.end());
  params.insert(params.end(), {need.status, optional_text(need.status_reason),
                               optional_int(need.created_by), now});
  auto id = c.query(
                 "INSERT INTO needs (organization_id, municipality_id, title, description, "
                 "category, remote, lat, lon, address, place_name, min_age, driving_licence, "
                 "conduct_certificate, signup_mode, waitlist, contact_name, contact_phone, "
                 "contact_email, repeat_weekly, repeat_until, status, status_reason, created_by, "
                 "created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, "
                 "$12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $24) "
                 "RETURNING id",
                 params)
                .one()
                .int64(0);
  for (const auto& s : need.shifts) insert_shift_row(c, id, s, now);
  refresh_need_search(c, id);
  return id;
}

std::optional<domain::Need> find_need(Connection& c, std::int64_t id) {
  auto result =
      c.query(std::string("SELECT ") + need_columns + need_from + " WHERE n.id = $1", {id});
  if (result.empty()) return std::nullopt;
  std::vector<domain::Need> needs{need_from_row(result.rows.front())};
  attach_shifts(c, needs);
  return std::move(needs.front());
}

void update_need(Connection& c, const domain::Need& need, std::int64_t now) {
  std::vector<Value> params{need.id};
  auto editable = editable_values(need);
  params.insert(params.end(), editable.begin(), editable.end());
  params.push_back(now);
  c.query(
      "UPDATE needs SET title = $2, description = $3, category = $4, remote = $5, lat = $6, "
      "lon = $7, address = $8, place_name = $9, min_age = $10, driving_licence = $11, "
      "conduct_certificate = $12, signup_mode = $13, waitlist = $14, contact_name = $15, "
      "contact_phone = $16, contact_email = $17, repeat_weekly = $18, repeat_until = $19, "
      "updated_at = $20 WHERE id = $1",
      params);
  refresh_need_search(c, need.id);
}

void set_need_status(Connection& c, std::int64_t id, const std::string& status,
                     const std::optional<std::string>& reason, std::int64_t now) {
  c.query("UPDATE needs SET status = $2, status_reason = $3, updated_at = $4 WHERE id = $1",
          {id, status, optional_text(reason), now});
}

std::vector<domain::Need> list_needs(Connection& c, const NeedFilter& filter) {
  // Statuses are bound as parameters, never spliced into the text.
  std::string sql = std::string("SELECT ") + need_columns + need_from + " WHERE 1 = 1";
  std::vector<Value> params;
  auto bind = [&](Value v) {
    params.push_back(std::move(v));
    return "$" + std::to_string(params.size());
  };
  if (filter.before_id > 0) sql += " AND n.id < " + bind(filter.before_id);
  if (filter.organization_id) sql += " AND n.organization_id = " + bind(*filter.organization_id);
  if (filter.municipality_id) sql += " AND n.municipality_id = " + bind(*filter.municipality_id);
  if (!filter.statuses.empty()) {
    sql += " AND n.status IN (";
    for (std::size_t i = 0; i < filter.statuses.size(); ++i) {
      sql += (i ? ", " : "") + bind(filter.statuses[i]);
    }
    sql += ")";
  }
  if (filter.approved_organizations_only) sql += " AND o.status = 'approved'";
  sql += " ORDER BY n.id DESC LIMIT " + bind(std::int64_t{filter.limit});
  std::vector<domain::Need> needs;
  for (const auto& r : c.query(sql, params).rows) needs.push_back(need_from_row(r));
  attach_shifts(c, needs);
  return needs;
}

// Declared in storage/search.hpp; here for the row readers.
std::vector<domain::Need> load_needs(Connection& c, const std::vector<std::int64_t>& ids) {
  if (ids.empty()) return {};
  std::string sql = std::string("SELECT ") + need_columns + need_from + " WHERE n.id IN (";
  std::vector<Value> params;
  for (auto id : ids) {
    params.emplace_back(id);
    sql += (params.size() > 1 ? ", $" : "$") + std::to_string(params.size());
  }
  sql += ")";
  std::map<std::int64_t, domain::Need> by_id;
  std::vector<domain::Need> needs;
  for (const auto& r : c.query(sql, params).rows) needs.push_back(need_from_row(r));
  attach_shifts(c, needs);
  for (auto& n : needs) by_id.emplace(n.id, std::move(n));
  std::vector<domain::Need> ordered;
  for (auto id : ids) {
    if (auto it = by_id.find(id); it != by_id.end()) ordered.push_back(std::move(it->second));
  }
  return ordered;
}

std::optional<domain::Shift> find_shift(Connection& c, std::int64_t id) {
  auto result =
      c.query(std::string("SELECT ") + shift_columns + " FROM shifts s WHERE s.id = $1", {id});
  if (result.empty()) return std::nullopt;
  return shift_from_row(result.rows.front());
}

std::int64_t insert_shift(Connection& c, std::int64_t need_id, const domain::Shift& shift,
                          std::int64_t now) {
  auto id = insert_shift_row(c, need_id, shift, now);
  refresh_need_search(c, need_id);
  return id;
}

bool update_shift(Connection& c, const domain::Shift& shift) {
  auto result = c.query(
      "UPDATE shifts SET starts_at = $2, ends_at = $3, capacity = $4 "
      "WHERE id = $1 AND taken <= $4 RETURNING need_id",
      {shift.id, shift.starts_at, shift.ends_at, std::int64_t{shift.capacity}});
  if (result.empty()) return false;
  refresh_need_search(c, result.rows.front().int64(0));
  return true;
}

void touch_need(Connection& c, std::int64_t need_id, std::int64_t now) {
  // Strictly increasing, also for two changes within one second.
  c.query(
      "UPDATE needs SET updated_at = CASE WHEN updated_at >= $2 THEN updated_at + 1 ELSE $2 END "
      "WHERE id = $1",
      {need_id, now});
}

void delete_shift(Connection& c, std::int64_t id) {
  auto result = c.query("DELETE FROM shifts WHERE id = $1 RETURNING need_id", {id});
  if (!result.empty()) refresh_need_search(c, result.rows.front().int64(0));
}

int delete_unused_repetitions(Connection& c, std::int64_t need_id, std::int64_t after) {
  auto deleted = static_cast<int>(
      c.query("DELETE FROM shifts WHERE need_id = $1 AND week > 0 AND starts_at > $2 "
              "AND NOT EXISTS (SELECT 1 FROM signups g WHERE g.shift_id = shifts.id)",
              {need_id, after})
          .affected);
  if (deleted > 0) refresh_need_search(c, need_id);
  return deleted;
}

}  // namespace hk::storage

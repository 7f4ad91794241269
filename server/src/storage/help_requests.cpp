#include "storage/help_requests.hpp"

namespace hk::storage {

namespace {

// The helper's name and address are read with the request, for display; `offers` counts the
// people with a sign-up (any status) for a shift of its need.
constexpr const char* columns =
    "h.id, h.municipality_id, h.status, h.category, h.area, h.summary, h.details, "
    "h.caller_name, h.caller_phone, h.caller_address, h.point_lat, h.point_lon, h.public_lat, "
    "h.public_lon, h.starts_at, h.ends_at, h.recurrence, h.repeat_until, h.need_id, "
    "h.helper_id, h.created_by, h.created_at, h.updated_at, h.published_at, h.matched_at, "
    "h.closed_at, h.erased_at, u.display_name, u.email, "
    "(SELECT COUNT(DISTINCT su.user_id) FROM signups su JOIN shifts s ON s.id = su.shift_id "
    "WHERE s.need_id = h.need_id AND su.user_id IS NOT NULL)";

constexpr const char* from = " FROM help_requests h LEFT JOIN users u ON u.id = h.helper_id";

std::optional<domain::GeoPoint> point_at(const Row& r, std::size_t lat) {
  if (r.is_null(lat) || r.is_null(lat + 1)) return std::nullopt;
  return domain::GeoPoint{r.real(lat), r.real(lat + 1)};
}

domain::HelpRequest from_row(const Row& r) {
  domain::HelpRequest h;
  h.id = r.int64(0);
  h.municipality_id = r.int64(1);
  h.status = r.text(2);
  h.category = r.text(3);
  h.area = r.text(4);
  h.summary = r.opt_text(5);
  h.details = r.opt_text(6);
  if (!r.is_null(7) && !r.is_null(8)) {
    h.caller = domain::HelpRequestCaller{r.text(7), r.text(8), r.opt_text(9)};
  }
  h.point = point_at(r, 10);
  h.public_point = point_at(r, 12);
  h.starts_at = r.opt_int64(14);
  h.ends_at = r.opt_int64(15);
  h.recurrence = r.text(16);
  h.repeat_until = r.opt_int64(17);
  h.need_id = r.opt_int64(18);
  h.helper_id = r.opt_int64(19);
  h.created_by = r.opt_int64(20);
  h.created_at = r.int64(21);
  h.updated_at = r.int64(22);
  h.published_at = r.opt_int64(23);
  h.matched_at = r.opt_int64(24);
  h.closed_at = r.opt_int64(25);
  h.erased_at = r.opt_int64(26);
  h.helper_name = r.opt_text(27);
  h.helper_email = r.opt_text(28);
  h.offers = static_cast<int>(r.int64(29));
  return h;
}

Value optional_int(const std::optional<std::int64_t>& v) { return v ? Value(*v) : null(); }

Value lat_of(const std::optional<domain::GeoPoint>& p) { return p ? Value(p->lat) : null(); }
Value lon_of(const std::optional<domain::GeoPoint>& p) { return p ? Value(p->lon) : null(); }

// What a coordinator edits, in the column order of both the INSERT and the UPDATE: category,
// area, summary, details, caller_name, caller_phone, caller_address, point_lat, point_lon,
// public_lat, public_lon, starts_at, ends_at, recurrence, repeat_until.
std::vector<Value> editable_values(const domain::HelpRequest& h) {
  std::vector<Value> v{h.category, h.area, optional_text(h.summary), optional_text(h.details)};
  if (h.caller) {
    v.insert(v.end(), {h.caller->name, h.caller->phone, optional_text(h.caller->address)});
  } else {
    v.insert(v.end(), {null(), null(), null()});
  }
  v.insert(v.end(), {lat_of(h.point), lon_of(h.point), lat_of(h.public_point),
                     lon_of(h.public_point), optional_int(h.starts_at), optional_int(h.ends_at),
                     h.recurrence, optional_int(h.repeat_until)});
  return v;
}

std::optional<domain::HelpRequest> first(const Result& result) {
  if (result.empty()) return std::nullopt;
  return from_row(result.rows.front());
}

domain::HelpRequestNote note_from_row(const Row& r) {
  domain::HelpRequestNote n;
  n.id = r.int64(0);
  n.help_request_id = r.int64(1);
  n.kind = r.text(2);
  n.body = r.text(3);
  n.author_id = r.opt_int64(4);
  n.author_name = r.text(5);
  n.created_at = r.int64(6);
  return n;
}

}  // namespace

std::optional<std::int64_t> find_hotline_organization(Connection& c, std::int64_t municipality_id) {
  auto result = c.query("SELECT id FROM organizations WHERE municipality_id = $1 AND hotline = 1",
                        {municipality_id});
  if (result.empty()) return std::nullopt;
  return result.rows.front().int64(0);
}

std::int64_t ensure_hotline_organization(Connection& c, std::int64_t municipality_id,
                                         std::int64_t now) {
  if (auto id = find_hotline_organization(c, municipality_id)) return *id;
  // The same row migration 0006 makes for the municipalities that existed before it. The
  // partial unique index keeps it to one even when two writers get here at once.
  c.query(
      "INSERT INTO organizations (municipality_id, name, kind, description, contact_email, "
      "status, trusted, hotline, created_at, updated_at) "
      "SELECT m.id, 'Hilfetelefon ' || m.name, 'einrichtung', $2, m.contact_email, 'approved', "
      "1, 1, $3, $3 FROM municipalities m WHERE m.id = $1 "
      "ON CONFLICT (municipality_id) WHERE hotline = 1 DO NOTHING",
      {municipality_id,
       std::string("Das Hilfetelefon der Kommune: Menschen, die keine App nutzen, rufen an, und "
                   "die Koordination vermittelt ihnen Ehrenamtliche."),
       now});
  auto id = find_hotline_organization(c, municipality_id);
  if (!id)
    throw StorageError("hotline organisation: no municipality " + std::to_string(municipality_id));
  return *id;
}

std::int64_t insert_help_request(Connection& c, const domain::HelpRequest& request,
                                 std::int64_t now) {
  std::vector<Value> params{request.municipality_id, request.status};
  auto editable = editable_values(request);
  params.insert(params.end(), editable.begin(), editable.end());
  params.insert(params.end(), {optional_int(request.need_id), optional_int(request.helper_id),
                               optional_int(request.created_by), now});
  return c
      .query(
          "INSERT INTO help_requests (municipality_id, status, category, area, summary, details, "
          "caller_name, caller_phone, caller_address, point_lat, point_lon, public_lat, "
          "public_lon, starts_at, ends_at, recurrence, repeat_until, need_id, helper_id, "
          "created_by, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, "
          "$11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $21) RETURNING id",
          params)
      .one()
      .int64(0);
}

std::optional<domain::HelpRequest> find_help_request(Connection& c, std::int64_t id) {
  return first(c.query(std::string("SELECT ") + columns + from + " WHERE h.id = $1", {id}));
}

std::optional<domain::HelpRequest> find_help_request_of_need(Connection& c, std::int64_t need_id) {
  return first(c.query(
      std::string("SELECT ") + columns + from + " WHERE h.need_id = $1 ORDER BY h.id LIMIT 1",
      {need_id}));
}

void update_help_request(Connection& c, const domain::HelpRequest& request, std::int64_t now) {
  std::vector<Value> params{request.id};
  auto editable = editable_values(request);
  params.insert(params.end(), editable.begin(), editable.end());
  params.push_back(now);
  c.query(
      "UPDATE help_requests SET category = $2, area = $3, summary = $4, details = $5, "
      "caller_name = $6, caller_phone = $7, caller_address = $8, point_lat = $9, "
      "point_lon = $10, public_lat = $11, public_lon = $12, starts_at = $13, ends_at = $14, "
      "recurrence = $15, repeat_until = $16, updated_at = $17 WHERE id = $1",
      params);
}

void update_help_request_state(Connection& c, const domain::HelpRequest& request,
                               std::int64_t now) {
  c.query(
      "UPDATE help_requests SET status = $2, need_id = $3, helper_id = $4, published_at = $5, "
      "matched_at = $6, closed_at = $7, updated_at = $8 WHERE id = $1",
      {request.id, request.status, optional_int(request.need_id), optional_int(request.helper_id),
       optional_int(request.published_at), optional_int(request.matched_at),
       optional_int(request.closed_at), now});
}

std::vector<domain::HelpRequest> list_help_requests(Connection& c,
                                                    const HelpRequestFilter& filter) {
  // Ids grow with the time a call was taken, so the id orders by age and pages stably.
  std::string sql = std::string("SELECT ") + columns + from + " WHERE h.municipality_id = $1";
  std::vector<Value> params{filter.municipality_id};
  auto bind = [&](Value v) {
    params.push_back(std::move(v));
    return "$" + std::to_string(params.size());
  };
  if (!filter.statuses.empty()) {
    sql += " AND h.status IN (";
    for (std::size_t i = 0; i < filter.statuses.size(); ++i) {
      sql += (i ? ", " : "") + bind(filter.statuses[i]);
    }
    sql += ")";
  }
  if (filter.after_id > 0) {
    sql += (filter.oldest_first ? " AND h.id > " : " AND h.id < ") + bind(filter.after_id);
  }
  sql += filter.oldest_first ? " ORDER BY h.id" : " ORDER BY h.id DESC";
  sql += " LIMIT " + bind(std::int64_t{filter.limit});
  std::vector<domain::HelpRequest> out;
  for (const auto& r : c.query(sql, params).rows) out.push_back(from_row(r));
  return out;
}

std::vector<domain::HelpRequest> list_helper_requests(Connection& c, std::int64_t user_id) {
  auto result = c.query(std::string("SELECT ") + columns + from +
                            " WHERE h.helper_id = $1 AND h.status = 'matched' ORDER BY h.id",
                        {user_id});
  std::vector<domain::HelpRequest> out;
  for (const auto& r : result.rows) out.push_back(from_row(r));
  return out;
}

std::int64_t insert_help_request_note(Connection& c, const domain::HelpRequestNote& note) {
  return c
      .query(
          "INSERT INTO help_request_notes (help_request_id, kind, body, author_id, author_name, "
          "created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
          {note.help_request_id, note.kind, note.body, optional_int(note.author_id),
           note.author_name, note.created_at})
      .one()
      .int64(0);
}

std::vector<domain::HelpRequestNote> list_help_request_notes(Connection& c,
                                                             std::int64_t help_request_id) {
  auto result = c.query(
      "SELECT id, help_request_id, kind, body, author_id, author_name, created_at "
      "FROM help_request_notes WHERE help_request_id = $1 ORDER BY id",
      {help_request_id});
  std::vector<domain::HelpRequestNote> out;
  for (const auto& r : result.rows) out.push_back(note_from_row(r));
  return out;
}

std::optional<std::int64_t> matched_helper_of_need(Connection& c, std::int64_t need_id) {
  auto result = c.query(
      "SELECT helper_id FROM help_requests WHERE need_id = $1 AND status = 'matched' "
      "AND helper_id IS NOT NULL ORDER BY id LIMIT 1",
      {need_id});
  if (result.empty()) return std::nullopt;
  return result.rows.front().int64(0);
}

std::vector<std::int64_t> due_help_request_erasures(Connection& c, std::int64_t cutoff, int limit) {
  auto result = c.query(
      "SELECT id FROM help_requests WHERE erased_at IS NULL AND closed_at <= $1 "
      "AND status IN ('done', 'cancelled') ORDER BY closed_at, id LIMIT $2",
      {cutoff, std::int64_t{limit}});
  std::vector<std::int64_t> ids;
  for (const auto& r : result.rows) ids.push_back(r.int64(0));
  return ids;
}

bool erase_help_request(Connection& c, std::int64_t id, std::int64_t cutoff, std::int64_t now) {
  // The condition is in the UPDATE itself, so of two passes only one erases (and audits).
  auto erased = c.query(
      "UPDATE help_requests SET summary = NULL, details = NULL, caller_name = NULL, "
      "caller_phone = NULL, caller_address = NULL, point_lat = NULL, point_lon = NULL, "
      "public_lat = NULL, public_lon = NULL, helper_id = NULL, erased_at = $3, updated_at = $3 "
      "WHERE id = $1 AND erased_at IS NULL AND closed_at <= $2 "
      "AND status IN ('done', 'cancelled')",
      {id, cutoff, now});
  if (erased.affected != 1) return false;
  c.query("DELETE FROM help_request_notes WHERE help_request_id = $1", {id});
  c.query("DELETE FROM mail_outbox WHERE help_request_id = $1", {id});
  return true;
}

}  // namespace hk::storage

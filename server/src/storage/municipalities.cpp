#include "storage/municipalities.hpp"

#include "storage/help_requests.hpp"
#include "storage/search.hpp"

namespace hk::storage {

namespace {

constexpr const char* columns =
    "id, name, ags, center_lat, center_lon, contact_email, hotline_phone, moderation, imprint, "
    "privacy, accessibility";

domain::Municipality from_row(const Row& r) {
  domain::Municipality m;
  m.id = r.int64(0);
  m.name = r.text(1);
  m.ags = r.text(2);
  m.center = {r.real(3), r.real(4)};
  m.contact_email = r.text(5);
  m.hotline_phone = r.opt_text(6);
  m.moderation = r.text(7);
  m.imprint = r.text(8);
  m.privacy = r.text(9);
  m.accessibility = r.text(10);
  return m;
}

}  // namespace

std::optional<domain::Municipality> find_municipality(Connection& c, std::int64_t id) {
  auto result =
      c.query(std::string("SELECT ") + columns + " FROM municipalities WHERE id = $1", {id});
  if (result.empty()) return std::nullopt;
  return from_row(result.rows.front());
}

std::vector<domain::Municipality> list_municipalities(Connection& c, std::int64_t after_id,
                                                      int limit) {
  auto result = c.query(
      std::string("SELECT ") + columns + " FROM municipalities WHERE id > $1 ORDER BY id LIMIT $2",
      {after_id, std::int64_t{limit}});
  std::vector<domain::Municipality> out;
  for (const auto& r : result.rows) out.push_back(from_row(r));
  return out;
}

std::int64_t insert_municipality(Connection& c, const domain::Municipality& m, std::int64_t now) {
  auto id =
      c.query(
           "INSERT INTO municipalities (name, ags, center_lat, center_lon, contact_email, "
           "hotline_phone, moderation, imprint, privacy, accessibility, created_at, updated_at) "
           "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11) RETURNING id",
           {m.name, m.ags, m.center.lat, m.center.lon, m.contact_email,
            optional_text(m.hotline_phone), m.moderation, m.imprint, m.privacy, m.accessibility,
            now})
          .one()
          .int64(0);
  // Every municipality has its hotline from the start: its requests are published as needs.
  ensure_hotline_organization(c, id, now);
  return id;
}

void update_municipality(Connection& c, const domain::Municipality& m, std::int64_t now) {
  c.query(
      "UPDATE municipalities SET name = $2, ags = $3, center_lat = $4, center_lon = $5, "
      "contact_email = $6, hotline_phone = $7, moderation = $8, imprint = $9, privacy = $10, "
      "accessibility = $11, updated_at = $12 WHERE id = $1",
      {m.id, m.name, m.ags, m.center.lat, m.center.lon, m.contact_email,
       optional_text(m.hotline_phone), m.moderation, m.imprint, m.privacy, m.accessibility, now});
  // Remote needs are found at the centre.
  refresh_municipality_search(c, m.id);
}

}  // namespace hk::storage

#include "demo/demo_engagements.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/berlin_time.hpp"

namespace hk::demo {

namespace {

using storage::Connection;
using storage::Value;

// Fictional helpers who fill the demo shifts. They cannot log in: "!" is no password hash.
constexpr std::array<const char*, 16> kHelpers = {
    "Jonas Albers",      "Sabine Kötter",   "Mehmet Yıldız", "Claudia Brenner",
    "Tobias Westerhoff", "Anna Lückemeier", "Rainer Pohl",   "Fatma Aksoy",
    "Julia Strotmann",   "Klaus Hagedorn",  "Maria Nowak",   "Daniel Große-Wöstmann",
    "Katharina Bödeker", "Lukas Rehage",    "Irina Schäfer", "Peter Hollenhorst"};

struct ShiftRow {
  std::int64_t id = 0;
  std::int64_t need_id = 0;
  int capacity = 0;
  bool approval = false;
  bool min_age = false;
};

std::int64_t insert_id(Connection& c, std::string_view sql, const std::vector<Value>& params) {
  return c.query(sql, params).one().int64(0);
}

std::vector<std::int64_t> insert_helpers(Connection& c, std::int64_t now) {
  std::vector<std::int64_t> ids;
  int n = 0;
  for (const char* name : kHelpers) {
    ++n;
    const std::string email = "helfer" + std::to_string(n) + "@demo.helferkarte.example";
    ids.push_back(insert_id(c,
                            "INSERT INTO users (email, password_hash, display_name, "
                            "email_verified_at, created_at, updated_at) "
                            "VALUES ($1, '!', $2, $3, $3, $3) RETURNING id",
                            {Value(email), Value(std::string(name)), Value(now - 30 * 86400)}));
  }
  return ids;
}

// A sign-up; confirmed ones take their place in `shifts.taken`, as a join would.
void sign_up(Connection& c, std::int64_t shift_id, std::int64_t user_id, const char* status,
             std::int64_t at, std::optional<int> minutes = std::nullopt,
             const char* attendance = nullptr) {
  c.query(
      "INSERT INTO signups (shift_id, user_id, status, attendance, minutes, created_at, "
      "updated_at) VALUES ($1, $2, $3, $4, $5, $6, $6)",
      {Value(shift_id), Value(user_id), Value(std::string(status)),
       attendance ? Value(std::string(attendance)) : storage::null(),
       minutes ? Value(std::int64_t{*minutes}) : storage::null(), Value(at)});
  if (std::string_view(status) == "confirmed") {
    c.query("UPDATE shifts SET taken = taken + 1 WHERE id = $1", {Value(shift_id)});
  }
}

// Fill states in turn: covered, half full, one helper, empty, first shift full.
void fill_upcoming(Connection& c, std::int64_t now, const std::vector<std::int64_t>& helpers,
                   std::int64_t volunteer_id) {
  const auto result = c.query(
      "SELECT s.id, s.need_id, s.capacity, n.signup_mode, n.min_age FROM shifts s "
      "JOIN needs n ON n.id = s.need_id WHERE n.status = 'published' ORDER BY s.need_id, "
      "s.starts_at");
  std::vector<std::vector<ShiftRow>> needs;
  for (const auto& row : result.rows) {
    ShiftRow s{row.int64(0), row.int64(1), static_cast<int>(row.int64(2)),
               row.text(3) == "approval", !row.is_null(4)};
    if (needs.empty() || needs.back().front().need_id != s.need_id) needs.emplace_back();
    needs.back().push_back(s);
  }

  int volunteer_places = 0;
  bool volunteer_waiting = false;
  std::size_t next_helper = 0;
  for (std::size_t k = 0; k < needs.size(); ++k) {
    const auto& shifts = needs[k];
    const std::int64_t at = now - static_cast<std::int64_t>(k % 7) * 3600 - 600;
    if (shifts.front().approval) {
      sign_up(c, shifts.front().id, helpers[next_helper++ % helpers.size()], "requested", at);
      continue;
    }
    const int pattern = static_cast<int>(k % 5);
    for (std::size_t i = 0; i < shifts.size(); ++i) {
      const ShiftRow& s = shifts[i];
      int fill = 0;
      if (pattern == 0 || (pattern == 4 && i == 0)) fill = s.capacity;
      if (pattern == 1) fill = s.capacity / 2;
      if (pattern == 2) fill = 1;
      fill = std::min<int>(fill, static_cast<int>(helpers.size()));
      for (int h = 0; h < fill; ++h) {
        sign_up(c, s.id, helpers[(next_helper + h) % helpers.size()], "confirmed", at);
      }
      next_helper += fill;
      const bool full = fill == s.capacity;
      // The demo volunteer holds places in two needs and waits for one.
      if (pattern == 3 && i == 0 && volunteer_places < 2 && !s.min_age) {
        sign_up(c, s.id, volunteer_id, "confirmed", at);
        ++volunteer_places;
      }
      if (pattern == 0 && full && i == 0 && !volunteer_waiting && !s.min_age) {
        sign_up(c, s.id, volunteer_id, "waitlisted", at + 60);
        volunteer_waiting = true;
      }
    }
  }
}

struct PastShift {
  int days_ago;
  int start_hour;
  int end_hour;
  int capacity;
};

struct PastNeed {
  const char* org;
  const char* category;
  const char* title;
  const char* description;
  double lat;
  double lon;
  const char* address;
  const char* contact_name;
  const char* contact_email;
  std::vector<PastShift> shifts;
};

const std::vector<PastNeed>& past_needs() {
  static const std::vector<PastNeed> kPast = {
      {"drk",
       "events",
       "Helferinnen und Helfer für den Blutspendetermin im Sommer",
       "Beim Blutspendetermin im Gemeindehaus haben wir Spenderinnen und Spender begrüßt, "
       "Getränke ausgegeben und beim Imbiss geholfen. Vielen Dank an alle, die dabei waren!",
       51.9071,
       8.3839,
       "Kirchstraße 14, 33330 Gütersloh",
       "Markus Brinkmann",
       "ehrenamt@drk-guetersloh.example",
       {{150, 14, 19, 4}, {64, 14, 19, 4}}},
      {"tafel",
       "shopping",
       "Vertretung bei der Lebensmittelausgabe",
       "Während der Urlaubszeit haben Ehrenamtliche bei der Ausgabe der Lebensmittel an der "
       "Tafel vertreten: sortieren, ausgeben, aufräumen.",
       51.9032,
       8.3897,
       "Friedrich-Ebert-Straße 44, 33330 Gütersloh",
       "Aylin Demir",
       "kontakt@guetersloher-tafel.example",
       {{41, 13, 16, 3}, {27, 13, 16, 3}, {9, 13, 16, 3}}},
  };
  return kPast;
}

// Two completed needs: the volunteer attended every shift, the group confirmed the hours.
void load_past(Connection& c, std::int64_t now, std::int64_t municipality_id,
               const std::map<std::string, std::int64_t>& org_ids,
               const std::vector<std::int64_t>& helpers, std::int64_t volunteer_id) {
  std::size_t next_helper = 3;
  for (const PastNeed& p : past_needs()) {
    const std::int64_t created = now - (p.shifts.front().days_ago + 14) * 86400;
    const std::int64_t need_id = insert_id(
        c,
        "INSERT INTO needs (organization_id, municipality_id, title, description, category, lat, "
        "lon, address, place_name, contact_name, contact_email, status, created_at, updated_at) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'Gütersloh', $9, $10, 'completed', $11, $12) "
        "RETURNING id",
        {Value(org_ids.at(p.org)), Value(municipality_id), Value(std::string(p.title)),
         Value(std::string(p.description)), Value(std::string(p.category)), Value(p.lat),
         Value(p.lon), Value(std::string(p.address)), Value(std::string(p.contact_name)),
         Value(std::string(p.contact_email)), Value(created), Value(now - 86400)});
    for (const PastShift& s : p.shifts) {
      const domain::CivilDate d = domain::berlin_date_plus_days(now, -s.days_ago);
      const int year = static_cast<int>(d.year);
      const std::int64_t start = domain::berlin_local_to_utc(year, d.month, d.day, s.start_hour, 0);
      const std::int64_t end = domain::berlin_local_to_utc(year, d.month, d.day, s.end_hour, 0);
      const std::int64_t shift_id =
          insert_id(c,
                    "INSERT INTO shifts (need_id, starts_at, ends_at, capacity, created_at) "
                    "VALUES ($1, $2, $3, $4, $5) RETURNING id",
                    {Value(need_id), Value(start), Value(end), Value(std::int64_t{s.capacity}),
                     Value(created)});
      const int minutes = (s.end_hour - s.start_hour) * 60;
      const std::int64_t joined = start - 5 * 86400;
      sign_up(c, shift_id, volunteer_id, "confirmed", joined, minutes, "attended");
      for (int h = 1; h < s.capacity; ++h) {
        // Now and then somebody did not come.
        const bool absent = (next_helper % 7) == 0;
        sign_up(c, shift_id, helpers[next_helper % helpers.size()], "confirmed", joined + h * 600,
                absent ? std::nullopt : std::optional<int>(minutes),
                absent ? "no_show" : "attended");
        ++next_helper;
      }
    }
  }
}

}  // namespace

void load_engagements(Connection& c, std::int64_t now, std::int64_t municipality_id,
                      const std::map<std::string, std::int64_t>& org_ids,
                      std::int64_t volunteer_id) {
  const auto helpers = insert_helpers(c, now);
  fill_upcoming(c, now, helpers, volunteer_id);
  load_past(c, now, municipality_id, org_ids, helpers, volunteer_id);
}

}  // namespace hk::demo

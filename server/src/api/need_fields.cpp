#include "api/need_fields.hpp"

#include <algorithm>
#include <cmath>

#include "api/field_readers.hpp"
#include "domain/berlin_time.hpp"

namespace hk::api {

namespace {

std::size_t characters(const std::string& s) {
  std::size_t n = 0;
  for (unsigned char ch : s) n += (ch & 0xC0) != 0x80;
  return n;
}

// The nested object `name`, or nullptr when it is absent or null; anything else is a problem.
const json::object* nested_object(Fields& fields, const json::object& body, const char* name) {
  const auto* v = find_value(body, name);
  if (v == nullptr) return nullptr;
  if (!v->is_object()) {
    fields.add(name, {"Hier wird ein Objekt erwartet.", "An object is expected here."});
    return nullptr;
  }
  return &v->as_object();
}

std::optional<bool> boolean(Fields& fields, const json::object& o, const char* name,
                            const std::string& field) {
  const auto* v = find_value(o, name);
  if (v == nullptr) return std::nullopt;
  if (!v->is_bool()) {
    fields.add(field, {"Hier wird true oder false erwartet.", "true or false is expected here."});
    return std::nullopt;
  }
  return v->as_bool();
}

// A whole number in [min, max]; 3.0 counts as 3, 3.5 does not.
std::optional<std::int64_t> integer(Fields& fields, const json::object& o, const char* name,
                                    const std::string& field, std::int64_t min, std::int64_t max,
                                    bool required) {
  const auto* v = find_value(o, name);
  if (v == nullptr) {
    if (required) fields.add(field, {"Dieses Feld ist erforderlich.", "This field is required."});
    return std::nullopt;
  }
  std::optional<std::int64_t> n;
  if (v->is_int64()) {
    n = v->as_int64();
  } else if (v->is_uint64()) {
    n = v->as_uint64() > static_cast<std::uint64_t>(max)
            ? max + 1
            : static_cast<std::int64_t>(v->as_uint64());
  } else if (v->is_double() && std::isfinite(v->as_double()) &&
             v->as_double() == std::floor(v->as_double()) && std::abs(v->as_double()) < 1e15) {
    n = static_cast<std::int64_t>(v->as_double());
  }
  auto range = std::to_string(min) + " bis " + std::to_string(max);
  auto range_en = std::to_string(min) + " to " + std::to_string(max);
  if (!n || *n < min || *n > max) {
    fields.add(field, {"Erlaubt ist eine ganze Zahl von " + range + ".",
                       "A whole number from " + range_en + " is allowed."});
    return std::nullopt;
  }
  return n;
}

// Empty text counts as not given.
std::optional<std::string> non_empty(std::optional<std::string> s) {
  return s && !s->empty() ? s : std::nullopt;
}

void read_place(Fields& fields, const json::object& body, domain::Need& need, bool partial) {
  bool remote = need.remote;
  if (!partial || fields.present("remote")) {
    remote = boolean(fields, body, "remote", "remote").value_or(partial ? need.remote : false);
  }
  const auto* location = find_value(body, "location");
  // An edit that names a place moves a remote need to that place.
  if (partial && !fields.present("remote") && location != nullptr) remote = false;
  if (remote) {
    if (location != nullptr) {
      fields.add("location",
                 {"Ein Gesuch, das telefonisch oder online stattfindet, hat keinen Ort.",
                  "A need that takes place by phone or online has no location."});
      return;
    }
    need.remote = true;
    need.location.reset();
    return;
  }
  if (location == nullptr) {
    if (!partial || fields.present("location") || !need.location) {
      fields.add("location", {"Bitte geben Sie den Ort an – oder wählen Sie „telefonisch / "
                              "online“.",
                              "Please give the location – or choose \"by phone / online\"."});
      return;
    }
    need.remote = false;
    return;
  }
  if (!location->is_object()) {
    fields.add("location", {"Erwartet wird {lat, lon, address, placeName}.",
                            "Expected {lat, lon, address, placeName}."});
    return;
  }
  domain::NeedLocation place;
  auto point = fields.point("location");
  if (point) place.point = {point->first, point->second};
  read_nested(fields, location->as_object(), "location.", [&](Fields& f) {
    place.address = non_empty(f.string("address", {.required = false, .max_length = 300}));
    place.place_name = non_empty(f.string("placeName", {.required = false, .max_length = 100}));
  });
  if (point) {
    need.remote = false;
    need.location = place;
  }
}

void read_requirements(Fields& fields, const json::object& body, domain::Need& need) {
  domain::NeedRequirements r;
  if (const auto* o = nested_object(fields, body, "requirements")) {
    if (auto age = integer(fields, *o, "minAge", "requirements.minAge", 1, 99, false)) {
      r.min_age = static_cast<int>(*age);
    }
    r.driving_licence =
        boolean(fields, *o, "drivingLicence", "requirements.drivingLicence").value_or(false);
    r.conduct_certificate =
        boolean(fields, *o, "conductCertificate", "requirements.conductCertificate")
            .value_or(false);
  }
  need.requirements = r;
}

void read_contact(Fields& fields, const json::object& body, domain::Need& need) {
  domain::NeedContact contact;
  if (const auto* o = nested_object(fields, body, "contact")) {
    read_nested(fields, *o, "contact.", [&](Fields& f) {
      contact.name = non_empty(f.string("name", {.required = false, .max_length = 100}));
      auto phone = non_empty(f.string("phone", {.required = false, .max_length = 40}));
      if (phone && phone->find_first_not_of("+0123456789 /()-") != std::string::npos) {
        f.add("phone", {"Bitte nur Ziffern, Leerzeichen und + / ( ) -.",
                        "Please use digits, spaces and + / ( ) - only."});
      } else {
        contact.phone = phone;
      }
      // An empty address means: the group's address applies.
      const auto* email = find_value(*o, "email");
      bool blank = email != nullptr && email->is_string() &&
                   email->as_string().find_first_not_of(" \t\r\n") == json::string::npos;
      if (blank) return;
      contact.email = f.email("email", false);
    });
  }
  need.contact = contact;
}

void read_recurrence(Fields& fields, const json::object& body, domain::Need& need,
                     std::int64_t now) {
  need.repeat_weekly = false;
  need.repeat_until.reset();
  const auto* o = nested_object(fields, body, "recurrence");
  if (o == nullptr) return;
  auto weekly = boolean(fields, *o, "weekly", "recurrence.weekly");
  if (!weekly) {
    if (!find_value(*o, "weekly")) {
      fields.add("recurrence.weekly", {"Dieses Feld ist erforderlich.", "This field is required."});
    }
    return;
  }
  if (!*weekly) return;
  need.repeat_weekly = true;
  const auto* until = find_value(*o, "until");
  if (until == nullptr) return;
  std::optional<std::int64_t> day;
  if (until->is_string()) day = domain::parse_iso_date(std::string_view(until->as_string()));
  if (!day) {
    fields.add("recurrence.until", {"Bitte geben Sie ein Datum an, z. B. 2027-03-31.",
                                    "Please give a date, e.g. 2027-03-31."});
    return;
  }
  if (!need.shifts.empty()) {
    auto first =
        std::min_element(need.shifts.begin(), need.shifts.end(), [](const auto& a, const auto& b) {
          return a.starts_at < b.starts_at;
        })->starts_at;
    if (!domain::valid_repeat_until(*day, first, now)) {
      fields.add("recurrence.until",
                 {"Das Ende der Wiederholung muss nach der ersten Schicht und höchstens ein "
                  "Jahr in der Zukunft liegen.",
                  "The repetition must end after the first shift and at most one year from "
                  "now."});
      return;
    }
  }
  need.repeat_until = day;
}

}  // namespace

void read_need_fields(Fields& fields, const json::object& body, domain::Need& need, bool partial,
                      std::int64_t now) {
  auto wanted = [&](const char* name) { return !partial || fields.present(name); };
  if (wanted("title")) {
    if (auto v = fields.string("title", {.max_length = 200})) {
      if (characters(*v) < 3) {
        fields.add("title", {"Mindestens 3 Zeichen.", "At least 3 characters."});
      } else {
        need.title = *v;
      }
    }
  }
  if (wanted("description")) {
    if (auto v = fields.string("description", {.max_length = 5000})) need.description = *v;
  }
  if (wanted("category")) {
    if (auto v = fields.string("category", {.max_length = 100})) {
      if (domain::valid_need_category(*v)) {
        need.category = *v;
      } else {
        fields.add("category",
                   {"Diese Kategorie gibt es nicht. Erlaubt sind: " + category_list() + ".",
                    "There is no such category. Allowed values: " + category_list() + "."});
      }
    }
  }
  read_place(fields, body, need, partial);
  if (wanted("requirements")) read_requirements(fields, body, need);
  if (wanted("signupMode")) {
    need.signup_mode =
        fields.choice("signupMode", {"open", "approval"}, false).value_or(need.signup_mode);
  }
  if (wanted("waitlist")) {
    need.waitlist = boolean(fields, body, "waitlist", "waitlist").value_or(true);
  }
  if (wanted("contact")) read_contact(fields, body, need);
  if (wanted("recurrence")) read_recurrence(fields, body, need, now);
}

ShiftInput read_shift_input(Fields& fields, const json::object& object, bool required,
                            const std::string& prefix) {
  ShiftInput in;
  in.start = read_instant(fields, object, "start", prefix + "start", required);
  in.end = read_instant(fields, object, "end", prefix + "end", required);
  if (auto c = integer(fields, object, "capacity", prefix + "capacity", 1,
                       domain::max_shift_capacity, required)) {
    in.capacity = static_cast<int>(*c);
  }
  return in;
}

void check_shift(Fields& fields, const domain::Shift& shift, std::int64_t now,
                 const std::string& prefix) {
  if (shift.starts_at <= now) {
    fields.add(prefix + "start",
               {"Der Beginn muss in der Zukunft liegen.", "The start must lie in the future."});
  } else if (shift.starts_at > now + domain::max_shift_lead_seconds) {
    fields.add(prefix + "start", {"Schichten lassen sich höchstens zwei Jahre im Voraus "
                                  "eintragen.",
                                  "Shifts can be entered at most two years ahead."});
  }
  if (shift.ends_at <= shift.starts_at) {
    fields.add(prefix + "end",
               {"Das Ende muss nach dem Beginn liegen.", "The end must come after the start."});
  } else if (shift.ends_at - shift.starts_at > domain::max_shift_seconds) {
    fields.add(prefix + "end",
               {"Eine Schicht dauert höchstens sieben Tage.", "A shift lasts at most seven days."});
  }
}

std::optional<domain::Shift> read_new_shift(Fields& fields, const json::object& object,
                                            std::int64_t now, const std::string& prefix) {
  auto in = read_shift_input(fields, object, true, prefix);
  if (!in.start || !in.end) return std::nullopt;
  domain::Shift s;
  s.starts_at = *in.start;
  s.ends_at = *in.end;
  s.capacity = in.capacity.value_or(1);
  check_shift(fields, s, now, prefix);
  return s;
}

std::vector<domain::Shift> read_new_shifts(Fields& fields, const json::object& body,
                                           std::int64_t now) {
  std::vector<domain::Shift> shifts;
  const auto* v = find_value(body, "shifts");
  if (v == nullptr) {
    fields.add("shifts",
               {"Bitte geben Sie mindestens eine Schicht an.", "Please give at least one shift."});
    return shifts;
  }
  if (!v->is_array()) {
    fields.add("shifts", {"Hier wird eine Liste erwartet.", "A list is expected here."});
    return shifts;
  }
  const auto& items = v->as_array();
  if (items.empty() || items.size() > static_cast<std::size_t>(domain::max_need_shifts)) {
    auto n = std::to_string(domain::max_need_shifts);
    fields.add("shifts", {"Bitte geben Sie 1 bis " + n + " Schichten an.",
                          "Please give 1 to " + n + " shifts."});
    return shifts;
  }
  for (std::size_t i = 0; i < items.size(); ++i) {
    auto prefix = "shifts." + std::to_string(i) + ".";
    if (!items[i].is_object()) {
      fields.add("shifts." + std::to_string(i),
                 {"Erwartet wird {start, end, capacity}.", "Expected {start, end, capacity}."});
      continue;
    }
    if (auto s = read_new_shift(fields, items[i].as_object(), now, prefix)) shifts.push_back(*s);
  }
  std::sort(shifts.begin(), shifts.end(),
            [](const auto& a, const auto& b) { return a.starts_at < b.starts_at; });
  return shifts;
}

}  // namespace hk::api

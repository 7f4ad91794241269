#include "api/help_request_fields.hpp"

#include <algorithm>
#include <initializer_list>
#include <string_view>

#include "api/field_readers.hpp"
#include "domain/berlin_time.hpp"
#include "domain/need.hpp"

namespace hk::api {

namespace {

// A call taken a little late may still say "today at 10" at 10:30.
constexpr std::int64_t max_start_in_past_seconds = 3600;

// Every key of `object` that is not in `known` is a problem, named with `prefix`.
void reject_unknown(Fields& fields, const json::object& object,
                    std::initializer_list<std::string_view> known, const std::string& prefix) {
  for (const auto& member : object) {
    std::string_view key(member.key().data(), member.key().size());
    if (std::find(known.begin(), known.end(), key) == known.end()) {
      fields.add(prefix + std::string(key),
                 {"Dieses Feld gibt es hier nicht.", "This field is not known here."});
    }
  }
}

// Empty text counts as not given.
std::optional<std::string> non_empty(std::optional<std::string> s) {
  return s && !s->empty() ? s : std::nullopt;
}

void read_caller(Fields& fields, const json::object& body, domain::HelpRequest& request,
                 bool partial) {
  const auto* v = find_value(body, "caller");
  if (v == nullptr) {
    fields.add("caller", {"Bitte geben Sie Name und Telefon der anrufenden Person an.",
                          "Please give the caller's name and phone."});
    return;
  }
  if (!v->is_object()) {
    fields.add("caller",
               {"Erwartet wird {name, phone, address}.", "Expected {name, phone, address}."});
    return;
  }
  const auto& o = v->as_object();
  reject_unknown(fields, o, {"name", "phone", "address"}, "caller.");
  auto caller = partial && request.caller ? *request.caller : domain::HelpRequestCaller{};
  bool keep = partial && request.caller.has_value();
  read_nested(fields, o, "caller.", [&](Fields& f) {
    if (!keep || f.present("name")) {
      if (auto name = f.string("name", {.max_length = 200})) caller.name = *name;
    }
    if (!keep || f.present("phone")) {
      if (auto phone = f.string("phone", {.max_length = 40})) {
        if (plausible_phone(*phone)) {
          caller.phone = *phone;
        } else {
          f.add("phone", {"Bitte mindestens 3 Ziffern; erlaubt sind Ziffern, Leerzeichen und "
                          "+ / ( ) -.",
                          "Please give at least 3 digits; digits, spaces and + / ( ) - are "
                          "allowed."});
        }
      }
    }
    if (!keep || f.present("address")) {
      caller.address = non_empty(f.string("address", {.required = false, .max_length = 300}));
    }
  });
  request.caller = caller;
}

void read_when(Fields& fields, const json::object& body, domain::HelpRequest& request,
               std::int64_t now) {
  const auto* v = find_value(body, "when");
  if (v == nullptr) {
    request.starts_at.reset();
    request.ends_at.reset();
    return;
  }
  if (!v->is_object()) {
    fields.add("when", {"Erwartet wird {start, end}.", "Expected {start, end}."});
    return;
  }
  const auto& o = v->as_object();
  reject_unknown(fields, o, {"start", "end"}, "when.");
  auto start = read_instant(fields, o, "start", "when.start", true);
  auto end = read_instant(fields, o, "end", "when.end", true);
  if (!start || !end) return;
  bool ok = true;
  if (*start < now - max_start_in_past_seconds) {
    fields.add("when.start", {"Der Beginn darf höchstens eine Stunde zurückliegen.",
                              "The start may lie at most one hour in the past."});
    ok = false;
  } else if (*start > now + domain::max_shift_lead_seconds) {
    fields.add("when.start", {"Der Beginn darf höchstens zwei Jahre in der Zukunft liegen.",
                              "The start may lie at most two years ahead."});
    ok = false;
  }
  if (*end <= *start) {
    fields.add("when.end",
               {"Das Ende muss nach dem Beginn liegen.", "The end must come after the start."});
    ok = false;
  } else if (*end - *start > domain::max_shift_seconds) {
    fields.add("when.end", {"Ein Termin dauert höchstens sieben Tage.",
                            "An appointment lasts at most seven days."});
    ok = false;
  }
  if (ok) {
    request.starts_at = start;
    request.ends_at = end;
  }
}

// The end of the repetition: after the first time and at most a year from now, like the
// weekly rule of a need; only for a recurring request.
void read_repeat_until(Fields& fields, const json::object& body, domain::HelpRequest& request,
                       bool named, std::int64_t now) {
  if (!named) {
    if (request.recurrence == "once") request.repeat_until.reset();
    return;
  }
  const auto* v = find_value(body, "repeatUntil");
  if (v == nullptr) {
    request.repeat_until.reset();
    return;
  }
  std::optional<std::int64_t> day;
  if (v->is_string()) day = domain::parse_iso_date(std::string_view(v->as_string()));
  if (!day) {
    fields.add("repeatUntil", {"Bitte geben Sie ein Datum an, z. B. 2027-03-31.",
                               "Please give a date, e.g. 2027-03-31."});
    return;
  }
  if (request.recurrence == "once") {
    fields.add("repeatUntil",
               {"Ein Ende der Wiederholung gibt es nur bei „weekly“ oder „daily“.",
                "An end of the repetition only applies to \"weekly\" or \"daily\"."});
    return;
  }
  if (!domain::valid_repeat_until(*day, request.starts_at.value_or(now), now)) {
    fields.add("repeatUntil",
               {"Das Ende der Wiederholung muss nach dem ersten Termin und höchstens ein Jahr "
                "in der Zukunft liegen.",
                "The repetition must end after the first appointment and at most one year "
                "from now."});
    return;
  }
  request.repeat_until = day;
}

}  // namespace

HelpRequestBodyParts body_parts(const json::object& body) {
  HelpRequestBodyParts parts;
  for (const char* name :
       {"summary", "category", "area", "location", "when", "recurrence", "repeatUntil"}) {
    parts.public_fields = parts.public_fields || body.contains(name);
  }
  parts.private_fields = body.contains("caller") || body.contains("details");
  parts.location = body.contains("location");
  parts.area = body.contains("area");
  return parts;
}

bool plausible_phone(std::string_view phone) {
  std::size_t characters = 0;
  int digits = 0;
  for (unsigned char ch : phone) {
    if (std::string_view("+0123456789 /()-").find(static_cast<char>(ch)) ==
        std::string_view::npos) {
      return false;
    }
    ++characters;
    digits += ch >= '0' && ch <= '9';
  }
  return characters >= 3 && characters <= 40 && digits >= 3;
}

bool read_help_request_fields(Fields& fields, const json::object& body,
                              domain::HelpRequest& request, bool partial, std::int64_t now) {
  if (partial) {
    reject_unknown(fields, body,
                   {"caller", "summary", "details", "category", "area", "location", "when",
                    "recurrence", "repeatUntil"},
                   "");
  } else {
    reject_unknown(fields, body,
                   {"caller", "summary", "details", "category", "area", "location", "when",
                    "recurrence", "repeatUntil", "publish"},
                   "");
  }
  auto wanted = [&](const char* name) { return !partial || fields.present(name); };
  if (wanted("caller")) read_caller(fields, body, request, partial);
  if (wanted("summary")) {
    if (auto v = fields.string("summary", {.max_length = 500})) request.summary = *v;
  }
  if (wanted("details")) {
    request.details = non_empty(fields.string("details", {.required = false, .max_length = 2000}));
  }
  if (wanted("category")) {
    if (auto v = fields.string("category", {.max_length = 100})) {
      if (domain::valid_need_category(*v)) {
        request.category = *v;
      } else {
        fields.add("category",
                   {"Diese Kategorie gibt es nicht. Erlaubt sind: " + category_list() + ".",
                    "There is no such category. Allowed values: " + category_list() + "."});
      }
    }
  }
  if (wanted("area")) {
    if (auto v = fields.string("area", {.max_length = 100})) request.area = *v;
  }
  if (wanted("location")) {
    auto point = fields.point("location", false);
    if (point) {
      request.point = domain::GeoPoint{point->first, point->second};
    } else if (find_value(body, "location") == nullptr) {
      request.point.reset();
    }
    if (const auto* v = find_value(body, "location"); v != nullptr && v->is_object()) {
      reject_unknown(fields, v->as_object(), {"lat", "lon"}, "location.");
    }
  }
  if (wanted("when")) read_when(fields, body, request, now);
  if (wanted("recurrence")) {
    if (find_value(body, "recurrence") == nullptr) {
      request.recurrence = "once";
    } else if (auto v = fields.choice("recurrence", {"once", "weekly", "daily"})) {
      request.recurrence = *v;
    }
  }
  read_repeat_until(fields, body, request, fields.present("repeatUntil"), now);
  bool publish = false;
  if (!partial) {
    if (const auto* v = find_value(body, "publish")) {
      if (v->is_bool()) {
        publish = v->as_bool();
      } else {
        fields.add("publish",
                   {"Hier wird true oder false erwartet.", "true or false is expected here."});
      }
    }
    if (publish && !request.starts_at && !find_value(body, "when")) {
      fields.add("when", {"Zum Veröffentlichen geben Sie bitte an, wann Hilfe gebraucht wird.",
                          "To publish, please say when help is needed."});
    }
  }
  return publish;
}

}  // namespace hk::api

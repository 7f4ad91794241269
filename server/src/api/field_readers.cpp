#include "api/field_readers.hpp"

#include "domain/berlin_time.hpp"
#include "domain/need.hpp"

namespace hk::api {

const json::value* find_value(const json::object& o, const char* name) {
  auto it = o.find(name);
  return it == o.end() || it->value().is_null() ? nullptr : &it->value();
}

std::optional<std::int64_t> read_instant(Fields& fields, const json::object& o, const char* name,
                                         const std::string& field, bool required) {
  const auto* v = find_value(o, name);
  if (v == nullptr) {
    if (required) fields.add(field, {"Dieses Feld ist erforderlich.", "This field is required."});
    return std::nullopt;
  }
  std::optional<std::int64_t> t;
  if (v->is_string()) t = domain::parse_rfc3339(std::string_view(v->as_string()));
  if (!t) {
    fields.add(field, {"Bitte geben Sie Datum und Uhrzeit mit Zeitzone an, z. B. "
                       "2026-12-03T10:00:00+01:00.",
                       "Please give date and time with a time zone, e.g. "
                       "2026-12-03T10:00:00+01:00."});
  }
  return t;
}

std::string category_list() {
  std::string list;
  for (const auto& c : domain::need_categories()) list += (list.empty() ? "" : ", ") + c;
  return list;
}

}  // namespace hk::api

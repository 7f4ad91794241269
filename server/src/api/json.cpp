#include "api/json.hpp"

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <iterator>

#include "auth/tokens.hpp"
#include "domain/account.hpp"
#include "domain/berlin_time.hpp"

namespace hk::api {

using http::ApiError;

json::object parse_object(const http::Request& request) {
  auto type = request.header("Content-Type").value_or("");
  auto media = type.substr(0, type.find(';'));
  while (!media.empty() && media.back() == ' ') media.remove_suffix(1);
  if (!http::iequals(media, "application/json")) {
    throw ApiError(415, "unsupported-media-type",
                   {"Nicht unterstütztes Format", "Unsupported media type"},
                   {"Bitte senden Sie den Inhalt als application/json.",
                    "Please send the body as application/json."});
  }
  json::parse_options options;
  options.max_depth = 32;
  boost::system::error_code ec;
  json::value v = json::parse(request.body, ec, {}, options);
  if (ec) throw http::malformed_json(ec.message());
  if (!v.is_object()) throw http::malformed_json("not an object");
  return std::move(v.as_object());
}

json::object parse_optional_object(const http::Request& request) {
  if (request.body.empty()) return {};
  return parse_object(request);
}

namespace {

// Boost.JSON writes 51.9066 as 5.19066E1. Valid, but not what anybody reading the API
// expects, so numbers are written in their shortest plain form instead.
void write_json(std::string& out, const json::value& v) {
  switch (v.kind()) {
    case json::kind::double_: {
      const double d = v.get_double();
      if (std::isfinite(d)) {
        fmt::format_to(std::back_inserter(out), "{}", d);
      } else {
        out += "null";
      }
      return;
    }
    case json::kind::object: {
      out += '{';
      bool first = true;
      for (const auto& member : v.get_object()) {
        if (!first) out += ',';
        first = false;
        out += json::serialize(json::string(member.key()));
        out += ':';
        write_json(out, member.value());
      }
      out += '}';
      return;
    }
    case json::kind::array: {
      out += '[';
      bool first = true;
      for (const auto& element : v.get_array()) {
        if (!first) out += ',';
        first = false;
        write_json(out, element);
      }
      out += ']';
      return;
    }
    default:
      out += json::serialize(v);
  }
}

}  // namespace

json::value text_or_null(const std::optional<std::string>& s) {
  return s ? json::value(*s) : json::value(nullptr);
}

json::value id_or_null(const std::optional<std::int64_t>& id) {
  return id ? json::value(format_id(*id)) : json::value(nullptr);
}

json::value time_or_null(const std::optional<std::int64_t>& t) {
  return t ? json::value(domain::format_rfc3339_utc(*t)) : json::value(nullptr);
}

std::string to_json_text(const json::value& value) {
  std::string out;
  out.reserve(256);
  write_json(out, value);
  return out;
}

http::Response json_response(int status, const json::value& value) {
  return http::Response::json(status, to_json_text(value));
}

std::optional<std::string> Fields::string(const char* name, StringRule rule) {
  auto it = object_.find(name);
  if (it == object_.end() || it->value().is_null()) {
    if (rule.required) add(name, {"Dieses Feld ist erforderlich.", "This field is required."});
    return std::nullopt;
  }
  if (!it->value().is_string()) {
    add(name, {"Hier wird ein Text erwartet.", "A string is expected here."});
    return std::nullopt;
  }
  std::string s(it->value().as_string());
  if (rule.trim) {
    auto b = s.find_first_not_of(" \t\r\n");
    auto e = s.find_last_not_of(" \t\r\n");
    s = b == std::string::npos ? "" : s.substr(b, e - b + 1);
  }
  if (s.empty() && rule.required) {
    add(name, {"Dieses Feld darf nicht leer sein.", "This field must not be empty."});
    return std::nullopt;
  }
  // Limits count characters, not bytes: "ä" is one character in two UTF-8 bytes. The parser
  // has already refused invalid UTF-8.
  std::size_t characters = 0;
  for (unsigned char ch : s) characters += (ch & 0xC0) != 0x80;
  if (characters > rule.max_length) {
    auto n = std::to_string(rule.max_length);
    add(name, {"Höchstens " + n + " Zeichen.", "At most " + n + " characters."});
    return std::nullopt;
  }
  return s;
}

std::optional<std::string> Fields::email(const char* name, bool required) {
  auto s = string(name, {.required = required, .max_length = 254});
  if (!s) return std::nullopt;
  auto normalized = domain::normalize_email(*s);
  if (!domain::plausible_email(normalized)) {
    add(name, {"Bitte geben Sie eine gültige E-Mail-Adresse an.",
               "Please enter a valid e-mail address."});
    return std::nullopt;
  }
  return normalized;
}

bool Fields::present(const char* name) const { return object_.contains(name); }

std::optional<std::string> Fields::choice(const char* name,
                                          std::initializer_list<const char*> options,
                                          bool required) {
  auto s = string(name, {.required = required, .max_length = 100});
  if (!s) return std::nullopt;
  for (const char* option : options) {
    if (*s == option) return s;
  }
  std::string list;
  for (const char* option : options) list += (list.empty() ? "" : ", ") + std::string(option);
  add(name, {"Erlaubt sind: " + list + ".", "Allowed values: " + list + "."});
  return std::nullopt;
}

std::optional<std::int64_t> Fields::id(const char* name, bool required) {
  auto s = string(name, {.required = required, .max_length = 20});
  if (!s) return std::nullopt;
  std::int64_t value = 0;
  auto [end, ec] = std::from_chars(s->data(), s->data() + s->size(), value);
  if (ec != std::errc() || end != s->data() + s->size() || value <= 0) {
    add(name, {"Diese Kennung ist ungültig.", "This id is invalid."});
    return std::nullopt;
  }
  return value;
}

std::optional<std::string> Fields::web_address(const char* name, bool required) {
  auto s = string(name, {.required = required, .max_length = 500});
  if (!s || s->empty()) return std::nullopt;
  bool scheme = s->starts_with("https://") || s->starts_with("http://");
  auto host_start = s->find("://") + 3;
  bool host = scheme && host_start < s->size() && (*s)[host_start] != '/';
  bool clean = s->find_first_of(" \t\r\n<>\"") == std::string::npos;
  if (!scheme || !host || !clean) {
    add(name, {"Bitte geben Sie eine Webadresse an, die mit https:// oder http:// beginnt.",
               "Please enter a web address starting with https:// or http://."});
    return std::nullopt;
  }
  return s;
}

std::optional<std::pair<double, double>> Fields::point(const char* name, bool required) {
  auto it = object_.find(name);
  if (it == object_.end() || it->value().is_null()) {
    if (required) add(name, {"Dieses Feld ist erforderlich.", "This field is required."});
    return std::nullopt;
  }
  if (!it->value().is_object()) {
    add(name, {"Erwartet wird {lat, lon}.", "Expected {lat, lon}."});
    return std::nullopt;
  }
  const auto& o = it->value().as_object();
  auto coordinate = [&](const char* part, double limit) -> std::optional<double> {
    auto field = std::string(name) + "." + part;
    auto v = o.find(part);
    if (v == o.end() || !v->value().is_number()) {
      add(field, {"Hier wird eine Zahl erwartet.", "A number is expected here."});
      return std::nullopt;
    }
    auto d = v->value().to_number<double>();
    if (!(d >= -limit && d <= limit)) {
      auto l = std::to_string(static_cast<int>(limit));
      add(field, {"Erlaubt sind Werte von -" + l + " bis " + l + ".",
                  "Allowed values are -" + l + " to " + l + "."});
      return std::nullopt;
    }
    return d;
  };
  auto lat = coordinate("lat", 90);
  auto lon = coordinate("lon", 180);
  if (!lat || !lon) return std::nullopt;
  return std::make_pair(*lat, *lon);
}

void Fields::add(std::string field, http::Text message) {
  errors_.push_back({std::move(field), std::move(message)});
}

void Fields::done() {
  if (!errors_.empty()) throw http::validation_failed(errors_);
}

std::string encode_cursor(std::int64_t last_id) {
  // Opaque to clients; "i" + id leaves room for other kinds of cursor later.
  return "i" + std::to_string(last_id);
}

json::value next_cursor(std::size_t returned, int limit, std::int64_t last_id) {
  if (returned < static_cast<std::size_t>(limit)) return nullptr;
  return json::value(encode_cursor(last_id));
}

Page parse_page(const http::Request& request) {
  Page page;
  std::vector<http::FieldError> errors;
  if (auto v = request.query_param("limit")) {
    int n = 0;
    auto [p, ec] = std::from_chars(v->data(), v->data() + v->size(), n);
    if (ec != std::errc{} || p != v->data() + v->size() || n < 1 || n > 100) {
      errors.push_back(
          {"limit", {"Eine ganze Zahl von 1 bis 100.", "A whole number from 1 to 100."}});
    } else {
      page.limit = n;
    }
  }
  if (auto v = request.query_param("cursor"); v && !v->empty()) {
    std::int64_t id = 0;
    bool ok = v->size() > 1 && (*v)[0] == 'i';
    if (ok) {
      auto [p, ec] = std::from_chars(v->data() + 1, v->data() + v->size(), id);
      ok = ec == std::errc{} && p == v->data() + v->size() && id >= 0;
    }
    if (!ok) {
      errors.push_back({"cursor", {"Dieser Cursor ist ungültig.", "This cursor is invalid."}});
    } else {
      page.after_id = id;
    }
  }
  if (!errors.empty()) throw http::validation_failed(std::move(errors));
  return page;
}

std::int64_t parse_id(const std::string& text) {
  std::int64_t id = 0;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc{} || p != text.data() + text.size() || id <= 0) throw http::not_found();
  return id;
}

std::string format_id(std::int64_t id) { return std::to_string(id); }

}  // namespace hk::api

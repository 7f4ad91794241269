#include "http/problem.hpp"

#include <boost/json.hpp>
#include <cstdlib>

namespace hk::http {

ApiError::ApiError(int status_, std::string code_, Text title_, Text detail_,
                   std::vector<FieldError> errors_)
    : std::runtime_error(code_ + ": " + detail_.en),
      status(status_),
      code(std::move(code_)),
      title(std::move(title_)),
      detail(std::move(detail_)),
      errors(std::move(errors_)) {}

ApiError not_found() {
  return ApiError(
      404, "not-found", {"Nicht gefunden", "Not found"},
      {"Die angefragte Ressource gibt es nicht.", "The requested resource does not exist."});
}

ApiError unauthorized() {
  return ApiError(401, "unauthorized", {"Nicht angemeldet", "Not logged in"},
                  {"Bitte melden Sie sich an.", "Please log in."});
}

ApiError forbidden() {
  return ApiError(403, "forbidden", {"Nicht erlaubt", "Forbidden"},
                  {"Dazu sind Sie nicht berechtigt.", "You are not allowed to do this."});
}

ApiError malformed_json(const std::string& why) {
  return ApiError(400, "malformed-json", {"Ungültiges JSON", "Malformed JSON"},
                  {"Der Inhalt der Anfrage ist kein gültiges JSON-Objekt (" + why + ").",
                   "The request body is not a valid JSON object (" + why + ")."});
}

ApiError validation_failed(std::vector<FieldError> errors) {
  return ApiError(422, "validation", {"Ungültige Angaben", "Invalid input"},
                  {"Einige Angaben sind ungültig. Bitte prüfen Sie die markierten Felder.",
                   "Some fields are invalid. Please check the marked fields."},
                  std::move(errors));
}

ApiError payload_too_large(std::size_t limit) {
  auto kib = std::to_string(limit / 1024);
  return ApiError(413, "payload-too-large", {"Anfrage zu groß", "Payload too large"},
                  {"Der Inhalt der Anfrage ist größer als " + kib + " KiB.",
                   "The request body is larger than " + kib + " KiB."});
}

ApiError overloaded() {
  ApiError e(503, "overloaded", {"Server ausgelastet", "Server overloaded"},
             {"Der Server ist gerade ausgelastet. Bitte versuchen Sie es gleich noch einmal.",
              "The server is busy right now. Please try again in a moment."});
  e.headers.emplace_back("Retry-After", "1");
  return e;
}

ApiError unavailable() {
  ApiError e(503, "unavailable", {"Vorübergehend nicht verfügbar", "Temporarily unavailable"},
             {"Die Datenbank ist gerade nicht erreichbar. Bitte versuchen Sie es gleich noch "
              "einmal.",
              "The database cannot be reached right now. Please try again in a moment."});
  e.headers.emplace_back("Retry-After", "1");
  return e;
}

Response problem_response(const ApiError& error, const std::string& language,
                          const std::string& instance) {
  boost::json::object o;
  o["type"] = "urn:helferkarte:problem:" + error.code;
  o["title"] = error.title.in(language);
  o["status"] = error.status;
  o["detail"] = error.detail.in(language);
  if (!instance.empty()) o["instance"] = instance;
  if (!error.errors.empty()) {
    boost::json::array list;
    for (const auto& f : error.errors) {
      list.push_back(boost::json::object{{"field", f.field}, {"message", f.message.in(language)}});
    }
    o["errors"] = std::move(list);
  }
  Response r = Response::text(error.status, boost::json::serialize(o), "application/problem+json");
  r.set_header("Content-Language", language);
  for (const auto& [k, v] : error.headers) r.set_header(k, v);
  return r;
}

std::string negotiate_language(std::string_view header) {
  // Picks the highest-q of de/en; ties go to the one listed first. Unknown ranges are ignored.
  double best_q = -1;
  std::string best = "de";
  while (!header.empty()) {
    auto comma = header.find(',');
    auto item = header.substr(0, comma);
    header = comma == std::string_view::npos ? std::string_view{} : header.substr(comma + 1);
    auto semi = item.find(';');
    auto tag = item.substr(0, semi);
    while (!tag.empty() && tag.front() == ' ') tag.remove_prefix(1);
    while (!tag.empty() && tag.back() == ' ') tag.remove_suffix(1);
    double q = 1.0;
    if (semi != std::string_view::npos) {
      auto params = item.substr(semi + 1);
      auto qpos = params.find("q=");
      if (qpos != std::string_view::npos) {
        std::string qs(params.substr(qpos + 2));
        char* end = nullptr;
        q = std::strtod(qs.c_str(), &end);
        if (end == qs.c_str()) q = 0;
      }
    }
    std::string primary(tag.substr(0, tag.find('-')));
    for (auto& c : primary) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if ((primary == "de" || primary == "en") && q > best_q) {
      best_q = q;
      best = primary;
    }
  }
  return best;
}

}  // namespace hk::http

#include "domain/barrier_report.hpp"

#include <stdexcept>

namespace hk::domain {

std::string barrier_reporter_line(const BarrierReport& report, const std::string& language) {
  bool de = language == "de";
  if (!de && language != "en") throw std::logic_error("unknown language " + language);
  const auto& name = report.name;
  const auto& email = report.email;
  if (email) {
    auto who = name ? *name + " <" + *email + ">" : *email;
    return (de ? "Gemeldet von: " : "Reported by: ") + who +
           (de ? "\nSie können der Person auf diese E-Mail antworten."
               : "\nYou can reply to them at this address.");
  }
  if (name) {
    return (de ? "Gemeldet von: " : "Reported by: ") + *name +
           (de ? " (ohne E-Mail-Adresse, eine Antwort ist nicht möglich)"
               : " (no e-mail address given, so no reply is possible)");
  }
  return de ? "Die meldende Person hat keine Kontaktdaten angegeben."
            : "The reporter gave no contact details.";
}

std::string barrier_audit_label(const std::string& page) {
  constexpr std::size_t max_characters = 200;
  std::string out;
  std::size_t characters = 0;
  for (std::size_t i = 0; i < page.size(); ++i) {
    auto ch = static_cast<unsigned char>(page[i]);
    bool starts_character = (ch & 0xC0) != 0x80;
    if (starts_character && characters == max_characters) {
      out += "…";
      break;
    }
    characters += starts_character;
    out += ch < 0x20 || ch == 0x7F ? ' ' : page[i];
  }
  return out;
}

bool is_single_line(const std::string& text) {
  for (unsigned char ch : text) {
    if (ch < 0x20 || ch == 0x7F) return false;
  }
  // U+2028 and U+2029 break lines too.
  return text.find("\u2028") == std::string::npos && text.find("\u2029") == std::string::npos;
}

}  // namespace hk::domain

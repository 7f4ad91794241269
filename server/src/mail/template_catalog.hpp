#pragma once

#include <string>
#include <vector>

namespace hk::mail::catalog {

// The texts of the mails, one file per area; mail/templates.cpp renders them.
struct Text {
  const char* subject;
  const char* body;  // {name} marks a parameter
};

struct Template {
  const char* id;
  std::vector<std::string> params;
  Text de;
  Text en;
  // Why the person gets the mail, shown under the closing.
  const char* why_de = nullptr;
  const char* why_en = nullptr;
};

// Why coordinators get what waits for their review (a group's application, a need).
inline constexpr const char* why_coordinator_de =
    "Sie erhalten diese E-Mail, weil Sie die Helferkarte für Ihre Gemeinde\n"
    "koordinieren.";
inline constexpr const char* why_coordinator_en =
    "You are receiving this e-mail because you coordinate Helferkarte for\n"
    "your municipality.";

std::vector<Template> need_templates();      // mail/need_templates.cpp
std::vector<Template> signup_templates();    // mail/signup_templates.cpp
std::vector<Template> reminder_templates();  // mail/reminder_templates.cpp
std::vector<Template> hotline_templates();   // mail/hotline_templates.cpp
std::vector<Template> barrier_templates();   // mail/barrier_templates.cpp

}  // namespace hk::mail::catalog

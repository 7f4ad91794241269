#include "mail/template_catalog.hpp"

namespace hk::mail::catalog {

// A "Barriere melden" report for the coordinators and the municipality's contact address.
// {page} and {reporter} are the reporter's own words (one line each, the reporter line built
// by domain::barrier_reporter_line); {description} may span several lines.
std::vector<Template> barrier_templates() {
  return {
      {"barrier_report",
       {"municipality", "page", "description", "reporter"},
       {"Barriere gemeldet: Helferkarte {municipality}",
        R"(Guten Tag,

auf der Helferkarte {municipality} hat jemand eine Barriere gemeldet.

Seite: {page}

Beschreibung:
{description}

{reporter}

Bitte prüfen Sie die Meldung und beheben Sie die Barriere oder erklären
Sie, warum das nicht möglich ist.
)"},
       {"Accessibility barrier reported: Helferkarte {municipality}",
        R"(Hello,

someone reported an accessibility barrier on Helferkarte {municipality}.

Page: {page}

Description:
{description}

{reporter}

Please look into the report and remove the barrier, or explain why that
is not possible.
)"},
       "Sie erhalten diese E-Mail, weil Sie die Helferkarte für Ihre Gemeinde\n"
       "koordinieren oder Ihre Adresse dort als Kontakt der Kommune steht.",
       "You are receiving this e-mail because you coordinate Helferkarte for\n"
       "your municipality or your address is its contact address there."},
  };
}

}  // namespace hk::mail::catalog

#include "mail/template_catalog.hpp"

namespace hk::mail::catalog {

namespace {

// Why the people get these mails, shown under the closing.
constexpr const char* why_group_de =
    "Sie erhalten diese E-Mail, weil Sie die Gruppe auf der Helferkarte\n"
    "verwalten oder das Gesuch eingestellt haben.";
constexpr const char* why_group_en =
    "You are receiving this e-mail because you manage the group on\n"
    "Helferkarte or posted the need.";
constexpr const char* why_participant_de =
    "Sie erhalten diese E-Mail, weil Sie sich für dieses Gesuch auf der\n"
    "Helferkarte angemeldet haben.";
constexpr const char* why_participant_en =
    "You are receiving this e-mail because you signed up for this need on\n"
    "Helferkarte.";

}  // namespace

// Lines stay below 72 characters, links stand alone on their line (see mail/templates.cpp).
std::vector<Template> need_templates() {
  return {
      {"need_submitted",
       {"need", "organization", "link"},
       {"Neues Gesuch zur Prüfung: {need}",
        R"(Guten Tag,

„{organization}“ hat ein neues Gesuch auf der Helferkarte eingestellt:
„{need}“. Es ist erst öffentlich zu sehen, wenn Sie es freigeben.
Bitte prüfen Sie es:

{link}
)"},
       {"New need to review: {need}",
        R"(Hello,

"{organization}" has posted a new need on Helferkarte: "{need}". It
becomes public only once you release it. Please review it:

{link}
)"},
       why_coordinator_de,
       why_coordinator_en},

      {"need_approved",
       {"name", "need", "link"},
       {"Ihr Gesuch „{need}“ ist freigegeben",
        R"(Guten Tag {name},

Ihr Gesuch „{need}“ wurde von der Koordination freigegeben und ist
jetzt öffentlich zu sehen. Freiwillige können sich ab sofort anmelden:

{link}
)"},
       {"Your need \"{need}\" has been released",
        R"(Hello {name},

your need "{need}" has been released by the coordinators and is now
publicly visible. Volunteers can sign up from now on:

{link}
)"},
       why_group_de,
       why_group_en},

      {"need_rejected",
       {"name", "need", "reason"},
       {"Ihr Gesuch „{need}“ wurde nicht freigegeben",
        R"(Guten Tag {name},

leider hat die Koordination Ihr Gesuch „{need}“ nicht freigegeben.
Sie schreibt dazu:

{reason}

Bei Fragen wenden Sie sich bitte an die Koordination Ihrer Gemeinde.
)"},
       {"Your need \"{need}\" was not released",
        R"(Hello {name},

unfortunately the coordinators did not release your need "{need}".
They wrote:

{reason}

If you have questions, please contact the coordinators of your
municipality.
)"},
       why_group_de,
       why_group_en},

      {"need_changed",
       {"name", "need", "link"},
       {"Geänderter Ort: {need}",
        R"(Guten Tag {name},

beim Gesuch „{need}“, für das Sie sich angemeldet haben, hat sich der
Ort geändert. Bitte sehen Sie sich die neuen Angaben an:

{link}

Wenn Sie nun doch nicht kommen können, melden Sie sich dort bitte ab,
damit jemand anderes Ihren Platz bekommt.
)"},
       {"Changed location: {need}",
        R"(Hello {name},

the location of the need "{need}" you signed up for has changed.
Please have a look at the new details:

{link}

If you can no longer come, please leave the shift there so that
somebody else can take your place.
)"},
       why_participant_de,
       why_participant_en},

      {"need_cancelled",
       {"name", "need", "reason"},
       {"Abgesagt: {need}",
        R"(Guten Tag {name},

das Gesuch „{need}“, für das Sie sich angemeldet haben, wurde von der
Gruppe abgesagt. Sie schreibt dazu:

{reason}

Sie müssen nichts weiter tun. Vielen Dank für Ihre Bereitschaft!
)"},
       {"Cancelled: {need}",
        R"(Hello {name},

the need "{need}" you signed up for has been cancelled by the group.
They wrote:

{reason}

There is nothing more you need to do. Thank you for offering your
help!
)"},
       why_participant_de,
       why_participant_en},

      {"shift_changed",
       {"name", "need", "when", "link"},
       {"Neue Zeit: {need}",
        R"(Guten Tag {name},

die Schicht für „{need}“, für die Sie sich angemeldet haben, findet
jetzt zu dieser Zeit statt:

{when}

Alle Angaben zum Gesuch:

{link}

Wenn Sie zur neuen Zeit nicht können, melden Sie sich dort bitte ab,
damit jemand anderes Ihren Platz bekommt.
)"},
       {"New time: {need}",
        R"(Hello {name},

the shift of "{need}" you signed up for now takes place at this time:

{when}

All details of the need:

{link}

If the new time does not suit you, please leave the shift there so
that somebody else can take your place.
)"},
       why_participant_de,
       why_participant_en},

      {"shift_cancelled",
       {"name", "need", "when"},
       {"Schicht abgesagt: {need}",
        R"(Guten Tag {name},

diese Schicht für „{need}“, für die Sie sich angemeldet haben, wurde
von der Gruppe gestrichen:

{when}

Ihre Anmeldung dafür ist damit erledigt; Sie müssen nichts weiter tun.

Vielen Dank für Ihre Bereitschaft!
)"},
       {"Shift cancelled: {need}",
        R"(Hello {name},

this shift of "{need}" you signed up for has been removed by the
group:

{when}

Your sign-up for it has ended; there is nothing more you need to do.

Thank you for offering your help!
)"},
       why_participant_de,
       why_participant_en},
  };
}

}  // namespace hk::mail::catalog

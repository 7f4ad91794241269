#include "mail/template_catalog.hpp"

namespace hk::mail::catalog {

namespace {

constexpr const char* why_helper_de =
    "Sie erhalten diese E-Mail, weil Sie über die Helferkarte Ihre Hilfe\n"
    "für eine Anfrage des Hilfetelefons angeboten haben.";
constexpr const char* why_helper_en =
    "You are receiving this e-mail because you offered your help for a\n"
    "hotline request on Helferkarte.";

}  // namespace

// The mails of the hotline. Only help_request_matched carries the caller's contact (and goes
// to the matched helper alone); every other one names the request by its public title. Lines
// stay below 72 characters, links stand alone. {caller_address} is empty or one line with
// its line end, {details} empty or a block starting with a blank line.
std::vector<Template> hotline_templates() {
  return {
      {"help_request_matched",
       {"name", "need", "area", "when", "caller_name", "caller_phone", "caller_address", "details",
        "hotline", "link"},
       {"Sie helfen: {need}",
        R"(Guten Tag {name},

vielen Dank für Ihr Angebot! Die Koordination hat Sie für diese
Hilfeanfrage vermittelt:

{need}
Gebiet: {area}
Wann: {when}

So erreichen Sie die Person, der Sie helfen:

Name: {caller_name}
Telefon: {caller_phone}
{caller_address}{details}
Bitte rufen Sie bald an und sprechen Sie alles Weitere ab. Bitte geben
Sie diese Angaben nicht weiter. Alles zur Hilfeanfrage finden Sie auch
hier:

{link}

{hotline}
)"},
       {"You are helping: {need}",
        R"(Hello {name},

thank you for your offer! The coordinators have matched you with this
help request:

{need}
Area: {area}
When: {when}

This is how to reach the person you are helping:

Name: {caller_name}
Phone: {caller_phone}
{caller_address}{details}
Please call soon and agree on everything else. Please do not pass these
details on. Everything about the request is also here:

{link}

{hotline}
)"},
       why_helper_de,
       why_helper_en},

      {"help_request_declined",
       {"name", "need", "link"},
       {"Vielen Dank für Ihr Angebot: {need}",
        R"(Guten Tag {name},

vielen Dank für Ihr Angebot zu dieser Anfrage des Hilfetelefons:

{need}

Diesmal hilft schon jemand anderes; Sie müssen nichts weiter tun.

Vielleicht passt ein anderes Gesuch in Ihrer Nähe:

{link}
)"},
       {"Thank you for your offer: {need}",
        R"(Hello {name},

thank you for offering to help with this hotline request:

{need}

This time someone else is already helping; there is nothing more you
need to do.

Perhaps another need near you suits you:

{link}
)"},
       why_helper_de,
       why_helper_en},

      {"help_request_unmatched",
       {"name", "need"},
       {"Vermittlung aufgehoben: {need}",
        R"(Guten Tag {name},

die Koordination hat Ihre Vermittlung für diese Anfrage des
Hilfetelefons aufgehoben:

{need}

Ihre Termine dafür sind ausgetragen; Sie müssen nichts weiter tun.

Vielen Dank für Ihre Bereitschaft zu helfen!
)"},
       {"Match ended: {need}",
        R"(Hello {name},

the coordinators have ended your match for this hotline request:

{need}

Your times for it have been removed; there is nothing more you need to
do.

Thank you very much for your willingness to help!
)"},
       why_helper_de,
       why_helper_en},

      {"help_request_closed",
       {"name", "need", "outcome"},
       {"Abgeschlossen: {need}",
        R"(Guten Tag {name},

zur Anfrage des Hilfetelefons

{need}

{outcome}

Sie müssen nichts weiter tun.
)"},
       {"Closed: {need}",
        R"(Hello {name},

about the hotline request

{need}

{outcome}

There is nothing more you need to do.
)"},
       why_helper_de,
       why_helper_en},

      {"help_request_offer",
       {"name", "volunteer", "need", "link"},
       {"Neues Hilfsangebot: {need}",
        R"(Guten Tag {name},

{volunteer} bietet Hilfe für diese Anfrage des Hilfetelefons an:

{need}

Bitte vermitteln Sie auf der Seite der Hilfeanfrage:

{link}
)"},
       {"New offer of help: {need}",
        R"(Hello {name},

{volunteer} offers to help with this hotline request:

{need}

Please match them on the help request's page:

{link}
)"},
       why_coordinator_de,
       why_coordinator_en},

      {"help_request_helper_left",
       {"name", "volunteer", "need", "link"},
       {"Hilfe abgesagt: {need}",
        R"(Guten Tag {name},

{volunteer} hat sich aus allen kommenden Terminen dieser Anfrage des
Hilfetelefons ausgetragen:

{need}

Die Vermittlung ist damit aufgehoben; die Anfrage sucht wieder Hilfe.
Bitte vermitteln Sie neu:

{link}
)"},
       {"Help withdrawn: {need}",
        R"(Hello {name},

{volunteer} has left every coming time of this hotline request:

{need}

The match has ended and the request is looking for help again. Please
match someone new:

{link}
)"},
       why_coordinator_de,
       why_coordinator_en},
  };
}

}  // namespace hk::mail::catalog

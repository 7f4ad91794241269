#include "mail/template_catalog.hpp"

namespace hk::mail::catalog {

// The mails the background jobs send. Lines stay below 72 characters, links stand alone.
std::vector<Template> reminder_templates() {
  return {
      {"signup_reminder",
       {"name", "need", "when", "place", "confirm_link", "cancel_link", "link"},
       {"Erinnerung: {need} – {when}",
        R"(Guten Tag {name},

wir erinnern Sie an Ihren Einsatz:

{need}
Wann: {when}
Wo: {place}

Bitte sagen Sie kurz Bescheid, ob Sie kommen. Hier können Sie Ihre
Teilnahme bestätigen:

{confirm_link}

Falls Sie doch nicht können, sagen Sie bitte hier ab, damit jemand
anderes Ihren Platz bekommt:

{cancel_link}

Alle Angaben zum Gesuch finden Sie hier:

{link}
)"},
       {"Reminder: {need} – {when}",
        R"(Hello {name},

this is a reminder of your engagement:

{need}
When: {when}
Where: {place}

Please let the group know whether you are coming. Confirm here:

{confirm_link}

If you cannot make it after all, please cancel here so that someone
else can take your place:

{cancel_link}

All details of the need are here:

{link}
)"},
       "Sie erhalten diese E-Mail, weil Sie für diesen Einsatz fest\n"
       "eingeplant sind. Die Links gelten bis zum Beginn des Einsatzes.",
       "You are receiving this e-mail because you have a confirmed place\n"
       "for this engagement. The links are valid until it begins."},

      {"need_expiring",
       {"name", "need", "when", "link"},
       {"Noch niemand fest eingeplant: {need}",
        R"(Guten Tag {name},

für Ihr Gesuch „{need}“ hat bisher niemand einen festen Platz. Der
letzte Termin ist bald:

{when}

Vielleicht hilft es, das Gesuch zu ergänzen, den Termin zu verschieben
oder es über Ihre Kanäle weiterzugeben. Hier können Sie es bearbeiten:

{link}
)"},
       {"Nobody confirmed yet: {need}",
        R"(Hello {name},

nobody has a confirmed place in your need "{need}" yet. Its last date
is coming up soon:

{when}

It may help to add details, move the date or share the need through
your own channels. You can edit it here:

{link}
)"},
       "Sie erhalten diese E-Mail, weil Sie das Gesuch angelegt haben oder\n"
       "die Gruppe verwalten. Wir senden sie für jedes Gesuch nur einmal.",
       "You are receiving this e-mail because you created the need or manage\n"
       "the group. We send it only once for each need."},
  };
}

}  // namespace hk::mail::catalog

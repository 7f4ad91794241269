#include "mail/template_catalog.hpp"

namespace hk::mail::catalog {

namespace {

constexpr const char* why_volunteer_de =
    "Sie erhalten diese E-Mail, weil Sie sich auf der Helferkarte für diesen\n"
    "Einsatz angemeldet haben.";
constexpr const char* why_volunteer_en =
    "You are receiving this e-mail because you signed up for this\n"
    "engagement on Helferkarte.";

}  // namespace

// The mails around a sign-up. Lines stay below 72 characters, links stand alone. {reason} of
// signup_declined is either empty or ends with a blank line; {contact} ends with a line end.
std::vector<Template> signup_templates() {
  return {
      {"signup_confirmed",
       {"name", "need", "organization", "when", "place", "link"},
       {"Sie sind dabei: {need}",
        R"(Guten Tag {name},

vielen Dank für Ihre Anmeldung! Ihr Platz ist fest eingeplant:

{need}
Gruppe: {organization}
Wann: {when}
Wo: {place}

Den Termin für Ihren Kalender finden Sie im Anhang. Falls Sie doch nicht
können, melden Sie sich bitte auf der Seite des Gesuchs wieder ab, damit
jemand anderes Ihren Platz bekommt:

{link}
)"},
       {"You're in: {need}",
        R"(Hello {name},

thank you for signing up! Your place is confirmed:

{need}
Group: {organization}
When: {when}
Where: {place}

The appointment for your calendar is attached. If you cannot make it
after all, please leave on the need's page so that someone else can
take your place:

{link}
)"},
       why_volunteer_de,
       why_volunteer_en},

      {"signup_waitlisted",
       {"name", "need", "when", "link"},
       {"Warteliste: {need}",
        R"(Guten Tag {name},

vielen Dank für Ihre Anmeldung! Die Schicht ist im Moment voll, deshalb
stehen Sie auf der Warteliste:

{need}
Wann: {when}

Sobald ein Platz frei wird, rücken Sie der Reihe nach auf. Dann
bekommen Sie eine E-Mail mit dem Termin. Die Seite des Gesuchs:

{link}
)"},
       {"Waitlist: {need}",
        R"(Hello {name},

thank you for signing up! The shift is full at the moment, so you are
on the waitlist:

{need}
When: {when}

As soon as a place becomes free, people move up in turn. You will then
receive an e-mail with the appointment. The need's page:

{link}
)"},
       why_volunteer_de,
       why_volunteer_en},

      {"signup_requested",
       {"name", "need", "when", "link"},
       {"Ihre Anfrage: {need}",
        R"(Guten Tag {name},

vielen Dank für Ihr Interesse! Bei diesem Gesuch entscheidet die Gruppe
selbst, wer mitmacht. Ihre Anfrage ist dort angekommen:

{need}
Wann: {when}

Sobald die Gruppe entschieden hat, bekommen Sie eine E-Mail. Die Seite
des Gesuchs:

{link}
)"},
       {"Your request: {need}",
        R"(Hello {name},

thank you for your interest! For this need the group decides who takes
part. Your request has reached them:

{need}
When: {when}

You will receive an e-mail as soon as the group has decided. The need's
page:

{link}
)"},
       why_volunteer_de,
       why_volunteer_en},

      {"signup_request_received",
       {"name", "volunteer", "need", "when", "link"},
       {"Neue Anfrage: {need}",
        R"(Guten Tag {name},

{volunteer} möchte bei Ihrem Gesuch mitmachen:

{need}
Wann: {when}

Bitte nehmen Sie die Anfrage an oder lehnen Sie sie ab:

{link}
)"},
       {"New request: {need}",
        R"(Hello {name},

{volunteer} would like to help with your need:

{need}
When: {when}

Please accept or decline the request:

{link}
)"},
       "Sie erhalten diese E-Mail, weil Sie die Gruppe verwalten oder das\n"
       "Gesuch eingestellt haben.",
       "You are receiving this e-mail because you manage the group or posted\n"
       "the need."},

      {"signup_accepted",
       {"name", "need", "organization", "when", "place", "link"},
       {"Zusage: {need}",
        R"(Guten Tag {name},

gute Nachricht: {organization} hat Ihre Anfrage angenommen. Ihr Platz
ist fest eingeplant:

{need}
Wann: {when}
Wo: {place}

Den Termin für Ihren Kalender finden Sie im Anhang. Falls Sie doch nicht
können, melden Sie sich bitte auf der Seite des Gesuchs wieder ab:

{link}
)"},
       {"Accepted: {need}",
        R"(Hello {name},

good news: {organization} has accepted your request. Your place is
confirmed:

{need}
When: {when}
Where: {place}

The appointment for your calendar is attached. If you cannot make it
after all, please leave on the need's page:

{link}
)"},
       why_volunteer_de,
       why_volunteer_en},

      {"signup_declined",
       {"name", "need", "when", "reason"},
       {"Absage: {need}",
        R"(Guten Tag {name},

vielen Dank für Ihr Interesse. Leider kann die Gruppe Sie für diese
Schicht nicht einplanen:

{need}
Wann: {when}

{reason}Auf der Helferkarte finden Sie viele weitere Gesuche, bei denen
Ihre Hilfe willkommen ist.
)"},
       {"Not this time: {need}",
        R"(Hello {name},

thank you for your interest. Unfortunately the group cannot include you
in this shift:

{need}
When: {when}

{reason}On Helferkarte you will find many other needs where your help is
welcome.
)"},
       why_volunteer_de,
       why_volunteer_en},

      {"signup_promoted",
       {"name", "need", "organization", "when", "place", "link"},
       {"Sie sind nachgerückt: {need}",
        R"(Guten Tag {name},

auf der Warteliste sind Sie nachgerückt: Ihr Platz ist jetzt fest
eingeplant.

{need}
Gruppe: {organization}
Wann: {when}
Wo: {place}

Den Termin für Ihren Kalender finden Sie im Anhang. Falls Sie nicht mehr
können, melden Sie sich bitte auf der Seite des Gesuchs ab, damit die
nächste Person nachrücken kann:

{link}
)"},
       {"You have moved up: {need}",
        R"(Hello {name},

you have moved up from the waitlist: your place is now confirmed.

{need}
Group: {organization}
When: {when}
Where: {place}

The appointment for your calendar is attached. If you can no longer
make it, please leave on the need's page so that the next person can
move up:

{link}
)"},
       "Sie erhalten diese E-Mail, weil Sie auf der Warteliste für diesen\n"
       "Einsatz standen.",
       "You are receiving this e-mail because you were on the waitlist for\n"
       "this engagement."},

      {"need_message",
       {"name", "need", "organization", "subject", "body", "contact"},
       {"{organization}: {subject}",
        R"(Guten Tag {name},

{organization} schreibt Ihnen zum Gesuch „{need}“:

{subject}

{body}

So erreichen Sie die Gruppe:

{contact})"},
       {"{organization}: {subject}",
        R"(Hello {name},

{organization} writes to you about the need "{need}":

{subject}

{body}

This is how to reach the group:

{contact})"},
       "Sie erhalten diese E-Mail, weil Sie für dieses Gesuch angemeldet\n"
       "sind oder auf der Warteliste stehen.",
       "You are receiving this e-mail because you signed up for this need\n"
       "or are on its waitlist."},
  };
}

}  // namespace hk::mail::catalog

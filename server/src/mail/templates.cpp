#include "mail/templates.hpp"

#include <stdexcept>

#include "mail/template_catalog.hpp"

namespace hk::mail {

namespace {

using catalog::Template;
using catalog::Text;

// The closing and the line under it are the same in every mail.
constexpr const char* closing_de = "\nFreundliche Grüße\nIhre Helferkarte\n";
constexpr const char* closing_en = "\nKind regards\nYour Helferkarte team\n";

// Lines stay below 72 characters, links stand alone on their line, so that no mail
// program breaks them.
std::vector<Template> account_templates() {
  return {
      {"verify_email",
       {"name", "link"},
       {"Bitte bestätigen Sie Ihre E-Mail-Adresse",
        R"(Guten Tag {name},

vielen Dank für Ihre Registrierung bei der Helferkarte. Bitte bestätigen
Sie Ihre E-Mail-Adresse, indem Sie diesen Link öffnen:

{link}

Der Link ist 48 Stunden lang gültig.
)"},
       {"Please confirm your e-mail address",
        R"(Hello {name},

thank you for registering with Helferkarte. Please confirm your e-mail
address by opening this link:

{link}

The link is valid for 48 hours.
)"}},

      {"already_registered",
       {"name", "login_link", "reset_link"},
       {"Sie haben bereits ein Konto bei der Helferkarte",
        R"(Guten Tag {name},

mit dieser E-Mail-Adresse wollte gerade jemand – vermutlich Sie – ein
neues Konto bei der Helferkarte anlegen. Für diese Adresse gibt es aber
schon ein Konto.

Hier können Sie sich anmelden:

{login_link}

Falls Sie Ihr Passwort vergessen haben, legen Sie hier ein neues fest:

{reset_link}
)"},
       {"You already have a Helferkarte account",
        R"(Hello {name},

someone – probably you – just tried to create a new Helferkarte account
with this e-mail address. There already is an account for it.

You can log in here:

{login_link}

If you have forgotten your password, you can set a new one here:

{reset_link}
)"}},

      {"password_reset",
       {"name", "link"},
       {"Neues Passwort für die Helferkarte",
        R"(Guten Tag {name},

Sie haben ein neues Passwort für Ihr Konto bei der Helferkarte
angefordert. Über diesen Link können Sie es festlegen:

{link}

Der Link ist eine Stunde lang gültig und funktioniert nur einmal.
)"},
       {"A new password for Helferkarte",
        R"(Hello {name},

you asked for a new password for your Helferkarte account. You can set
it by opening this link:

{link}

The link is valid for one hour and works only once.
)"}},

      {"password_changed",
       {"name", "reset_link"},
       {"Ihr Passwort wurde geändert",
        R"(Guten Tag {name},

das Passwort Ihres Kontos bei der Helferkarte wurde soeben geändert.
Auf anderen Geräten sind Sie dadurch abgemeldet.

Wenn Sie das selbst waren, ist nichts weiter zu tun.

Wenn nicht, legen Sie bitte sofort über diesen Link ein neues Passwort
fest:

{reset_link}
)"},
       {"Your password has been changed",
        R"(Hello {name},

the password of your Helferkarte account has just been changed. You
have been logged out on other devices.

If that was you, there is nothing else to do.

If it was not, please set a new password right away using this link:

{reset_link}
)"}},

      {"role_granted",
       {"name", "role_label", "scope", "link"},
       {"Neue Rolle auf der Helferkarte: {role_label}",
        R"(Guten Tag {name},

Sie haben auf der Helferkarte die Rolle „{role_label}“ für „{scope}“
erhalten. Hier geht es direkt dorthin:

{link}
)"},
       {"New role on Helferkarte: {role_label}",
        R"(Hello {name},

you have been given the role "{role_label}" for "{scope}" on
Helferkarte. This link takes you there:

{link}
)"}},

      {"role_invitation",
       {"role_label", "scope", "link", "inviter"},
       {"Einladung zur Helferkarte",
        R"(Guten Tag,

{inviter} lädt Sie ein, auf der Helferkarte die Rolle „{role_label}“
für „{scope}“ zu übernehmen.

Um die Einladung anzunehmen, legen Sie bitte mit dieser E-Mail-Adresse
ein Konto an und bestätigen Sie die Adresse. Die Rolle gehört Ihnen
dann sofort:

{link}

Die Einladung ist 30 Tage lang gültig.
)"},
       {"Invitation to Helferkarte",
        R"(Hello,

{inviter} invites you to take on the role "{role_label}" for "{scope}"
on Helferkarte.

To accept, please create an account with this e-mail address and
confirm the address. The role is then yours at once:

{link}

The invitation is valid for 30 days.
)"}},

      {"organization_received",
       {"name", "organization", "municipality"},
       {"Ihr Antrag für „{organization}“ ist eingegangen",
        R"(Guten Tag {name},

vielen Dank! Ihr Antrag, „{organization}“ auf der Helferkarte für
{municipality} einzutragen, ist bei uns eingegangen.

Die Koordination vor Ort prüft ihn jetzt. Sobald er entschieden ist,
erhalten Sie eine E-Mail.
)"},
       {"Your application for \"{organization}\" has arrived",
        R"(Hello {name},

thank you! Your application to list "{organization}" on Helferkarte
for {municipality} has arrived.

The local coordinators will now review it. You will receive an e-mail
as soon as it has been decided.
)"}},

      {"organization_submitted",
       {"organization", "municipality", "link"},
       {"Neuer Antrag: {organization}",
        R"(Guten Tag,

für {municipality} hat sich eine Organisation auf der Helferkarte
angemeldet: „{organization}“. Bitte prüfen Sie den Antrag:

{link}
)"},
       {"New application: {organization}",
        R"(Hello,

an organisation has applied to be listed on Helferkarte for
{municipality}: "{organization}". Please review the application:

{link}
)"}},

      {"organization_approved",
       {"name", "organization", "link"},
       {"„{organization}“ ist freigeschaltet",
        R"(Guten Tag {name},

gute Nachrichten: „{organization}“ ist auf der Helferkarte
freigeschaltet. Sie verwalten die Organisation ab sofort und können
Bedarfe eintragen:

{link}
)"},
       {"\"{organization}\" has been approved",
        R"(Hello {name},

good news: "{organization}" has been approved on Helferkarte. From now
on you manage the organisation and can post needs:

{link}
)"}},

      {"organization_rejected",
       {"name", "organization", "reason"},
       {"Ihr Antrag für „{organization}“ wurde abgelehnt",
        R"(Guten Tag {name},

leider wurde Ihr Antrag, „{organization}“ auf der Helferkarte
einzutragen, abgelehnt. Die Koordination schreibt dazu:

{reason}

Bei Fragen wenden Sie sich bitte an die Koordination Ihrer Gemeinde.
)"},
       {"Your application for \"{organization}\" was declined",
        R"(Hello {name},

unfortunately your application to list "{organization}" on
Helferkarte was declined. The coordinators wrote:

{reason}

If you have questions, please contact the coordinators of your
municipality.
)"}},

      {"organization_suspended",
       {"name", "organization", "reason"},
       {"„{organization}“ wurde vorübergehend gesperrt",
        R"(Guten Tag {name},

„{organization}“ wurde auf der Helferkarte vorübergehend gesperrt. Die
Bedarfe der Organisation sind bis auf Weiteres nicht öffentlich zu
sehen. Die Koordination schreibt dazu:

{reason}

Bei Fragen wenden Sie sich bitte an die Koordination Ihrer Gemeinde.
)"},
       {"\"{organization}\" has been suspended",
        R"(Hello {name},

"{organization}" has been suspended on Helferkarte for the time being.
Its needs are not publicly visible until further notice. The
coordinators wrote:

{reason}

If you have questions, please contact the coordinators of your
municipality.
)"}},

      {"organization_reinstated",
       {"name", "organization", "link"},
       {"„{organization}“ ist wieder freigeschaltet",
        R"(Guten Tag {name},

„{organization}“ ist auf der Helferkarte wieder freigeschaltet. Die
Bedarfe der Organisation sind wieder öffentlich zu sehen:

{link}
)"},
       {"\"{organization}\" is listed again",
        R"(Hello {name},

"{organization}" is listed on Helferkarte again. Its needs are publicly
visible once more:

{link}
)"}},
  };
}

const std::vector<Template>& templates() {
  static const std::vector<Template> all = [] {
    std::vector<Template> list = account_templates();
    for (auto part :
         {catalog::need_templates(), catalog::signup_templates(), catalog::reminder_templates(),
          catalog::hotline_templates(), catalog::barrier_templates()}) {
      list.insert(list.end(), part.begin(), part.end());
    }
    return list;
  }();
  return all;
}

// Why the person gets the mail; shown under the closing.
const char* reason_note(const Template& t, bool de) {
  if (t.why_de != nullptr) return de ? t.why_de : t.why_en;
  const std::string id = t.id;
  if (id == "verify_email")
    return de ? "Sie erhalten diese E-Mail, weil mit dieser Adresse ein Konto bei der\n"
                "Helferkarte angelegt wurde. Falls Sie das nicht waren, können Sie\n"
                "diese E-Mail einfach ignorieren."
              : "You are receiving this e-mail because an account was created on\n"
                "Helferkarte with this address. If that was not you, simply ignore\n"
                "this e-mail.";
  if (id == "already_registered")
    return de ? "Sie erhalten diese E-Mail, weil mit Ihrer Adresse eine Registrierung\n"
                "versucht wurde. Falls Sie das nicht waren, können Sie diese E-Mail\n"
                "ignorieren; an Ihrem Konto hat sich nichts geändert."
              : "You are receiving this e-mail because someone tried to register with\n"
                "your address. If that was not you, simply ignore this e-mail; your\n"
                "account has not changed.";
  if (id == "password_reset")
    return de ? "Sie erhalten diese E-Mail, weil für Ihre Adresse ein neues Passwort\n"
                "angefordert wurde. Falls Sie das nicht waren, können Sie diese E-Mail\n"
                "ignorieren; Ihr bisheriges Passwort bleibt gültig."
              : "You are receiving this e-mail because a new password was requested\n"
                "for your address. If that was not you, simply ignore this e-mail;\n"
                "your current password stays valid.";
  if (id == "password_changed")
    return de ? "Sie erhalten diese E-Mail, damit Ihnen keine Änderung Ihres\n"
                "Passworts entgeht."
              : "You are receiving this e-mail so that no change of your password\n"
                "goes unnoticed.";
  if (id == "role_granted")
    return de ? "Sie erhalten diese E-Mail, weil Ihnen jemand diese Rolle gegeben hat.\n"
                "Falls Sie damit nicht gerechnet haben, wenden Sie sich bitte an die\n"
                "Person, die Sie eingetragen hat."
              : "You are receiving this e-mail because someone gave you this role. If\n"
                "you did not expect it, please contact the person who added you.";
  if (id == "role_invitation")
    return de ? "Sie erhalten diese E-Mail, weil jemand Ihre Adresse eingetragen hat.\n"
                "Wenn Sie die Einladung nicht annehmen möchten, müssen Sie nichts tun."
              : "You are receiving this e-mail because someone entered your address.\n"
                "If you do not want to accept the invitation, you need not do anything.";
  if (id == "organization_received" || id == "organization_rejected")
    return de ? "Sie erhalten diese E-Mail, weil Sie diesen Antrag gestellt haben."
              : "You are receiving this e-mail because you submitted this application.";
  if (id == "organization_submitted")
    return de ? catalog::why_coordinator_de : catalog::why_coordinator_en;
  if (id == "organization_approved")
    return de ? "Sie erhalten diese E-Mail, weil Sie die Organisation angemeldet haben."
              : "You are receiving this e-mail because you registered the organisation.";
  // organization_suspended, organization_reinstated
  return de ? "Sie erhalten diese E-Mail, weil Sie die Organisation auf der\n"
              "Helferkarte verwalten."
            : "You are receiving this e-mail because you manage the organisation on\n"
              "Helferkarte.";
}

const Template& find(const std::string& id) {
  for (const auto& t : templates()) {
    if (id == t.id) return t;
  }
  throw std::logic_error("mail template '" + id + "' does not exist");
}

// One pass, so that a parameter value containing "{...}" stays as it is.
std::string fill(const Template& t, const std::string& text,
                 const std::map<std::string, std::string>& params) {
  std::string out;
  out.reserve(text.size() + 128);
  std::size_t pos = 0;
  while (pos < text.size()) {
    auto open = text.find('{', pos);
    if (open == std::string::npos) {
      out.append(text, pos);
      break;
    }
    auto close = text.find('}', open);
    if (close == std::string::npos) {
      throw std::logic_error(std::string("mail template '") + t.id + "' has an unclosed {");
    }
    out.append(text, pos, open - pos);
    auto name = text.substr(open + 1, close - open - 1);
    bool declared = false;
    for (const auto& p : t.params) declared = declared || p == name;
    if (!declared) {
      throw std::logic_error(std::string("mail template '") + t.id + "' uses undeclared {" + name +
                             "}");
    }
    out += params.at(name);
    pos = close + 1;
  }
  return out;
}

}  // namespace

Rendered render(const std::string& template_id, const std::string& language,
                const std::map<std::string, std::string>& params) {
  const auto& t = find(template_id);
  if (language != "de" && language != "en") {
    throw std::logic_error("mail language '" + language + "' is neither de nor en");
  }
  for (const auto& p : t.params) {
    if (!params.contains(p)) {
      throw std::logic_error("mail template '" + template_id + "' needs the parameter '" + p + "'");
    }
  }
  bool de = language == "de";
  const auto& text = de ? t.de : t.en;
  Rendered out;
  out.subject = fill(t, text.subject, params);
  out.body = fill(t, text.body, params) + (de ? closing_de : closing_en) + "\n" +
             reason_note(t, de) + "\n";
  return out;
}

std::vector<std::string> template_ids() {
  std::vector<std::string> ids;
  for (const auto& t : templates()) ids.emplace_back(t.id);
  return ids;
}

const std::vector<std::string>& template_params(const std::string& template_id) {
  return find(template_id).params;
}

}  // namespace hk::mail

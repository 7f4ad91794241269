#include "domain/privacy_notice.hpp"

#include <string>

#include "domain/account.hpp"

namespace hk::domain {

namespace {

// "nach 7 Tagen", "nach einem Tag": the dative after "nach" and "von".
std::string after_days(int days) {
  return days == 1 ? "nach einem Tag" : "nach " + std::to_string(days) + " Tagen";
}

constexpr int seconds_per_day = 24 * 3600;

std::string controller(const Municipality& m) {
  return "1. Verantwortlich\n\n"
         "Verantwortlich für die Verarbeitung Ihrer Daten auf dieser Helferkarte ist:\n\n" +
         m.name + "\nE-Mail: " + m.contact_email +
         "\n\n"
         "Die Postanschrift und, soweit benannt, die Kontaktdaten der oder des "
         "Datenschutzbeauftragten finden Sie im Impressum. Die Helferkarte ist eine Software, "
         "mit der die Kommune ehrenamtliche Hilfe vermittelt; sie wird für die Kommune "
         "betrieben.\n\n";
}

std::string processing(const PrivacyFacts& facts) {
  std::string text =
      "2. Welche Daten wir verarbeiten und warum\n\n"
      "Benutzerkonto: Ihre E-Mail-Adresse, Ihr Name, Ihre Sprache und Ihr Passwort. Das "
      "Passwort wird nur als Prüfwert (Hash) gespeichert, niemand kann es lesen. Wir brauchen "
      "diese Angaben, damit Sie sich anmelden und über Ihre Einsätze informiert werden "
      "können.\n\n"
      "Anmeldungen zu Einsätzen: für welchen Einsatz und welche Schicht Sie sich gemeldet "
      "haben und in welchem Stand die Anmeldung ist; freiwillig Ihr Geburtsjahr (wenn eine "
      "Gruppe ein Mindestalter braucht) und eine Nachricht an die Gruppe. So kann die Gruppe "
      "den Einsatz planen.\n\n"
      "Stunden: ob Sie teilgenommen haben und wie viele Stunden die Gruppe Ihnen bestätigt "
      "hat. Daraus entsteht Ihre Übersicht über Ihr Engagement, und die Gruppe und die "
      "Kommune sehen, wie viel ehrenamtliche Arbeit geleistet wurde.\n\n"
      "Gruppen und Gesuche: was Sie als Mitglied einer Gruppe anlegen, etwa Gesuche mit einer "
      "Kontaktperson. Diese Angaben sind öffentlich, weil Helfende sie finden sollen.\n\n"
      "E-Mails: Bestätigungen und Benachrichtigungen werden über einen E-Mail-Server "
      "versendet. Ihr Text wird bis zum Versand und danach für eine begrenzte Zeit "
      "gespeichert (siehe Abschnitt 4).\n\n"
      "Cookies: Die Helferkarte setzt nur ein einziges Cookie, das Sitzungs-Cookie "
      "„hk_session“, und nur, wenn Sie sich anmelden. Es hält Sie angemeldet und ist dafür "
      "technisch notwendig. Es gibt keine Analyse- oder Werbe-Cookies, kein Tracking und "
      "keine Profilbildung. Ihre Einstellungen zur Darstellung (Schriftgröße, Kontrast) "
      "bleiben nur in Ihrem Browser.\n\n"
      "Suche: Wenn Sie in der Nähe eines Ortes oder Ihres Standorts suchen, wird diese "
      "Position nur für die Beantwortung dieser einen Anfrage verwendet. Sie wird weder "
      "gespeichert noch protokolliert.\n\n"
      "Protokolle: Die Protokolle des Servers enthalten die aufgerufene Adresse ohne "
      "Suchparameter, die Antwort und die Dauer, aber keine IP-Adressen. Zum Schutz vor "
      "Missbrauch, etwa zu vielen Anmeldeversuchen, zählt der Server Anfragen je IP-Adresse "
      "nur im Arbeitsspeicher; diese Zählung wird nicht gespeichert.\n\n"
      "Änderungsprotokoll: Was Koordination und Gruppen verwalten (zum Beispiel eine Gruppe "
      "freigeben oder eine Rolle vergeben), wird mit Name, Zeitpunkt und Anlass protokolliert, "
      "damit Entscheidungen nachvollziehbar bleiben.\n\n"
      "Hilfetelefon: Wenn Sie beim Hilfetelefon der Kommune anrufen, erfasst die Koordination "
      "Ihren Namen, Ihre Telefonnummer, auf Wunsch Ihre Anschrift und wobei Sie Hilfe "
      "brauchen, um Ihnen eine Helferin oder einen Helfer zu vermitteln. Öffentlich erscheinen "
      "nur die Art der Hilfe, das Gebiet und ein ungefährer Ort, mindestens 300 Meter von "
      "Ihrer Anschrift entfernt.\n\n"
      "Barriere melden: Wenn Sie eine Barriere melden, werden die Seite, Ihre Beschreibung "
      "und, falls Sie sie angeben, Ihr Name und Ihre E-Mail-Adresse per E-Mail an die "
      "Koordination und die Kontaktadresse der Kommune geschickt, damit sie die Barriere "
      "beheben und Ihnen antworten kann.\n\n";
  if (facts.map_tile_host.empty()) {
    text +=
        "Keine Dritten: Die Seiten laden nichts von anderen Servern, keine Schriften, keine "
        "Karten und keine Statistikdienste. Ihre Daten werden nicht verkauft und nicht zu "
        "Werbezwecken weitergegeben.\n\n";
  } else {
    text += "Kartenbilder: Die Kartenbilder werden vom Server „" + facts.map_tile_host +
            "“ geladen. Dabei erfährt dieser Server, wie bei jedem Abruf einer Webseite, Ihre "
            "IP-Adresse und welchen Kartenausschnitt Ihr Browser anzeigt. Sonst laden die "
            "Seiten nichts von anderen Servern. Ihre Daten werden nicht verkauft und nicht zu "
            "Werbezwecken weitergegeben.\n\n";
  }
  return text;
}

std::string visibility() {
  return "3. Wer was sieht\n\n"
         "Öffentlich sind die Gruppen, ihre Gesuche mit der Kontaktperson und die Schichten "
         "mit der Zahl der freien Plätze, aber nie, wer sich gemeldet hat.\n\n"
         "Die Mitglieder einer Gruppe sehen, wer sich für die Gesuche ihrer Gruppe gemeldet "
         "hat: Name, E-Mail-Adresse, Stand der Anmeldung, Geburtsjahr und Nachricht, falls "
         "angegeben, sowie Teilnahme und Stunden.\n\n"
         "Die Koordination der Kommune sieht die Gruppen und ihre Gesuche, das "
         "Änderungsprotokoll und die Anfragen des Hilfetelefons, aber nicht, wer sich für "
         "einen Einsatz gemeldet hat.\n\n"
         "Wer über das Hilfetelefon vermittelt wird, erhält den Namen, die Telefonnummer und, "
         "falls angegeben, die Anschrift der anrufenden Person, um sie zu erreichen. Sonst "
         "sieht diese Angaben nur die Koordination.\n\n";
}

std::string retention(const PrivacyFacts& facts) {
  std::string text =
      "4. Wie lange wir Daten speichern\n\n"
      "Ihr Konto mit Ihren Anmeldungen und Stunden bleibt bestehen, bis Sie es löschen. Beim "
      "Löschen werden Ihre früheren Anmeldungen anonymisiert: Die Zahl der Einsätze und "
      "Stunden bleibt für die Statistik der Gruppen erhalten, aber ohne Bezug zu Ihrer "
      "Person.\n\n";
  text += facts.unverified_account_days > 0
              ? "Konten, deren E-Mail-Adresse nie bestätigt wurde, werden " +
                    after_days(facts.unverified_account_days) + " gelöscht.\n\n"
              : "Konten, deren E-Mail-Adresse nie bestätigt wurde, werden derzeit nicht "
                "automatisch gelöscht.\n\n";
  text += facts.token_days > 0
              ? "Links zum Bestätigen der E-Mail-Adresse und zum Zurücksetzen des Passworts "
                "sind höchstens 48 Stunden gültig und werden " +
                    after_days(facts.token_days) +
                    " nach ihrem Ablauf oder ihrer Verwendung gelöscht.\n\n"
              : "Links zum Bestätigen der E-Mail-Adresse und zum Zurücksetzen des Passworts "
                "sind höchstens 48 Stunden gültig; abgelaufene Links werden derzeit nicht "
                "automatisch gelöscht.\n\n";
  auto idle = std::to_string(session_idle_seconds / seconds_per_day);
  auto absolute = std::to_string(session_absolute_seconds / seconds_per_day);
  text += "Eine Sitzung endet mit der Abmeldung, nach " + idle +
          " Tagen ohne Nutzung, spätestens aber nach " + absolute + " Tagen. ";
  text += facts.session_days > 0
              ? "Abgelaufene Sitzungen werden " + after_days(facts.session_days) + " gelöscht.\n\n"
              : "Abgelaufene Sitzungen werden derzeit nicht automatisch gelöscht.\n\n";
  text += facts.mail_body_days > 0
              ? "Versendete E-Mails werden " + after_days(facts.mail_body_days) +
                    " samt ihrem Text aus dem Postausgang gelöscht.\n\n"
              : "Versendete E-Mails bleiben derzeit im Postausgang gespeichert.\n\n";
  text += facts.hotline_retention_days > 0
              ? "Die Angaben von Anrufenden des Hilfetelefons (Name, Telefonnummer, Anschrift "
                "und Einzelheiten) werden " +
                    after_days(facts.hotline_retention_days) +
                    " nach Abschluss der Anfrage gelöscht.\n\n"
              : "Die Angaben von Anrufenden des Hilfetelefons (Name, Telefonnummer, Anschrift "
                "und Einzelheiten) werden gelöscht, sobald die Anfrage abgeschlossen ist.\n\n";
  return text;
}

std::string rights(const Municipality& m) {
  return "5. Ihre Rechte\n\n"
         "Auskunft und Datenübertragbarkeit (Art. 15 und 20 DSGVO): Unter „Meine Daten“ sehen "
         "Sie alle Daten, die die Helferkarte über Sie gespeichert hat, und können sie als "
         "Datei herunterladen.\n\n"
         "Berichtigung (Art. 16 DSGVO): Ihren Namen und Ihre Sprache ändern Sie selbst in "
         "Ihrem Profil. Für alles andere wenden Sie sich an die Kommune.\n\n"
         "Löschung (Art. 17 DSGVO): Unter „Meine Daten“ können Sie mit „Konto löschen“ Ihr "
         "Konto jederzeit selbst löschen.\n\n"
         "Einschränkung der Verarbeitung und Widerspruch (Art. 18 und 21 DSGVO): Schreiben Sie "
         "dazu an " +
         m.contact_email +
         ".\n\n"
         "Beschwerde (Art. 77 DSGVO): Sie können sich bei einer Datenschutz-Aufsichtsbehörde "
         "beschweren, zum Beispiel bei der oder dem Landesbeauftragten für den Datenschutz "
         "Ihres Bundeslandes.\n";
}

}  // namespace

std::string default_privacy_notice(const Municipality& m, const PrivacyFacts& facts) {
  return "Datenschutzerklärung der Helferkarte " + m.name + "\n\n" + controller(m) +
         processing(facts) + visibility() + retention(facts) + rights(m);
}

std::string url_host(const std::string& url) {
  auto scheme = url.find("://");
  if (scheme == std::string::npos) return "";
  auto start = scheme + 3;
  auto end = url.find_first_of("/?#", start);
  auto authority = url.substr(start, end == std::string::npos ? std::string::npos : end - start);
  // Credentials never belong in the notice.
  if (auto at = authority.rfind('@'); at != std::string::npos) authority.erase(0, at + 1);
  // "{s}.tile.example.org:8080" keeps its port out; an IPv6 literal keeps its brackets.
  if (!authority.empty() && authority.front() != '[') {
    if (auto colon = authority.find(':'); colon != std::string::npos) authority.erase(colon);
  } else if (auto close = authority.find(']'); close != std::string::npos) {
    authority.erase(close + 1);
  }
  // Leaflet's subdomain placeholder: the servers behind it share the rest of the name.
  if (authority.starts_with("{s}.")) authority.erase(0, 4);
  return authority;
}

}  // namespace hk::domain

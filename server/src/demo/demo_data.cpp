#include "demo/demo_data.hpp"

#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "auth/password.hpp"
#include "demo/demo_engagements.hpp"
#include "demo/demo_hotline.hpp"
#include "domain/berlin_time.hpp"
#include "storage/help_requests.hpp"
#include "storage/search.hpp"

namespace hk::demo {
namespace {

using storage::Connection;
using storage::Value;

Value int_value(std::int64_t v) { return Value(v); }
Value bool_value(bool b) { return Value(std::int64_t{b ? 1 : 0}); }
Value text_value(std::string_view s) { return Value(std::string(s)); }
Value opt_text_value(const char* s) { return s ? text_value(s) : storage::null(); }

// ---------------------------------------------------------------------------------------------
// The municipality

constexpr double kCenterLat = 51.9066;
constexpr double kCenterLon = 8.3785;

constexpr const char* kImprint =
    "Stadt Gütersloh\n"
    "Der Bürgermeister\n"
    "Berliner Straße 70, 33330 Gütersloh\n"
    "Telefon: 05241 82-2424 (Ehrenamtstelefon)\n"
    "E-Mail: ehrenamt@guetersloh.example\n\n"
    "Die Stadt Gütersloh ist eine Körperschaft des öffentlichen Rechts. Sie wird gesetzlich "
    "vertreten durch den Bürgermeister. Inhaltlich verantwortlich für die Hilfsgesuche sind die "
    "jeweils veröffentlichenden Organisationen.\n\n"
    "Hinweis: Dies ist eine Demo-Installation von Helferkarte. Alle Personen, Adressen und "
    "Hilfsgesuche sind erfunden.";

constexpr const char* kPrivacy =
    "Datenschutz bei der Helferkarte Gütersloh\n\n"
    "Verantwortlich ist die Stadt Gütersloh, Berliner Straße 70, 33330 Gütersloh. Wir "
    "verarbeiten nur die Daten, die für die Vermittlung von Ehrenamt nötig sind: Ihre "
    "E-Mail-Adresse, Ihren Anzeigenamen und die Einsätze, für die Sie sich anmelden. Ihr "
    "Standort wird nur für die Suche verwendet und nicht gespeichert. Es gibt keine Werbung, "
    "kein Tracking und keine Weitergabe an Dritte; gesetzt wird nur das technisch notwendige "
    "Sitzungs-Cookie. Ihre Kontaktdaten sehen nur die Organisationen, bei deren Einsätzen Sie "
    "sich angemeldet haben.\n\n"
    "Sie können Ihre Daten jederzeit unter „Mein Konto“ herunterladen und Ihr Konto löschen. "
    "Bei Fragen erreichen Sie unsere Datenschutzbeauftragte unter "
    "datenschutz@guetersloh.example. Sie haben das Recht, sich bei der Landesbeauftragten für "
    "Datenschutz und Informationsfreiheit Nordrhein-Westfalen zu beschweren.";

// ---------------------------------------------------------------------------------------------
// Organisations

struct OrgSpec {
  const char* key = nullptr;
  const char* name = nullptr;
  const char* kind = nullptr;
  const char* email = nullptr;
  const char* website = nullptr;
  const char* address = nullptr;
  const char* description = nullptr;
};

// Applications that the demo coordinator has not decided yet.
struct PendingSpec {
  const char* name;
  const char* kind;
  const char* description;
  const char* email;
  const char* website;
  const char* address;
  const char* applicant;
  int days_ago;
};

const PendingSpec kPendingApplications[] = {
    {"Nachbarschaftshilfe Kattenstroth", "initiative",
     "Nachbarinnen und Nachbarn helfen einander: Einkäufe, kleine Reparaturen, ein Gespräch am "
     "Gartenzaun. Wir möchten unsere Hilfe über die Helferkarte auch neuen Leuten im Viertel "
     "anbieten.",
     "kontakt@nachbarschaft-kattenstroth.example", nullptr,
     "Kattenstrother Weg 12, 33334 Gütersloh", "Jonas Becker", 2},
    {"Schachfreunde Avenwedde e.V.", "verein",
     "Schachverein mit Jugendgruppe. Wir suchen Helferinnen und Helfer für Turniere und für den "
     "Schachnachmittag im Seniorenzentrum.",
     "vorstand@schach-avenwedde.example", "https://schach-avenwedde.example",
     "Avenwedder Straße 301, 33335 Gütersloh", "Ingrid Maas", 1},
};

const OrgSpec kOrgs[] = {
    {.key = "drk",
     .name = "DRK Kreisverband Gütersloh e.V.",
     .kind = "hilfsorganisation",
     .email = "ehrenamt@drk-guetersloh.example",
     .website = "https://www.drk-guetersloh.example",
     .address = "Moltkestraße 10, 33330 Gütersloh",
     .description =
         "Das Deutsche Rote Kreuz im Kreis Gütersloh: Sanitäts- und Betreuungsdienst, "
         "Katastrophenschutz, Blutspende, Kleiderkammer, Seniorenarbeit und Jugendrotkreuz. Viele "
         "Ehrenamtliche engagieren sich bei uns – vom Blutspendetermin bis zur "
         "Notunterkunft. Wir freuen uns über jede helfende Hand, auch ohne Vorkenntnisse."},
    {.key = "malteser",
     .name = "Malteser Hilfsdienst e.V. Gütersloh",
     .kind = "hilfsorganisation",
     .email = "ehrenamt@malteser-guetersloh.example",
     .website = "https://www.malteser-guetersloh.example",
     .address = "Kirchstraße 14, 33330 Gütersloh",
     .description =
         "Die Malteser in Gütersloh bieten Besuchs- und Telefonbesuchsdienste gegen Einsamkeit, "
         "Integrationsarbeit mit Geflüchteten, Erste-Hilfe-Ausbildung und Katastrophenschutz. "
         "Ehrenamtliche werden bei uns gut eingearbeitet und begleitet."},
    {.key = "johanniter",
     .name = "Johanniter-Unfall-Hilfe e.V., Ortsverband Gütersloh",
     .kind = "hilfsorganisation",
     .email = "ortsverband.guetersloh@johanniter.example",
     .website = "https://www.johanniter-guetersloh.example",
     .address = "Carl-Miele-Straße 24, 33332 Gütersloh",
     .description =
         "Wir Johanniter engagieren uns in Gütersloh und Umgebung im Sanitätsdienst, im "
         "Bevölkerungsschutz, in der Begleitung älterer und behinderter Menschen sowie bei "
         "inklusiven Sport- und Freizeitangeboten. Mitmachen können alle ab 16 Jahren."},
    {.key = "tafel",
     .name = "Gütersloher Tafel e.V.",
     .kind = "verein",
     .email = "kontakt@guetersloher-tafel.example",
     .website = nullptr,
     .address = "Bismarckstraße 27, 33330 Gütersloh",
     .description =
         "Die Gütersloher Tafel sammelt überschüssige Lebensmittel bei Supermärkten, Bäckereien "
         "und Erzeugern und gibt sie an Menschen mit wenig Geld weiter. Unsere Ausgabestellen "
         "sind in Gütersloh und Herzebrock-Clarholz. Unsere Arbeit ist "
         "vollständig ehrenamtlich."},
    {.key = "bibliothek",
     .name = "Stadtbibliothek Gütersloh",
     .kind = "einrichtung",
     .email = "info@stadtbibliothek-guetersloh.example",
     .website = "https://www.stadtbibliothek-guetersloh.example",
     .address = "Blessenstätte 1, 33330 Gütersloh",
     .description =
         "Die Stadtbibliothek an der Blessenstätte ist Lernort, Treffpunkt und Kulturort für alle "
         "Generationen. Mit Ehrenamtlichen gestalten wir Vorlesestunden, Lesungen, die "
         "Smartphone-Sprechstunde und Angebote zur Leseförderung."},
    {.key = "tv",
     .name = "TV Isselhorst e.V.",
     .kind = "verein",
     .email = "vorstand@tv-isselhorst.example",
     .website = nullptr,
     .address = "Haller Straße 421, 33334 Gütersloh",
     .description =
         "Unser Turnverein in Isselhorst bietet Kinderturnen, Leichtathletik, "
         "Volleyball, Gesundheitssport und den jährlichen Isselhorster Volkslauf – und wir "
         "suchen immer Menschen, die mit anpacken."},
    {.key = "buergerstiftung",
     .name = "Bürgerstiftung Gütersloh",
     .kind = "einrichtung",
     .email = "engagement@buergerstiftung-guetersloh.example",
     .website = "https://www.buergerstiftung-guetersloh.example",
     .address = "Kökerstraße 5, 33330 Gütersloh",
     .description =
         "Die Bürgerstiftung fördert bürgerschaftliches Engagement in Gütersloh: mit der "
         "Nachbarschaftshilfe, Lernpatenschaften, dem Repair-Café, Umweltprojekten und "
         "Kulturveranstaltungen. Von Bürgerinnen und Bürgern für Bürgerinnen und Bürger."},
    {.key = "jugendparlament",
     .name = "Jugendparlament Gütersloh",
     .kind = "initiative",
     .email = "jugendparlament@guetersloh.example",
     .website = nullptr,
     .address = "Berliner Straße 70, 33330 Gütersloh",
     .description =
         "Das Jugendparlament vertritt die Interessen junger Menschen in Gütersloh gegenüber Rat "
         "und Verwaltung. Wir organisieren Aktionstage, Umweltaktionen und Nachhilfe von "
         "Schülerinnen und Schülern für Schülerinnen und Schüler."},
    {.key = "tierschutz",
     .name = "Tierschutzverein Gütersloh und Umgebung e.V.",
     .kind = "verein",
     .email = "tierheim@tierschutz-guetersloh.example",
     .website = "https://www.tierschutz-guetersloh.example",
     .address = "Brockweg 140, 33334 Gütersloh",
     .description =
         "Der Tierschutzverein betreibt das Tierheim Gütersloh mit Hunden, Katzen und Kleintieren "
         "und unterstützt mit der Tiertafel Tierhalterinnen und Tierhalter mit wenig Geld. "
         "Gassigehen, Streicheleinheiten, Fahrten zum Tierarzt – jede Hilfe zählt."},
};

// ---------------------------------------------------------------------------------------------
// Needs and shifts

constexpr int kDay = 0;  // ShiftSpec::weekday 0: `nth` counts days after today
constexpr int kMon = 1, kTue = 2, kWed = 3, kThu = 4, kFri = 5, kSat = 6, kSun = 7;

// A shift on the `nth` occurrence (1..6) of the ISO `weekday` after today (Berlin date), or,
// with weekday kDay, `nth` (1..42) days after today; from start to end Berlin local time.
struct ShiftSpec {
  int weekday = kDay;
  int nth = 1;
  int start_hour = 0;
  int start_minute = 0;
  int end_hour = 0;
  int end_minute = 0;
  int capacity = 1;
};

struct NeedSpec {
  const char* org = nullptr;
  const char* category = nullptr;
  const char* title = nullptr;
  const char* description = nullptr;
  bool remote = false;
  double lat = 0;
  double lon = 0;
  const char* address = nullptr;
  const char* place = nullptr;
  std::vector<ShiftSpec> shifts = {};
  int min_age = 0;  // 0: none
  bool driving_licence = false;
  bool conduct_certificate = false;
  bool approval = false;
  const char* contact_name = nullptr;
  const char* contact_phone = nullptr;
  const char* contact_email = nullptr;  // nullptr: the organisation's
};

const std::vector<NeedSpec>& needs() {
  static const std::vector<NeedSpec> kNeeds = {
      // ---------------------------------------------------------------- shopping
      {.org = "buergerstiftung",
       .category = "shopping",
       .title = "Einkaufshilfe für Seniorin in Avenwedde gesucht",
       .description =
           "Frau M. (82) lebt allein in Avenwedde und kann seit einer Hüftoperation nicht mehr "
           "selbst einkaufen. Wir suchen jemanden, der einmal pro Woche mit ihrer Einkaufsliste "
           "zum Supermarkt an der Avenwedder Straße geht und die Einkäufe vorbeibringt. Das Geld "
           "bekommen Sie vorab, bitte bringen Sie den Kassenbon mit. Die genaue Adresse erhalten "
           "Sie nach der Zusage.",
       .lat = 51.9162,
       .lon = 8.4405,
       .address = "Avenwedde, 33335 Gütersloh (genaue Adresse nach Zusage)",
       .place = "Gütersloh-Avenwedde",
       .shifts = {{kThu, 1, 10, 0, 11, 30, 1},
                  {kThu, 2, 10, 0, 11, 30, 1},
                  {kThu, 3, 10, 0, 11, 30, 1}},
       .approval = true,
       .contact_name = "Jana Kötter",
       .contact_phone = "05241 99 31 20"},
      {.org = "drk",
       .category = "shopping",
       .title = "Wocheneinkauf für älteres Ehepaar in Kattenstroth",
       .description =
           "Ein Ehepaar (beide über 85) in Kattenstroth braucht Unterstützung beim wöchentlichen "
           "Großeinkauf, auch Getränkekisten. Sie fahren mit Ihrem eigenen Auto zum Markt, die "
           "Fahrtkosten erstatten wir. Ein kurzer Plausch an der Haustür ist sehr willkommen.",
       .lat = 51.8958,
       .lon = 8.4071,
       .address = "Kattenstroth, 33332 Gütersloh (genaue Adresse nach Zusage)",
       .place = "Gütersloh-Kattenstroth",
       .shifts = {{kTue, 1, 15, 0, 16, 30, 1}, {kTue, 2, 15, 0, 16, 30, 1}},
       .driving_licence = true,
       .approval = true,
       .contact_name = "Anke Diekmann",
       .contact_phone = "05241 98 70-14"},
      {.org = "johanniter",
       .category = "shopping",
       .title = "Einkaufsbegleitung für Rollstuhlfahrer in der Innenstadt",
       .description =
           "Herr K. sitzt im Rollstuhl und möchte samstags in der Fußgängerzone selbst einkaufen "
           "– Kleidung, Bücher, ein Kaffee zwischendurch. Er braucht jemanden, der schiebt, Türen "
           "öffnet und an hohe Regale kommt. Treffpunkt ist der Eingang des Rathauses.",
       .lat = 51.9062,
       .lon = 8.3834,
       .address = "Berliner Straße 70, 33330 Gütersloh",
       .place = "Gütersloh-Innenstadt",
       .shifts = {{kSat, 1, 10, 0, 12, 0, 1}, {kSat, 3, 10, 0, 12, 0, 1}},
       .min_age = 18,
       .contact_name = "Sandra Kleinemeier",
       .contact_phone = "05241 50 38 20"},
      {.org = "tafel",
       .category = "shopping",
       .title = "Lieferdienst: Tafel-Tüten zu Menschen bringen, die nicht kommen können",
       .description =
           "Einige unserer Kundinnen und Kunden sind krank oder gehbehindert und können nicht zur "
           "Ausgabe kommen. Sie holen gepackte Tüten an der Bismarckstraße ab und liefern sie mit "
           "dem Auto an fünf bis acht Haushalte im Stadtgebiet aus.",
       .lat = 51.9090,
       .lon = 8.3720,
       .address = "Bismarckstraße 27, 33330 Gütersloh",
       .place = "Gütersloh-Innenstadt",
       .shifts = {{kFri, 1, 13, 0, 15, 0, 2}, {kFri, 2, 13, 0, 15, 0, 2}},
       .driving_licence = true,
       .contact_name = "Heinz Upmann",
       .contact_phone = "05241 23 71 90"},

      // ---------------------------------------------------------------- reading
      {.org = "bibliothek",
       .category = "reading",
       .title = "Vorleserin für den Vorlesetag gesucht",
       .description =
           "Zum Vorlesetag lesen in der Kinderbücherei Ehrenamtliche für Kinder von 4 bis 8 "
           "Jahren vor. Sie suchen sich ein Bilder- oder Kinderbuch aus unserem Bestand aus (gern "
           "beraten wir Sie) und lesen 30 bis 45 Minuten für eine kleine Gruppe. Vorlesende aller "
           "Geschlechter sind herzlich willkommen.",
       .lat = 51.9049,
       .lon = 8.3806,
       .address = "Blessenstätte 1, 33330 Gütersloh",
       .place = "Stadtbibliothek Gütersloh",
       .shifts = {{kFri, 3, 15, 0, 16, 0, 2}, {kFri, 3, 16, 15, 17, 15, 2}},
       .min_age = 16,
       .contact_name = "Julia Overbeck",
       .contact_phone = "05241 21 18-30"},
      {.org = "bibliothek",
       .category = "reading",
       .title = "Vorlesepatinnen und -paten für die Kinderbücherei",
       .description =
           "Jeden Mittwoch ist Vorlesestunde in der Kinderbücherei. Wir suchen Menschen, die "
           "gern und lebendig vorlesen und regelmäßig oder ab und zu eine Stunde übernehmen. "
           "Weil Sie mit Kindern arbeiten, bitten wir um ein erweitertes Führungszeugnis.",
       .lat = 51.9049,
       .lon = 8.3806,
       .address = "Blessenstätte 1, 33330 Gütersloh",
       .place = "Stadtbibliothek Gütersloh",
       .shifts = {{kWed, 1, 16, 0, 17, 0, 2},
                  {kWed, 2, 16, 0, 17, 0, 2},
                  {kWed, 3, 16, 0, 17, 0, 2}},
       .conduct_certificate = true,
       .contact_name = "Julia Overbeck",
       .contact_phone = "05241 21 18-30"},
      {.org = "malteser",
       .category = "reading",
       .title = "Vorlesen im Seniorenzentrum Isselhorst",
       .description =
           "Viele Bewohnerinnen und Bewohner können selbst nicht mehr gut lesen, hören aber gern "
           "Geschichten, Gedichte oder die Lokalzeitung. Lesen Sie eine Stunde in der "
           "Wohnküche vor und bringen Sie gern etwas Zeit für Gespräche mit.",
       .lat = 51.9551,
       .lon = 8.4118,
       .address = "Haller Straße 446, 33334 Gütersloh",
       .place = "Gütersloh-Isselhorst",
       .shifts = {{kMon, 1, 10, 30, 11, 30, 2}, {kMon, 2, 10, 30, 11, 30, 2}},
       .contact_name = "Thomas Wiesbrock",
       .contact_phone = "05241 23 45 60"},

      // ---------------------------------------------------------------- phone
      {.org = "malteser",
       .category = "phone",
       .title = "Telefonpatenschaft: regelmäßig mit einer älteren Person telefonieren",
       .description =
           "Einsamkeit im Alter ist häufiger, als man denkt. Beim Telefonbesuchsdienst rufen Sie "
           "einmal pro Woche zu einer festen Zeit einen älteren Menschen an – zum Plaudern, "
           "Zuhören und Nachfragen. Sie telefonieren von zu Hause; vorab gibt es ein kurzes "
           "Kennenlerngespräch mit uns.",
       .remote = true,
       .place = "Telefonisch",
       .shifts = {{kTue, 1, 17, 0, 18, 0, 5},
                  {kTue, 2, 17, 0, 18, 0, 5},
                  {kTue, 3, 17, 0, 18, 0, 5}},
       .approval = true,
       .contact_name = "Thomas Wiesbrock",
       .contact_phone = "05241 23 45 60"},
      {.org = "drk",
       .category = "phone",
       .title = "Telefonkette gegen Einsamkeit am Wochenende",
       .description =
           "Am Wochenende sind Beratungsstellen geschlossen und der Tag wird für viele lang. In "
           "unserer Telefonkette rufen Sie sonntags vormittags drei bis vier Menschen an, die "
           "sich über einen Anruf freuen. Sie erhalten eine Liste mit Vornamen und Nummern und "
           "eine kurze Einweisung.",
       .remote = true,
       .place = "Telefonisch",
       .shifts = {{kSun, 1, 10, 0, 12, 0, 8}, {kSun, 2, 10, 0, 12, 0, 8}},
       .contact_name = "Anke Diekmann",
       .contact_phone = "05241 98 70-14"},

      // ---------------------------------------------------------------- transport
      {.org = "tafel",
       .category = "transport",
       .title = "Fahrerin oder Fahrer für die Lebensmittelabholung",
       .description =
           "Mit dem Kühlwagen der Tafel holen Sie gemeinsam mit einer Beifahrerin oder einem "
           "Beifahrer Lebensmittelspenden bei Supermärkten und Bäckereien im Stadtgebiet ab. Der "
           "Wagen ist ein Transporter bis 3,5 t, Führerschein Klasse B genügt.",
       .lat = 51.9090,
       .lon = 8.3720,
       .address = "Bismarckstraße 27, 33330 Gütersloh",
       .place = "Gütersloh-Innenstadt",
       .shifts = {{kMon, 1, 8, 0, 11, 0, 1}, {kThu, 1, 8, 0, 11, 0, 1}},
       .min_age = 21,
       .driving_licence = true,
       .contact_name = "Heinz Upmann",
       .contact_phone = "05241 23 71 90"},
      {.org = "johanniter",
       .category = "transport",
       .title = "Begleitfahrten zu Arztterminen in Verl",
       .description =
           "Ältere Menschen ohne Auto brauchen eine Fahrt zur Facharztpraxis und zurück und "
           "jemanden, der im Wartezimmer dabei bleibt. Gefahren wird mit unserem Dienstwagen; "
           "eine Einweisung erhalten Sie vorher.",
       .lat = 51.8841,
       .lon = 8.5163,
       .address = "Hauptstraße 34, 33415 Verl",
       .place = "Verl",
       .shifts = {{kTue, 1, 8, 30, 11, 30, 1}, {kTue, 2, 8, 30, 11, 30, 1}},
       .min_age = 21,
       .driving_licence = true,
       .approval = true,
       .contact_name = "Sandra Kleinemeier",
       .contact_phone = "05241 50 38 20"},
      {.org = "drk",
       .category = "transport",
       .title = "Fahrdienst zum Seniorennachmittag in Herzebrock-Clarholz",
       .description =
           "Zum Seniorennachmittag im Pfarrheim holen wir Gäste, die nicht mehr selbst fahren, zu "
           "Hause ab und bringen sie abends zurück. Sie fahren mit dem eigenen Auto; "
           "Kilometergeld wird erstattet.",
       .lat = 51.8812,
       .lon = 8.2296,
       .address = "Clarholzer Straße 5, 33442 Herzebrock-Clarholz",
       .place = "Herzebrock-Clarholz",
       .shifts = {{kWed, 2, 13, 30, 17, 30, 3}},
       .driving_licence = true,
       .contact_name = "Anke Diekmann",
       .contact_phone = "05241 98 70-14"},

      // ---------------------------------------------------------------- seniors
      {.org = "drk",
       .category = "seniors",
       .title = "Spielenachmittag im Seniorentreff Spexard",
       .description =
           "Rummikub, Mensch ärgere dich nicht und Doppelkopf: Beim Spielenachmittag helfen Sie "
           "beim Kaffeekochen, spielen mit und sorgen dafür, dass niemand allein am Tisch sitzt.",
       .lat = 51.8836,
       .lon = 8.4118,
       .address = "Spexarder Straße 122, 33334 Gütersloh",
       .place = "Gütersloh-Spexard",
       .shifts = {{kWed, 1, 14, 30, 17, 0, 3}, {kWed, 2, 14, 30, 17, 0, 3}},
       .contact_name = "Anke Diekmann",
       .contact_phone = "05241 98 70-14"},
      {.org = "johanniter",
       .category = "seniors",
       .title = "Spaziergangspatinnen und -paten für das Seniorenheim in Blankenhagen",
       .description =
           "Einmal an die frische Luft: Begleiten Sie Bewohnerinnen und Bewohner – teils mit "
           "Rollator oder Rollstuhl – bei einem Spaziergang durch Blankenhagen. Eine kurze "
           "Einweisung im Umgang mit dem Rollstuhl gibt es vor Ort.",
       .lat = 51.9226,
       .lon = 8.3612,
       .address = "Blankenhagener Weg 60, 33330 Gütersloh",
       .place = "Gütersloh-Blankenhagen",
       .shifts = {{kSun, 1, 14, 0, 15, 30, 4}, {kSun, 2, 14, 0, 15, 30, 4}},
       .contact_name = "Sandra Kleinemeier",
       .contact_phone = "05241 50 38 20"},
      {.org = "bibliothek",
       .category = "seniors",
       .title = "Smartphone-Sprechstunde für Seniorinnen und Senioren",
       .description =
           "Wie verschicke ich ein Foto? Wie richte ich den Videoanruf mit den Enkeln ein? In "
           "unserer Sprechstunde erklären Ehrenamtliche älteren Menschen geduldig ihr Smartphone "
           "oder Tablet. Sie sollten sich mit Android oder iPhone gut auskennen.",
       .lat = 51.9049,
       .lon = 8.3806,
       .address = "Blessenstätte 1, 33330 Gütersloh",
       .place = "Stadtbibliothek Gütersloh",
       .shifts = {{kThu, 1, 10, 0, 12, 0, 3},
                  {kThu, 2, 10, 0, 12, 0, 3},
                  {kThu, 3, 10, 0, 12, 0, 3}},
       .contact_name = "Julia Overbeck",
       .contact_phone = "05241 21 18-30"},

      // ---------------------------------------------------------------- children_youth
      {.org = "jugendparlament",
       .category = "children_youth",
       .title = "Aktionstag an der Skateanlage: Helfende für Workshops und Aufsicht",
       .description =
           "Das Jugendparlament lädt zum Aktionstag an die Skateanlage in Kattenstroth ein: "
           "Skate-Workshops, Graffiti-Wand, Musik und Grill. Wir brauchen Leute für Aufbau, "
           "Getränkestand, Anmeldung und Aufsicht an den Stationen.",
       .lat = 51.8948,
       .lon = 8.4014,
       .address = "Kahlertstraße 146, 33332 Gütersloh",
       .place = "Gütersloh-Kattenstroth",
       .shifts = {{kSat, 2, 11, 0, 17, 0, 8}},
       .min_age = 14,
       .contact_name = "Mika Özdemir",
       .contact_phone = "05241 82-1540"},
      {.org = "drk",
       .category = "children_youth",
       .title = "Bastelnachmittag mit dem Jugendrotkreuz in Rheda-Wiedenbrück",
       .description =
           "Das Jugendrotkreuz bastelt mit Kindern von 6 bis 10 Jahren Laternen, Erste-Hilfe-"
           "Taschen und Spiele. Sie unterstützen die Gruppenleitung beim Basteln und beim "
           "Aufräumen. Ein erweitertes Führungszeugnis ist erforderlich.",
       .lat = 51.8470,
       .lon = 8.3003,
       .address = "Berliner Straße 14, 33378 Rheda-Wiedenbrück",
       .place = "Rheda-Wiedenbrück",
       .shifts = {{kFri, 1, 15, 0, 17, 30, 3}},
       .min_age = 16,
       .conduct_certificate = true,
       .contact_name = "Anke Diekmann",
       .contact_phone = "05241 98 70-14"},
      {.org = "buergerstiftung",
       .category = "children_youth",
       .title = "Kinderbetreuung beim Elterncafé in Pavenstädt",
       .description =
           "Im Familienzentrum Pavenstädt treffen sich Eltern zum Austausch und zur Beratung. In "
           "der Zeit spielen Sie mit den Kleinen (1 bis 5 Jahre) im Nebenraum. Erfahrung mit "
           "Kindern und ein erweitertes Führungszeugnis sind Voraussetzung.",
       .lat = 51.8872,
       .lon = 8.3579,
       .address = "Pavenstädter Weg 31, 33334 Gütersloh",
       .place = "Gütersloh-Pavenstädt",
       .shifts = {{kThu, 1, 9, 0, 11, 0, 2}, {kThu, 2, 9, 0, 11, 0, 2}, {kThu, 3, 9, 0, 11, 0, 2}},
       .min_age = 18,
       .conduct_certificate = true,
       .contact_name = "Jana Kötter",
       .contact_phone = "05241 99 31 20"},

      // ---------------------------------------------------------------- sport
      {.org = "tv",
       .category = "sport",
       .title = "Helfende Hand beim Kinderturnen",
       .description =
           "Montags turnen bei uns bis zu 25 Kinder von 4 bis 7 Jahren. Die Übungsleiterin "
           "braucht Unterstützung beim Aufbau der Geräte, beim Hilfestellung-Geben und beim "
           "Trösten. Sportliche Vorkenntnisse sind nicht nötig, Freude an Bewegung schon.",
       .lat = 51.9537,
       .lon = 8.4096,
       .address = "Haller Straße 421, 33334 Gütersloh",
       .place = "Gütersloh-Isselhorst",
       .shifts = {{kMon, 1, 16, 0, 17, 30, 2},
                  {kMon, 2, 16, 0, 17, 30, 2},
                  {kMon, 3, 16, 0, 17, 30, 2}},
       .min_age = 16,
       .conduct_certificate = true,
       .contact_name = "Frank Strothmann",
       .contact_phone = "05241 67 12 09"},
      {.org = "tv",
       .category = "sport",
       .title = "Streckenposten für den Isselhorster Volkslauf",
       .description =
           "Beim Isselhorster Volkslauf gehen rund 600 Läuferinnen und Läufer über 5 und 10 "
           "Kilometer an den Start. Als Streckenposten sichern Sie Kreuzungen, weisen den Weg und "
           "feuern an. Warnweste und Verpflegung stellen wir.",
       .lat = 51.9545,
       .lon = 8.4128,
       .address = "Isselhorster Kirchplatz, 33334 Gütersloh",
       .place = "Gütersloh-Isselhorst",
       .shifts = {{kSun, 4, 8, 0, 13, 0, 20}},
       .min_age = 16,
       .contact_name = "Frank Strothmann",
       .contact_phone = "05241 67 12 09"},
      {.org = "johanniter",
       .category = "sport",
       .title = "Inklusives Sportfest in Harsewinkel",
       .description =
           "Menschen mit und ohne Behinderung treten beim Sportfest gemeinsam an: Boccia, "
           "Rollstuhl-Parcours, Staffellauf. Sie betreuen eine Station, schreiben Ergebnisse auf "
           "oder begleiten eine Gruppe durch den Tag.",
       .lat = 51.9604,
       .lon = 8.2312,
       .address = "Clarholzer Straße 30, 33428 Harsewinkel",
       .place = "Harsewinkel",
       .shifts = {{kSat, 3, 9, 0, 13, 0, 10}, {kSat, 3, 13, 0, 17, 0, 8}},
       .contact_name = "Sandra Kleinemeier",
       .contact_phone = "05241 50 38 20"},

      // ---------------------------------------------------------------- environment
      {.org = "jugendparlament",
       .category = "environment",
       .title = "Müllsammelaktion „Sauberes Gütersloh“",
       .description =
           "Wir sammeln gemeinsam Müll in der Innenstadt und entlang der Dalke. Greifzangen, "
           "Handschuhe und Säcke stellt der Entsorgungsbetrieb; zum Abschluss gibt es Suppe am "
           "Alten Kirchplatz. Familien mit Kindern sind herzlich willkommen.",
       .lat = 51.9076,
       .lon = 8.3822,
       .address = "Alter Kirchplatz, 33330 Gütersloh",
       .place = "Gütersloh-Innenstadt",
       .shifts = {{kSat, 1, 10, 0, 13, 0, 20}},
       .contact_name = "Mika Özdemir",
       .contact_phone = "05241 82-1540"},
      {.org = "buergerstiftung",
       .category = "environment",
       .title = "Obstbäume pflanzen auf der Streuobstwiese in Niehorst",
       .description =
           "Auf der Streuobstwiese der Bürgerstiftung pflanzen wir 30 junge Apfel- und "
           "Birnbäume alter Sorten. Es wird gegraben, gepfählt und gegossen – bitte feste Schuhe "
           "und Arbeitshandschuhe mitbringen. Werkzeug ist vorhanden.",
       .lat = 51.9402,
       .lon = 8.4561,
       .address = "Niehorster Straße 300, 33334 Gütersloh",
       .place = "Gütersloh-Niehorst",
       .shifts = {{kSat, 4, 9, 30, 13, 0, 12}},
       .contact_name = "Jana Kötter",
       .contact_phone = "05241 99 31 20"},
      {.org = "buergerstiftung",
       .category = "environment",
       .title = "Repair-Café Kattenstroth: Reparaturhelfer gesucht",
       .description =
           "Toaster, Fahrräder, Hosen mit Loch: Im Repair-Café reparieren wir gemeinsam statt "
           "wegzuwerfen. Wir suchen Menschen mit Geschick für Elektrik, Nähen oder Fahrräder – und "
           "jemanden für die Kaffeetheke.",
       .lat = 51.8962,
       .lon = 8.4055,
       .address = "Kahlertstraße 120, 33332 Gütersloh",
       .place = "Gütersloh-Kattenstroth",
       .shifts = {{kSat, 2, 14, 0, 17, 0, 4}, {kSat, 5, 14, 0, 17, 0, 4}},
       .contact_name = "Jana Kötter",
       .contact_phone = "05241 99 31 20"},

      // ---------------------------------------------------------------- animals
      {.org = "tierschutz",
       .category = "animals",
       .title = "Gassigeherinnen und Gassigeher für das Tierheim",
       .description =
           "Unsere Hunde freuen sich über Spaziergänge in den Feldern rund um das Tierheim. Beim "
           "ersten Mal gehen Sie gemeinsam mit einer erfahrenen Gassigeherin und lernen die Hunde "
           "kennen. Wetterfeste Kleidung mitbringen!",
       .lat = 51.8871,
       .lon = 8.4029,
       .address = "Brockweg 140, 33334 Gütersloh",
       .place = "Tierheim Gütersloh",
       .shifts = {{kSat, 1, 10, 0, 12, 0, 4},
                  {kSun, 1, 10, 0, 12, 0, 4},
                  {kSat, 2, 10, 0, 12, 0, 4}},
       .min_age = 16,
       .contact_name = "Birgit Hagemeier",
       .contact_phone = "05241 40 22 18"},
      {.org = "tierschutz",
       .category = "animals",
       .title = "Katzenhaus: Hilfe bei Fütterung und Pflege",
       .description =
           "Im Katzenhaus leben zurzeit 40 Katzen. Abends helfen Sie beim Füttern, "
           "Näpfe-Spülen und Reinigen der Zimmer – und natürlich beim Streicheln scheuer Katzen, "
           "damit sie Vertrauen fassen.",
       .lat = 51.8871,
       .lon = 8.4029,
       .address = "Brockweg 140, 33334 Gütersloh",
       .place = "Tierheim Gütersloh",
       .shifts = {{kWed, 1, 17, 0, 19, 0, 2}, {kWed, 2, 17, 0, 19, 0, 2}},
       .min_age = 16,
       .approval = true,
       .contact_name = "Birgit Hagemeier",
       .contact_phone = "05241 40 22 18"},
      {.org = "tierschutz",
       .category = "animals",
       .title = "Futterausgabe der Tiertafel in Verl",
       .description =
           "Die Tiertafel gibt einmal im Monat Tierfutter und Zubehör an Tierhalterinnen und "
           "Tierhalter mit wenig Geld aus. Sie helfen beim Sortieren der Spenden und bei der "
           "Ausgabe.",
       .lat = 51.8829,
       .lon = 8.5179,
       .address = "Paderborner Straße 5, 33415 Verl",
       .place = "Verl",
       .shifts = {{kSat, 2, 10, 0, 12, 30, 3}},
       .contact_name = "Birgit Hagemeier",
       .contact_phone = "05241 40 22 18"},

      // ---------------------------------------------------------------- culture
      {.org = "buergerstiftung",
       .category = "culture",
       .title = "Einlass und Garderobe beim Benefizkonzert im Theater",
       .description =
           "Beim Benefizkonzert der Bürgerstiftung mit der Nordwestdeutschen Philharmonie "
           "kontrollieren Sie Karten, betreuen die Garderobe und helfen Gästen mit Rollator zu "
           "ihren Plätzen. Das Konzert können Sie anschließend vom Rang aus hören.",
       .lat = 51.9036,
       .lon = 8.3821,
       .address = "Barkeystraße 15, 33330 Gütersloh",
       .place = "Theater Gütersloh",
       .shifts = {{kFri, 3, 18, 30, 22, 30, 6}},
       .min_age = 16,
       .contact_name = "Jana Kötter",
       .contact_phone = "05241 99 31 20"},
      {.org = "bibliothek",
       .category = "culture",
       .title = "Helfende für die Lesereihe „Literatur am Abend“",
       .description =
           "Bei unseren Autorenlesungen stellen Sie Stühle, verkaufen Getränke und Bücher und "
           "begrüßen die Gäste. Danach ist Zeit für ein Gespräch mit der Autorin oder dem Autor.",
       .lat = 51.9049,
       .lon = 8.3806,
       .address = "Blessenstätte 1, 33330 Gütersloh",
       .place = "Stadtbibliothek Gütersloh",
       .shifts = {{kThu, 2, 18, 30, 21, 30, 2}, {kThu, 4, 18, 30, 21, 30, 2}},
       .contact_name = "Julia Overbeck",
       .contact_phone = "05241 21 18-30"},
      {.org = "buergerstiftung",
       .category = "culture",
       .title = "Empfang und Aufsicht im Stadtmuseum am Sonntag",
       .description =
           "Das Stadtmuseum zeigt die Geschichte Güterslohs von der Leinenweberei bis heute. "
           "Sonntags begrüßen Sie Besucherinnen und Besucher, geben Auskunft und haben ein Auge "
           "auf die Ausstellung.",
       .lat = 51.9079,
       .lon = 8.3791,
       .address = "Kökerstraße 7, 33330 Gütersloh",
       .place = "Stadtmuseum Gütersloh",
       .shifts = {{kSun, 1, 14, 0, 17, 0, 2}, {kSun, 2, 14, 0, 17, 0, 2}},
       .contact_name = "Jana Kötter",
       .contact_phone = "05241 99 31 20"},

      // ---------------------------------------------------------------- refugees
      {.org = "malteser",
       .category = "refugees",
       .title = "Sprachcafé für Geflüchtete: Gesprächspartnerinnen und -partner gesucht",
       .description =
           "Im Sprachcafé üben Geflüchtete in lockerer Runde Deutsch. Sie brauchen keine "
           "Lehrerfahrung – nur Geduld und Lust auf Gespräche über Alltag, Arbeit und "
           "Gütersloh. Tee und Kekse gibt es auch.",
       .lat = 51.9072,
       .lon = 8.3842,
       .address = "Kirchstraße 14, 33330 Gütersloh",
       .place = "Gütersloh-Innenstadt",
       .shifts = {{kThu, 1, 18, 0, 19, 30, 5},
                  {kThu, 2, 18, 0, 19, 30, 5},
                  {kThu, 3, 18, 0, 19, 30, 5}},
       .contact_name = "Thomas Wiesbrock",
       .contact_phone = "05241 23 45 60"},
      {.org = "drk",
       .category = "refugees",
       .title = "Begleitung zu Behördenterminen (Arabisch, Ukrainisch oder Farsi)",
       .description =
           "Geflüchtete Familien brauchen Begleitung zu Terminen bei Ausländerbehörde, Jobcenter "
           "und Schule. Sie sprechen Arabisch, Ukrainisch oder Farsi und Deutsch, übersetzen und "
           "helfen beim Ausfüllen von Formularen.",
       .lat = 51.9062,
       .lon = 8.3834,
       .address = "Berliner Straße 70, 33330 Gütersloh",
       .place = "Rathaus Gütersloh",
       .shifts = {{kTue, 1, 9, 0, 12, 0, 2}, {kThu, 2, 9, 0, 12, 0, 2}},
       .min_age = 18,
       .approval = true,
       .contact_name = "Anke Diekmann",
       .contact_phone = "05241 98 70-14"},
      {.org = "malteser",
       .category = "refugees",
       .title = "Umzugshilfe für eine geflüchtete Familie in Rheda-Wiedenbrück",
       .description =
           "Eine sechsköpfige Familie aus Syrien zieht aus der Gemeinschaftsunterkunft in ihre "
           "erste eigene Wohnung. Gesucht sind kräftige Hände zum Tragen von Möbeln und zum "
           "Aufbauen von Betten und Schränken.",
       .lat = 51.8351,
       .lon = 8.3139,
       .address = "Lange Straße 40, 33378 Rheda-Wiedenbrück",
       .place = "Rheda-Wiedenbrück",
       .shifts = {{kSat, 2, 9, 0, 13, 0, 4}},
       .min_age = 18,
       .contact_name = "Thomas Wiesbrock",
       .contact_phone = "05241 23 45 60"},

      // ---------------------------------------------------------------- disaster_relief
      {.org = "drk",
       .category = "disaster_relief",
       .title = "Verletztendarstellerinnen und -darsteller für Katastrophenschutzübung",
       .description =
           "Bei einer großen Übung von Feuerwehr und Sanitätsdienst spielen Sie eine verletzte "
           "Person – realistisch geschminkt von unserer Notfalldarstellung. Eine spannende "
           "Gelegenheit, Rettungskräfte bei der Arbeit zu erleben. Verpflegung inklusive.",
       .lat = 51.8791,
       .lon = 8.4768,
       .address = "Friedrichsdorfer Straße 95, 33335 Gütersloh",
       .place = "Gütersloh-Friedrichsdorf",
       .shifts = {{kSat, 3, 9, 0, 15, 0, 15}},
       .min_age = 16,
       .contact_name = "Markus Brinkmann",
       .contact_phone = "05241 98 70-10"},
      {.org = "johanniter",
       .category = "disaster_relief",
       .title = "Übung Notunterkunft: Aufbau eines Betreuungsplatzes in Harsewinkel",
       .description =
           "Im Ernstfall müssen wir in wenigen Stunden Feldbetten, Verpflegung und Registrierung "
           "für 500 Menschen aufbauen. Üben Sie mit uns in der Sporthalle – ideal für alle, die "
           "im Krisenfall als Spontanhelfende mitanpacken möchten.",
       .lat = 51.9640,
       .lon = 8.2255,
       .address = "Münsterstraße 14, 33428 Harsewinkel",
       .place = "Harsewinkel",
       .shifts = {{kSat, 4, 8, 0, 14, 0, 12}},
       .min_age = 18,
       .contact_name = "Sandra Kleinemeier",
       .contact_phone = "05241 50 38 20"},
      {.org = "malteser",
       .category = "disaster_relief",
       .title = "Spontanhelfende für den Krisenfall: Einweisungsabend",
       .description =
           "Hochwasser, Stromausfall, Evakuierung: Wer im Krisenfall helfen möchte, kann sich bei "
           "uns vorab registrieren und einweisen lassen. An diesem Abend erklären wir Abläufe, "
           "Sicherheit und Kommunikation im Einsatz.",
       .lat = 51.9072,
       .lon = 8.3842,
       .address = "Kirchstraße 14, 33330 Gütersloh",
       .place = "Gütersloh-Innenstadt",
       .shifts = {{kTue, 2, 18, 30, 20, 30, 20}},
       .min_age = 18,
       .contact_name = "Thomas Wiesbrock",
       .contact_phone = "05241 23 45 60"},

      // ---------------------------------------------------------------- events
      {.org = "tv",
       .category = "events",
       .title = "Getränkestand beim Vereinsfest des TV Isselhorst",
       .description =
           "Beim Vereinsfest mit Vorführungen, Kinderspielen und Live-Musik betreuen Sie den "
           "Getränkestand. Da auch Bier ausgeschenkt wird, müssen Sie volljährig sein.",
       .lat = 51.9537,
       .lon = 8.4096,
       .address = "Haller Straße 421, 33334 Gütersloh",
       .place = "Gütersloh-Isselhorst",
       .shifts = {{kSat, 3, 14, 0, 18, 0, 4}, {kSat, 3, 18, 0, 22, 0, 4}},
       .min_age = 18,
       .contact_name = "Frank Strothmann",
       .contact_phone = "05241 67 12 09"},
      {.org = "drk",
       .category = "events",
       .title = "Blutspendetermin in Verl: Empfang und Imbiss",
       .description =
           "Beim Blutspendetermin im Bürgerzentrum begrüßen Sie die Spenderinnen und Spender, "
           "helfen bei der Anmeldung und kümmern sich anschließend um den Imbiss.",
       .lat = 51.8829,
       .lon = 8.5179,
       .address = "Paderborner Straße 5, 33415 Verl",
       .place = "Verl",
       .shifts = {{kMon, 2, 15, 30, 20, 0, 4}},
       .contact_name = "Anke Diekmann",
       .contact_phone = "05241 98 70-14"},
      {.org = "jugendparlament",
       .category = "events",
       .title = "Auf- und Abbau beim Jugendkulturfestival am Dreiecksplatz",
       .description =
           "Bands, Poetry-Slam und Streetfood: Für das Jugendkulturfestival brauchen wir morgens "
           "Leute für Bühnen- und Zeltaufbau und abends für den Abbau.",
       .lat = 51.9069,
       .lon = 8.3769,
       .address = "Dreiecksplatz, 33330 Gütersloh",
       .place = "Gütersloh-Innenstadt",
       .shifts = {{kSat, 5, 8, 0, 12, 0, 10}, {kSat, 5, 19, 0, 23, 0, 8}},
       .min_age = 16,
       .contact_name = "Mika Özdemir",
       .contact_phone = "05241 82-1540"},

      // ---------------------------------------------------------------- tutoring
      {.org = "buergerstiftung",
       .category = "tutoring",
       .title = "Hausaufgabenhilfe Mathe für Grundschulkinder in Spexard",
       .description =
           "In der Offenen Ganztagsschule begleiten Sie Kinder der 3. und 4. Klasse bei den "
           "Hausaufgaben, vor allem in Mathe. Ein erweitertes Führungszeugnis ist erforderlich; "
           "die Kosten übernimmt die Bürgerstiftung.",
       .lat = 51.8818,
       .lon = 8.4152,
       .address = "Lukasstraße 22, 33334 Gütersloh",
       .place = "Gütersloh-Spexard",
       .shifts = {{kTue, 1, 14, 30, 16, 0, 2},
                  {kThu, 1, 14, 30, 16, 0, 2},
                  {kTue, 2, 14, 30, 16, 0, 2}},
       .min_age = 16,
       .conduct_certificate = true,
       .contact_name = "Jana Kötter",
       .contact_phone = "05241 99 31 20"},
      {.org = "jugendparlament",
       .category = "tutoring",
       .title = "Online-Nachhilfe Englisch: Schüler helfen Schülern",
       .description =
           "Sie sind gut in Englisch und gehen mindestens in die 10. Klasse? Dann geben Sie "
           "jüngeren Schülerinnen und Schülern eine Stunde Nachhilfe per Videocall – kostenlos, "
           "ohne "
           "Werbung, über das Videokonferenzsystem der Stadt.",
       .remote = true,
       .place = "Online",
       .shifts = {{kWed, 1, 17, 0, 18, 0, 3}, {kWed, 2, 17, 0, 18, 0, 3}},
       .min_age = 15,
       .contact_name = "Mika Özdemir",
       .contact_phone = "05241 82-1540"},
      {.org = "malteser",
       .category = "tutoring",
       .title = "Lernpatenschaft: Deutsch üben mit Kindern in Friedrichsdorf",
       .description =
           "Kinder aus zugewanderten Familien lesen, spielen und sprechen mit Ihnen eine Stunde "
           "Deutsch – im Gemeindehaus Friedrichsdorf, in kleinen Gruppen. Ein erweitertes "
           "Führungszeugnis ist erforderlich.",
       .lat = 51.8783,
       .lon = 8.4790,
       .address = "Friedrichsdorfer Straße 110, 33335 Gütersloh",
       .place = "Gütersloh-Friedrichsdorf",
       .shifts = {{kMon, 1, 17, 0, 18, 30, 3}, {kMon, 2, 17, 0, 18, 30, 3}},
       .conduct_certificate = true,
       .contact_name = "Thomas Wiesbrock",
       .contact_phone = "05241 23 45 60"},

      // ---------------------------------------------------------------- other
      {.org = "drk",
       .category = "other",
       .title = "Kleiderkammer: Spenden sortieren und ausgeben",
       .description =
           "In der Kleiderkammer sortieren Sie gespendete Kleidung nach Größen und Jahreszeit und "
           "helfen Kundinnen und Kunden bei der Auswahl. Eine ruhige, gesellige Aufgabe.",
       .lat = 51.9016,
       .lon = 8.3873,
       .address = "Moltkestraße 10, 33330 Gütersloh",
       .place = "Gütersloh-Innenstadt",
       .shifts = {{kFri, 1, 9, 0, 12, 0, 5}, {kFri, 2, 9, 0, 12, 0, 5}},
       .contact_name = "Anke Diekmann",
       .contact_phone = "05241 98 70-14"},
      {.org = "tafel",
       .category = "other",
       .title = "Lebensmittel sortieren und Ausgabe vorbereiten",
       .description =
           "Vor der Ausgabe werden die Spenden geprüft, sortiert und auf die Ausgabetische "
           "verteilt. Sie arbeiten im Team; eine Belehrung nach dem Infektionsschutzgesetz "
           "organisieren wir für Sie.",
       .lat = 51.9090,
       .lon = 8.3720,
       .address = "Bismarckstraße 27, 33330 Gütersloh",
       .place = "Gütersloh-Innenstadt",
       .shifts = {{kTue, 1, 9, 0, 12, 0, 6}, {kFri, 1, 9, 0, 12, 0, 6}, {kTue, 2, 9, 0, 12, 0, 6}},
       .contact_name = "Heinz Upmann",
       .contact_phone = "05241 23 71 90"},
      {.org = "tafel",
       .category = "other",
       .title = "Tafel-Ausgabe in Herzebrock-Clarholz",
       .description =
           "Unsere Ausgabestelle in Herzebrock-Clarholz sucht Verstärkung für die Ausgabe am "
           "Donnerstagnachmittag: Kundinnen und Kunden anmelden, Waren ausgeben, aufräumen.",
       .lat = 51.8839,
       .lon = 8.2321,
       .address = "Kirchplatz 2, 33442 Herzebrock-Clarholz",
       .place = "Herzebrock-Clarholz",
       .shifts = {{kThu, 1, 14, 0, 17, 0, 4}, {kThu, 2, 14, 0, 17, 0, 4}},
       .contact_name = "Heinz Upmann",
       .contact_phone = "05241 23 71 90"},
      {.org = "tv",
       .category = "other",
       .title = "Vereinswebsite pflegen – von zu Hause aus",
       .description =
           "Wir suchen jemanden, der Termine, Spielberichte und Fotos auf unserer Vereinswebsite "
           "einpflegt. Zum Kennenlernen treffen wir uns zu einem Videogespräch; danach arbeiten "
           "Sie, wann es Ihnen passt, etwa zwei Stunden pro Woche.",
       .remote = true,
       .place = "Von zu Hause",
       .shifts = {{kDay, 5, 19, 0, 20, 0, 1}},
       .contact_name = "Frank Strothmann",
       .contact_phone = "05241 67 12 09"},
  };
  return kNeeds;
}

// The first day of a shift, as a Berlin calendar date relative to the Berlin date of `now`.
domain::CivilDate shift_date(const ShiftSpec& s, std::int64_t now) {
  int days = 0;
  if (s.weekday == kDay) {
    if (s.nth < 1 || s.nth > 42) throw std::logic_error("demo shift: day offset out of range");
    days = s.nth;
  } else {
    if (s.weekday < kMon || s.weekday > kSun || s.nth < 1 || s.nth > 6) {
      throw std::logic_error("demo shift: weekday or occurrence out of range");
    }
    const int today = domain::utc_to_berlin(now).weekday;
    int delta = (s.weekday - today + 7) % 7;
    if (delta == 0) delta = 7;
    days = delta + 7 * (s.nth - 1);
  }
  return domain::berlin_date_plus_days(now, days);
}

// ---------------------------------------------------------------------------------------------
// Loading

std::int64_t insert_id(Connection& c, std::string_view sql, const std::vector<Value>& params) {
  return c.query(sql, params).one().int64(0);
}

// The user with `email`, created with `password_hash` unless the address already has an account.
std::int64_t ensure_user(Connection& c, const DemoLogin& login, const std::string& password_hash,
                         std::int64_t now) {
  const auto existing = c.query("SELECT id FROM users WHERE email = $1", {text_value(login.email)});
  if (!existing.empty()) return existing.rows.front().int64(0);
  return insert_id(c,
                   "INSERT INTO users (email, password_hash, display_name, email_verified_at, "
                   "created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
                   {text_value(login.email), text_value(password_hash), text_value(login.name),
                    int_value(now), int_value(now), int_value(now)});
}

void grant_role(Connection& c, std::int64_t user_id, const char* role,
                std::optional<std::int64_t> municipality_id,
                std::optional<std::int64_t> organization_id, std::int64_t now) {
  const Value municipality = municipality_id ? int_value(*municipality_id) : storage::null();
  const Value organization = organization_id ? int_value(*organization_id) : storage::null();
  const auto existing = c.query(
      "SELECT id FROM role_grants WHERE user_id = $1 AND role = $2 "
      "AND COALESCE(municipality_id, 0) = $3 AND COALESCE(organization_id, 0) = $4",
      {int_value(user_id), text_value(role), int_value(municipality_id.value_or(0)),
       int_value(organization_id.value_or(0))});
  if (!existing.empty()) return;
  c.query(
      "INSERT INTO role_grants (user_id, role, municipality_id, organization_id, created_at) "
      "VALUES ($1, $2, $3, $4, $5)",
      {int_value(user_id), text_value(role), municipality, organization, int_value(now)});
}

bool municipality_exists(Connection& c) {
  return !c.query("SELECT id FROM municipalities WHERE ags = $1",
                  {text_value(kDemoMunicipalityAgs)})
              .empty();
}

void load(Connection& c, std::int64_t now, const std::vector<std::string>& password_hashes) {
  const auto& logins = demo_logins();
  std::vector<std::int64_t> user_ids;
  for (std::size_t i = 0; i < logins.size(); ++i) {
    user_ids.push_back(ensure_user(c, logins[i], password_hashes[i], now));
  }
  const std::int64_t admin_id = user_ids[0];
  const std::int64_t coordinator_id = user_ids[1];
  const std::int64_t drk_admin_id = user_ids[2];
  const std::int64_t tafel_member_id = user_ids[3];

  const std::int64_t municipality_id =
      insert_id(c,
                "INSERT INTO municipalities (name, ags, center_lat, center_lon, contact_email, "
                "hotline_phone, moderation, imprint, privacy, created_at, updated_at) "
                "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id",
                {text_value("Stadt Gütersloh"), text_value(kDemoMunicipalityAgs), Value(kCenterLat),
                 Value(kCenterLon), text_value("ehrenamt@guetersloh.example"),
                 text_value("05241 82-2424"), text_value("none"), text_value(kImprint),
                 text_value(kPrivacy), int_value(now), int_value(now)});

  // The organisations joined the platform over the last months.
  std::map<std::string, std::int64_t> org_ids;
  std::map<std::string, const OrgSpec*> org_specs;
  std::int64_t joined = now - 120 * 86400;
  for (const OrgSpec& o : kOrgs) {
    const bool is_drk = std::string_view(o.key) == "drk";
    const std::int64_t id = insert_id(
        c,
        "INSERT INTO organizations (municipality_id, name, kind, description, contact_email, "
        "website, address, status, created_by, created_at, updated_at) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, 'approved', $8, $9, $10) RETURNING id",
        {int_value(municipality_id), text_value(o.name), text_value(o.kind),
         text_value(o.description), text_value(o.email), opt_text_value(o.website),
         opt_text_value(o.address), is_drk ? int_value(drk_admin_id) : storage::null(),
         int_value(joined), int_value(joined)});
    org_ids[o.key] = id;
    org_specs[o.key] = &o;
    // The coordinator's approval, as the audit log would have recorded it.
    c.query(
        "INSERT INTO audit_log (at, municipality_id, organization_id, actor_id, actor_name, "
        "action, subject_type, subject_id, subject_label) "
        "VALUES ($1, $2, $3, $4, 'Petra Schulte', 'organization.approved', 'organization', $3, "
        "$5)",
        {int_value(joined + 3600), int_value(municipality_id), int_value(id),
         int_value(coordinator_id), text_value(o.name)});
    joined += 9 * 86400;
  }

  // Two applications wait in the coordinator's queue ("Freischaltungen").
  for (const PendingSpec& p : kPendingApplications) {
    const std::int64_t id = insert_id(
        c,
        "INSERT INTO organizations (municipality_id, name, kind, description, contact_email, "
        "website, address, status, created_at, updated_at) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, 'pending', $8, $8) RETURNING id",
        {int_value(municipality_id), text_value(p.name), text_value(p.kind),
         text_value(p.description), text_value(p.email), opt_text_value(p.website),
         opt_text_value(p.address), int_value(now - p.days_ago * 86400)});
    c.query(
        "INSERT INTO audit_log (at, municipality_id, organization_id, actor_name, action, "
        "subject_type, subject_id, subject_label) "
        "VALUES ($1, $2, $3, $4, 'organization.applied', 'organization', $3, $5)",
        {int_value(now - p.days_ago * 86400), int_value(municipality_id), int_value(id),
         text_value(p.applicant), text_value(p.name)});
  }

  // The city's own hotline organisation, as insert_municipality would have made it.
  storage::ensure_hotline_organization(c, municipality_id, now);

  grant_role(c, admin_id, "platform_admin", std::nullopt, std::nullopt, now);
  grant_role(c, coordinator_id, "coordinator", municipality_id, std::nullopt, now);
  grant_role(c, drk_admin_id, "org_admin", std::nullopt, org_ids.at("drk"), now);
  grant_role(c, tafel_member_id, "org_member", std::nullopt, org_ids.at("tafel"), now);

  // Needs were posted during the last two weeks; their shifts lie 1 to 42 days ahead.
  int index = 0;
  for (const NeedSpec& n : needs()) {
    const std::string org_key = n.org;
    const std::int64_t created = now - (index % 14) * 86400 - (index * 2371) % 36000;
    ++index;
    Value created_by = storage::null();
    if (org_key == "drk") created_by = int_value(drk_admin_id);
    if (org_key == "tafel") created_by = int_value(tafel_member_id);
    const char* email = n.contact_email ? n.contact_email : org_specs.at(org_key)->email;
    const std::int64_t need_id = insert_id(
        c,
        "INSERT INTO needs (organization_id, title, description, category, remote, lat, lon, "
        "address, place_name, signup_mode, min_age, driving_licence, conduct_certificate, "
        "contact_name, contact_phone, contact_email, status, created_by, created_at, updated_at, "
        "municipality_id) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, "
        "'published', $17, $18, $19, $20) RETURNING id",
        {int_value(org_ids.at(org_key)),
         text_value(n.title),
         text_value(n.description),
         text_value(n.category),
         bool_value(n.remote),
         n.remote ? storage::null() : Value(n.lat),
         n.remote ? storage::null() : Value(n.lon),
         opt_text_value(n.address),
         opt_text_value(n.place),
         text_value(n.approval ? "approval" : "open"),
         n.min_age > 0 ? int_value(n.min_age) : storage::null(),
         bool_value(n.driving_licence),
         bool_value(n.conduct_certificate),
         opt_text_value(n.contact_name),
         opt_text_value(n.contact_phone),
         opt_text_value(email),
         created_by,
         int_value(created),
         int_value(created),
         int_value(municipality_id)});
    for (const ShiftSpec& s : n.shifts) {
      const domain::CivilDate d = shift_date(s, now);
      const int year = static_cast<int>(d.year);
      const std::int64_t start =
          domain::berlin_local_to_utc(year, d.month, d.day, s.start_hour, s.start_minute);
      const std::int64_t end =
          domain::berlin_local_to_utc(year, d.month, d.day, s.end_hour, s.end_minute);
      c.query(
          "INSERT INTO shifts (need_id, starts_at, ends_at, capacity, created_at) "
          "VALUES ($1, $2, $3, $4, $5)",
          {int_value(need_id), int_value(start), int_value(end), int_value(s.capacity),
           int_value(created)});
    }
  }

  // The DRK posts without the coordinators' check; the others would wait in the queue if the
  // city switched pre-moderation on.
  c.query("UPDATE organizations SET trusted = 1 WHERE id = $1", {int_value(org_ids.at("drk"))});
  load_engagements(c, now, municipality_id, org_ids, user_ids[4]);
  load_hotline(c, now, municipality_id, coordinator_id, user_ids[4]);
  // The demo writes its needs and shifts with plain INSERTs; the search reads them once
  // their cells and keyword texts are there.
  storage::index_unindexed_needs(c);
}

}  // namespace

const std::vector<DemoLogin>& demo_logins() {
  static const std::vector<DemoLogin> kLogins = {
      {"platform_admin", "admin@helferkarte.example", "Demo-Admin-2026", "Plattform-Admin"},
      {"coordinator", "koordination@guetersloh.example", "Demo-Koordination-2026", "Petra Schulte"},
      {"org_admin", "drk-leitung@guetersloh.example", "Demo-Verein-2026", "Markus Brinkmann"},
      {"org_member", "tafel-team@guetersloh.example", "Demo-Mitglied-2026", "Aylin Demir"},
      {"volunteer", "helferin@guetersloh.example", "Demo-Helferin-2026", "Lena Hoffmann"},
  };
  return kLogins;
}

bool load_demo_data(storage::Database& db, std::int64_t now) {
  bool exists = false;
  db.read([&](Connection& c) { exists = municipality_exists(c); });
  if (exists) return false;

  // Hashing is deliberately slow; do it before taking the write lock.
  std::vector<std::string> hashes;
  for (const DemoLogin& l : demo_logins()) hashes.push_back(auth::hash_password(l.password));

  bool loaded = false;
  db.write([&](Connection& c) {
    loaded = false;
    if (municipality_exists(c)) return;  // loaded concurrently in the meantime
    load(c, now, hashes);
    loaded = true;
  });
  return loaded;
}

}  // namespace hk::demo

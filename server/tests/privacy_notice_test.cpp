#include "domain/privacy_notice.hpp"

#include <gtest/gtest.h>

#include <string>

using namespace hk::domain;

namespace {

Municipality harsewinkel() {
  Municipality m;
  m.id = 3;
  m.name = "Stadt Harsewinkel";
  m.contact_email = "datenschutz@harsewinkel.example";
  return m;
}

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

TEST(PrivacyNotice, NamesTheControllerAndItsAddress) {
  auto text = default_privacy_notice(harsewinkel(), {});
  EXPECT_TRUE(text.starts_with("Datenschutzerklärung der Helferkarte Stadt Harsewinkel\n"));
  EXPECT_TRUE(has(text, "Stadt Harsewinkel\nE-Mail: datenschutz@harsewinkel.example\n"));
  // Restriction and objection go to the same address.
  EXPECT_TRUE(has(text, "an datenschutz@harsewinkel.example."));
}

TEST(PrivacyNotice, StatesTheConfiguredPeriods) {
  PrivacyFacts facts{.unverified_account_days = 3,
                     .token_days = 9,
                     .session_days = 12,
                     .mail_body_days = 45,
                     .hotline_retention_days = 21,
                     .map_tile_host = ""};
  auto text = default_privacy_notice(harsewinkel(), facts);
  EXPECT_TRUE(has(text, "nie bestätigt wurde, werden nach 3 Tagen gelöscht."));
  EXPECT_TRUE(has(text, "werden nach 9 Tagen nach ihrem Ablauf oder ihrer Verwendung gelöscht."));
  EXPECT_TRUE(has(text, "Abgelaufene Sitzungen werden nach 12 Tagen gelöscht."));
  EXPECT_TRUE(has(text, "Versendete E-Mails werden nach 45 Tagen samt ihrem Text"));
  EXPECT_TRUE(has(text, "und Einzelheiten) werden nach 21 Tagen nach Abschluss der Anfrage"));
  // The fixed session lifetimes of the software.
  EXPECT_TRUE(has(text, "nach 14 Tagen ohne Nutzung, spätestens aber nach 30 Tagen."));
  // The defaults are not stated when other periods are configured.
  EXPECT_FALSE(has(text, "nach 7 Tagen"));
}

TEST(PrivacyNotice, OneDayIsSingularAndZeroIsSaidPlainly) {
  PrivacyFacts facts{.unverified_account_days = 1,
                     .token_days = 0,
                     .session_days = 0,
                     .mail_body_days = 0,
                     .hotline_retention_days = 0,
                     .map_tile_host = ""};
  auto text = default_privacy_notice(harsewinkel(), facts);
  EXPECT_TRUE(has(text, "nie bestätigt wurde, werden nach einem Tag gelöscht."));
  EXPECT_TRUE(has(text, "abgelaufene Links werden derzeit nicht automatisch gelöscht."));
  EXPECT_TRUE(has(text, "Abgelaufene Sitzungen werden derzeit nicht automatisch gelöscht."));
  EXPECT_TRUE(has(text, "Versendete E-Mails bleiben derzeit im Postausgang gespeichert."));
  EXPECT_TRUE(has(text, "werden gelöscht, sobald die Anfrage abgeschlossen ist."));
  EXPECT_FALSE(has(text, "nach 0 Tagen"));
}

TEST(PrivacyNotice, DescribesWhatIsProcessedAndTheRights) {
  auto text = default_privacy_notice(harsewinkel(), {});
  for (const char* part :
       {"1. Verantwortlich", "2. Welche Daten wir verarbeiten und warum", "3. Wer was sieht",
        "4. Wie lange wir Daten speichern", "5. Ihre Rechte", "E-Mail-Adresse", "Hash",
        "Geburtsjahr", "Stunden", "„hk_session“", "kein Tracking",
        "weder gespeichert noch "
        "protokolliert",
        "keine IP-Adressen", "Hilfetelefon", "Meine Daten", "Konto löschen", "Berichtigung",
        "Aufsichtsbehörde", "Art. 77 DSGVO"}) {
    EXPECT_TRUE(has(text, part)) << part;
  }
  // Sie, never du; plain text without markup.
  EXPECT_FALSE(has(text, " du "));
  EXPECT_FALSE(has(text, " dein"));
  EXPECT_FALSE(has(text, "<"));
  EXPECT_FALSE(has(text, "**"));
}

TEST(PrivacyNotice, NamesAConfiguredTileServerAndOtherwiseNoThirdParty) {
  auto without = default_privacy_notice(harsewinkel(), {});
  EXPECT_TRUE(has(without, "Die Seiten laden nichts von anderen Servern"));
  EXPECT_FALSE(has(without, "Kartenbilder"));
  auto with = default_privacy_notice(harsewinkel(), {.map_tile_host = "tiles.example.org"});
  EXPECT_TRUE(has(with, "Die Kartenbilder werden vom Server „tiles.example.org“ geladen."));
  EXPECT_TRUE(has(with, "IP-Adresse"));
}

TEST(PrivacyNotice, UrlHost) {
  EXPECT_EQ(url_host("https://tiles.example.org/{z}/{x}/{y}.png"), "tiles.example.org");
  EXPECT_EQ(url_host("https://{s}.tile.example.org/{z}/{x}/{y}.png"), "tile.example.org");
  EXPECT_EQ(url_host("https://user:secret@tiles.example.org:8443/x"), "tiles.example.org");
  EXPECT_EQ(url_host("http://[2001:db8::1]:8080/t"), "[2001:db8::1]");
  EXPECT_EQ(url_host("https://tiles.example.org"), "tiles.example.org");
  EXPECT_EQ(url_host(""), "");
  EXPECT_EQ(url_host("/tiles/{z}/{x}/{y}.png"), "");
}

#include "domain/barrier_report.hpp"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

using namespace hk::domain;

TEST(BarrierReport, ReporterLineSaysWhetherAnAnswerIsPossible) {
  BarrierReport r{.page = "/",
                  .description = "Kontrast zu schwach",
                  .email = std::nullopt,
                  .name = std::nullopt};
  EXPECT_EQ(barrier_reporter_line(r, "de"),
            "Die meldende Person hat keine Kontaktdaten angegeben.");
  EXPECT_EQ(barrier_reporter_line(r, "en"), "The reporter gave no contact details.");
  r.name = "Erika Muster";
  EXPECT_EQ(barrier_reporter_line(r, "de"),
            "Gemeldet von: Erika Muster (ohne E-Mail-Adresse, eine Antwort ist nicht möglich)");
  r.email = "erika@example.org";
  EXPECT_EQ(barrier_reporter_line(r, "de"),
            "Gemeldet von: Erika Muster <erika@example.org>\n"
            "Sie können der Person auf diese E-Mail antworten.");
  r.name.reset();
  EXPECT_EQ(barrier_reporter_line(r, "en"),
            "Reported by: erika@example.org\nYou can reply to them at this address.");
  EXPECT_THROW(barrier_reporter_line(r, "fr"), std::logic_error);
}

TEST(BarrierReport, AuditLabelIsTheShortenedPageOnOneLine) {
  EXPECT_EQ(barrier_audit_label("/gesuche/12"), "/gesuche/12");
  EXPECT_EQ(barrier_audit_label("Start\tseite\n"), "Start seite ");
  std::string long_page;
  for (int i = 0; i < 250; ++i) long_page += "ä";
  auto label = barrier_audit_label(long_page);
  std::string expected;
  for (int i = 0; i < 200; ++i) expected += "ä";
  EXPECT_EQ(label, expected + "…");
  EXPECT_EQ(barrier_audit_label(expected), expected);
}

TEST(BarrierReport, SingleLine) {
  EXPECT_TRUE(is_single_line("Startseite – Karte"));
  EXPECT_TRUE(is_single_line(""));
  EXPECT_FALSE(is_single_line("a\nb"));
  EXPECT_FALSE(is_single_line("a\rb"));
  EXPECT_FALSE(is_single_line(std::string("a\0b", 3)));
  EXPECT_FALSE(is_single_line("a\u2028b"));
}

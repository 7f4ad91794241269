#include "domain/password_policy.hpp"

#include <gtest/gtest.h>

#include <string>

using namespace hk::domain;

TEST(PasswordPolicy, LengthIsCountedInCharactersFromTenToTenTwentyFour) {
  EXPECT_EQ(check_password("Kx7!pq2Lm", ""), PasswordIssue::too_short);  // 9
  EXPECT_EQ(check_password("Kx7!pq2Lmz", ""), PasswordIssue::none);      // 10
  EXPECT_EQ(check_password("", ""), PasswordIssue::too_short);
  // Nine umlauts are 18 bytes but 9 characters: still too short.
  EXPECT_EQ(check_password("äöüäöüäöü", ""), PasswordIssue::too_short);
  EXPECT_EQ(check_password("äöüäöüäöüß", ""), PasswordIssue::none);
  EXPECT_EQ(check_password(std::string(1024, 'k'), ""), PasswordIssue::none);
  EXPECT_EQ(check_password(std::string(1025, 'k'), ""), PasswordIssue::too_long);
  std::string wide;
  for (int i = 0; i < 1024; ++i) wide += "ß";
  EXPECT_EQ(check_password(wide, ""), PasswordIssue::none);
  EXPECT_EQ(check_password(wide + "ß", ""), PasswordIssue::too_long);
}

TEST(PasswordPolicy, RefusesCommonPasswordsIgnoringCase) {
  for (const char* p : {"passwort123", "PASSWORT123", "Passwort123", "hallo12345", "1234567890",
                        "qwertz1234", "qwertzuiop", "ichliebedich", "helferkarte123"}) {
    EXPECT_EQ(check_password(p, ""), PasswordIssue::common) << p;
    EXPECT_TRUE(is_common_password(p)) << p;
  }
  EXPECT_FALSE(is_common_password("Kx7!pq2Lmz"));
  // The header comment of the list is no password.
  EXPECT_FALSE(
      is_common_password("# Common passwords: refused when a password is set "
                         "(compared ignoring case)."));
  EXPECT_EQ(check_password("Brücke-am-Fluss-2026", ""), PasswordIssue::none);
}

TEST(PasswordPolicy, TheListIsLoadedAndEveryEntryWouldOtherwisePassTheLength) {
  // Guards the embedding: an empty list would let every common password through.
  EXPECT_TRUE(is_common_password("1234567890"));
  EXPECT_TRUE(is_common_password("0987654321"));
  EXPECT_TRUE(is_common_password("fussball1234"));
}

TEST(PasswordPolicy, RefusesTheEmailAddressItself) {
  EXPECT_EQ(check_password("erika.muster@example.org", "erika.muster@example.org"),
            PasswordIssue::equals_email);
  EXPECT_EQ(check_password("Erika.Muster@Example.ORG", "erika.muster@example.org"),
            PasswordIssue::equals_email);
  EXPECT_EQ(check_password("erika.muster@example.org!", "erika.muster@example.org"),
            PasswordIssue::none);
  // Without an address that rule is skipped.
  EXPECT_EQ(check_password("erika.muster@example.org", ""), PasswordIssue::none);
}

TEST(PasswordPolicy, Utf8Length) {
  EXPECT_EQ(utf8_length(""), 0u);
  EXPECT_EQ(utf8_length("abc"), 3u);
  EXPECT_EQ(utf8_length("Grüße"), 5u);
  EXPECT_EQ(utf8_length("\xF0\x9F\x98\x80"), 1u);  // one emoji, four bytes
}

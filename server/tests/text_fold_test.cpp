#include "domain/text_fold.hpp"

#include <gtest/gtest.h>

namespace hk::domain {
namespace {

using Words = std::vector<std::string>;

TEST(TextFold, GermanSpellingsMeet) {
  EXPECT_EQ(fold_german("Bücherei"), "buecherei");
  EXPECT_EQ(fold_german("BÜCHEREI"), "buecherei");
  EXPECT_EQ(fold_german("Buecherei"), "buecherei");
  EXPECT_EQ(fold_german("Straße"), "strasse");
  EXPECT_EQ(fold_german("STRAẞE"), "strasse");  // capital sharp s
  EXPECT_EQ(fold_german("Ärger Öl Übung"), "aerger oel uebung");
  EXPECT_EQ(fold_german("Gütersloh"), "guetersloh");
}

TEST(TextFold, PlainDropsTheDots) {
  EXPECT_EQ(fold_plain("Gütersloh"), "gutersloh");
  EXPECT_EQ(fold_plain("ÄÖÜ äöü"), "aou aou");
  EXPECT_EQ(fold_plain("Straße"), "strasse");
  EXPECT_EQ(fold_plain("Gutersloh"), "gutersloh");
}

TEST(TextFold, OtherLatinLettersLoseTheirAccents) {
  EXPECT_EQ(fold_german("Café Crème"), "cafe creme");
  EXPECT_EQ(fold_german("ÀÉÎÕÑÇÅØ"), "aeioncao");
  EXPECT_EQ(fold_german("Æsop Œuvre"), "aesop oeuvre");
  EXPECT_EQ(fold_german("ÿ Ÿ"), "y y");
  // Latin Extended-A: only the case is folded, the index drops the accents.
  EXPECT_EQ(fold_german("ŁÓDŹ"), "łodź");
  EXPECT_EQ(fold_german("Ščepán"), "ščepan");
  // × and ÷ are no letters and stay.
  EXPECT_EQ(fold_german("2×3÷1"), "2×3÷1");
}

TEST(TextFold, OtherScriptsPassThrough) {
  EXPECT_EQ(fold_german("Привет 你好"), "Привет 你好");
  EXPECT_EQ(fold_german("🙂 Hilfe"), "🙂 hilfe");
  EXPECT_EQ(fold_german(""), "");
}

TEST(TextFold, InvalidUtf8IsDropped) {
  EXPECT_EQ(fold_german(std::string("a\xff"
                                    "b")),
            "ab");
  EXPECT_EQ(fold_german(std::string("a\xc3")), "a");       // cut off at the end
  EXPECT_EQ(fold_german(std::string("\xc3(x")), "(x");     // bad continuation byte
  EXPECT_EQ(fold_german(std::string("\x80\x80Ü")), "ue");  // stray continuation bytes
}

TEST(TextFold, WordsOfFoldedText) {
  EXPECT_EQ(words_of(fold_german("Bücherei: Vorlesen, 2x pro Woche!")),
            (Words{"buecherei", "vorlesen", "2x", "pro", "woche"}));
  EXPECT_EQ(words_of(fold_german("Grün-Weiß e.V.")), (Words{"gruen", "weiss", "e", "v"}));
  EXPECT_EQ(words_of("  "), Words{});
  EXPECT_EQ(words_of("...!?"), Words{});
  EXPECT_EQ(words_of("łodź"), Words{"łodź"});  // bytes from 0x80 are letters
  EXPECT_EQ(words_of("a\"b"), (Words{"a", "b"}));
}

}  // namespace
}  // namespace hk::domain

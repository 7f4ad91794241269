#include <gtest/gtest.h>

#include <set>
#include <stdexcept>

#include "domain/account.hpp"
#include "mail/templates.hpp"

using namespace hk::mail;

namespace {

// Each parameter gets a value nobody would write, so it can be found in the result.
std::map<std::string, std::string> markers(const std::string& id) {
  std::map<std::string, std::string> params;
  for (const auto& p : template_params(id)) params[p] = "<<" + p + "-value>>";
  return params;
}

std::size_t longest_line(const std::string& text) {
  std::size_t longest = 0;
  std::size_t start = 0;
  while (start <= text.size()) {
    auto nl = text.find('\n', start);
    auto line = text.substr(start, nl == std::string::npos ? std::string::npos : nl - start);
    std::size_t chars = 0;
    for (unsigned char ch : line) chars += (ch & 0xC0) != 0x80;
    longest = std::max(longest, chars);
    if (nl == std::string::npos) break;
    start = nl + 1;
  }
  return longest;
}

}  // namespace

TEST(MailTemplates, TheContractListIsComplete) {
  std::set<std::string> ids;
  for (const auto& id : template_ids()) ids.insert(id);
  std::set<std::string> expected = {
      "verify_email", "already_registered", "password_reset", "password_changed", "role_granted",
      "role_invitation", "organization_received", "organization_submitted", "organization_approved",
      "organization_rejected", "organization_suspended", "organization_reinstated",
      // needs and shifts
      "need_submitted", "need_approved", "need_rejected", "need_changed", "need_cancelled",
      "shift_changed", "shift_cancelled",
      // sign-ups
      "signup_confirmed", "signup_waitlisted", "signup_requested", "signup_request_received",
      "signup_accepted", "signup_declined", "signup_promoted", "need_message",
      // reminders
      "signup_reminder", "need_expiring",
      // the hotline
      "help_request_matched", "help_request_declined", "help_request_unmatched",
      "help_request_closed", "help_request_offer", "help_request_helper_left",
      // accessibility
      "barrier_report"};
  EXPECT_EQ(ids, expected);
  EXPECT_EQ(template_params("already_registered"),
            (std::vector<std::string>{"name", "login_link", "reset_link"}));
  EXPECT_EQ(template_params("role_invitation"),
            (std::vector<std::string>{"role_label", "scope", "link", "inviter"}));
}

TEST(MailTemplates, EveryTemplateRendersInBothLanguagesWithEveryParameter) {
  for (const auto& id : template_ids()) {
    for (const std::string language : {"de", "en"}) {
      SCOPED_TRACE(id + "/" + language);
      auto params = markers(id);
      auto mail = render(id, language, params);
      auto all = mail.subject + "\n" + mail.body;
      for (const auto& [name, value] : params) {
        EXPECT_NE(all.find(value), std::string::npos) << name << " not used";
      }
      // No placeholder left over once the markers are taken out.
      auto rest = all;
      for (const auto& [name, value] : params) {
        for (auto p = rest.find(value); p != std::string::npos; p = rest.find(value)) {
          rest.erase(p, value.size());
        }
      }
      EXPECT_EQ(rest.find('{'), std::string::npos);
      EXPECT_EQ(rest.find('}'), std::string::npos);
      EXPECT_FALSE(mail.subject.empty());
      EXPECT_EQ(mail.subject.find('\n'), std::string::npos);
      EXPECT_NE(mail.body.find("Helferkarte"), std::string::npos);
      EXPECT_LE(longest_line(rest), 76u);
      if (language == "de") {
        EXPECT_NE(mail.body.find("Freundliche Grüße\nIhre Helferkarte\n"), std::string::npos);
        EXPECT_NE(mail.body.find("Sie erhalten diese E-Mail"), std::string::npos);
        EXPECT_EQ(mail.body.find(" du "), std::string::npos);
      } else {
        EXPECT_NE(mail.body.find("Your Helferkarte team\n"), std::string::npos);
        EXPECT_NE(mail.body.find("You are receiving this e-mail"), std::string::npos);
      }
    }
  }
}

TEST(MailTemplates, LinksStandOnTheirOwnLine) {
  for (const auto& id : template_ids()) {
    for (const std::string language : {"de", "en"}) {
      auto params = markers(id);
      auto body = render(id, language, params).body;
      for (const auto& [name, value] : params) {
        if (name != "link" && !name.ends_with("_link")) continue;
        EXPECT_NE(body.find("\n\n" + value + "\n\n"), std::string::npos)
            << id << "/" << language << ": " << name;
      }
    }
  }
}

TEST(MailTemplates, GermanTextIsGermanAndEnglishIsEnglish) {
  auto de = render("password_reset", "de", {{"name", "Anna"}, {"link", "https://x.test/p"}});
  EXPECT_EQ(de.subject, "Neues Passwort für die Helferkarte");
  EXPECT_TRUE(de.body.starts_with("Guten Tag Anna,\n"));
  auto en = render("password_reset", "en", {{"name", "Anna"}, {"link", "https://x.test/p"}});
  EXPECT_EQ(en.subject, "A new password for Helferkarte");
  EXPECT_TRUE(en.body.starts_with("Hello Anna,\n"));
}

TEST(MailTemplates, ParameterValuesAreNotFilledTwice) {
  auto mail = render("organization_rejected", "de",
                     {{"name", "{reason}"}, {"organization", "Verein {x}"}, {"reason", "Nein."}});
  EXPECT_TRUE(mail.body.starts_with("Guten Tag {reason},\n"));
  EXPECT_NE(mail.subject.find("„Verein {x}“"), std::string::npos);
}

TEST(MailTemplates, ProgrammingMistakesAreLogicErrors) {
  EXPECT_THROW(render("no_such_mail", "de", {}), std::logic_error);
  EXPECT_THROW(render("verify_email", "de", {{"name", "A"}}), std::logic_error);
  EXPECT_THROW(render("verify_email", "fr", {{"name", "A"}, {"link", "l"}}), std::logic_error);
  EXPECT_THROW(template_params("no_such_mail"), std::logic_error);
  EXPECT_THROW(hk::domain::role_label("emperor", "de"), std::logic_error);
}

TEST(MailTemplates, RoleLabelsInBothLanguages) {
  EXPECT_EQ(hk::domain::role_label("coordinator", "de"), "Koordination");
  EXPECT_EQ(hk::domain::role_label("org_admin", "en"), "administrator");
  EXPECT_EQ(hk::domain::role_label("org_member", "de"), "Mitglied");
}

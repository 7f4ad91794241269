#include <gtest/gtest.h>

#include "mail/message.hpp"

using namespace hk::mail;

namespace {

MessageParts sample() {
  MessageParts p;
  p.from = "Helferkarte <noreply@helferkarte.example>";
  p.to = "anna@example.org";
  p.subject = "Bitte bestätigen Sie Ihre E-Mail-Adresse";
  p.body = "Guten Tag Anna,\n\nbitte öffnen Sie:\n\nhttps://h.example/konto?token=abc\n";
  p.date = 1796119200;  // 2026-12-01T10:00:00Z
  p.message_id = "abc123@helferkarte.example";
  return p;
}

std::string headers_of(const std::string& message) {
  return message.substr(0, message.find("\r\n\r\n") + 2);
}

}  // namespace

TEST(MailMessage, HasTheHeadersOfAPlainTextMail) {
  auto m = build_message(sample());
  auto h = headers_of(m);
  EXPECT_NE(h.find("From: Helferkarte <noreply@helferkarte.example>\r\n"), std::string::npos);
  EXPECT_NE(h.find("To: anna@example.org\r\n"), std::string::npos);
  EXPECT_NE(h.find("Date: Tue, 01 Dec 2026 10:00:00 +0000\r\n"), std::string::npos);
  EXPECT_NE(h.find("Message-ID: <abc123@helferkarte.example>\r\n"), std::string::npos);
  EXPECT_NE(h.find("MIME-Version: 1.0\r\n"), std::string::npos);
  EXPECT_NE(h.find("Content-Type: text/plain; charset=utf-8\r\n"), std::string::npos);
  EXPECT_NE(h.find("Content-Transfer-Encoding: 8bit\r\n"), std::string::npos);
  EXPECT_TRUE(m.ends_with("\r\n\r\nhttps://h.example/konto?token=abc\r\n"));
}

TEST(MailMessage, EveryLineEndsInCrlf) {
  auto m = build_message(sample());
  for (std::size_t i = 0; i < m.size(); ++i) {
    if (m[i] == '\n') {
      ASSERT_GT(i, 0u);
      EXPECT_EQ(m[i - 1], '\r') << "bare LF at " << i;
    }
    if (m[i] == '\r') {
      EXPECT_EQ(m[i + 1], '\n') << "bare CR at " << i;
    }
  }
}

TEST(MailMessage, NonAsciiSubjectIsAnEncodedWord) {
  auto h = headers_of(build_message(sample()));
  // "Bitte bestätigen Sie Ihre E-Mail-Adresse" in UTF-8, base64.
  EXPECT_NE(h.find("Subject: =?UTF-8?B?Qml0dGUgYmVzdMOkdGlnZW4gU2llIElocmUgRS1NYWlsLUFkcmVzc2U=?="),
            std::string::npos)
      << h;
  EXPECT_EQ(encode_header_text("Plain subject"), "Plain subject");
  EXPECT_EQ(encode_header_text("Grüße"), "=?UTF-8?B?R3LDvMOfZQ==?=");
  // Text that looks like an encoded word is encoded, so it reads as what it is.
  EXPECT_TRUE(encode_header_text("=?x?=").starts_with("=?UTF-8?B?"));
}

TEST(MailMessage, LongSubjectsAreFoldedBetweenWholeCharacters) {
  std::string subject;
  for (int i = 0; i < 40; ++i) subject += "Bedarfsmeldung für Übergänge ";
  auto encoded = encode_header_text(subject);
  std::string decoded_bytes;
  std::size_t pos = 0;
  while ((pos = encoded.find("=?UTF-8?B?", pos)) != std::string::npos) {
    auto end = encoded.find("?=", pos + 10);
    auto word = encoded.substr(pos, end + 2 - pos);
    EXPECT_LE(word.size(), 75u);
    pos = end + 2;
  }
  auto p = sample();
  p.subject = subject;
  auto h = headers_of(build_message(p));
  std::size_t start = 0;
  while (start < h.size()) {
    auto end = h.find("\r\n", start);
    EXPECT_LE(end - start, 78u) << h.substr(start, end - start);
    start = end + 2;
  }
}

TEST(MailMessage, HeaderValuesCannotAddHeaders) {
  auto p = sample();
  p.subject = "Hallo\r\nBcc: victim@example.org";
  p.to = "anna@example.org\r\nBcc: other@example.org";
  p.from = "Helferkarte\n <noreply@helferkarte.example>";
  auto h = headers_of(build_message(p));
  EXPECT_EQ(h.find("\r\nBcc:"), std::string::npos) << h;
  EXPECT_EQ(h.find("\nBcc:"), std::string::npos) << h;
  for (std::size_t i = 0; i < h.size(); ++i) {
    if (h[i] == '\r') {
      ASSERT_EQ(h[i + 1], '\n');
      // After a line end comes either a new header name or folding whitespace; never "Bcc".
      EXPECT_NE(h.compare(i + 2, 4, "Bcc:"), 0);
    }
  }
  // The injected text is still there, inside the one Subject header.
  EXPECT_NE(h.find("Subject: Hallo  Bcc: victim@example.org\r\n"), std::string::npos) << h;
}

TEST(MailMessage, FromWithSpecialsOrUmlautsIsQuotedOrEncoded) {
  auto p = sample();
  p.from = "Stadt Gütersloh <noreply@guetersloh.example>";
  EXPECT_NE(build_message(p).find("From: =?UTF-8?B?U3RhZHQgR8O8dGVyc2xvaA==?= "
                                  "<noreply@guetersloh.example>\r\n"),
            std::string::npos);
  p.from = "Helferkarte, Stadt X <a@b.example>";
  EXPECT_NE(build_message(p).find("From: \"Helferkarte, Stadt X\" <a@b.example>\r\n"),
            std::string::npos);
  p.from = "a@b.example";
  EXPECT_NE(build_message(p).find("From: a@b.example\r\n"), std::string::npos);
}

TEST(MailMessage, ParsesConfiguredAddresses) {
  auto a = parse_address("Helferkarte <noreply@helferkarte.invalid>");
  EXPECT_EQ(a.display_name, "Helferkarte");
  EXPECT_EQ(a.address, "noreply@helferkarte.invalid");
  auto q = parse_address("\"Stadt \\\"X\\\"\" <x@y.example>");
  EXPECT_EQ(q.display_name, "Stadt \"X\"");
  EXPECT_EQ(q.address, "x@y.example");
  EXPECT_EQ(parse_address(" bare@example.org ").address, "bare@example.org");
}

TEST(MailMessage, MessageIdsAreRandomAtTheSendersDomain) {
  auto a = new_message_id("Helferkarte <noreply@helferkarte.example>");
  auto b = new_message_id("Helferkarte <noreply@helferkarte.example>");
  EXPECT_NE(a, b);
  EXPECT_TRUE(a.ends_with("@helferkarte.example"));
  EXPECT_GE(a.find('@'), 20u);
  EXPECT_EQ(a.find_first_of("<> \r\n"), std::string::npos);
}

TEST(MailMessage, DatesFollowRfc5322) {
  EXPECT_EQ(rfc5322_date(0), "Thu, 01 Jan 1970 00:00:00 +0000");
  EXPECT_EQ(rfc5322_date(1772323200), "Sun, 01 Mar 2026 00:00:00 +0000");
}

TEST(MailMessage, LongLinesAreWrappedButLinksNeverBroken) {
  std::string link = "https://helferkarte.example/konto/bestaetigen?token=" + std::string(90, 'A');
  std::string text;
  for (int i = 0; i < 12; ++i) text += "Wörter über Wörter ";
  text += link + " und danach weiterer Text.\n";
  auto wrapped = wrap_body(text, 76);
  EXPECT_NE(wrapped.find("\r\n" + link + "\r\n"), std::string::npos) << wrapped;
  std::size_t start = 0;
  while (start < wrapped.size()) {
    auto end = wrapped.find("\r\n", start);
    auto line = wrapped.substr(start, end - start);
    std::size_t chars = 0;
    for (unsigned char ch : line) chars += (ch & 0xC0) != 0x80;
    if (line != link) {
      EXPECT_LE(chars, 76u) << line;
    }
    EXPECT_FALSE(line.ends_with(" ")) << line;
    start = end + 2;
  }
  // Nothing is lost: joining the lines with spaces gives the text back.
  std::string joined;
  start = 0;
  while (start < wrapped.size()) {
    auto end = wrapped.find("\r\n", start);
    joined += (joined.empty() ? "" : " ") + wrapped.substr(start, end - start);
    start = end + 2;
  }
  EXPECT_EQ(joined + "\n", text.substr(0, text.size() - 1) + "\n");
}

TEST(MailMessage, ShortLinesAndEmptyLinesStayAsTheyAre) {
  EXPECT_EQ(wrap_body("a\n\nb\n"), "a\r\n\r\nb\r\n");
  EXPECT_EQ(wrap_body("a\r\nb"), "a\r\nb\r\n");
  std::string huge(3000, 'x');
  auto wrapped = wrap_body(huge);
  EXPECT_EQ(wrapped.find("\r\n"), 990u);  // the SMTP line limit still holds
}

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "mail/message.hpp"
#include "test_support.hpp"

using namespace hk::mail;
using hk::test::crlf_lines;

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

namespace {

std::string decode_base64(std::string_view text) {
  static const std::string alphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  std::uint32_t buffer = 0;
  int bits = 0;
  for (auto ch : text) {
    auto v = alphabet.find(ch);
    if (v == std::string::npos) continue;  // line ends and padding
    buffer = buffer << 6 | static_cast<std::uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>(buffer >> bits & 0xFF);
    }
  }
  return out;
}

// Header lines as they read once folding is undone (RFC 5322 section 2.2.3).
std::string unfold(std::string text) {
  std::size_t at = 0;
  while ((at = text.find("\r\n ", at)) != std::string::npos) text.erase(at, 2);
  return text;
}

MessageParts with_calendar() {
  auto p = sample();
  std::string ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nSUMMARY:Übergänge\\, Küche\r\n";
  for (int i = 0; i < 20; ++i) ics += "DESCRIPTION:eine lange Zeile mit Umlauten äöü\r\n";
  ics += "END:VCALENDAR\r\n";
  p.attachment = FilePart{"gesuch-7.ics", "text/calendar; charset=utf-8; method=PUBLISH", ics};
  p.boundary = "=_hk_test";
  return p;
}

}  // namespace

TEST(MailMessage, WithoutAttachmentTheMessageStaysSinglePart) {
  auto m = build_message(sample());
  EXPECT_EQ(m.find("multipart"), std::string::npos);
  EXPECT_EQ(m.find("Content-Disposition"), std::string::npos);
}

TEST(MailMessage, AnAttachmentMakesAMultipartMixedMessage) {
  auto p = with_calendar();
  auto m = unfold(build_message(p));
  auto h = headers_of(m);
  EXPECT_NE(h.find("Content-Type: multipart/mixed; boundary=\"=_hk_test\"\r\n"), std::string::npos)
      << h;
  EXPECT_EQ(h.find("text/plain"), std::string::npos) << "the text type belongs to the part";

  auto body = m.substr(h.size() + 2);
  // The text part first, then the file, then the closing delimiter as the last line.
  auto text_at = body.find(
      "--=_hk_test\r\nContent-Type: text/plain; charset=utf-8\r\n"
      "Content-Transfer-Encoding: 8bit\r\n\r\nGuten Tag Anna,\r\n");
  ASSERT_EQ(text_at, 0u) << body;
  auto file_at = body.find(
      "\r\n--=_hk_test\r\n"
      "Content-Type: text/calendar; charset=utf-8; method=PUBLISH; name=\"gesuch-7.ics\"\r\n"
      "Content-Transfer-Encoding: base64\r\n"
      "Content-Disposition: attachment; filename=\"gesuch-7.ics\"\r\n\r\n");
  ASSERT_NE(file_at, std::string::npos) << body;
  EXPECT_NE(body.find("https://h.example/konto?token=abc\r\n--=_hk_test\r\n"), std::string::npos);
  ASSERT_TRUE(body.ends_with("\r\n--=_hk_test--\r\n"));

  // The file arrives byte for byte, in base64 lines of at most 76 characters.
  auto encoded_start = body.find("\r\n\r\n", file_at + 2) + 4;
  auto encoded_end = body.rfind("--=_hk_test--");
  auto encoded = body.substr(encoded_start, encoded_end - encoded_start);
  EXPECT_EQ(decode_base64(encoded), p.attachment->content);
  for (const auto& line : crlf_lines(encoded)) {
    EXPECT_LE(line.size(), 76u);
    EXPECT_EQ(
        line.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/="),
        std::string::npos)
        << line;
  }
}

TEST(MailMessage, MultipartMessagesKeepCrlfAndTheSmtpLineLimit) {
  auto p = with_calendar();
  p.body = std::string(2000, 'x') + "\n";
  auto m = build_message(p);
  for (std::size_t i = 0; i < m.size(); ++i) {
    if (m[i] == '\n') {
      ASSERT_EQ(m[i - 1], '\r') << "bare LF at " << i;
    }
    if (m[i] == '\r') {
      ASSERT_EQ(m[i + 1], '\n') << "bare CR at " << i;
    }
  }
  for (const auto& line : crlf_lines(m)) EXPECT_LE(line.size(), 998u);
}

TEST(MailMessage, ARandomBoundaryIsChosenWhenNoneIsGiven) {
  auto p = with_calendar();
  p.boundary.clear();
  auto a = build_message(p);
  auto b = build_message(p);
  auto boundary_of = [](const std::string& m) {
    auto at = m.find("boundary=\"") + 10;
    return m.substr(at, m.find('"', at) - at);
  };
  EXPECT_NE(boundary_of(a), boundary_of(b));
  EXPECT_GE(boundary_of(a).size(), 20u);
  EXPECT_NE(a.find("\r\n--" + boundary_of(a) + "--\r\n"), std::string::npos);
}

TEST(MailMessage, FilenamesAreQuotedSafelyAndEncodedPerRfc2231) {
  EXPECT_EQ(filename_parameters("gesuch-7.ics"), "filename=\"gesuch-7.ics\"");
  // Quotes, backslashes and slashes cannot end the parameter or name a folder.
  EXPECT_EQ(filename_parameters("a\"b\\c/d.ics"), "filename=\"a_b_c_d.ics\"");
  EXPECT_EQ(filename_parameters("a\r\nBcc: x.ics"), "filename=\"a  Bcc: x.ics\"");
  EXPECT_EQ(filename_parameters(""), "filename=\"attachment\"");
  EXPECT_EQ(filename_parameters("Einsatz Übergänge.ics"),
            "filename=\"Einsatz _berg_nge.ics\"; "
            "filename*=UTF-8''Einsatz%20%C3%9Cberg%C3%A4nge.ics");

  auto p = with_calendar();
  p.attachment->filename = "Küche \"neu\".ics";
  auto m = unfold(build_message(p));
  EXPECT_NE(m.find("; name=\"K_che _neu_.ics\"\r\n"), std::string::npos) << m;
  EXPECT_NE(m.find("Content-Disposition: attachment; filename=\"K_che _neu_.ics\";"),
            std::string::npos)
      << m;
  EXPECT_NE(m.find("filename*=UTF-8''K%C3%BCche%20_neu_.ics\r\n"), std::string::npos) << m;
}

TEST(MailMessage, Base64LinesFollowRfc2045) {
  EXPECT_EQ(base64_lines(""), "");
  EXPECT_EQ(base64_lines("Grüße"), "R3LDvMOfZQ==\r\n");
  auto lines = crlf_lines(base64_lines(std::string(200, 'a')));
  ASSERT_EQ(lines.size(), 4u);  // 200 bytes -> 268 characters
  EXPECT_EQ(lines[0].size(), 76u);
  EXPECT_EQ(lines[3].size(), 268u - 3 * 76);
}

#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace hk::mail {

struct Address {
  std::string display_name;  // may be empty
  std::string address;
};

// "Helferkarte <noreply@example.org>", "\"Stadt X\" <a@b>" or a bare "a@b".
Address parse_address(std::string_view text);

// A file sent with the text, e.g. "gesuch-7.ics", "text/calendar; charset=utf-8".
struct FilePart {
  std::string filename;
  std::string content_type;
  std::string content;
};

struct MessageParts {
  std::string from;  // as configured: "Name <address>" or "address"
  std::string to;    // an address
  std::string subject;
  std::string body;  // plain text, "\n" or "\r\n" line ends
  std::int64_t date = 0;
  std::string message_id;  // without angle brackets
  std::optional<FilePart> attachment;
  std::string boundary;  // of the multipart body; empty: a random one
};

// A complete RFC 5322 message: headers, an empty line, the body; CRLF line ends, UTF-8
// text sent as 8bit. Header values cannot carry a line break, so nothing a user typed can
// add a header. With an attachment the body is multipart/mixed: the text, then the file in
// base64.
std::string build_message(const MessageParts& parts);

// A fresh random id at the domain of the From address.
std::string new_message_id(std::string_view from);

// Pieces of build_message, exposed for tests.
std::string encode_header_text(std::string_view text);  // RFC 2047 when not plain ASCII
std::string rfc5322_date(std::int64_t epoch_seconds);
// Lines longer than `width` characters are broken at spaces; a word longer than that (a
// link) gets a line of its own and is never broken.
std::string wrap_body(std::string_view body, std::size_t width = 76);
// Base64 in lines of 76 characters, each ended by CRLF (RFC 2045).
std::string base64_lines(std::string_view data);
// The filename parameters of Content-Disposition: `filename="..."` with a plain ASCII
// stand-in for old mail programs, plus RFC 2231 `filename*=UTF-8''...` when the name is not
// plain ASCII. Quotes, backslashes, slashes and control characters never reach the header.
std::string filename_parameters(std::string_view filename);

}  // namespace hk::mail

#include "mail/message.hpp"

#include <fmt/format.h>

#include <ctime>

#include "auth/tokens.hpp"

namespace hk::mail {

namespace {

// Control characters, CR and LF above all, become spaces: a header value stays one line.
std::string one_line(std::string_view s) {
  std::string out(s);
  for (auto& ch : out) {
    auto u = static_cast<unsigned char>(ch);
    if (u < 0x20 || u == 0x7f) ch = ' ';
  }
  return out;
}

bool plain_ascii(std::string_view s) {
  for (auto ch : s) {
    auto u = static_cast<unsigned char>(ch);
    if (u < 0x20 || u > 0x7e) return false;
  }
  return s.find("=?") == std::string_view::npos;
}

bool continuation_byte(unsigned char u) { return (u & 0xC0) == 0x80; }

std::size_t characters(std::string_view s) {
  std::size_t n = 0;
  for (auto ch : s) n += continuation_byte(static_cast<unsigned char>(ch)) ? 0 : 1;
  return n;
}

std::string base64(std::string_view in) {
  static constexpr char alphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((in.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 2 < in.size(); i += 3) {
    std::uint32_t v = static_cast<unsigned char>(in[i]) << 16 |
                      static_cast<unsigned char>(in[i + 1]) << 8 |
                      static_cast<unsigned char>(in[i + 2]);
    out += alphabet[v >> 18 & 63];
    out += alphabet[v >> 12 & 63];
    out += alphabet[v >> 6 & 63];
    out += alphabet[v & 63];
  }
  if (i < in.size()) {
    std::uint32_t v = static_cast<unsigned char>(in[i]) << 16;
    if (i + 1 < in.size()) v |= static_cast<unsigned char>(in[i + 1]) << 8;
    out += alphabet[v >> 18 & 63];
    out += alphabet[v >> 12 & 63];
    out += i + 1 < in.size() ? alphabet[v >> 6 & 63] : '=';
    out += '=';
  }
  return out;
}

// "Name: value", folded at spaces so that lines stay within 78 characters where the words
// allow it.
std::string header(std::string_view name, std::string_view value) {
  std::string out = std::string(name) + ":";
  std::size_t line = out.size();
  std::size_t pos = 0;
  bool first = true;
  while (pos <= value.size()) {
    auto space = value.find(' ', pos);
    auto word = value.substr(pos, space == std::string_view::npos ? value.npos : space - pos);
    if (!first && line + 1 + word.size() > 78) {
      out += "\r\n";
      line = 0;
    }
    out += ' ';
    out += word;
    line += 1 + word.size();
    first = false;
    if (space == std::string_view::npos) break;
    pos = space + 1;
  }
  return out + "\r\n";
}

std::string display_name(std::string_view name) {
  if (!plain_ascii(name)) return encode_header_text(name);
  if (name.find_first_of("()<>[]:;@\\,.\"") == std::string_view::npos) return std::string(name);
  std::string out = "\"";
  for (auto ch : name) {
    if (ch == '"' || ch == '\\') out += '\\';
    out += ch;
  }
  return out + "\"";
}

std::string trim(std::string_view s) {
  auto b = s.find_first_not_of(" \t");
  if (b == std::string_view::npos) return {};
  auto e = s.find_last_not_of(" \t");
  return std::string(s.substr(b, e - b + 1));
}

// A file name as a header may carry it inside quotes: one line, no quote, backslash or path.
std::string clean_filename(std::string_view filename) {
  auto name = trim(one_line(filename));
  for (auto& ch : name) {
    if (ch == '"' || ch == '\\' || ch == '/') ch = '_';
  }
  return name.empty() ? "attachment" : name;
}

// The name for mail programs that know no RFC 2231: each non-ASCII character becomes "_".
std::string ascii_stand_in(std::string_view name) {
  std::string out;
  for (auto ch : name) {
    auto u = static_cast<unsigned char>(ch);
    if (u < 0x80) {
      out += ch;
    } else if (!continuation_byte(u)) {
      out += '_';
    }
  }
  return out;
}

}  // namespace

Address parse_address(std::string_view text) {
  auto s = one_line(text);
  auto open = s.rfind('<');
  auto close = s.rfind('>');
  if (open == std::string::npos || close == std::string::npos || close < open) {
    return {"", trim(s)};
  }
  auto name = trim(s.substr(0, open));
  if (name.size() >= 2 && name.front() == '"' && name.back() == '"') {
    std::string unquoted;
    for (std::size_t i = 1; i + 1 < name.size(); ++i) {
      if (name[i] == '\\' && i + 2 < name.size()) ++i;
      unquoted += name[i];
    }
    name = unquoted;
  }
  return {name, trim(s.substr(open + 1, close - open - 1))};
}

std::string encode_header_text(std::string_view text) {
  auto s = one_line(text);
  if (plain_ascii(s)) return s;
  // 42 bytes give 56 base64 characters: with "=?UTF-8?B?" and "?=" and a header name the
  // line stays under 78. Words end between characters, never inside one.
  constexpr std::size_t chunk = 42;
  std::string out;
  std::size_t pos = 0;
  while (pos < s.size()) {
    auto end = std::min(s.size(), pos + chunk);
    while (end < s.size() && end > pos && continuation_byte(static_cast<unsigned char>(s[end])))
      --end;
    if (!out.empty()) out += " ";
    out += "=?UTF-8?B?" + base64(std::string_view(s).substr(pos, end - pos)) + "?=";
    pos = end;
  }
  return out;
}

std::string rfc5322_date(std::int64_t epoch_seconds) {
  static constexpr const char* days[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr const char* months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                           "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  std::time_t t = static_cast<std::time_t>(epoch_seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  return fmt::format("{}, {:02} {} {} {:02}:{:02}:{:02} +0000", days[tm.tm_wday], tm.tm_mday,
                     months[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

std::string wrap_body(std::string_view body, std::size_t width) {
  // RFC 5321 allows 1000 octets per line including CRLF; only a single word longer than
  // this (no link is) is cut.
  constexpr std::size_t hard_limit = 990;
  std::string out;
  std::size_t pos = 0;
  while (pos <= body.size()) {
    auto nl = body.find('\n', pos);
    auto line = body.substr(pos, nl == std::string_view::npos ? body.npos : nl - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (nl == std::string_view::npos && line.empty()) break;  // text ended with a line end

    std::string current;
    std::size_t current_chars = 0;
    auto flush = [&] {
      out += current;
      out += "\r\n";
      current.clear();
      current_chars = 0;
    };
    if (characters(line) <= width) {
      current = std::string(line);
      flush();
    } else {
      std::size_t wpos = 0;
      while (wpos <= line.size()) {
        auto space = line.find(' ', wpos);
        auto word = line.substr(wpos, space == std::string_view::npos ? line.npos : space - wpos);
        while (word.size() > hard_limit) {
          auto cut = hard_limit;
          while (cut > 1 && continuation_byte(static_cast<unsigned char>(word[cut]))) --cut;
          if (!current.empty()) flush();
          current = std::string(word.substr(0, cut));
          flush();
          word.remove_prefix(cut);
        }
        auto n = characters(word);
        if (!current.empty() && current_chars + 1 + n > width) flush();
        if (!current.empty()) {
          current += ' ';
          ++current_chars;
        }
        current += word;
        current_chars += n;
        if (space == std::string_view::npos) break;
        wpos = space + 1;
      }
      flush();
    }
    if (nl == std::string_view::npos) break;
    pos = nl + 1;
  }
  return out;
}

std::string base64_lines(std::string_view data) {
  auto encoded = base64(data);
  std::string out;
  out.reserve(encoded.size() + encoded.size() / 76 * 2 + 2);
  for (std::size_t pos = 0; pos < encoded.size(); pos += 76) {
    out += encoded.substr(pos, 76);
    out += "\r\n";
  }
  return out;
}

std::string filename_parameters(std::string_view filename) {
  auto name = clean_filename(filename);
  if (plain_ascii(name)) return "filename=\"" + name + "\"";
  // RFC 2231 section 7 / RFC 5987 attr-char; everything else is percent-encoded.
  static constexpr char hex[] = "0123456789ABCDEF";
  std::string extended = "UTF-8''";
  for (auto ch : name) {
    auto u = static_cast<unsigned char>(ch);
    bool attr_char = (u >= 'A' && u <= 'Z') || (u >= 'a' && u <= 'z') || (u >= '0' && u <= '9') ||
                     std::string_view("!#$&+-.^_`|~").find(ch) != std::string_view::npos;
    if (attr_char) {
      extended += ch;
    } else {
      extended += '%';
      extended += hex[u >> 4];
      extended += hex[u & 15];
    }
  }
  return "filename=\"" + ascii_stand_in(name) + "\"; filename*=" + extended;
}

std::string new_message_id(std::string_view from) {
  auto address = parse_address(from).address;
  auto at = address.rfind('@');
  auto domain = at == std::string::npos || at + 1 == address.size() ? "helferkarte.invalid"
                                                                    : address.substr(at + 1);
  return auth::random_token(18) + "@" + domain;
}

std::string build_message(const MessageParts& parts) {
  auto from = parse_address(parts.from);
  std::string from_value = from.display_name.empty()
                               ? from.address
                               : display_name(from.display_name) + " <" + from.address + ">";
  std::string out;
  out += header("From", from_value);
  out += header("To", one_line(parts.to));
  out += header("Subject", encode_header_text(parts.subject));
  out += header("Date", rfc5322_date(parts.date));
  out += header("Message-ID", "<" + one_line(parts.message_id) + ">");
  out += "MIME-Version: 1.0\r\n";
  // Chosen after the text was written, so nobody can put the boundary into it; base64 lines
  // never begin with "--".
  std::string boundary;
  if (parts.attachment) {
    boundary = parts.boundary.empty() ? "=_hk_" + auth::random_token(18) : parts.boundary;
    out += "Content-Type: multipart/mixed; boundary=\"" + boundary + "\"\r\n";
  } else {
    out += "Content-Type: text/plain; charset=utf-8\r\n";
  }
  out += "Content-Transfer-Encoding: 8bit\r\n";
  // RFC 3834: no holiday auto-replies to a machine's mail.
  out += "Auto-Submitted: auto-generated\r\n";
  out += "\r\n";
  if (!parts.attachment) return out + wrap_body(parts.body);

  const auto& file = *parts.attachment;
  out += "--" + boundary + "\r\n";
  out += "Content-Type: text/plain; charset=utf-8\r\n";
  out += "Content-Transfer-Encoding: 8bit\r\n";
  out += "\r\n";
  out += wrap_body(parts.body);
  out += "--" + boundary + "\r\n";
  // The older `name` parameter of Content-Type, for mail programs that look only there.
  out += header("Content-Type", one_line(file.content_type) + "; name=\"" +
                                    ascii_stand_in(clean_filename(file.filename)) + "\"");
  out += "Content-Transfer-Encoding: base64\r\n";
  out += header("Content-Disposition", "attachment; " + filename_parameters(file.filename));
  out += "\r\n";
  out += base64_lines(file.content);
  out += "--" + boundary + "--\r\n";
  return out;
}

}  // namespace hk::mail

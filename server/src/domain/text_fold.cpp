#include "domain/text_fold.hpp"

#include <cstdint>

namespace hk::domain {

namespace {

// Decodes one UTF-8 sequence at `i`; returns the code point and advances `i`, or returns
// 0xFFFFFFFF for an invalid sequence (skipping one byte).
std::uint32_t next_code_point(std::string_view s, std::size_t& i) {
  auto b = static_cast<unsigned char>(s[i]);
  int len = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : (b >> 3) == 0x1E ? 4 : 0;
  if (len == 0 || i + len > s.size()) {
    ++i;
    return 0xFFFFFFFF;
  }
  std::uint32_t cp = len == 1 ? b : len == 2 ? (b & 0x1F) : len == 3 ? (b & 0x0F) : (b & 0x07);
  for (int k = 1; k < len; ++k) {
    auto c = static_cast<unsigned char>(s[i + k]);
    if ((c & 0xC0) != 0x80) {
      ++i;
      return 0xFFFFFFFF;
    }
    cp = (cp << 6) | (c & 0x3F);
  }
  i += len;
  return cp;
}

void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// Base letters of U+00C0..U+00FF after lower-casing ('\0': not a letter to fold).
constexpr const char* latin1_base =
    "aaaaaaaceeeeiiiidnooooo\0ouuuuyts"   // U+00C0..U+00DF
    "aaaaaaaceeeeiiiidnooooo\0ouuuuyty";  // U+00E0..U+00FF

std::string fold(std::string_view s, bool expand_umlauts) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    auto cp = next_code_point(s, i);
    if (cp == 0xFFFFFFFF) continue;
    if (cp < 0x80) {
      out += static_cast<char>(cp >= 'A' && cp <= 'Z' ? cp + 32 : cp);
      continue;
    }
    switch (cp) {
      case 0xC4:  // Ä ä
      case 0xE4:
        out += expand_umlauts ? "ae" : "a";
        continue;
      case 0xD6:  // Ö ö
      case 0xF6:
        out += expand_umlauts ? "oe" : "o";
        continue;
      case 0xDC:  // Ü ü
      case 0xFC:
        out += expand_umlauts ? "ue" : "u";
        continue;
      case 0xDF:  // ß ẞ
      case 0x1E9E:
        out += "ss";
        continue;
      case 0xC6:  // Æ æ
      case 0xE6:
        out += "ae";
        continue;
      case 0x152:  // Œ œ
      case 0x153:
        out += "oe";
        continue;
      case 0x178:  // Ÿ (ÿ is U+00FF)
        out += 'y';
        continue;
      default:
        break;
    }
    if (cp >= 0xC0 && cp <= 0xFF && latin1_base[cp - 0xC0] != '\0') {
      out += latin1_base[cp - 0xC0];
      continue;
    }
    // Latin Extended-A pairs each capital with the small letter after it; only the case is
    // folded here, the accents are left to the search index.
    bool even_pairs = (cp >= 0x100 && cp <= 0x137 && cp != 0x130) || (cp >= 0x14A && cp <= 0x177);
    bool odd_pairs = (cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E);
    if ((even_pairs && cp % 2 == 0) || (odd_pairs && cp % 2 == 1)) ++cp;
    append_utf8(out, cp);
  }
  return out;
}

}  // namespace

std::string fold_german(std::string_view utf8) { return fold(utf8, true); }

std::string fold_plain(std::string_view utf8) { return fold(utf8, false); }

std::vector<std::string> words_of(std::string_view folded) {
  std::vector<std::string> words;
  std::string word;
  for (char ch : folded) {
    auto c = static_cast<unsigned char>(ch);
    bool letter =
        c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (letter) {
      word += ch;
    } else if (!word.empty()) {
      words.push_back(std::move(word));
      word.clear();
    }
  }
  if (!word.empty()) words.push_back(std::move(word));
  return words;
}

}  // namespace hk::domain

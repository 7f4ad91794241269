#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace hk::domain {

// Folds German text for matching: lower case, ä/ö/ü → ae/oe/ue, ß → ss, other accented Latin
// letters to their base letter (é → e). "Bücherei", "BÜCHEREI" and "Buecherei" all fold to
// "buecherei". Invalid UTF-8 bytes are dropped; other characters pass through lower-cased
// where Latin, unchanged otherwise.
std::string fold_german(std::string_view utf8);

// The same, but umlauts lose their dots instead (ü → u): how people type without a German
// keyboard ("Gutersloh"). Places match either spelling.
std::string fold_plain(std::string_view utf8);

// The words of a folded text: runs of letters and digits (bytes >= 0x80 count as letters).
std::vector<std::string> words_of(std::string_view folded);

}  // namespace hk::domain

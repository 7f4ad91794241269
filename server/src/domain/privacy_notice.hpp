#pragma once

#include <string>

#include "domain/municipality.hpp"

namespace hk::domain {

// What the default Datenschutzerklärung must state about this installation: the periods after
// which the background jobs erase data (0: that kind is not erased automatically; for the
// hotline: erased as soon as the job runs after closing) and the map tile server an operator
// may have configured, which every visitor's browser then contacts.
struct PrivacyFacts {
  int unverified_account_days = 7;
  int token_days = 7;
  int session_days = 30;
  int mail_body_days = 30;
  int hotline_retention_days = 30;
  std::string map_tile_host;  // empty: no external tiles
};

// The German Datenschutzerklärung a municipality shows while it has not written its own:
// what Helferkarte processes, why, who sees it, how long it is kept and the rights of the
// people concerned. Plain text, paragraphs separated by blank lines. Pure.
std::string default_privacy_notice(const Municipality& m, const PrivacyFacts& facts);

// The host of a tile URL template ("https://tiles.example.org/{z}/{x}/{y}.png" ->
// "tiles.example.org"); empty for an empty or unparseable template.
std::string url_host(const std::string& url);

}  // namespace hk::domain

#pragma once

#include <map>
#include <string>
#include <vector>

namespace hk::mail {

struct Rendered {
  std::string subject;
  std::string body;  // plain text, "\n" line ends
};

// Fills a mail template. Pure. An unknown template id or language, or a missing parameter,
// is a mistake in the calling code, not in anybody's input: std::logic_error.
Rendered render(const std::string& template_id, const std::string& language,
                const std::map<std::string, std::string>& params);

// Every template id, and the parameters one needs; for tests and for callers' checks.
std::vector<std::string> template_ids();
const std::vector<std::string>& template_params(const std::string& template_id);

}  // namespace hk::mail

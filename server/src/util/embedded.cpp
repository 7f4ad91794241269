#include "util/embedded.hpp"

namespace hk::embedded {

std::string_view embedded_file(std::string_view name) {
  for (const auto& [n, content] : embedded_files()) {
    if (n == name) return content;
  }
  return {};
}

}  // namespace hk::embedded

#pragma once

#include <string_view>
#include <utility>
#include <vector>

namespace hk::embedded {

// Files built into the binary by cmake/embed.cmake: "migrations/NNNN_name.sql", "openapi.json".
const std::vector<std::pair<std::string_view, std::string_view>>& embedded_files();

std::string_view embedded_file(std::string_view name);  // empty when absent

}  // namespace hk::embedded

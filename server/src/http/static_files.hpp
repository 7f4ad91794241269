#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <unordered_map>

#include "http/request.hpp"
#include "http/response.hpp"

namespace hk::http {

// The built web app, read into memory once at start-up: it is small, and serving from
// memory keeps file I/O off the I/O threads.
class StaticFiles {
 public:
  explicit StaticFiles(const std::filesystem::path& root);

  // The answer for a GET/HEAD of `path`, or nullopt when no file and no client route fits.
  std::optional<Response> serve(const Request& request) const;
  bool has_index() const { return files_.contains("/index.html"); }
  std::size_t size() const { return files_.size(); }

  static std::string content_type_for(const std::string& path);

 private:
  struct File {
    std::string body;
    std::string content_type;
    std::string etag;
    bool immutable;
  };
  Response respond(const File& file, const Request& request) const;

  std::unordered_map<std::string, File> files_;
};

}  // namespace hk::http

#include "http/static_files.hpp"

#include <fmt/format.h>

#include <fstream>
#include <sstream>

namespace hk::http {

namespace {

std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string etag_of(const std::string& body) {
  // FNV-1a is enough for a validator: it only has to change when the content changes.
  std::uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : body) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  return fmt::format("\"{:016x}\"", h);
}

bool etag_matches(std::string_view header, const std::string& etag) {
  if (header == "*") return true;
  while (!header.empty()) {
    auto comma = header.find(',');
    auto item = header.substr(0, comma);
    header = comma == std::string_view::npos ? std::string_view{} : header.substr(comma + 1);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
    if (item.starts_with("W/")) item.remove_prefix(2);
    if (item == etag) return true;
  }
  return false;
}

}  // namespace

std::string StaticFiles::content_type_for(const std::string& path) {
  static const std::unordered_map<std::string, std::string> types = {
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json"},
      {".webmanifest", "application/manifest+json"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".jpg", "image/jpeg"},
      {".jpeg", "image/jpeg"},
      {".webp", "image/webp"},
      {".ico", "image/x-icon"},
      {".woff2", "font/woff2"},
      {".woff", "font/woff"},
      {".ttf", "font/ttf"},
      {".txt", "text/plain; charset=utf-8"},
      {".map", "application/json"},
      {".geojson", "application/geo+json"},
  };
  auto ext = std::filesystem::path(path).extension().string();
  auto it = types.find(ext);
  return it == types.end() ? "application/octet-stream" : it->second;
}

StaticFiles::StaticFiles(const std::filesystem::path& root) {
  std::error_code ec;
  if (!std::filesystem::is_directory(root, ec)) return;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(root, ec)) {
    if (!entry.is_regular_file()) continue;
    auto rel = std::filesystem::relative(entry.path(), root).generic_string();
    if (rel.starts_with(".")) continue;  // build stamps and other dot files stay private
    File f;
    f.body = read_file(entry.path());
    f.content_type = content_type_for(rel);
    f.etag = etag_of(f.body);
    // Vite puts content-hashed names under assets/; everything else may change in place.
    f.immutable = rel.starts_with("assets/");
    files_.emplace("/" + rel, std::move(f));
  }
}

Response StaticFiles::respond(const File& file, const Request& request) const {
  Response r;
  r.set_header("ETag", file.etag);
  r.set_header("Cache-Control",
               file.immutable ? "public, max-age=31536000, immutable" : "no-cache");
  auto inm = request.header("If-None-Match");
  if (inm && etag_matches(*inm, file.etag)) {
    r.status = 304;
    return r;
  }
  r.status = 200;
  r.set_header("Content-Type", file.content_type);
  r.body = file.body;
  return r;
}

std::optional<Response> StaticFiles::serve(const Request& request) const {
  const std::string& path = request.path;
  if (path == "/" || path == "/index.html") {
    auto it = files_.find("/index.html");
    if (it == files_.end()) return std::nullopt;
    return respond(it->second, request);
  }
  if (auto it = files_.find(path); it != files_.end()) return respond(it->second, request);
  // A path whose last segment has no dot is a client-side route of the app.
  auto last = path.substr(path.rfind('/') + 1);
  if (last.find('.') == std::string::npos) {
    auto it = files_.find("/index.html");
    if (it != files_.end()) return respond(it->second, request);
  }
  return std::nullopt;
}

}  // namespace hk::http

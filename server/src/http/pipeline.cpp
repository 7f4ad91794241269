#include "http/pipeline.hpp"

#include <fmt/format.h>
#include <sodium.h>
#include <spdlog/spdlog.h>

#include <boost/json.hpp>

#include "util/log.hpp"
#include "util/unavailable.hpp"

namespace hk::http {

namespace {

// A client's request id is echoed only when it is short and plain, so it cannot inject into
// logs or headers.
bool sane_request_id(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  for (char c : id) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.'))
      return false;
  }
  return true;
}

// The path as the access log shows it: a secret in the path (the calendar feed's, a mail
// link's token) is replaced by its template, since whoever reads the log could use it.
std::string logged_path(const Request& request) {
  if (request.route.find("{token}") != std::string::npos) return request.route;
  return request.path;
}

}  // namespace

std::string new_request_id() {
  // Ids must be unique and hard to guess in advance, not secret: a random start per thread
  // (one system call), then splitmix64 steps, instead of a system call per request.
  thread_local std::uint64_t state = [] {
    std::uint64_t seed;
    randombytes_buf(&seed, sizeof seed);
    return seed;
  }();
  std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  z ^= z >> 31;
  static constexpr char digits[] = "0123456789abcdef";
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i, z >>= 4) out[static_cast<std::size_t>(i)] = digits[z & 15];
  return out;
}

Pipeline::Pipeline(const Router& router, const StaticFiles* static_files, Metrics& metrics,
                   PipelineOptions options, ResponseCache* cache)
    : router_(router),
      static_files_(static_files),
      metrics_(metrics),
      options_(std::move(options)),
      cache_(cache) {
  std::string img = "img-src 'self' data:";
  if (!options_.extra_img_src.empty()) img += " " + options_.extra_img_src;
  csp_ = "default-src 'self'; " + img +
         "; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
}

Pipeline::Prepared Pipeline::prepare(Request& request) const {
  if (auto id = request.header("X-Request-Id"); id && sane_request_id(*id)) {
    request.request_id = std::string(*id);
  } else {
    request.request_id = new_request_id();
  }
  request.language = negotiate_language(request.header("Accept-Language").value_or(""));
  request.client_address = client_address(request, options_.trusted_proxies);

  Prepared p;
  if (!parse_target(request.target, request.path, request.query)) {
    request.route = "(invalid)";
    request.path.clear();  // half-decoded bytes belong neither in the answer nor in the log
    p.immediate = error(request, ApiError(400, "bad-request", {"Ungültige Anfrage", "Bad request"},
                                          {"Die Adresse der Anfrage ist ungültig.",
                                           "The request target is malformed."}));
    return p;
  }

  auto match = router_.match(request.method, request.path);
  switch (match.kind) {
    case RouteMatch::Kind::found:
      request.route = match.route->pattern;
      request.params = std::move(match.params);
      if (cache_ && match.route->caching == Caching::anonymous) {
        request.cache_key = cache_->key_for(request);
        // A hit is answered here, on the I/O thread, without a trip to the worker pool.
        if (!request.cache_key.empty()) p.immediate = cache_->find(request.cache_key);
        if (p.immediate) return p;
      }
      p.route = match.route;
      return p;
    case RouteMatch::Kind::method_not_allowed: {
      request.route = "(method not allowed)";
      std::string allow;
      for (const auto& m : match.allowed) allow += (allow.empty() ? "" : ", ") + m;
      ApiError e(405, "method-not-allowed", {"Methode nicht erlaubt", "Method not allowed"},
                 {"Diese Adresse erlaubt nur: " + allow + ".",
                  "This resource allows only: " + allow + "."});
      e.headers.emplace_back("Allow", allow);
      p.immediate = error(request, e);
      return p;
    }
    case RouteMatch::Kind::not_found:
      break;
  }

  bool api = request.path == "/api" || request.path.starts_with("/api/");
  if (!api && static_files_ && (request.method == "GET" || request.method == "HEAD")) {
    if (auto r = static_files_->serve(request)) {
      request.route = "(static)";
      p.immediate = std::move(*r);
      return p;
    }
  }
  request.route = "(unmatched)";
  if (!api && request.method != "GET" && request.method != "HEAD") {
    ApiError e(405, "method-not-allowed", {"Methode nicht erlaubt", "Method not allowed"},
               {"Diese Adresse erlaubt nur: GET, HEAD.", "This resource allows only: GET, HEAD."});
    e.headers.emplace_back("Allow", "GET, HEAD");
    p.immediate = error(request, e);
    return p;
  }
  p.immediate = error(request, not_found());
  return p;
}

Response Pipeline::run(const Route& route, Request& request) const {
  if (request.cache_key.empty()) return call(route, request);
  auto filling = cache_->fill_lock(request.cache_key);
  // Answered while this request waited for the lock.
  if (auto filled = cache_->find(request.cache_key, false)) return std::move(*filled);
  auto generation = cache_->generation();
  auto response = call(route, request);
  cache_->store(request.cache_key, generation, response);
  return response;
}

Response Pipeline::call(const Route& route, Request& request) const {
  try {
    return route.handler(request);
  } catch (const ApiError& e) {
    return error(request, e);
  } catch (const util::TemporarilyUnavailable& e) {
    auto what = dynamic_cast<const std::exception*>(&e);
    spdlog::warn("request {} {} {} unavailable: {}", request.request_id, request.method,
                 request.route, what ? what->what() : "");
    return error(request, unavailable());
  } catch (const std::exception& e) {
    // Never a client's fault by construction; logged with the id the client can quote.
    spdlog::error("request {} {} {} failed: {}", request.request_id, request.method, request.route,
                  e.what());
    return error(
        request,
        ApiError(500, "internal", {"Interner Fehler", "Internal error"},
                 {"Ein unerwarteter Fehler ist aufgetreten (Anfrage " + request.request_id + ").",
                  "An unexpected error occurred (request " + request.request_id + ")."}));
  }
}

Response Pipeline::error(const Request& request, const ApiError& e) const {
  return problem_response(e, request.language, request.path.empty() ? "" : request.path);
}

void Pipeline::finish(const Request& request, Response& response) const {
  response.set_header("Content-Security-Policy", csp_);
  response.set_header("X-Content-Type-Options", "nosniff");
  response.set_header("Referrer-Policy", "no-referrer");
  response.set_header("Permissions-Policy",
                      "geolocation=(self), camera=(), microphone=(), payment=(), usb=(), "
                      "interest-cohort=()");
  response.set_header("X-Frame-Options", "DENY");
  response.set_header("Cross-Origin-Opener-Policy", "same-origin");
  response.set_header("X-Request-Id", request.request_id);
  if (options_.https) response.set_header("Strict-Transport-Security", "max-age=31536000");
  if (!response.header("Cache-Control")) response.set_header("Cache-Control", "no-store");
  if (request.method == "HEAD") response.head_only = true;

  auto elapsed =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - request.received).count();
  metrics_.record(request.route, request.method, response.status, elapsed);
  // The query string is not logged: it may hold a citizen's position.
  util::log_access(request.request_id, request.method, logged_path(request), request.route,
                   response.status, elapsed, response.payload().size());
}

}  // namespace hk::http

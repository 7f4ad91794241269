#include "http/problem.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

using namespace hk::http;

TEST(Problem, ValidationProblemHasFieldErrorsInTheClientsLanguage) {
  auto e = validation_failed({{"email", {"Ungültig.", "Invalid."}}});
  auto de = problem_response(e, "de", "/api/v1/auth/login");
  EXPECT_EQ(de.status, 422);
  EXPECT_EQ(de.header("Content-Type").value(), "application/problem+json");
  EXPECT_EQ(de.header("Content-Language").value(), "de");
  auto body = boost::json::parse(de.body).as_object();
  EXPECT_EQ(body.at("type").as_string(), "urn:helferkarte:problem:validation");
  EXPECT_EQ(body.at("status").as_int64(), 422);
  EXPECT_EQ(body.at("instance").as_string(), "/api/v1/auth/login");
  EXPECT_EQ(body.at("errors").as_array().at(0).at("field").as_string(), "email");
  EXPECT_EQ(body.at("errors").as_array().at(0).at("message").as_string(), "Ungültig.");

  auto en = problem_response(e, "en", "");
  auto en_body = boost::json::parse(en.body).as_object();
  EXPECT_EQ(en_body.at("errors").as_array().at(0).at("message").as_string(), "Invalid.");
  EXPECT_NE(en_body.at("title"), body.at("title"));
  EXPECT_FALSE(en_body.contains("instance"));
}

TEST(Problem, CarriesExtraHeaders) {
  auto r = problem_response(overloaded(), "de", "/");
  EXPECT_EQ(r.status, 503);
  EXPECT_EQ(r.header("Retry-After").value(), "1");
}

TEST(Language, NegotiatesGermanOrEnglish) {
  EXPECT_EQ(negotiate_language(""), "de");
  EXPECT_EQ(negotiate_language("en-US,en;q=0.9"), "en");
  EXPECT_EQ(negotiate_language("de-DE,de;q=0.9,en;q=0.8"), "de");
  EXPECT_EQ(negotiate_language("fr-FR, en;q=0.5, de;q=0.4"), "en");
  EXPECT_EQ(negotiate_language("fr"), "de");
  EXPECT_EQ(negotiate_language("en;q=0.2, de;q=0.8"), "de");
  EXPECT_EQ(negotiate_language(";;;,=,q=x"), "de");
}

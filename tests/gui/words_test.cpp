#include "words.hpp"

#include <catch2/catch.hpp>

using namespace socred;
using namespace socred::gui;

TEST_CASE("identifiers and numbers in words") {
  CHECK(humanise("travel_ban") == "Travel ban");
  CHECK(humanise("") == "");
  CHECK(factor_label(Factor::friends) == "friends' scores");
  CHECK(policy_title(Policy::school_ban) == "School ban");
  CHECK(policy_title(Policy::published) == "Name published on the blacklist");
  CHECK(week_label(34, 34) == "Week 34");
  CHECK(week_label(30, 41) == "Weeks 30-41");
  CHECK(with_commas(1234567.0) == "1,234,567");
  CHECK(with_commas(-12.345, 1) == "-12.3");
  CHECK(with_commas(0.04, 1) == "0.0");
  CHECK(with_commas(-0.04, 1) == "0.0");
  CHECK(with_commas(999.96, 1) == "1,000.0");
}

#include "parameter_panel.hpp"

#include <catch2/catch.hpp>
#include <set>

using namespace socred;
using namespace socred::gui;

TEST_CASE("the policies panel shows every run-time policy field exactly once") {
  const auto groups = parameter_groups("policies.");
  std::multiset<std::string> shown;
  for (const auto& g : groups) {
    if (g.toggle) shown.insert(g.toggle->path);
    for (const auto* f : g.settings) shown.insert(f->path);
  }
  std::multiset<std::string> expected;
  for (const auto& f : scenario_fields()) {
    if (f.runtime && f.path.rfind("policies.", 0) == 0) expected.insert(f.path);
  }
  CHECK(shown == expected);

  const auto travel = std::find_if(groups.begin(), groups.end(),
                                   [](const ParameterGroup& g) { return g.key == "travel_ban"; });
  REQUIRE(travel != groups.end());
  CHECK(travel->title == "Travel ban");
  REQUIRE(travel->toggle != nullptr);
  CHECK(travel->toggle->path == "policies.travel_ban.enabled");
  REQUIRE(travel->settings.size() == 3);
  CHECK(setting_label(*travel->settings[0]) == "Threshold");
  CHECK(slider_format(*travel->settings[0]) == "%.0f points");
  CHECK(slider_format(*travel->settings[1]) == "%.3f probability");
  CHECK(slider_format(*find_field("policies.rewards.discount")) == "%.3f share");
  CHECK(setting_label(*travel->settings[2]) == "Include blacklisted");

  const auto court = std::find_if(groups.begin(), groups.end(),
                                  [](const ParameterGroup& g) { return g.key == "court_blacklist"; });
  REQUIRE(court != groups.end());
  REQUIRE(court->toggle != nullptr);
  CHECK(court->settings.empty());
  CHECK_FALSE(court->toggle->meaning.empty());
}

TEST_CASE("the scoring panel shows the weights, and other sections are found") {
  const auto groups = parameter_groups("scoring.");
  std::set<std::string> keys;
  for (const auto& g : groups) keys.insert(g.key);
  CHECK(keys.count("weight_credit_history") == 1);
  CHECK(keys.count("contagion") == 1);
  CHECK(keys.count("opt_in_rate") == 0);  // fixed when a society is built
  const auto others = other_sections({"policies.", "scoring."});
  CHECK(std::find(others.begin(), others.end(), "adaptation.") != others.end());
  CHECK(std::find(others.begin(), others.end(), "behaviour.") != others.end());
  CHECK(std::find(others.begin(), others.end(), "policies.") == others.end());
  CHECK(std::find(others.begin(), others.end(), "society.") == others.end());
}

TEST_CASE("slider ranges stay inside the field's range") {
  for (const auto& f : scenario_fields()) {
    if (f.kind != FieldKind::real && f.kind != FieldKind::integer) continue;
    const SliderRange r = slider_range(f);
    INFO(f.path);
    CHECK(r.min >= f.min);
    CHECK(r.max <= f.max);
    CHECK(r.max > r.min);
  }
  CHECK(slider_range(*find_field("scoring.weight_identity")).max == 100);
  CHECK(logarithmic(*find_field("policies.rewards.loan_multiplier")) == false);
}

#include "events_feed.hpp"

#include <catch2/catch.hpp>

using namespace socred;
using namespace socred::gui;

TEST_CASE("policy changes read as sentences") {
  CHECK(describe_setting("policies.travel_ban.enabled = true") == "Travel ban switched on");
  CHECK(describe_setting("policies.public_blacklist = false") == "Public blacklist switched off");
  CHECK(describe_setting("policies.luxury_ban.threshold = 600") ==
        "Luxury ban threshold set to 600 points");
  CHECK(describe_setting("scoring.contagion.weight = 0.1") ==
        "Scoring contagion weight set to 0.1 share per week");
  CHECK(describe_setting("scoring.variant = \"points\"") == "Scoring variant set to \"points\"");
  CHECK(describe_setting("no equals sign") == "no equals sign");
}

TEST_CASE("the feed is newest first and says who made each change") {
  const std::vector<SocietyEvent> events = {
      {10, "timeline", "policies.travel_ban.enabled = true", "the ban starts"},
      {12, "user", "policies.travel_ban.enabled = false", kGuiNote},
      {12, "timeline", "policies.court_blacklist = true", ""}};
  const auto lines = feed_lines(events);
  REQUIRE(lines.size() == 3);
  CHECK(lines[0].text == "Court blacklist switched on (scenario timeline)");
  CHECK(lines[1].from_user);
  CHECK(lines[1].text == "Travel ban switched off (you)");
  CHECK(lines[2].tick == 10);
  CHECK(lines[2].text == "Travel ban switched on (scenario timeline: the ban starts)");
}

#include "charts.hpp"

#include <catch2/catch.hpp>
#include <set>

using namespace socred;
using namespace socred::gui;

TEST_CASE("the time-series charts are the ones the issue lists") {
  std::set<std::string_view> names;
  for (const auto& c : time_series_charts()) names.insert(metric_info()[static_cast<std::size_t>(c.metric)].name);
  CHECK(names == std::set<std::string_view>{"score_mean", "gini_score", "restricted_any",
                                            "trips_blocked", "dissent_per_capita", "assortativity",
                                            "cross_line_share", "isolated"});
  REQUIRE(find_chart("cross_line_share") != nullptr);
  CHECK(find_chart("cross_line_share")->scale == 100);
  CHECK(find_chart("no_such_metric") == nullptr);

  std::vector<MetricsRow> rows(3);
  rows[2][Metric::cross_line_share] = 0.25;
  CHECK(series_of(rows, *find_chart("cross_line_share")) == std::vector<double>{0, 0, 25});
}

TEST_CASE("the envelope keeps every spike of a long series") {
  std::vector<double> values(1000, 1.0);
  values[637] = 9.0;
  values[12] = -4.0;
  const auto columns = envelope(values, 100, 50);
  REQUIRE(columns.size() == 50);
  double high = -1e9, low = 1e9;
  for (const auto& c : columns) {
    high = std::max(high, c.high);
    low = std::min(low, c.low);
  }
  CHECK(high == 9.0);
  CHECK(low == -4.0);
  CHECK(columns.front().first_tick == 100);
  CHECK(columns.back().first_tick == 100 + 980);
  // Short series: one column per value.
  const auto few = envelope(std::vector<double>{3, 4}, 0, 50);
  REQUIRE(few.size() == 2);
  CHECK(few[1].low == 4);
  CHECK(envelope(std::vector<double>{}, 0, 50).empty());
}

TEST_CASE("axis ticks are round numbers inside the range") {
  CHECK(nice_ticks(0, 10, 6) == std::vector<double>{0, 2, 4, 6, 8, 10});
  const auto t = nice_ticks(553.2, 671.9, 5);
  REQUIRE_FALSE(t.empty());
  for (double v : t) {
    CHECK(v >= 553.2);
    CHECK(v <= 671.9);
    CHECK(std::fmod(v, 50) == 0);
  }
  const auto small = nice_ticks(-0.013, 0.041, 4);
  CHECK(small == std::vector<double>{0.0, 0.02, 0.04});
  CHECK(nice_ticks(1, 1, 5).empty());
  // One tick in range still knows its step, so its label has the right decimals.
  CHECK(nice_ticks(0.0447, 0.0565, 3) == std::vector<double>{0.05});
  CHECK(nice_step(0.0447, 0.0565, 3) == Approx(0.01));
  // Counts have no ticks between whole numbers.
  CHECK(nice_ticks(0, 1, 5, 1) == std::vector<double>{0, 1});
  CHECK(axis_label(0.02, 0.02) == "0.02");
  CHECK(axis_label(600, 20) == "600");
  CHECK(axis_label(25000, 5000) == "25k");
}

TEST_CASE("value ranges leave room and never collapse") {
  const Range r = value_range(std::vector<double>{10, 20});
  CHECK(r.lo < 10);
  CHECK(r.hi > 20);
  const Range flat = value_range(std::vector<double>{5, 5, 5});
  CHECK(flat.lo < 5);
  CHECK(flat.hi > 5);
  const Range zero = value_range(std::vector<double>{0, 0});
  CHECK(zero.lo == 0);
  CHECK(zero.hi == 1);
  CHECK(value_range(std::vector<double>{0.01, 5}).lo == 0);  // no negative counts
  CHECK(value_range(std::vector<double>{-1, 1}).lo < -1);
  const Range none = value_range(std::vector<double>{});
  CHECK(none.lo == 0);
  CHECK(none.hi == 1);
}

TEST_CASE("markers mark every policy change at its week, the user's apart") {
  const std::vector<SocietyEvent> events = {
      {52, "timeline", "policies.travel_ban.enabled = true", "year one"},
      {60, "user", "policies.travel_ban.threshold = 600", "changed in socred-gui"}};
  const auto markers = markers_of(events);
  REQUIRE(markers.size() == 2);
  CHECK(markers[0].tick == 52);
  CHECK_FALSE(markers[0].from_user);
  CHECK(markers[1].from_user);
  CHECK(markers[1].text == "Travel ban threshold set to 600 points (you)");
}

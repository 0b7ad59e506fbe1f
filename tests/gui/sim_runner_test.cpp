#include "sim_runner.hpp"

#include <catch2/catch.hpp>
#include <cstring>

#include "../core/test_support.hpp"
#include "events_feed.hpp"

using namespace socred;
using namespace socred::gui;
using namespace std::chrono_literals;

namespace {

// Everything the window has seen of a run: rows and events appended from every view taken.
struct Seen {
  SocietyView view;
  std::vector<MetricsRow> rows;
  std::vector<SocietyEvent> events;
  std::uint64_t generation = 0;

  void take_from(SimRunner& runner) {
    while (runner.take(view)) {
      if (view.generation != generation) {
        rows.clear();
        events.clear();
        generation = view.generation;
      }
      rows.insert(rows.end(), view.new_rows.begin(), view.new_rows.end());
      events.insert(events.end(), view.new_events.begin(), view.new_events.end());
    }
  }
};

bool same_bits(const MetricsRow& a, const MetricsRow& b) {
  return std::memcmp(a.values.data(), b.values.data(), sizeof(double) * kMetricCount) == 0;
}

}  // namespace

TEST_CASE("the window's worker gives the same numbers as a plain Simulation") {
  // A GUI run and a CLI run of the same scenario and seed agree bit for bit, policy changes
  // included: both drive Simulation, and the change applies from the next tick in both.
  const Scenario s = test::small_scenario(300, 11);
  SimRunner runner({2, 1000, 1 << 20, 0});
  runner.load(s, "test");
  runner.advance_to(5);
  REQUIRE(runner.wait_until_idle(60s));
  REQUIRE(runner.change("policies.travel_ban.threshold", FieldValue{640.0}, kGuiNote).empty());
  REQUIRE(runner.change("policies.public_blacklist", FieldValue{false}, kGuiNote).empty());
  runner.advance_to(12);
  REQUIRE(runner.wait_until_idle(60s));
  Seen seen;
  seen.take_from(runner);

  Simulation plain(s);
  std::vector<MetricsRow> expected = {plain.metrics()};
  for (int t = 1; t <= 12; ++t) {
    if (t == 6) {
      REQUIRE(plain.queue_change("policies.travel_ban.threshold", FieldValue{640.0}, "").empty());
      REQUIRE(plain.queue_change("policies.public_blacklist", FieldValue{false}, "").empty());
    }
    plain.step();
    expected.push_back(plain.metrics());
  }
  REQUIRE(seen.rows.size() == expected.size());
  for (std::size_t t = 0; t < expected.size(); ++t) {
    INFO("week " << t);
    CHECK(same_bits(seen.rows[t], expected[t]));
  }
  CHECK(seen.view.tick == 12);
  CHECK(seen.view.scenario == plain.scenario());

  // The changes took effect at week 6 and were logged as the user's.
  REQUIRE(seen.events.size() == 2);
  CHECK(seen.events[0].tick == 6);
  CHECK(seen.events[0].kind == "user");
  CHECK(seen.events[0].detail == "policies.travel_ban.threshold = 640");
  REQUIRE(seen.view.user_changes.size() == 2);
  CHECK(seen.view.user_changes[1].tick == 6);
}

TEST_CASE("a change shows in the view at once, as queued, and applies from the next week") {
  SimRunner runner({1, 1000, 1 << 20, 0});
  runner.load(test::small_scenario(100), "test");
  REQUIRE(runner.wait_until_idle(60s));
  CHECK(runner.change("policies.no_such_policy", FieldValue{true}, "").find("unknown") == 0);
  CHECK(runner.change("society.agents", FieldValue{std::int64_t{5}}, "").find("cannot change") !=
        std::string::npos);
  CHECK_FALSE(runner.change("policies.travel_ban.threshold", FieldValue{2000.0}, "").empty());
  REQUIRE(runner.change("policies.travel_ban.enabled", FieldValue{false}, kGuiNote).empty());
  REQUIRE(runner.wait_until_idle(60s));
  Seen seen;
  seen.take_from(runner);
  CHECK_FALSE(seen.view.scenario.policies.travel_ban.enabled);
  REQUIRE(seen.view.queued.size() == 1);
  CHECK(seen.view.tick == 0);
  runner.advance(1);
  REQUIRE(runner.wait_until_idle(60s));
  seen.take_from(runner);
  CHECK(seen.view.queued.empty());
  CHECK(seen.view.metrics[Metric::restricted_travel_ban] == 0);
}

TEST_CASE("rows are not lost when the window takes a view only now and then") {
  SimRunner runner({1, 1000, 1 << 20, 0});
  runner.load(test::small_scenario(120), "test");
  Seen seen;
  runner.advance_to(30);
  for (int k = 0; k < 200 && !runner.wait_until_idle(5ms); ++k) seen.take_from(runner);
  REQUIRE(runner.wait_until_idle(60s));
  seen.take_from(runner);
  REQUIRE(seen.rows.size() == 31);
  for (std::size_t t = 0; t < seen.rows.size(); ++t) CHECK(seen.rows[t][Metric::tick] == t);
}

TEST_CASE("play runs on its own until paused; a new society starts a new generation") {
  SimRunner runner({1, 1000, 1 << 20, 0});
  runner.load(test::small_scenario(80), "first");
  runner.play(true);
  SocietyView view;
  for (int k = 0; k < 2000 && view.tick < 5; ++k) {
    runner.take(view);
    std::this_thread::sleep_for(1ms);
  }
  runner.play(false);
  REQUIRE(runner.wait_until_idle(60s));
  runner.take(view);
  CHECK(view.tick >= 5);
  CHECK_FALSE(view.playing);
  const auto generation = view.generation;

  runner.load(test::small_scenario(90), "second");
  REQUIRE(runner.wait_until_idle(60s));
  REQUIRE(runner.take(view));
  CHECK(view.generation == generation + 1);
  CHECK(view.tick == 0);
  CHECK(view.citizens == 90);
  CHECK(view.source == "second");
  REQUIRE(view.new_rows.size() == 1);
}

TEST_CASE("a society that cannot be built leaves the previous one, with the error") {
  SimRunner runner({1, 1000, 1 << 20, 0});
  runner.load(test::small_scenario(80), "good");
  Scenario broken = test::small_scenario(80);
  broken.network.generator = NetworkGenerator::file;
  broken.network.file = "/nonexistent/edges.txt";
  runner.load(broken, "broken.json");
  REQUIRE(runner.wait_until_idle(60s));
  SocietyView view;
  REQUIRE(runner.take(view));
  CHECK(view.source == "good");
  CHECK(view.citizens == 80);
  CHECK(view.load_error.rfind("broken.json: ", 0) == 0);
  CHECK_FALSE(view.building);
}

TEST_CASE("the selected citizen's dossier comes with every view, history included") {
  SimRunner runner({1, 1000, 1 << 20, 0});
  runner.load(test::small_scenario(150), "test");
  runner.select(42);
  runner.advance_to(8);
  REQUIRE(runner.wait_until_idle(60s));
  SocietyView view;
  REQUIRE(runner.take(view));
  REQUIRE(view.dossier.has_value());
  CHECK(view.dossier->id == 42);
  CHECK(view.dossier->score_history.size() == 9);
  CHECK(view.dossier->score_history.back() == view.score[42]);
  runner.select(kNoCitizen);
  REQUIRE(runner.wait_until_idle(60s));
  REQUIRE(runner.take(view));
  CHECK_FALSE(view.dossier.has_value());
}

TEST_CASE("a change scheduled for a week applies as if made in the window at that week") {
  const Scenario s = test::small_scenario(150, 5);
  SimRunner scheduled({1, 1000, 1 << 20, 0});
  scheduled.load(s, "test");
  REQUIRE(scheduled.change("policies.luxury_ban.enabled", FieldValue{false}, kGuiNote, 4).empty());
  scheduled.advance_to(8);
  REQUIRE(scheduled.wait_until_idle(60s));
  Seen later;
  later.take_from(scheduled);

  SimRunner by_hand({1, 1000, 1 << 20, 0});
  by_hand.load(s, "test");
  by_hand.advance_to(4);
  REQUIRE(by_hand.wait_until_idle(60s));
  REQUIRE(by_hand.change("policies.luxury_ban.enabled", FieldValue{false}, kGuiNote).empty());
  by_hand.advance_to(8);
  REQUIRE(by_hand.wait_until_idle(60s));
  Seen now;
  now.take_from(by_hand);

  REQUIRE(later.rows.size() == 9);
  REQUIRE(now.rows.size() == 9);
  for (std::size_t t = 0; t < 9; ++t) CHECK(same_bits(later.rows[t], now.rows[t]));
  REQUIRE(later.events.size() == 1);
  CHECK(later.events[0].tick == 5);
  CHECK(later.view.user_changes == now.view.user_changes);
}

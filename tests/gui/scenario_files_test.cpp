#include "scenario_files.hpp"

#include <catch2/catch.hpp>
#include <cstring>
#include <fstream>

#include "../core/test_support.hpp"
#include "events_feed.hpp"
#include "sim_runner.hpp"
#include "socred/errors.hpp"
#include "socred/recorder.hpp"
#include "socred/scenario_io.hpp"

using namespace socred;
using namespace socred::gui;
namespace fs = std::filesystem;
using namespace std::chrono_literals;

namespace {

void write(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path) << text;
}

}  // namespace

TEST_CASE("the picker lists every scenario file with its name, description or error") {
  test::TempDir dir("gui_scenarios");
  write(dir.path() / "base.json", R"({"name": "Base", "description": "The base case."})");
  write(dir.path() / "more" / "variant.json",
        R"({"extends": "../base.json", "name": "Variant"})");
  write(dir.path() / "broken.json", R"({"policies": {"travel_ban": {"threshold": "low"}}})");
  write(dir.path() / "notes.txt", "not a scenario");
  const auto entries = list_scenarios(dir.path());
  REQUIRE(entries.size() == 3);
  CHECK(entries[0].label == "base.json");
  CHECK(entries[0].name == "Base");
  CHECK(entries[0].description == "The base case.");
  CHECK(entries[1].label == "broken.json");
  CHECK(entries[1].error.find("/policies/travel_ban/threshold") != std::string::npos);
  CHECK(entries[2].label == "more/variant.json");
  CHECK(entries[2].name == "Variant");
  CHECK(entries[2].description == "The base case.");  // inherited through `extends`
  CHECK(list_scenarios(dir.path() / "missing").empty());
}

TEST_CASE("the shipped scenarios all appear in the picker without errors") {
  const auto entries = list_scenarios(test::source_dir() / "scenarios");
  REQUIRE_FALSE(entries.empty());
  for (const auto& e : entries) {
    INFO(e.label << ": " << e.error);
    CHECK(e.error.empty());
    CHECK_FALSE(e.name.empty());
  }
}

TEST_CASE("'save as' with the parameters in force gives a valid starting point") {
  Scenario initial = test::small_scenario(100);
  initial.events = {{5, {{"policies.travel_ban.enabled", FieldValue{false}}}, "early"},
                    {50, {{"policies.travel_ban.enabled", FieldValue{true}}}, "late"}};
  Scenario current = initial;
  current.policies.public_blacklist = false;
  current.policies.travel_ban.enabled = false;
  const Scenario saved = scenario_for_saving(initial, current, {}, 20, SaveMode::starting_point,
                                             "My classroom");
  CHECK(saved.name == "My classroom");
  CHECK_FALSE(saved.policies.public_blacklist);
  REQUIRE(saved.events.size() == 1);  // the event at week 5 has happened already
  CHECK(saved.events[0].tick == 50);

  test::TempDir dir("gui_save");
  const fs::path file = dir.path() / "mine.json";
  write_file_atomically(file, scenario_to_json(saved));
  const LoadResult loaded = load_scenario_file(file);
  INFO(loaded.error_text());
  REQUIRE(loaded.ok());
  CHECK(*loaded.scenario == saved);
  // Nothing but the file is left behind.
  CHECK(std::distance(fs::directory_iterator(dir.path()), fs::directory_iterator()) == 1);
}

TEST_CASE("'save as' a replay reproduces the window's session with socred run") {
  const Scenario s = test::small_scenario(200, 3);
  SimRunner runner({1, 1000, 1 << 20, 0});
  runner.load(s, "test");
  runner.advance_to(4);
  REQUIRE(runner.wait_until_idle(60s));
  REQUIRE(runner.change("policies.travel_ban.threshold", FieldValue{700.0}, kGuiNote).empty());
  runner.advance_to(9);
  REQUIRE(runner.wait_until_idle(60s));
  std::vector<MetricsRow> rows;
  SocietyView view;
  while (runner.take(view)) rows.insert(rows.end(), view.new_rows.begin(), view.new_rows.end());
  REQUIRE(rows.size() == 10);

  const Scenario replay = scenario_for_saving(view.initial, view.scenario, view.user_changes,
                                              view.tick, SaveMode::replay, "");
  REQUIRE(replay.events.size() == 1);
  CHECK(replay.events[0].tick == 5);
  test::TempDir dir("gui_replay");
  write_file_atomically(dir.path() / "replay.json", scenario_to_json(replay));
  const LoadResult loaded = load_scenario_file(dir.path() / "replay.json");
  REQUIRE(loaded.ok());
  Simulation plain(*loaded.scenario);
  for (std::size_t t = 1; t < rows.size(); ++t) {
    plain.step();
    INFO("week " << t);
    CHECK(std::memcmp(plain.metrics().values.data(), rows[t].values.data(),
                      sizeof(double) * kMetricCount) == 0);
  }
}

TEST_CASE("exports are written whole or not at all") {
  test::TempDir dir("gui_export");
  std::vector<MetricsRow> rows(3);
  rows[1][Metric::tick] = 1;
  rows[2][Metric::tick] = 2;
  rows[2][Metric::score_mean] = 612.5;
  const fs::path csv = dir.path() / "metrics.csv";
  write_file_atomically(csv, metrics_csv(rows));
  const std::string text = test::read_file(csv);
  CHECK(text.rfind("tick,scored,", 0) == 0);
  CHECK(std::count(text.begin(), text.end(), '\n') == 4);
  CHECK(text.find("\n2,0,0,612.5,") != std::string::npos);
  CHECK_THROWS_WITH(write_file_atomically(dir.path() / "no" / "such" / "dir.csv", "x"),
                    Catch::Contains("dir.csv"));
  CHECK_FALSE(fs::exists(dir.path() / "no"));
  CHECK(unused_path(dir.path(), "metrics", ".csv") == dir.path() / "metrics-2.csv");
  CHECK(unused_path(dir.path(), "other", ".csv") == dir.path() / "other.csv");
}

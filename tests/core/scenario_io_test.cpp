#include "socred/scenario_io.hpp"

#include <catch2/catch.hpp>
#include <fstream>

#include "socred/scenario_reference.hpp"
#include "socred/scenario_schema.hpp"
#include "test_support.hpp"

using namespace socred;
namespace fs = std::filesystem;

namespace {

void write(const fs::path& p, const std::string& text) {
  std::ofstream(p, std::ios::binary) << text;
}

}  // namespace

TEST_CASE("the resolved default scenario round-trips through JSON") {
  const Scenario defaults;
  const std::string text = scenario_to_json(defaults);
  const auto again = load_scenario_text(text, "roundtrip.json", ".");
  INFO(again.error_text());
  REQUIRE(again.ok());
  CHECK(*again.scenario == defaults);
  CHECK(scenario_to_json(*again.scenario) == text);
}

TEST_CASE("a scenario with events and overrides round-trips through JSON") {
  const auto loaded = load_scenario_text(
      R"({"events": [{"tick": 52, "set": {"policies.travel_ban.enabled": false,
                                          "scoring.contagion.weight": 0.1}, "note": "repeal"}]})",
      "x.json", ".", {"seed=99", "network.generator=small_world"});
  INFO(loaded.error_text());
  REQUIRE(loaded.ok());
  CHECK(loaded.scenario->seed == 99);
  CHECK(loaded.scenario->network.generator == NetworkGenerator::small_world);
  REQUIRE(loaded.scenario->events.size() == 1);
  const auto again = load_scenario_text(scenario_to_json(*loaded.scenario), "y.json", ".");
  REQUIRE(again.ok());
  CHECK(*again.scenario == *loaded.scenario);
}

TEST_CASE("scenarios/default.json is the compiled-in default") {
  const auto loaded = load_scenario_file(test::source_dir() / "scenarios" / "default.json");
  INFO(loaded.error_text());
  REQUIRE(loaded.ok());
  INFO("regenerate with: socred show-scenario > scenarios/default.json");
  CHECK(*loaded.scenario == Scenario{});
}

TEST_CASE("every shipped scenario validates") {
  const auto files = test::shipped_scenarios();
  REQUIRE(files.size() >= 2);
  for (const auto& f : files) {
    const auto result = load_scenario_file(f);
    INFO(f.string() << "\n" << result.error_text());
    CHECK(result.ok());
  }
}

TEST_CASE("docs/scenario-reference.md is generated from the field table") {
  INFO("regenerate with: socred reference --out docs/scenario-reference.md");
  CHECK(test::read_file(test::source_dir() / "docs" / "scenario-reference.md") ==
        scenario_reference_markdown());
}

TEST_CASE("docs/outputs.md embeds the metrics table generated from the metric list") {
  INFO("regenerate with: scripts/regenerate");
  const std::string doc = test::read_file(test::source_dir() / "docs" / "outputs.md");
  const std::string table = metrics_reference_markdown();
  CHECK(doc.find(table) != std::string::npos);
  for (const auto& m : metric_info()) CHECK(table.find("| `" + std::string(m.name) + "` |") != std::string::npos);
}

TEST_CASE("extends starts from another file and overrides only what is stated") {
  test::TempDir dir("extends");
  fs::create_directories(dir.path() / "base");
  write(dir.path() / "base" / "parent.json",
        R"({"name": "parent", "policies": {"travel_ban": {"threshold": 600, "strength": 0.5}},
            "network": {"generator": "file", "file": "edges.txt"}})");
  write(dir.path() / "child.json",
        R"({"extends": "base/parent.json", "name": "child",
            "policies": {"travel_ban": {"threshold": 500}}})");
  const auto result = load_scenario_file(dir.path() / "child.json");
  INFO(result.error_text());
  REQUIRE(result.ok());
  const Scenario& s = *result.scenario;
  CHECK(s.name == "child");
  CHECK(s.policies.travel_ban.threshold == 500);
  CHECK(s.policies.travel_ban.strength == 0.5);  // inherited
  CHECK(s.policies.luxury_ban.threshold == Scenario{}.policies.luxury_ban.threshold);
  // The network file is relative to the file that names it.
  CHECK(fs::path(s.network.file) == (dir.path() / "base" / "edges.txt").lexically_normal());
}

TEST_CASE("an extends cycle is an error that names the chain") {
  test::TempDir dir("cycle");
  write(dir.path() / "a.json", R"({"extends": "b.json"})");
  write(dir.path() / "b.json", R"({"extends": "a.json"})");
  const auto result = load_scenario_file(dir.path() / "a.json");
  REQUIRE_FALSE(result.ok());
  REQUIRE(result.errors.size() == 1);
  CHECK(result.errors[0].pointer == "/extends");
  CHECK_THAT(result.errors[0].message, Catch::Contains("extends cycle: a.json -> b.json -> a.json"));
}

TEST_CASE("errors in a base file name the base file") {
  test::TempDir dir("base-error");
  write(dir.path() / "parent.json", R"({"ticks": "many"})");
  write(dir.path() / "child.json", R"({"extends": "parent.json"})");
  const auto result = load_scenario_file(dir.path() / "child.json");
  REQUIRE(result.errors.size() == 1);
  CHECK(result.errors[0].file == (dir.path() / "parent.json").string());
  CHECK(result.errors[0].pointer == "/ticks");
}

TEST_CASE("command-line overrides (--set) take JSON values and bare words, validated like a file") {
  auto r = default_scenario({"policies.travel_ban.threshold=600", "network.generator=scale_free",
                             "policies.rewards.enabled=false", "name=my run"});
  INFO(r.error_text());
  REQUIRE(r.ok());
  CHECK(r.scenario->policies.travel_ban.threshold == 600);
  CHECK(r.scenario->network.generator == NetworkGenerator::scale_free);
  CHECK_FALSE(r.scenario->policies.rewards.enabled);
  CHECK(r.scenario->name == "my run");

  r = default_scenario({"policies.travel_ban.threshold=low"});
  REQUIRE(r.errors.size() == 1);
  CHECK(r.errors[0].str() ==
        "--set policies.travel_ban.threshold: expected a number in [350, 950], got \"low\"");
}

TEST_CASE("timeline events change parameters from their tick on") {
  Scenario s = test::small_scenario(200);
  s.events.push_back({3, {{"policies.travel_ban.enabled", FieldValue{false}}}, "repeal"});
  Simulation sim(s);
  sim.step();
  sim.step();
  CHECK(sim.scenario().policies.travel_ban.enabled);
  CHECK(sim.events().society.empty());
  sim.step();  // tick 3
  CHECK_FALSE(sim.scenario().policies.travel_ban.enabled);
  REQUIRE(sim.events().society.size() == 1);
  CHECK(sim.events().society[0].tick == 3);
  CHECK(sim.events().society[0].detail == "policies.travel_ban.enabled = false");
  CHECK(sim.events().society[0].note == "repeal");
  CHECK(sim.metrics()[Metric::restricted_travel_ban] == 0);
}

TEST_CASE("a queued change takes effect from the next tick and is validated") {
  Simulation sim(test::small_scenario(200));
  sim.step();
  CHECK(sim.queue_change("policies.travel_ban.threshold", FieldValue{std::int64_t{900}}, "") == "");
  CHECK(sim.queue_change("society.agents", FieldValue{std::int64_t{9}}, "") ==
        "\"society.agents\" cannot change during a run");
  CHECK(sim.queue_change("policies.travel_ban.threshold", FieldValue{std::string("x")}, "")
            .starts_with("expected a number"));
  CHECK(sim.scenario().policies.travel_ban.threshold == 550);
  sim.step();
  CHECK(sim.scenario().policies.travel_ban.threshold == 900);
  CHECK(sim.metrics()[Metric::restricted_travel_ban] > 0);
}

TEST_CASE("truncated and mutated copies of every shipped scenario never crash the loader") {
  std::uint64_t state = 12345;
  auto next = [&state] {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return state;
  };
  std::size_t tried = 0;
  for (const auto& f : test::shipped_scenarios()) {
    const std::string text = test::read_file(f);
    const std::size_t stride = std::max<std::size_t>(1, text.size() / 200);
    for (std::size_t cut = 0; cut < text.size(); cut += stride) {
      const auto r = load_scenario_text(text.substr(0, cut), "cut.json", f.parent_path());
      CHECK((r.ok() || !r.errors.empty()));
      ++tried;
    }
    static const char junk[] = "{}[]\",:0123456789.-eE \ntruefalsenull\\x\x01\xff";
    for (int k = 0; k < 300; ++k) {
      std::string mutated = text;
      for (int m = 0; m < 3; ++m) {
        mutated[next() % mutated.size()] = junk[next() % (sizeof junk - 1)];
      }
      const auto r = load_scenario_text(mutated, "mutated.json", f.parent_path());
      CHECK((r.ok() || !r.errors.empty()));
      ++tried;
    }
  }
  CHECK(tried > 500);
}

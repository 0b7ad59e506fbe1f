#include "socred/compare.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <cstring>
#include <nlohmann/json.hpp>

#include "test_support.hpp"

using namespace socred;
namespace fs = std::filesystem;

namespace {

Setting change(const std::string& text) {
  ParsedChange parsed = parse_change(text);
  INFO(parsed.error);
  REQUIRE(parsed.setting);
  return *parsed.setting;
}

bool same_bits(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }

// A series whose metric `k` takes the given values, tick by tick.
MetricSeries series_of(std::size_t k, const std::vector<double>& values) {
  MetricSeries s(values.size());
  for (std::size_t t = 0; t < values.size(); ++t) {
    s[t][Metric::tick] = static_cast<double>(t);
    s[t].values[k] = values[t];
  }
  return s;
}

}  // namespace

TEST_CASE("compare's --set takes run-time parameters only, with one-line errors") {
  CHECK(change("policies.travel_ban.enabled=false") == Setting{"policies.travel_ban.enabled", false});
  CHECK(parse_change("society.agents=100").error ==
        "--set society.agents: cannot change during a run, so the twins could not share one "
        "society (vary it with socred sweep instead)");
  CHECK(parse_change("policies.travel_ban.enabled=maybe").error ==
        "--set policies.travel_ban.enabled: expected true or false, got \"maybe\"");
  CHECK(parse_change("policies.travel_ban.enable=false").error ==
        "--set policies.travel_ban.enable: unknown parameter (did you mean "
        "\"policies.travel_ban.enabled\"?)");
  CHECK(parse_change("oops").error ==
        "--set oops: expected PATH=VALUE, e.g. policies.travel_ban.enabled=false");

  Scenario base;
  base.ticks = 20;
  CompareSpec spec;
  CHECK(check_compare(base, spec) == "compare needs at least one --set PATH=VALUE: the change to study");
  spec.settings = {change("policies.travel_ban.enabled=false")};
  spec.at = 21;
  CHECK(check_compare(base, spec) == "--at: expected a week in [1, 20] (the run's ticks), got 21");
  spec.at = 20;
  CHECK(check_compare(base, spec).empty());
}

TEST_CASE("twin plans: baseline and changed share a seed, the change is an event at --at") {
  Scenario base = test::small_scenario(300, 9);
  CompareSpec spec;
  spec.settings = {change("policies.travel_ban.enabled=false")};
  spec.at = 5;
  spec.replicates = 3;
  const auto plans = twin_plans(base, spec);
  REQUIRE(plans.size() == 6);
  CHECK(plans[0].id == "r0-baseline");
  CHECK(plans[5].id == "r2-changed");
  for (std::size_t k = 0; k < plans.size(); k += 2) {
    CHECK(plans[k].seed == plans[k + 1].seed);
    CHECK(plans[k].seed == replicate_seed(base.seed, plans[k].replicate));
    CHECK(plans[k].settings.empty());
    CHECK(plans[k + 1].settings == spec.settings);
    CHECK(plans[k + 1].at == 5);
  }
  const Scenario twin = plan_scenario(base, plans[1]);
  REQUIRE(twin.events.size() == 1);
  CHECK(twin.events[0].tick == 5);
  CHECK(twin.policies == base.policies);  // in force only from week 5
}

TEST_CASE("a travel-ban toggle: identical twins before it, fewer blocked trips after, same draws") {
  test::TempDir dir("compare");
  test::ThreadCount serial(1);  // thread counts do not change results; one is fastest here
  Scenario base = test::small_scenario(600, 3);
  base.ticks = 12;
  base.policies.travel_ban.threshold = 640;  // many citizens under the ban, many blocked trips
  CompareSpec spec;
  spec.settings = {change("policies.travel_ban.enabled=false")};
  spec.at = 6;
  spec.replicates = 2;
  const auto plans = twin_plans(base, spec);
  std::vector<MetricSeries> baseline, changed;
  for (std::size_t k = 0; k < plans.size(); ++k) {
    (k % 2 ? changed : baseline).push_back(run_twin(base, plans[k], {dir.path(), false, 2, "test"}));
    CHECK(fs::exists(dir.path() / plans[k].id / "run.json"));
  }

  std::uint64_t blocked_before = 0;
  for (std::size_t r = 0; r < 2; ++r) {
    REQUIRE(baseline[r].size() == 13);
    for (std::size_t t = 0; t < 6; ++t) {
      for (std::size_t k = 0; k < kMetricCount; ++k) {
        INFO("replicate " << r << ", tick " << t << ", " << metric_info()[k].name);
        CHECK(same_bits(baseline[r][t].values[k], changed[r][t].values[k]));
      }
    }
    // At the toggle's week the draws deciding who travels are the ones the baseline used.
    CHECK(same_bits(baseline[r][6][Metric::trips_attempted], changed[r][6][Metric::trips_attempted]));
    for (std::size_t t = 6; t <= 12; ++t) {
      blocked_before += static_cast<std::uint64_t>(baseline[r][t][Metric::trips_blocked]);
      CHECK(changed[r][t][Metric::trips_blocked] == 0);
    }
  }
  CHECK(blocked_before > 0);

  const Comparison c = compare_twins(baseline, changed, spec, base.seed);
  const auto blocked = static_cast<std::size_t>(Metric::trips_blocked);
  CHECK(c.effects[blocked].first_different >= 6);
  CHECK(c.effects[blocked].average_difference.estimate < 0);
  for (std::size_t k = 0; k < kMetricCount; ++k) {
    INFO(metric_info()[k].name);
    CHECK((c.effects[k].first_different < 0 || c.effects[k].first_different >= 6));
    for (std::size_t t = 0; t < 6; ++t) {
      CHECK(c.difference[t][k].estimate == 0);
      CHECK(c.difference[t][k].low == 0);
      CHECK(c.difference[t][k].high == 0);
    }
  }
}

TEST_CASE("bootstrap bands: deterministic, around the mean, exact when there is no spread") {
  const auto k = static_cast<std::size_t>(Metric::score_mean);
  std::vector<MetricSeries> baseline, changed;
  const std::vector<double> effects = {1, 2, 3, 4, 10};
  for (double e : effects) {
    baseline.push_back(series_of(k, {500, 500, 500}));
    changed.push_back(series_of(k, {500, 500 + e, 500 + 2 * e}));
  }
  CompareSpec spec;
  spec.at = 1;
  spec.resamples = 2000;
  const Comparison c = compare_twins(baseline, changed, spec, 42);
  const Band& end = c.difference[2][k];
  CHECK(end.estimate == 8);  // mean of 2, 4, 6, 8, 20
  CHECK(end.low > 2);
  CHECK(end.low < 8);
  CHECK(end.high > 8);
  CHECK(end.high < 20);
  CHECK(c.difference[0][k].low == 0);
  CHECK(c.difference[0][k].high == 0);
  CHECK(c.effects[k].first_different == 1);
  CHECK(c.effects[k].average_difference.estimate == 6);  // weeks 1-2: mean of 1.5 e
  CHECK(c.baseline[2][k] == 500);
  CHECK(c.changed[2][k] == 508);
  const auto untouched = static_cast<std::size_t>(Metric::ties);
  CHECK(c.effects[untouched].first_different == -1);

  // Same inputs, same seed: the same band to the bit; another seed, other resamples.
  const Comparison again = compare_twins(baseline, changed, spec, 42);
  CHECK(same_bits(again.difference[2][k].low, end.low));
  CHECK(same_bits(again.difference[2][k].high, end.high));
  std::vector<MetricSeries> flat, spread;
  for (int r = 1; r <= 12; ++r) {
    flat.push_back(series_of(k, {0}));
    spread.push_back(series_of(k, {std::pow(r, 1.5)}));
  }
  spec.resamples = 200;
  const Band a = compare_twins(flat, spread, spec, 42).difference[0][k];
  const Band b = compare_twins(flat, spread, spec, 43).difference[0][k];
  CHECK_FALSE((same_bits(a.low, b.low) && same_bits(a.high, b.high)));
  spec.resamples = 2000;

  // One replicate: the band is the single difference.
  const Comparison one = compare_twins({baseline[0]}, {changed[0]}, spec, 42);
  CHECK(one.difference[2][k].low == 2);
  CHECK(one.difference[2][k].high == 2);

  // The tidy file: a header, then one row per tick and metric (tick itself left out).
  const std::string csv = difference_csv(c);
  CHECK(csv.rfind("tick,metric,baseline,changed,difference,low,high\n0,scored,", 0) == 0);
  CHECK(std::count(csv.begin(), csv.end(), '\n') == 1 + 3 * static_cast<long>(kMetricCount - 1));
  CHECK(csv.find("\n2,score_mean,500,508,8,") != std::string::npos);
  const std::string effects_file = effects_csv(c);
  CHECK(effects_file.find("\nscore_mean,points,1,500,508,8,") != std::string::npos);
  CHECK(effects_file.find("\nties,ties,,") != std::string::npos);
}

TEST_CASE("compare.json records the change, the week, every replicate's seed and the bootstrap") {
  test::TempDir dir("compare-manifest");
  Scenario base = test::small_scenario(300, 9);
  CompareSpec spec;
  spec.settings = {change("policies.travel_ban.enabled=false"), change("scoring.contagion.weight=0.1")};
  spec.at = 4;
  spec.replicates = 3;
  spec.resamples = 500;
  const fs::path file = dir.path() / "compare.json";
  write_compare_manifest(file, base, spec, twin_plans(base, spec), "socred compare");
  const auto doc = nlohmann::json::parse(test::read_file(file));
  CHECK(doc["command"] == "socred compare");
  CHECK(doc["change"] == nlohmann::json{{"policies.travel_ban.enabled", false},
                                        {"scoring.contagion.weight", 0.1}});
  CHECK(doc["at"] == 4);
  CHECK(doc["replicates"] == 3);
  CHECK(doc["seeds"] == nlohmann::json{replicate_seed(9, 0), replicate_seed(9, 1), replicate_seed(9, 2)});
  CHECK(doc["bootstrap"]["resamples"] == 500);
  CHECK(doc["bootstrap"]["confidence"] == 0.95);
  CHECK(doc["scenario"]["seed"] == 9);
  CHECK(doc["scenario"]["society"]["agents"] == 300);
}

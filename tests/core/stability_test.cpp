// Long-run stability: every shipped scenario runs 100 weeks on a small society with every
// value of the world and every metric checked after every tick (in all builds, so also
// under the asan preset's AddressSanitizer and UBSanitizer).
#include <catch2/catch.hpp>
#include <limits>

#include "socred/phases.hpp"
#include "socred/scenario_io.hpp"
#include "test_support.hpp"

using namespace socred;

TEST_CASE("every shipped scenario runs 100 weeks with every value in range") {
  const auto files = test::shipped_scenarios();
  REQUIRE(files.size() >= 2);
  for (const auto& file : files) {
    // Small, so the whole set stays fast under the sanitizers; a scenario's own network
    // file is kept (its size is the file's).
    const auto loaded = load_scenario_file(file, {"society.agents=400", "society.regions=4",
                                                  "metrics.clustering_sample=50"});
    INFO(file.string() << ": " << loaded.error_text());
    REQUIRE(loaded.ok());
    Simulation sim(*loaded.scenario);
    for (int t = 0; t < 100; ++t) {
      sim.step();
      INFO("week " << sim.tick());
      REQUIRE_NOTHROW(check_invariants(sim.world()));
      REQUIRE_NOTHROW(check_metrics(sim.metrics()));
    }
  }
}

TEST_CASE("metric checks catch NaN and out-of-range values, naming the metric") {
  Simulation sim(test::small_scenario(200));
  sim.step();
  MetricsRow row = sim.metrics();
  CHECK_NOTHROW(check_metrics(row));
  auto broken = [&](Metric m, double value) {
    MetricsRow bad = row;
    bad[m] = value;
    try {
      check_metrics(bad);
    } catch (const std::logic_error& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  CHECK(broken(Metric::score_mean, std::numeric_limits<double>::quiet_NaN()) ==
        "metric score_mean = nan at tick 1; expected a finite number");
  CHECK(broken(Metric::gini_score, 1.5).find("gini_score = 1.5") != std::string::npos);
  CHECK(broken(Metric::assortativity, -1.2).find("expected a value in [-1, 1]") != std::string::npos);
  CHECK(broken(Metric::assortativity, -0.9) == "no error");
  CHECK(broken(Metric::debt_mean, -3).find("expected a value of at least 0") != std::string::npos);
  CHECK(broken(Metric::score_max, 951).find("expected a score of at most 950") != std::string::npos);
  CHECK(broken(Metric::trips_blocked, 2.5).find("expected a whole number") != std::string::npos);
  CHECK(broken(Metric::income_mean, std::numeric_limits<double>::infinity()) != "no error");
}

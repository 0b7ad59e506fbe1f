#include "socred/metrics.hpp"

#include <catch2/catch.hpp>

#include "socred/network.hpp"
#include "test_support.hpp"

using namespace socred;

namespace {

// A degroot world whose scores we set by hand, then measured without stepping.
MetricsRow measure(Simulation& sim) {
  MetricsCollector collector;
  return collector.collect(sim.scenario(), sim.world(), sim.events());
}

}  // namespace

TEST_CASE("score statistics and tiers of known scores") {
  Scenario s = test::degroot_scenario(1000);
  Simulation sim(s);
  World& w = sim.mutable_world();
  for (CitizenId i = 0; i < 1000; ++i) w.score[i] = 400.0 + 0.5 * i;  // 400 .. 899.5
  const MetricsRow row = measure(sim);
  CHECK(row[Metric::score_mean] == Approx(649.75));
  CHECK(row[Metric::score_min] == 400.0);
  CHECK(row[Metric::score_max] == 899.5);
  CHECK(row[Metric::score_median] == Approx(649.5).margin(0.01));
  CHECK(row[Metric::score_p10] == Approx(449.5).margin(0.01));
  CHECK(row[Metric::score_p90] == Approx(849.5).margin(0.01));
  CHECK(row[Metric::tier_poor] == Approx(0.3));       // 400 .. 549.5
  CHECK(row[Metric::tier_medium] == Approx(0.1));
  CHECK(row[Metric::tier_excellent] == Approx(0.4));  // 700 .. 899.5
  // Gini of a uniform distribution on [a, b]: (b - a) / (3 (a + b)).
  CHECK(row[Metric::gini_score] == Approx(500.0 / (3 * 1300)).epsilon(0.01));
}

TEST_CASE("equal scores have a Gini of zero and no assortativity to speak of") {
  Simulation sim(test::degroot_scenario(500));
  for (double& x : sim.mutable_world().score) x = 600;
  const MetricsRow row = measure(sim);
  CHECK(row[Metric::gini_score] == Approx(0).margin(1e-9));
  CHECK(row[Metric::score_sd] == Approx(0).margin(1e-6));
  CHECK(row[Metric::assortativity] == 0);
}

TEST_CASE("scores sorted along a ring are assortative, alternating ones are not") {
  Scenario s = test::degroot_scenario(1000);
  s.network.small_world_rewire = 0;
  s.network.mean_degree = 2;
  Simulation sim(s);
  World& w = sim.mutable_world();
  for (CitizenId i = 0; i < 1000; ++i) w.score[i] = 400 + 0.5 * i;
  CHECK(measure(sim)[Metric::assortativity] > 0.9);
  for (CitizenId i = 0; i < 1000; ++i) w.score[i] = (i % 2) ? 800 : 400;
  const MetricsRow row = measure(sim);
  CHECK(row[Metric::assortativity] == Approx(-1.0));
  CHECK(row[Metric::cross_line_share] == Approx(1.0));
}

TEST_CASE("clustering of the Facebook network matches SNAP's published 0.6055") {
  const auto report = read_edge_list(test::facebook_path().string());
  const Adjacency a = Adjacency::from_edges(report.list, 0.0, 0);
  std::vector<CitizenId> scratch;
  CHECK(exact_clustering(a, scratch) == Approx(0.6055).margin(0.00005));
  // 20,000 sampled pairs land within four standard errors (0.0035 each).
  CHECK(mean_clustering(a, 20000, 1, 1) == Approx(0.6055).margin(0.014));
}

TEST_CASE("the largest component of two disjoint triangles and an isolate") {
  EdgeList list{7, {{0, 1}, {1, 2}, {0, 2}, {3, 4}, {4, 5}}};
  const Adjacency a = Adjacency::from_edges(list, 0.0, 0);
  std::vector<std::int32_t> scratch;
  CHECK(largest_component_share(a, scratch) == Approx(3.0 / 7.0));
  std::vector<CitizenId> sorted;
  CHECK(exact_clustering(a, sorted) == Approx(3.0 / 7.0));  // triangle members: 1
}

TEST_CASE("every metric has a name, a unit or meaning, and a finite value") {
  Simulation sim(test::small_scenario(500));
  test::run_ticks(sim, 5);
  for (std::size_t k = 0; k < kMetricCount; ++k) {
    INFO(metric_info()[k].name);
    CHECK_FALSE(metric_info()[k].name.empty());
    CHECK_FALSE(metric_info()[k].meaning.empty());
    CHECK(std::isfinite(sim.metrics().values[k]));
  }
  std::uint64_t histogram_total = 0;
  for (auto c : sim.histogram().counts) histogram_total += c;
  CHECK(histogram_total == 500);
}

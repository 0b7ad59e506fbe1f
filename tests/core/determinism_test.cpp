// Same scenario and seed: bit-identical results whatever the thread count; and a golden
// hash of the final state, so that an optimisation that changes results does not go unseen.
#include <catch2/catch.hpp>
#include <cstring>

#include "test_support.hpp"

using namespace socred;

namespace {

struct Trace {
  std::vector<MetricsRow> rows;
  std::uint64_t hash = 0;
};

Trace trace(const Scenario& s, int threads, std::int64_t ticks) {
  test::ThreadCount tc(threads);
  Simulation sim(s);
  Trace t;
  for (std::int64_t k = 0; k < ticks; ++k) {
    sim.step();
    t.rows.push_back(sim.metrics());
  }
  t.hash = test::world_hash(sim.world());
  return t;
}

void check_same(const Trace& a, const Trace& b) {
  REQUIRE(a.rows.size() == b.rows.size());
  for (std::size_t t = 0; t < a.rows.size(); ++t) {
    for (std::size_t k = 0; k < kMetricCount; ++k) {
      INFO("tick " << t + 1 << ", metric " << metric_info()[k].name);
      REQUIRE(std::memcmp(&a.rows[t].values[k], &b.rows[t].values[k], sizeof(double)) == 0);
    }
  }
  CHECK(a.hash == b.hash);
}

}  // namespace

TEST_CASE("the default society gives identical results with 1 and 2 threads") {
  Scenario s = test::small_scenario(3000);
  s.adaptation.review_rate = 0.3;  // plenty of rewiring conflicts
  check_same(trace(s, 1, 60), trace(s, 2, 60));
}

TEST_CASE("voluntary participation and the points variant are thread-independent too") {
  Scenario s = test::small_scenario(2000);
  s.scoring.participation = Participation::voluntary;
  s.scoring.variant = ScoringVariant::points;
  s.scoring.contagion.colleague_weight = 0.05;
  s.policies.firm_sanctions.enabled = true;
  check_same(trace(s, 1, 40), trace(s, 2, 40));
}

TEST_CASE("a different seed gives a different society") {
  Scenario s = test::small_scenario(1000);
  const auto a = trace(s, 2, 5);
  s.seed += 1;
  const auto b = trace(s, 2, 5);
  CHECK(a.hash != b.hash);
}

TEST_CASE("golden hash: the default model's results have not changed") {
  // Update this value only for a deliberate change of the model, and say so in the commit.
  Scenario s = test::small_scenario(1500, 2024);
  const auto t = trace(s, 2, 30);
  INFO("world hash: " << t.hash);
  CHECK(t.hash == 0xcad86bb6db8b40b3ull);
}

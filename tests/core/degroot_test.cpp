// The contagion-only special case against DeGroot's theory: one tick is
// s_i <- (1 - w) s_i + w mean_j s_j, sum_i deg_i s_i is conserved, and a connected network
// converges to the degree-weighted mean of the starting scores.
#include <catch2/catch.hpp>
#include <cmath>

#include "socred/network.hpp"
#include "socred/phases.hpp"
#include "test_support.hpp"

using namespace socred;

namespace {

double weighted_sum(const World& w) {
  long double total = 0;
  for (CitizenId i = 0; i < w.size(); ++i) total += w.friends.degree(i) * static_cast<long double>(w.score[i]);
  return static_cast<double>(total);
}

double relative(double a, double b) { return std::abs(a - b) / std::max(std::abs(b), 1e-300); }

void check_one_tick_exact(Simulation& sim, double weight) {
  const World& w = sim.world();
  const std::vector<double> before = w.score;
  sim.step();
  for (CitizenId i = 0; i < w.size(); ++i) {
    const auto friends = w.friends.friends(i);
    double expected = before[i];
    if (!friends.empty()) {
      double sum = 0;
      for (CitizenId j : friends) sum += before[j];
      expected = (1.0 - weight) * before[i] + weight * (sum / friends.size());
    }
    REQUIRE(w.score[i] == expected);  // the same arithmetic: exactly equal
  }
}

// Runs the whole step for the first ticks, then (to reach 1e-9 within seconds, even under
// sanitizers) only the phases that move scores in this configuration: the first test case
// shows a full step equals them exactly. Conservation is checked all along.
void check_theory(Simulation& sim, std::int64_t max_ticks) {
  World& w = sim.mutable_world();
  const Scenario& s = sim.scenario();
  const double conserved = weighted_sum(w);
  long double degree_total = 0;
  for (CitizenId i = 0; i < w.size(); ++i) degree_total += w.friends.degree(i);
  const double consensus = conserved / static_cast<double>(degree_total);
  TickEvents events;
  double worst = 1;
  std::int64_t t = 0;
  for (; t < max_ticks && worst >= 1e-9; ++t) {
    if (t < 200) {
      step(s, w, events);
    } else {
      ++w.tick;
      score_citizens(s, w, events);
      spread_scores(s, w, events);
      w.score.swap(w.score_next);
    }
    if (t % 50 == 0) REQUIRE(relative(weighted_sum(w), conserved) < 1e-9);
    worst = 0;
    for (CitizenId i = 0; i < w.size(); ++i) worst = std::max(worst, relative(w.score[i], consensus));
  }
  INFO("ticks run: " << t);
  CHECK(relative(weighted_sum(w), conserved) < 1e-9);
  CHECK(worst < 1e-9);
}

}  // namespace

TEST_CASE("degroot: one tick is exactly (1 - w) s_i + w mean of friends") {
  Scenario s = test::degroot_scenario(600);
  Simulation sim(s);
  check_one_tick_exact(sim, s.scoring.contagion.weight);
  check_one_tick_exact(sim, s.scoring.contagion.weight);
}

TEST_CASE("degroot: isolated citizens keep their score") {
  Simulation sim(test::degroot_scenario(300));
  World& w = sim.mutable_world();
  for (CitizenId i = 0; i < 60; ++i) {
    while (w.friends.degree(i) > 0) w.friends.remove_tie(i, w.friends.friends(i)[0]);
  }
  const std::vector<double> before = w.score;
  sim.step();
  for (CitizenId i = 0; i < 60; ++i) CHECK(w.score[i] == before[i]);
  std::size_t moved = 0;
  for (CitizenId i = 60; i < 300; ++i) moved += w.score[i] != before[i];
  CHECK(moved > 200);
}

TEST_CASE("degroot: a generated small world converges to the degree-weighted mean, conserving it") {
  Scenario s = test::degroot_scenario(1000);
  Simulation sim(s);
  check_theory(sim, 5000);
}

TEST_CASE("degroot: the Facebook network converges to the degree-weighted mean, conserving it") {
  Scenario s = test::degroot_scenario();
  s.network.generator = NetworkGenerator::file;
  s.network.file = test::facebook_path().string();
  s.scoring.contagion.weight = 1.0;  // plain averaging converges fastest here
  Simulation sim(s);
  REQUIRE(sim.world().size() == 4039);
  check_theory(sim, 40000);
}

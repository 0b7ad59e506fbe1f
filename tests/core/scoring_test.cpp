#include "socred/scoring.hpp"

#include <catch2/catch.hpp>
#include <numeric>

#include "test_support.hpp"

using namespace socred;

namespace {
constexpr auto idx(Factor f) { return static_cast<std::size_t>(f); }
double sum(const std::array<double, kFactorCount>& t) { return std::accumulate(t.begin(), t.end(), 0.0); }
}  // namespace

TEST_CASE("with no factor weights and no point events the own score is the score, exactly") {
  ScoringParams p;
  p.weight_credit_history = p.weight_fulfilment = p.weight_behaviour = p.weight_identity = 0;
  FactorInputs in{0.9, 0.1, 0.5, 0.3, false};
  const auto own = own_score(p, 612.345678901, in, PointEvents{});
  CHECK(own.own == 612.345678901);
}

TEST_CASE("the weighted variant drifts toward the weighted factor target, terms explain it") {
  ScoringParams p;  // 35/25/20/15
  p.adjustment_rate = 0.1;
  FactorInputs in{1.0, 0.0, 0.5, 0.5, false};
  const double total = 95.0;
  const double target = (35 * factor_score(1.0) + 25 * factor_score(0.0) + 20 * factor_score(0.5) +
                         15 * factor_score(0.5)) / total;
  CHECK(initial_target(p, in) == Approx(target));
  const auto own = own_score(p, 600.0, in, PointEvents{});
  CHECK(own.own == Approx(600.0 + 0.1 * (target - 600.0)));
  CHECK(sum(own.terms) == Approx(own.own - 600.0));
  CHECK(own.terms[idx(Factor::credit_history)] > 0);  // a perfect record pulls up
  CHECK(own.terms[idx(Factor::fulfilment)] < 0);      // no capacity to pay pulls down
}

TEST_CASE("the points variant drifts back to the base and adds points") {
  ScoringParams p;
  p.variant = ScoringVariant::points;
  p.points_base = 650;
  p.adjustment_rate = 0.05;
  PointEvents points;
  points.online = -10;
  points.civic = 3;
  const auto own = own_score(p, 700.0, FactorInputs{}, points);
  CHECK(own.terms[idx(Factor::baseline)] == Approx(-2.5));
  CHECK(own.terms[idx(Factor::online_conduct)] == Approx(-10));
  CHECK(own.terms[idx(Factor::civic_acts)] == Approx(3));
  CHECK(own.own == Approx(700 - 2.5 - 10 + 3));
}

TEST_CASE("being on the courts' blacklist lowers the target") {
  ScoringParams p;
  FactorInputs in{0.8, 0.5, 0.5, 0.5, false};
  const double clean = initial_target(p, in);
  in.blacklisted = true;
  CHECK(initial_target(p, in) == Approx(clean - p.blacklist_penalty));
  const auto own = own_score(p, clean, in, PointEvents{});
  CHECK(own.terms[idx(Factor::court_blacklist)] == Approx(-p.adjustment_rate * p.blacklist_penalty));
}

TEST_CASE("purchases: books, children and charity read well, games and alcohol badly") {
  CHECK(purchase_signal(0, 0) == 0.5);
  CHECK(purchase_signal(10, 0) == 1.0);
  CHECK(purchase_signal(0, 10) == 0.0);
  CHECK(purchase_signal(30, 10) == Approx(0.75));
}

TEST_CASE("fulfilment rises with income and savings, identity with education and a job") {
  CHECK(fulfilment_value(1000, 0, 500) > fulfilment_value(500, 0, 500));
  CHECK(fulfilment_value(500, 10000, 500) > fulfilment_value(500, 0, 500));
  CHECK(identity_value(3, true, Occupation::civil_servant) == Approx(1.0));
  CHECK(identity_value(0, false, Occupation::ordinary) == 0.0);
}

TEST_CASE("a citizen's explanation adds up to the change of their score") {
  Simulation sim(test::small_scenario(300));
  const std::vector<double> before = sim.world().score;
  sim.step();
  const World& w = sim.world();
  for (CitizenId i = 0; i < w.size(); ++i) {
    double explained = 0;
    for (auto c : w.explanation[i]) explained += c / 100.0;
    CHECK(explained == Approx(w.score[i] - before[i]).margin(0.01 * kFactorCount));
  }
}

TEST_CASE("scores stay within 350 and 950") {
  Scenario s = test::small_scenario(300);
  s.policies.online_conduct.dissent_penalty = 300;
  s.policies.online_conduct.detection = 1;
  s.scoring.civic_points = 300;
  Simulation sim(s);
  double lowest = kMaxScore, highest = kMinScore;
  for (int t = 0; t < 20; ++t) {
    sim.step();
    for (double score : sim.world().score) {
      REQUIRE(score >= kMinScore);
      REQUIRE(score <= kMaxScore);
    }
    lowest = std::min(lowest, sim.metrics()[Metric::score_min]);
    highest = std::max(highest, sim.metrics()[Metric::score_max]);
  }
  CHECK(lowest == kMinScore);   // heavy penalties hit the floor
  CHECK(highest == kMaxScore);  // big rewards hit the ceiling
}

#include <catch2/catch.hpp>
#include <cmath>

#include "socred/phases.hpp"
#include "test_support.hpp"

using namespace socred;

TEST_CASE("with contagion on, a citizen whose friends all drop loses points") {
  Scenario s = test::degroot_scenario(300);
  s.scoring.contagion.weight = 0.2;
  Simulation with(s);
  s.scoring.contagion.weight = 0.0;
  Simulation without(s);
  const CitizenId i = 10;
  for (Simulation* sim : {&with, &without}) {
    World& w = sim->mutable_world();
    w.score[i] = 700;
    for (CitizenId j : w.friends.friends(i)) w.score[j] = 400;
  }
  with.step();
  without.step();
  CHECK(without.world().score[i] == 700);
  CHECK(with.world().score[i] == Approx(0.8 * 700 + 0.2 * 400));
  CHECK(with.world().explanation[i][static_cast<std::size_t>(Factor::friends)] == -6000);
}

TEST_CASE("colleagues pull toward their firm's score") {
  Scenario s = test::degroot_scenario(2000);
  s.scoring.contagion.weight = 0.0;
  s.scoring.contagion.colleague_weight = 0.3;
  s.scoring.contagion.firm_compliance_weight = 0.0;
  Simulation sim(s);
  const std::vector<double> before = sim.world().score;
  sim.step();
  const World& w = sim.world();
  // Within a firm the spread shrinks.
  double spread_before = 0, spread_after = 0;
  const std::size_t f = 3;
  const CitizenId first = w.firms.first[f];
  for (CitizenId i = first; i + 1 < first + w.firms.size[f]; ++i) {
    if (!w.employed(i) || !w.employed(i + 1)) continue;
    spread_before += std::abs(before[i] - before[i + 1]);
    spread_after += std::abs(w.score[i] - w.score[i + 1]);
  }
  CHECK(spread_after < 0.8 * spread_before);
}

namespace {

struct Segregation {
  double assortativity, cross_line, isolated, dropped;
};

Segregation run(Scenario s, std::int64_t ticks) {
  Simulation sim(s);
  double dropped = 0;
  for (std::int64_t t = 0; t < ticks; ++t) {
    sim.step();
    dropped += sim.metrics()[Metric::ties_dropped];
  }
  return {sim.metrics()[Metric::assortativity], sim.metrics()[Metric::cross_line_share],
          sim.metrics()[Metric::isolated], dropped};
}

}  // namespace

TEST_CASE("with adaptation and a public blacklist, ties sort by score") {
  // Contagion off, so that only the rewiring can sort ties by score.
  Scenario s = test::small_scenario(2000);
  s.scoring.contagion.weight = 0;
  s.scoring.contagion.colleague_weight = 0;
  s.metrics.trusted_line = 600;
  s.adaptation.initial_knowledge = 1.0;
  s.adaptation.forgetting = 0;  // knowledge stays at 1 for the whole run
  s.adaptation.drop_below = 620;
  s.adaptation.review_rate = 0.3;
  s.adaptation.drop_probability = 1.0;
  s.adaptation.score_preference = 20;
  const Segregation before = run(s, 0);
  const Segregation adapting = run(s, 300);
  s.adaptation.enabled = false;
  const Segregation static_network = run(s, 300);
  CHECK(adapting.dropped > 100);
  CHECK(static_network.dropped == 0);
  CHECK(adapting.assortativity > before.assortativity + 0.05);
  CHECK(adapting.assortativity > static_network.assortativity + 0.05);
  CHECK(adapting.cross_line < 0.8 * static_network.cross_line);
}

TEST_CASE("seeing dissent punished makes people self-censor, dissent falls") {
  Scenario s = test::small_scenario(2000);
  s.policies.online_conduct = {true, 30.0, 40.0, 0.6};
  Simulation crackdown(s);
  s.policies.online_conduct.enabled = false;
  Simulation free(s);
  test::run_ticks(crackdown, 100);
  test::run_ticks(free, 100);
  CHECK(crackdown.metrics()[Metric::self_censorship_mean] > 0.2);
  CHECK(free.metrics()[Metric::self_censorship_mean] < 0.01);
  CHECK(crackdown.metrics()[Metric::dissent_per_capita] < 0.8 * free.metrics()[Metric::dissent_per_capita]);
}

TEST_CASE("a published blacklist teaches everyone that scores travel along ties") {
  Scenario s = test::small_scenario(1000);
  s.adaptation.publicity = 0.05;
  Simulation published(s);
  s.policies.public_blacklist = false;
  Simulation quiet(s);
  test::run_ticks(published, 30);
  test::run_ticks(quiet, 30);
  CHECK(published.metrics()[Metric::knowledge_mean] > quiet.metrics()[Metric::knowledge_mean] + 0.2);
}

TEST_CASE("knowledge fades at the forgetting rate when nothing renews it") {
  // No contagion (no visible loss through friends) and no published blacklist.
  Scenario s = test::small_scenario(500);
  s.scoring.contagion.weight = 0;
  s.scoring.contagion.colleague_weight = 0;
  s.policies.public_blacklist = false;
  s.adaptation.initial_knowledge = 0.9;
  s.adaptation.forgetting = 0.05;
  Simulation fading(s);
  s.adaptation.forgetting = 0;
  Simulation lasting(s);
  const std::vector<float> start = fading.world().knowledge;
  test::run_ticks(fading, 10);
  test::run_ticks(lasting, 10);
  for (CitizenId i = 0; i < start.size(); ++i) {
    REQUIRE(lasting.world().knowledge[i] == start[i]);
    REQUIRE(fading.world().knowledge[i] == Approx(start[i] * std::pow(0.95, 10)).epsilon(1e-5));
  }
}

TEST_CASE("people replace lost friends, through friends of friends and at work") {
  Scenario s = test::small_scenario(2000);
  s.adaptation.tie_decay = 0.05;
  s.adaptation.new_tie_rate = 0.3;
  s.adaptation.triadic_share = 1.0;
  Simulation sim(s);
  const double ties_before = sim.metrics()[Metric::ties];
  double added = 0, lapsed = 0;
  for (int t = 0; t < 50; ++t) {
    sim.step();
    added += sim.metrics()[Metric::ties_added];
    lapsed += sim.metrics()[Metric::ties_lapsed];
  }
  CHECK(lapsed > 1000);
  CHECK(added > 0.7 * lapsed);
  CHECK(sim.metrics()[Metric::ties] > 0.8 * ties_before);
  // Friends of friends close triangles.
  CHECK(sim.metrics()[Metric::clustering] > 0.0);
}

TEST_CASE("nobody ever has more friends than their list holds") {
  Scenario s = test::small_scenario(1000);
  s.adaptation.new_tie_rate = 1.0;
  Simulation sim(s);
  test::run_ticks(sim, 30);
  const World& w = sim.world();
  for (CitizenId i = 0; i < w.size(); ++i) REQUIRE(w.friends.degree(i) <= w.friends.capacity(i));
  // Ties stay symmetric.
  for (CitizenId i = 0; i < w.size(); ++i) {
    for (CitizenId j : w.friends.friends(i)) {
      const auto back = w.friends.friends(j);
      REQUIRE(std::find(back.begin(), back.end(), i) != back.end());
    }
  }
}

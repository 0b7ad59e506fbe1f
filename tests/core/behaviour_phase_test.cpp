// Each consequence of a policy, shown in the expected direction on a small society with the
// same seed (so the two runs differ only in the policy).
#include <catch2/catch.hpp>

#include "socred/phases.hpp"
#include "test_support.hpp"

using namespace socred;

namespace {

double total(Simulation& sim, std::int64_t ticks, Metric m) {
  double sum = 0;
  for (std::int64_t t = 0; t < ticks; ++t) {
    sim.step();
    sum += sim.metrics()[m];
  }
  return sum;
}

Scenario base(std::int64_t agents = 1500) {
  Scenario s = test::small_scenario(agents);
  s.adaptation.enabled = false;
  return s;
}

}  // namespace

TEST_CASE("surcharges on basic services make more people miss loan payments") {
  Scenario s = base();
  s.policies.surcharges = {false, 950.0, 0.8, false};
  Simulation without(s);
  s.policies.surcharges.enabled = true;
  Simulation with(s);
  const double missed_with = total(with, 40, Metric::missed_payments);
  const double missed_without = total(without, 40, Metric::missed_payments);
  CHECK(missed_with > 1.2 * missed_without);
  CHECK(with.metrics()[Metric::surcharges_paid] == 1500);
}

TEST_CASE("the luxury ban refuses luxury purchases") {
  Scenario s = base();
  s.policies.luxury_ban = {true, 950.0, 1.0, false};
  Simulation sim(s);
  sim.step();
  CHECK(sim.metrics()[Metric::luxury_refused] > 100);
  CHECK(sim.metrics()[Metric::spend_luxury] == 0);
}

TEST_CASE("online-conduct scoring costs dissenters points") {
  Scenario s = base(2000);
  s.policies.online_conduct = {false, 20.0, 30.0, 0.5};
  s.adaptation.self_censorship.enabled = false;
  Simulation free(s);
  s.policies.online_conduct.enabled = true;
  Simulation policed(s);
  test::run_ticks(free, 30);
  test::run_ticks(policed, 30);
  // The dissent-prone lose far more than those who hardly ever dissent (who lose a little
  // through friends).
  const World& w = policed.world();
  double loss_dissenters = 0, loss_quiet = 0, n_dissenters = 0, n_quiet = 0;
  for (CitizenId i = 0; i < w.size(); ++i) {
    const double loss = free.world().score[i] - w.score[i];
    if (w.dissent[i] > 0.3) {
      loss_dissenters += loss;
      ++n_dissenters;
    } else if (w.dissent[i] < 0.03) {
      loss_quiet += loss;
      ++n_quiet;
    }
  }
  REQUIRE(n_dissenters > 20);
  REQUIRE(n_quiet > 20);
  CHECK(loss_dissenters / n_dissenters > 20);
  CHECK(loss_dissenters / n_dissenters > 2 * loss_quiet / n_quiet);
  CHECK(policed.metrics()[Metric::posts_penalised] > 0);
  CHECK(free.metrics()[Metric::posts_penalised] == 0);
}

TEST_CASE("slower internet means fewer posts") {
  Scenario s = base();
  Simulation normal(s);
  s.policies.internet_throttling = {true, 950.0, 0.5, false};
  Simulation throttled(s);
  const double posts_normal = total(normal, 5, Metric::posts);
  const double posts_throttled = total(throttled, 5, Metric::posts);
  CHECK(posts_throttled == Approx(0.5 * posts_normal).epsilon(0.1));
}

TEST_CASE("the school ban refuses private-school places at the start of the school year") {
  Scenario s = base(4000);
  s.policies.school_ban = {true, 950.0, 1.0, false};
  Simulation sim(s);
  sim.step();  // tick 1 opens the school year
  CHECK(sim.metrics()[Metric::school_refused] > 20);
  sim.step();
  CHECK(sim.metrics()[Metric::school_refused] == 0);  // only at the year's start
}

TEST_CASE("losing social security cuts the income of the jobless") {
  Scenario s = base(3000);
  Simulation covered(s);
  s.policies.social_security_loss = {true, 950.0, 1.0, false};
  Simulation uncovered(s);
  covered.step();
  uncovered.step();
  CHECK(uncovered.metrics()[Metric::benefits_withheld] > 50);
  CHECK(uncovered.metrics()[Metric::income_mean] < covered.metrics()[Metric::income_mean]);
}

TEST_CASE("stricter customs hold up trips abroad") {
  Scenario s = base(4000);
  s.behaviour.trip_rate = 0.5;
  s.behaviour.international_share = 1.0;
  s.policies.customs = {true, 950.0, 1.0, false};
  s.policies.travel_ban.enabled = false;
  Simulation sim(s);
  sim.step();
  CHECK(sim.metrics()[Metric::customs_held] > 100);
  CHECK(sim.metrics()[Metric::customs_held] <= sim.metrics()[Metric::trips_attempted]);
}

TEST_CASE("courts list citizens who keep missing payments, and delist them when they repay") {
  Scenario s = base(200);
  s.behaviour.blacklist_after_missed = 3;
  Simulation sim(s);
  World& w = sim.mutable_world();
  // Citizen 0 owes far more than they can pay; citizen 1 is listed but owes nothing.
  w.debt[0] = 1e7f;
  w.savings[0] = 0;
  w.base_income[0] = 1;
  w.status[1] |= status::blacklisted;
  w.debt[1] = 0;
  sim.step();
  CHECK((sim.world().happenings[1] & happened::delisted));
  CHECK_FALSE(sim.world().blacklisted(1));
  sim.step();
  sim.step();
  CHECK(sim.world().blacklisted(0));
  CHECK(sim.world().missed[0] >= 3);
}

TEST_CASE("the platform reads books well and games badly") {
  Scenario s = base(3000);
  s.behaviour.games_share = 0.3;
  Simulation gamers(s);
  s.behaviour.games_share = 0.0;
  s.behaviour.books_share = 0.3;
  Simulation readers(s);
  test::run_ticks(gamers, 20);
  test::run_ticks(readers, 20);
  double gamer_record = 0, reader_record = 0;
  for (CitizenId i = 0; i < 3000; ++i) {
    gamer_record += gamers.world().behaviour_record[i];
    reader_record += readers.world().behaviour_record[i];
  }
  CHECK(reader_record > gamer_record);
  CHECK(readers.metrics()[Metric::score_mean] > gamers.metrics()[Metric::score_mean]);
}

#include <catch2/catch.hpp>

#include "socred/phases.hpp"
#include "test_support.hpp"

using namespace socred;

namespace {

bool has(const World& w, CitizenId i, Policy p) { return w.restrictions[i] & policy_bit(p); }

Scenario everything_off(Scenario s) {
  for (Restriction* r : {&s.policies.travel_ban, &s.policies.luxury_ban, &s.policies.internet_throttling,
                         &s.policies.surcharges, &s.policies.job_exclusion,
                         &s.policies.social_security_loss, &s.policies.customs, &s.policies.school_ban,
                         &s.policies.firm_sanctions}) {
    r->enabled = false;
  }
  s.policies.rewards.enabled = false;
  return s;
}

}  // namespace

TEST_CASE("the travel ban blocks the trips of exactly the citizens under the threshold") {
  Scenario s = everything_off(test::small_scenario(3000));
  s.policies.court_blacklist = false;
  s.policies.travel_ban = {true, 640.0, 1.0, false};
  s.behaviour.trip_rate = 0.3;
  Simulation banned(s);
  s.policies.travel_ban.enabled = false;
  Simulation free(s);
  const std::vector<double> before = banned.world().score;
  banned.step();
  free.step();

  const World& w = banned.world();
  std::size_t under = 0, blocked = 0;
  for (CitizenId i = 0; i < w.size(); ++i) {
    const bool is_under = before[i] < 640.0;
    under += is_under;
    REQUIRE(has(w, i, Policy::travel_ban) == is_under);
    const std::uint32_t h = w.happenings[i];
    if (is_under) REQUIRE_FALSE(h & happened::trip_taken);
    if (!is_under) REQUIRE_FALSE(h & happened::trip_blocked);
    blocked += (h & happened::trip_blocked) != 0;
    // The same people tried to travel in both worlds (the same random draws).
    const std::uint32_t tried = happened::trip_taken | happened::trip_blocked;
    REQUIRE(((h & tried) != 0) == ((free.world().happenings[i] & happened::trip_taken) != 0));
  }
  CHECK(under > 100);
  CHECK(blocked > 10);
  CHECK(banned.metrics()[Metric::trips_blocked] == blocked);
  CHECK(banned.metrics()[Metric::restricted_travel_ban] == under);
  CHECK(free.metrics()[Metric::trips_blocked] == 0);
}

TEST_CASE("listed defaulters are restricted whatever their score when include_blacklisted") {
  Scenario s = everything_off(test::small_scenario(500));
  s.policies.travel_ban = {true, 350.0, 1.0, true};  // nobody is below 350
  Simulation sim(s);
  World& w = sim.mutable_world();
  w.status[7] |= status::blacklisted;
  sim.step();
  CHECK(has(sim.world(), 7, Policy::travel_ban));
  CHECK(sim.metrics()[Metric::restricted_travel_ban] == 1);
}

TEST_CASE("rewards go to high scorers who are not listed") {
  Scenario s = everything_off(test::small_scenario(2000));
  s.policies.rewards.enabled = true;
  s.policies.rewards.threshold = 650;
  Simulation sim(s);
  const std::vector<double> before = sim.world().score;
  sim.step();
  for (CitizenId i = 0; i < sim.world().size(); ++i) {
    REQUIRE(has(sim.world(), i, Policy::rewards) == (before[i] >= 650));
  }
}

TEST_CASE("job exclusion pushes barred low scorers out of civil-service and senior jobs") {
  Scenario s = everything_off(test::small_scenario(5000));
  s.policies.job_exclusion = {true, 950.0, 0.4, false};  // everyone is below 950
  Simulation sim(s);
  std::vector<CitizenId> senior;
  for (CitizenId i = 0; i < sim.world().size(); ++i) {
    if (sim.world().occupation[i] != Occupation::ordinary && sim.world().employed(i)) senior.push_back(i);
  }
  REQUIRE(senior.size() > 50);
  const std::vector<float> pay = sim.world().base_income;
  sim.step();
  for (CitizenId i : senior) {
    CHECK(sim.world().occupation[i] == Occupation::ordinary);
    CHECK(sim.world().base_income[i] == Approx(pay[i] * 0.6f));
    CHECK((sim.world().happenings[i] & happened::excluded_from_job));
  }
  CHECK(sim.metrics()[Metric::jobs_excluded] == senior.size());
}

TEST_CASE("under voluntary participation only participants are restricted") {
  Scenario s = everything_off(test::small_scenario(3000));
  s.scoring.participation = Participation::voluntary;
  s.policies.travel_ban = {true, 950.0, 1.0, true};
  Simulation sim(s);
  sim.step();
  const World& w = sim.world();
  for (CitizenId i = 0; i < w.size(); ++i) REQUIRE(has(w, i, Policy::travel_ban) == w.participates(i));
  CHECK(sim.metrics()[Metric::participation_share] < 0.9);
}

TEST_CASE("switching to mandatory participation mid-run scores everyone from that tick") {
  Scenario s = test::small_scenario(2000);
  s.scoring.participation = Participation::voluntary;
  s.events.push_back({3, {{"scoring.participation", FieldValue{std::string("mandatory")}}}, "2020"});
  Simulation sim(s);
  test::run_ticks(sim, 2);
  CHECK(sim.metrics()[Metric::participation_share] < 0.9);
  sim.step();
  CHECK(sim.metrics()[Metric::participation_share] == 1.0);
}

TEST_CASE("sanctioned firms cost their workers income") {
  Scenario s = everything_off(test::small_scenario(3000));
  s.policies.firm_sanctions = {true, 950.0, 0.5, false};  // every firm
  s.scoring.contagion.colleague_weight = 0;
  Simulation sanctioned(s);
  s.policies.firm_sanctions.enabled = false;
  Simulation normal(s);
  sanctioned.step();
  normal.step();
  CHECK(sanctioned.metrics()[Metric::firms_sanctioned] == sanctioned.world().firms.count());
  CHECK(sanctioned.metrics()[Metric::income_mean] < 0.8 * normal.metrics()[Metric::income_mean]);
}

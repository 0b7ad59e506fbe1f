#include "history.hpp"

#include <catch2/catch.hpp>

#include "../core/test_support.hpp"

using namespace socred;
using namespace socred::gui;

TEST_CASE("history keeps each drawn citizen's weeks, oldest first") {
  Simulation sim(test::small_scenario(200));
  const std::vector<CitizenId> members = {3, 50, 199};
  CitizenHistory history;
  history.reset(members.size(), 1 << 20);
  history.record(sim.world(), members);
  std::vector<double> scores_of_50 = {sim.world().score[50]};
  for (int t = 0; t < 5; ++t) {
    sim.step();
    history.record(sim.world(), members);
    scores_of_50.push_back(sim.world().score[50]);
  }
  CHECK(history.weeks() == 6);
  CHECK(history.first_tick() == 0);
  const auto moments = history.of(1);
  REQUIRE(moments.size() == 6);
  for (std::size_t k = 0; k < moments.size(); ++k) {
    CHECK(moments[k].score == static_cast<float>(scores_of_50[k]));
  }
  CHECK(moments.back().restrictions == sim.world().restrictions[50]);
  CHECK(moments.back().happenings == sim.world().happenings[50]);
}

TEST_CASE("a full history forgets the oldest weeks first") {
  Simulation sim(test::small_scenario(100));
  const std::vector<CitizenId> members = {0, 1};
  CitizenHistory history;
  history.reset(members.size(), 4 * members.size() * sizeof(Moment));  // four weeks
  REQUIRE(history.capacity() == 4);
  std::vector<float> scores;
  for (int t = 0; t <= 9; ++t) {
    if (t > 0) sim.step();
    history.record(sim.world(), members);
    scores.push_back(static_cast<float>(sim.world().score[1]));
  }
  CHECK(history.weeks() == 4);
  CHECK(history.first_tick() == 6);
  const auto moments = history.of(1);
  REQUIRE(moments.size() == 4);
  for (std::size_t k = 0; k < 4; ++k) CHECK(moments[k].score == scores[6 + k]);
}

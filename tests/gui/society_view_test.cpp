#include "society_view.hpp"

#include <catch2/catch.hpp>

#include "../core/test_support.hpp"

using namespace socred;
using namespace socred::gui;

TEST_CASE("a small society is drawn whole, with every tie once") {
  Simulation sim(test::small_scenario(300));
  const DrawnSet drawn = choose_drawn(sim.world(), 1000);
  CHECK_FALSE(drawn.sampled);
  REQUIRE(drawn.members.size() == 300);
  SocietyView view;
  copy_drawn_state(sim.world(), drawn, view);
  CHECK(view.ties.size() == sim.world().friends.tie_count());
  for (const auto& [u, v] : view.ties) CHECK(u < v);
  CHECK(view.score[17] == static_cast<float>(sim.world().score[17]));
  CHECK(view.citizens == 300);
  CHECK(view.regions == sim.world().regions.count());
}

TEST_CASE("a large society is drawn as a snowball sample that keeps friendships whole") {
  Simulation sim(test::small_scenario(3000));
  const World& w = sim.world();
  const std::size_t limit = 600;
  const DrawnSet drawn = choose_drawn(w, limit);
  CHECK(drawn.sampled);
  REQUIRE(drawn.members.size() == limit);
  CHECK(std::is_sorted(drawn.members.begin(), drawn.members.end()));
  for (std::size_t m = 0; m < drawn.members.size(); ++m) CHECK(drawn.index_of[drawn.members[m]] == m);

  SocietyView view;
  copy_drawn_state(w, drawn, view);
  // A uniform sample of a fifth of the citizens would keep about 1/25 of the ties; the
  // snowball keeps far more of them.
  const double uniform = static_cast<double>(w.friends.tie_count()) * (0.2 * 0.2);
  CHECK(static_cast<double>(view.ties.size()) > 1.5 * uniform);
  // The sample reaches every city.
  std::vector<int> cities(w.regions.count(), 0);
  for (auto r : view.member_region) cities[r] = 1;
  CHECK(std::count(cities.begin(), cities.end(), 1) == static_cast<long>(w.regions.count()));
}

#include "palette.hpp"

#include <catch2/catch.hpp>
#include <set>

#include "../core/test_support.hpp"

using namespace socred;
using namespace socred::gui;

TEST_CASE("tiers follow Sesame Credit's bands, edges included") {
  CHECK(tier_of(350) == Tier::poor);
  CHECK(tier_of(549.99) == Tier::poor);
  CHECK(tier_of(550) == Tier::medium);
  CHECK(tier_of(600) == Tier::good);
  CHECK(tier_of(650) == Tier::very_good);
  CHECK(tier_of(699.99) == Tier::very_good);
  CHECK(tier_of(700) == Tier::excellent);
  CHECK(tier_of(950) == Tier::excellent);
  CHECK(tier_name(Tier::very_good) == "very good");
}

TEST_CASE("the window's tiers agree with the tier metrics of the core") {
  Simulation sim(test::small_scenario(300));
  test::run_ticks(sim, 3);
  std::array<double, kTierCount> share{};
  for (double s : sim.world().score) share[static_cast<std::size_t>(tier_of(s))] += 1;
  const double n = static_cast<double>(sim.world().size());
  const MetricsRow& m = sim.metrics();
  CHECK(share[0] / n == Approx(m[Metric::tier_poor]));
  CHECK(share[1] / n == Approx(m[Metric::tier_medium]));
  CHECK(share[2] / n == Approx(m[Metric::tier_good]));
  CHECK(share[3] / n == Approx(m[Metric::tier_very_good]));
  CHECK(share[4] / n == Approx(m[Metric::tier_excellent]));
}

TEST_CASE("each theme gives five distinct tier colours that differ from its background") {
  for (Theme theme : {Theme::dark, Theme::projector}) {
    const Palette& p = palette(theme);
    std::set<std::tuple<int, int, int>> seen;
    for (const Rgba& c : p.tier) {
      seen.insert({c.r, c.g, c.b});
      CHECK_FALSE(c == p.background);
    }
    CHECK(seen.size() == kTierCount);
  }
  CHECK_FALSE(palette(Theme::dark).background == palette(Theme::projector).background);
  CHECK(tier_colour(Theme::dark, 400) == palette(Theme::dark).tier[0]);
  CHECK(with_alpha(Rgba{1, 2, 3, 255}, 7) == Rgba{1, 2, 3, 7});
}

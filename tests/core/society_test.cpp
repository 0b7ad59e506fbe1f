#include "socred/society.hpp"

#include <catch2/catch.hpp>
#include <numeric>

#include "test_support.hpp"

using namespace socred;

TEST_CASE("city sizes follow Zipf's law and add up") {
  const auto sizes = city_sizes(100000, 10, 1.0);
  REQUIRE(sizes.size() == 10);
  CHECK(std::accumulate(sizes.begin(), sizes.end(), 0ull) == 100000);
  CHECK(sizes[0] == Approx(2.0 * sizes[1]).epsilon(0.01));
  CHECK(sizes[0] == Approx(10.0 * sizes[9]).epsilon(0.01));
  const auto tiny = city_sizes(3, 10, 1.0);  // fewer citizens than cities
  CHECK(tiny == std::vector<std::uint32_t>{1, 1, 1});
}

TEST_CASE("citizens are numbered city by city and firm by firm") {
  const World w = build_world(test::small_scenario(3000));
  for (std::size_t r = 0; r < w.regions.count(); ++r) {
    for (CitizenId i = w.regions.first[r]; i < w.regions.first[r] + w.regions.size[r]; ++i) {
      REQUIRE(w.region[i] == r);
    }
  }
  std::uint64_t covered = 0;
  for (std::size_t f = 0; f < w.firms.count(); ++f) {
    covered += w.firms.size[f];
    for (CitizenId i = w.firms.first[f]; i < w.firms.first[f] + w.firms.size[f]; ++i) {
      REQUIRE(w.firm[i] == f);
      REQUIRE(w.region[i] == w.firms.region[f]);
    }
  }
  CHECK(covered == w.size());
  CHECK(w.size() / static_cast<double>(w.firms.count()) == Approx(25).epsilon(0.35));
}

TEST_CASE("the society matches its parameters") {
  Scenario s = test::small_scenario(20000);
  const World w = build_world(s);
  std::array<double, 4> education{};
  double employed = 0, children = 0, civil = 0;
  for (CitizenId i = 0; i < w.size(); ++i) {
    education[w.education[i]] += 1;
    employed += w.employed(i);
    children += (w.status[i] & status::has_children) != 0;
    civil += w.occupation[i] == Occupation::civil_servant;
  }
  const double n = static_cast<double>(w.size());
  CHECK(education[0] / n == Approx(0.30).margin(0.02));
  CHECK(education[1] / n == Approx(0.52).margin(0.02));
  CHECK(education[2] / n == Approx(0.16).margin(0.02));
  CHECK(employed / n == Approx(0.95).margin(0.01));
  CHECK(children / n == Approx(0.45).margin(0.02));
  CHECK(civil / n == Approx(0.03).margin(0.01));
  // Bigger cities pay more.
  CHECK(w.regions.median_income[0] > w.regions.median_income[w.regions.count() - 1]);
}

TEST_CASE("voluntary participation scores only those who opt in, the better-off more often") {
  Scenario s = test::small_scenario(10000);
  s.scoring.participation = Participation::voluntary;
  s.scoring.opt_in_rate = 0.5;
  const World w = build_world(s);
  double in = 0, rich_in = 0, rich = 0;
  for (CitizenId i = 0; i < w.size(); ++i) {
    in += w.participates(i);
    if (w.base_income[i] > 2 * w.regions.median_income[w.region[i]]) {
      ++rich;
      rich_in += w.participates(i);
    }
  }
  CHECK(in / w.size() > 0.3);
  CHECK(in / w.size() < 0.7);
  CHECK(rich_in / rich > in / w.size());
}

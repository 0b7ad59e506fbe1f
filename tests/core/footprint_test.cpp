// Estimates made before a run allocates (src/core/footprint.cpp, estimate_world_bytes in
// society.cpp) against the worlds actually built, and the one-line refusals.
#include "socred/footprint.hpp"

#include <catch2/catch.hpp>

#include "socred/society.hpp"
#include "test_support.hpp"

using namespace socred;

namespace {

double ratio(std::uint64_t estimate, std::uint64_t actual) {
  return static_cast<double>(estimate) / static_cast<double>(actual);
}

}  // namespace

TEST_CASE("the world estimate matches the world built, for every network generator") {
  for (auto generator : {NetworkGenerator::homophilous, NetworkGenerator::random,
                         NetworkGenerator::small_world, NetworkGenerator::scale_free}) {
    Scenario s = test::small_scenario(40000);
    s.network.generator = generator;
    const World w = build_world(s);
    INFO("generator " << static_cast<int>(generator));
    // With the ties built, and with the ties planned before building.
    CHECK(ratio(estimate_world_bytes(s, w.size(), w.friends.tie_count()), w.memory_bytes()) ==
          Approx(1.0).margin(0.05));
    CHECK(ratio(estimate_world_bytes(s, w.size(), planned_ties(s)), w.memory_bytes()) ==
          Approx(1.0).margin(0.12));
  }
}

TEST_CASE("the world estimate matches for a network read from a file, and much slack") {
  Scenario s = test::small_scenario(10);
  s.network.slack = 2.0;
  s.network.min_slack = 30;
  const auto network = read_edge_list(test::facebook_path().string());
  const World w = build_world(s, &network.list);
  CHECK(ratio(estimate_world_bytes(s, w.size(), w.friends.tie_count()), w.memory_bytes()) ==
        Approx(1.0).margin(0.05));
}

TEST_CASE("the peak covers the world and what building it holds for a while") {
  const Scenario s = test::small_scenario(100000);
  const RunFootprint f = estimate_footprint(s, 100000, planned_ties(s), false, 0, 2);
  CHECK(f.world_bytes == estimate_world_bytes(s, 100000, planned_ties(s)));
  CHECK(f.peak_bytes > f.world_bytes + 100000 * 12 * 4);  // at least the edge list
  CHECK(f.peak_bytes < 2 * f.world_bytes + (64ull << 20));
  // Outputs: the agent tables dominate; snapshots multiply them.
  const RunFootprint snapshots = estimate_footprint(s, 100000, planned_ties(s), false, 52, 2);
  CHECK(snapshots.disk_bytes > 3 * f.disk_bytes);
}

TEST_CASE("a billion citizens on a 24 GiB machine is refused with what it would need") {
  Scenario s;
  s.society.agents = 1000000000;
  const RunFootprint f = estimate_footprint(s, 1000000000, planned_ties(s), false, 0, 2);
  const auto problem = footprint_problem(f, 22ull << 30, 80ull << 30, "runs/x");
  REQUIRE(problem);
  CHECK(problem->rfind("not enough memory: this run needs about ", 0) == 0);
  CHECK(problem->find("(1,000,000,000 citizens, 6,000,000,000 friendship ties) but 22.0 GiB is "
                      "available") != std::string::npos);
  CHECK(f.peak_bytes > (200ull << 30));
  CHECK(problem->find('\n') == std::string::npos);
  // Unknown machine figures never refuse.
  CHECK_FALSE(footprint_problem(f, std::nullopt, std::nullopt, "runs/x"));
}

TEST_CASE("a run whose outputs cannot fit on the disk is refused") {
  Scenario s = test::small_scenario(1000);
  s.ticks = 1000000000;
  const RunFootprint f = estimate_footprint(s, 1000, planned_ties(s), false, 0, 2);
  CHECK(f.disk_bytes > (1ull << 40));  // a metrics row per week for a billion weeks
  const auto problem = footprint_problem(f, 22ull << 30, 80ull << 30, "runs/x");
  REQUIRE(problem);
  CHECK(problem->rfind("not enough disk space: the outputs need about ", 0) == 0);
  CHECK(problem->find("1,000,000,000 weeks") != std::string::npos);
  CHECK(problem->find("80.0 GiB is free for runs/x") != std::string::npos);
  s.ticks = 520;
  CHECK_FALSE(footprint_problem(estimate_footprint(s, 1000, planned_ties(s), false, 0, 2),
                                22ull << 30, 80ull << 30, "runs/x"));
}

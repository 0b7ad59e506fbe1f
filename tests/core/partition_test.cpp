#include "socred/partition.hpp"

#include <catch2/catch.hpp>
#include <algorithm>
#include <cstdlib>
#include <set>

#include "socred/society.hpp"
#include "test_support.hpp"

using namespace socred;

TEST_CASE("a split covers every citizen in order and cuts at city, else firm, boundaries") {
  const World w = build_world(test::small_scenario(6000));
  const std::set<CitizenId> city_starts(w.regions.first.begin(), w.regions.first.end());
  const std::set<CitizenId> firm_starts(w.firms.first.begin(), w.firms.first.end());
  for (int parts : {1, 2, 3, 4, 7}) {
    const auto ranges = partition_by_city(w, parts);
    REQUIRE(ranges.size() == static_cast<std::size_t>(parts));
    CHECK(ranges.front().begin == 0);
    CHECK(ranges.back().end == w.size());
    for (std::size_t r = 1; r < ranges.size(); ++r) {
      CHECK(ranges[r].begin == ranges[r - 1].end);
      CHECK((ranges[r].begin == w.size() || firm_starts.count(ranges[r].begin) == 1));
      // Balanced to within a firm, or exactly at a city boundary near the share.
      const double share = w.size() / static_cast<double>(parts);
      const double off = std::abs(static_cast<double>(ranges[r].begin) - share * static_cast<double>(r));
      CHECK((off <= 0.05 * share + 1 || off <= 60));
    }
    // No firm straddles two ranges.
    for (std::size_t f = 0; f < w.firms.count(); ++f) {
      const CitizenId first = w.firms.first[f], last = first + w.firms.size[f] - 1;
      for (const auto& range : ranges) CHECK(range.contains(first) == range.contains(last));
    }
  }
  // A city boundary within 5% of the share is preferred to a nearer firm boundary.
  const CitizenId second_city = w.regions.first[1];
  const auto parts = static_cast<int>(std::lround(w.size() / static_cast<double>(second_city)));
  const auto ranges = partition_by_city(w, parts);
  const double share = w.size() / static_cast<double>(parts);
  if (std::abs(second_city - share) <= 0.05 * share) CHECK(ranges[0].end == second_city);
}

TEST_CASE("a city larger than a share is split firm by firm; more parts than firms leave ranges empty") {
  Scenario s = test::small_scenario(800);
  s.society.regions = 2;
  const World w = build_world(s);
  const auto ranges = partition_by_city(w, 5);
  std::uint64_t covered = 0, largest = 0;
  for (const auto& r : ranges) {
    covered += r.size();
    largest = std::max<std::uint64_t>(largest, r.size());
  }
  CHECK(covered == w.size());
  CHECK(largest < w.size() / 2);
  const auto too_many = partition_by_city(w, static_cast<int>(w.firms.count()) + 3);
  CHECK(std::count_if(too_many.begin(), too_many.end(), [](const CitizenRange& r) { return r.size() == 0; }) >= 3);
}

TEST_CASE("cut ties and ghosts are counted from both ends") {
  const World w = build_world(test::small_scenario(3000));
  const auto whole = cut_stats(w, partition_by_city(w, 1));
  CHECK(whole.cut_ties == 0);
  CHECK(whole.max_ghosts == 0);
  std::uint64_t degrees = 0;
  for (CitizenId i = 0; i < w.size(); ++i) degrees += w.friends.degree(i);
  CHECK(whole.ties == degrees / 2);

  const auto ranges = partition_by_city(w, 3);
  const auto cut = cut_stats(w, ranges);
  CHECK(cut.ties == whole.ties);
  // By brute force: ties whose ends lie in different ranges; distinct foreign friends per range.
  auto owner = [&](CitizenId i) {
    for (std::size_t r = 0; r < ranges.size(); ++r) if (ranges[r].contains(i)) return r;
    return ranges.size();
  };
  std::uint64_t cut_ties = 0, ghosts = 0, max_ghosts = 0;
  for (std::size_t r = 0; r < ranges.size(); ++r) {
    std::set<CitizenId> foreign;
    for (CitizenId i = ranges[r].begin; i < ranges[r].end; ++i) {
      for (CitizenId j : w.friends.friends(i)) {
        if (owner(j) != r) {
          foreign.insert(j);
          if (i < j) ++cut_ties;
        }
      }
    }
    ghosts += foreign.size();
    max_ghosts = std::max<std::uint64_t>(max_ghosts, foreign.size());
  }
  CHECK(cut.cut_ties == cut_ties);
  CHECK(cut.total_ghosts == ghosts);
  CHECK(cut.max_ghosts == max_ghosts);
  CHECK(cut.cut_ties > 0);
  CHECK(cut.cut_share() < 0.5);  // homophily by city: most ties stay inside a range
}

#include "socred/partition.hpp"

#include <catch2/catch.hpp>
#include <algorithm>
#include <bit>
#include <cstdlib>
#include <set>

#include "socred/bench.hpp"
#include "socred/metrics.hpp"
#include "socred/phases.hpp"
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

namespace {

// One tick as R ranks would compute it, the ranks taking turns on one machine: every phase
// over every range before the next phase, counts kept per range and added at the end, the one
// society-wide value adaptation needs (was anyone's post penalised?) summed in between, and the
// tie proposals applied in global order.
void step_in_ranges(const Scenario& s, World& w, const std::vector<CitizenRange>& ranges,
                    TickCounts& total) {
  ++w.tick;
  std::vector<TickEvents> ev(ranges.size());
  auto each = [&](auto&& phase) {
    for (std::size_t r = 0; r < ranges.size(); ++r) phase(ranges[r], ev[r]);
  };
  each([&](CitizenRange r, TickEvents& e) { apply_policies(s, w, e, r); });
  each([&](CitizenRange r, TickEvents& e) { behave(s, w, e, r); });
  each([&](CitizenRange r, TickEvents& e) { score_citizens(s, w, e, r); });
  each([&](CitizenRange r, TickEvents& e) { spread_scores(s, w, e, r); });
  std::uint64_t penalised = 0;
  for (const auto& e : ev) penalised += e.counts.posts_penalised;
  each([&](CitizenRange r, TickEvents& e) { adapt_learn(s, w, e, r, penalised > 0); });
  each([&](CitizenRange r, TickEvents& e) { adapt_propose(s, w, e, r); });
  TickEvents applied;
  adapt_apply(s, w, applied);
  w.score.swap(w.score_next);
  total = applied.counts;
  for (const auto& e : ev) total += e.counts;
}

void check_same_counts(const TickCounts& a, const TickCounts& b) {
  CHECK(a.restricted == b.restricted);
  CHECK(a.newly_restricted == b.newly_restricted);
  for (std::size_t k = 0; k < kSpendingCount; ++k) CHECK(a.spending[k].raw() == b.spending[k].raw());
  const std::vector<std::uint64_t> left = {
      a.restricted_any, a.jobs_excluded, a.firms_sanctioned, a.trips_attempted, a.trips_blocked,
      a.customs_held, a.luxury_refused, a.with_debt, a.missed_payments, a.listed, a.delisted,
      a.loans, a.jobs_lost, a.jobs_found, a.posts, a.dissent_posts, a.posts_penalised,
      a.civic_acts, a.ties_dropped, a.ties_added, a.ties_refused_full, a.ties_lapsed};
  const std::vector<std::uint64_t> right = {
      b.restricted_any, b.jobs_excluded, b.firms_sanctioned, b.trips_attempted, b.trips_blocked,
      b.customs_held, b.luxury_refused, b.with_debt, b.missed_payments, b.listed, b.delisted,
      b.loans, b.jobs_lost, b.jobs_found, b.posts, b.dissent_posts, b.posts_penalised,
      b.civic_acts, b.ties_dropped, b.ties_added, b.ties_refused_full, b.ties_lapsed};
  CHECK(left == right);
}

}  // namespace

TEST_CASE("every phase run range by range over a partition gives the bits of step()") {
  // Every mechanism and policy on, rewiring on, at K = 20.
  const Scenario s = bench_scenario(BenchConfig::full, 4000, 20, false);
  World whole = build_world(s);
  for (std::size_t i = 1; i < whole.size(); ++i) REQUIRE(whole.firm[i - 1] <= whole.firm[i]);
  for (int parts : {2, 3, 4}) {
    DYNAMIC_SECTION(parts << " ranges") {
      World w = whole, reference = whole;
      const auto ranges = partition_by_city(w, parts);
      std::uint64_t penalised = 0, changed_ties = 0;
      for (int t = 0; t < 12; ++t) {
        TickEvents expected;
        step(s, reference, expected);
        TickCounts got;
        step_in_ranges(s, w, ranges, got);
        REQUIRE(test::world_hash(w) == test::world_hash(reference));
        CHECK(w.score_next == reference.score_next);
        CHECK(w.firms.score == reference.firms.score);
        CHECK(w.firms.sanctioned == reference.firms.sanctioned);
        CHECK(w.behaviour_record == reference.behaviour_record);
        check_same_counts(got, expected.counts);
        penalised += expected.counts.posts_penalised;
        changed_ties += expected.counts.ties_added + expected.counts.ties_dropped;
      }
      // The paths that cross ranges were exercised.
      CHECK(penalised > 0);
      CHECK(changed_ties > 0);
      CHECK(cut_stats(w, ranges).cut_ties > 0);
    }
  }
}

TEST_CASE("metrics summed range by range, packed and combined, give collect()'s row") {
  const Scenario s = bench_scenario(BenchConfig::full, 3000, 20, false);
  World w = build_world(s);
  TickEvents ev;
  for (int t = 0; t < 6; ++t) step(s, w, ev);
  MetricsCollector whole;
  const MetricsRow expected = whole.collect(s, w, ev);
  const ScoreHistogram histogram = whole.histogram();
  for (int parts : {1, 2, 3, 4}) {
    MetricsCollector split;
    std::vector<std::uint64_t> all, words;
    // In reverse: the order in which parts arrive must not matter.
    const auto ranges = partition_by_city(w, parts);
    for (auto r = ranges.rbegin(); r != ranges.rend(); ++r) {
      split.pack_part(s, w, *r, words);
      all.insert(all.end(), words.begin(), words.end());
    }
    const MetricsRow got = split.collect_parts(s, w, ev, all.data(), ranges.size());
    for (std::size_t k = 0; k < kMetricCount; ++k) {
      INFO(parts << " parts, " << metric_info()[k].name);
      CHECK(std::bit_cast<std::uint64_t>(got.values[k]) == std::bit_cast<std::uint64_t>(expected.values[k]));
    }
    CHECK(split.histogram().counts == histogram.counts);
  }
}

TEST_CASE("proposals read no one but friends and the people adapt_meetings lists") {
  // The contract a distributed run relies on: fetch friends and those met, and proposals are
  // those of the whole world, whatever everyone else's state.
  Scenario s = bench_scenario(BenchConfig::full, 3000, 20, false);
  s.adaptation.new_tie_rate = 1.0;  // many meetings
  s.adaptation.triadic_share = 0.5;
  World w = build_world(s);
  TickEvents ev;
  for (int t = 0; t < 4; ++t) step(s, w, ev);
  ++w.tick;
  ev.counts = {};
  apply_policies(s, w, ev);
  behave(s, w, ev);
  score_citizens(s, w, ev);
  spread_scores(s, w, ev);
  adapt_learn(s, w, ev, kAllCitizens, ev.counts.posts_penalised > 0);
  const auto ranges = partition_by_city(w, 3);
  const CitizenRange range = ranges[1];
  World reference = w;
  adapt_propose(s, reference, ev, range);

  std::vector<CitizenId> met;
  adapt_meetings(s, w, range, met);
  std::vector<char> read(w.size(), 0);
  for (CitizenId i = range.begin; i < range.end; ++i) {
    read[i] = 1;
    for (CitizenId j : w.friends.friends(i)) read[j] = 1;
  }
  std::size_t outside = 0;
  for (CitizenId j : met) {
    outside += range.contains(j) ? 0 : 1;
    read[j] = 1;
  }
  CHECK(outside > 0);  // some of those met live in other ranges
  // Scramble what proposals could read of everyone else.
  std::size_t scrambled = 0;
  for (CitizenId j = 0; j < w.size(); ++j) {
    if (read[j]) continue;
    w.score_next[j] = (j % 2) ? kMinScore : kMaxScore;
    w.knowledge[j] = (j % 3) ? 0.0f : 1.0f;
    w.restrictions[j] = static_cast<std::uint16_t>(~w.restrictions[j]);
    w.status[j] ^= status::participates;
    ++scrambled;
  }
  CHECK(scrambled > w.size() / 4);
  adapt_propose(s, w, ev, range);
  std::size_t adds = 0;
  for (CitizenId i = range.begin; i < range.end; ++i) {
    CHECK(w.drop_proposal[i] == reference.drop_proposal[i]);
    CHECK(w.add_proposal[i] == reference.add_proposal[i]);
    if (w.add_proposal[i] != kNoCitizen) {
      ++adds;
      CHECK(std::find(met.begin(), met.end(), w.add_proposal[i]) != met.end());
    }
  }
  CHECK(adds > 0);
}

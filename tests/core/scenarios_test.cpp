// The scenario library (scenarios/*.json): every shipped scenario loads and runs 520 weeks
// on a small society without breaking an invariant, each teaching scenario tells its
// headline story in direction against a baseline run with the same seed, and the
// validation scenarios match theory.
//
// Margins are generous and every headline is checked on two seeds, so the tests follow the
// mechanisms rather than one seed's noise.
#include <catch2/catch.hpp>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <functional>
#include <set>

#include "socred/phases.hpp"
#include "socred/scenario_io.hpp"
#include "test_support.hpp"

using namespace socred;

namespace {

constexpr std::int64_t kAgents = 1500;
constexpr std::int64_t kYear = 52;

// A shipped scenario on a small society.
Scenario shipped(const std::string& name, std::uint64_t seed, std::int64_t agents = kAgents) {
  Scenario s = test::load_shipped(name + ".json");
  s.society.agents = agents;
  s.society.regions = 4;
  s.seed = seed;
  s.metrics.clustering_sample = 50;
  return s;
}

// The metrics of a run: rows[t] is the row after week t (rows[0]: the start).
struct Run {
  std::vector<MetricsRow> rows;
  double at(Metric m, std::int64_t t) const { return rows.at(static_cast<std::size_t>(t))[m]; }
  // Mean over weeks from..to, both included.
  double mean(Metric m, std::int64_t from, std::int64_t to) const {
    double sum = 0;
    for (std::int64_t t = from; t <= to; ++t) sum += at(m, t);
    return sum / static_cast<double>(to - from + 1);
  }
};

// Runs `ticks` weeks on one thread (ctest runs tests side by side), calling `each` after
// every week.
Run run(const Scenario& s, std::int64_t ticks,
        const std::function<void(const Simulation&)>& each = {}) {
  test::ThreadCount one(1);
  Simulation sim(s);
  Run r;
  r.rows.push_back(sim.metrics());
  for (std::int64_t t = 1; t <= ticks; ++t) {
    sim.step();
    r.rows.push_back(sim.metrics());
    if (each) each(sim);
  }
  return r;
}

bool restricted(const World& w, CitizenId i) { return (w.restrictions[i] & kRestrictionMask) != 0; }

// Share of scored citizens under a restriction, among the most dissent-prone tenth and
// among the rest.
std::pair<double, double> restricted_by_outspokenness(const World& w) {
  std::vector<CitizenId> scored;
  for (CitizenId i = 0; i < w.size(); ++i) {
    if (w.participates(i)) scored.push_back(i);
  }
  std::sort(scored.begin(), scored.end(),
            [&](CitizenId a, CitizenId b) { return w.dissent[a] > w.dissent[b]; });
  const std::size_t top = scored.size() / 10;
  double top_restricted = 0, rest_restricted = 0;
  for (std::size_t k = 0; k < scored.size(); ++k) {
    (k < top ? top_restricted : rest_restricted) += restricted(w, scored[k]) ? 1 : 0;
  }
  return {top_restricted / static_cast<double>(top),
          rest_restricted / static_cast<double>(scored.size() - top)};
}

// Of the citizens below `line` at week `from`, the share still below it at week `to`.
struct StillBelow {
  double line;
  std::int64_t from, to;
  std::vector<CitizenId> low;
  double still = 0;

  void operator()(const Simulation& sim) {
    const World& w = sim.world();
    if (sim.tick() == from) {
      for (CitizenId i = 0; i < w.size(); ++i) {
        if (w.participates(i) && w.score[i] < line) low.push_back(i);
      }
    }
    if (sim.tick() == to) {
      for (CitizenId i : low) still += w.score[i] < line ? 1 : 0;
    }
  }
  double share() const { return low.empty() ? 0.0 : still / static_cast<double>(low.size()); }
};

std::size_t idx(Factor f) { return static_cast<std::size_t>(f); }

}  // namespace

TEST_CASE("every shipped scenario loads, says what it is, and runs 520 weeks") {
  const auto root = test::source_dir() / "scenarios";
  std::set<std::string> names, found;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
    if (entry.path().extension() != ".json") continue;
    const std::string stem =
        std::filesystem::relative(entry.path(), root).replace_extension().generic_string();
    found.insert(stem);
    INFO("scenario " << stem);
    const LoadResult loaded = load_scenario_file(entry.path());
    INFO(loaded.error_text());
    REQUIRE(loaded.ok());
    Scenario s = *loaded.scenario;
    // The GUI's picker shows the name and the description.
    CHECK(s.name.rfind(stem, 0) == 0);
    CHECK(names.insert(s.name).second);
    CHECK(s.description.size() >= 300);

    s.society.agents = 400;
    s.society.regions = 4;
    s.metrics.clustering_sample = 50;
    const Run r = run(s, 520);
    for (const MetricsRow& row : r.rows) {
      for (double v : row.values) REQUIRE(std::isfinite(v));
    }
  }
  for (const char* expected :
       {"credit-bureau", "sesame-credit-2015", "state-plan-2020", "guilt-by-association",
        "crackdown", "poverty-trap", "reform", "nosedive", "default", "validation/degroot",
        "validation/null-model", "validation/relaxation"}) {
    CHECK(found.count(expected) == 1);
  }
}

TEST_CASE("state-plan-2020 is the classroom demo, stated in full") {
  Scenario plan = test::load_shipped("state-plan-2020.json");
  const Scenario demo;
  plan.name = demo.name;
  plan.description = demo.description;
  CHECK(plan == demo);
}

TEST_CASE("credit-bureau: a financial score only, no restrictions, no contagion") {
  const auto seed = GENERATE(as<std::uint64_t>{}, 1, 2);
  const Scenario s = shipped("credit-bureau", seed);
  const Run r = run(s, 260, [](const Simulation& sim) {
    const World& w = sim.world();
    for (CitizenId i = 0; i < w.size(); ++i) {
      REQUIRE(!restricted(w, i));
      const Explanation& e = w.explanation[i];
      for (Factor f : {Factor::behaviour, Factor::identity, Factor::online_conduct,
                       Factor::civic_acts, Factor::friends, Factor::colleagues}) {
        REQUIRE(e[idx(f)] == 0);
      }
    }
  });
  for (std::int64_t t = 0; t <= 260; ++t) {
    REQUIRE(r.at(Metric::trips_blocked, t) == 0);
    REQUIRE(r.at(Metric::blacklisted, t) == 0);
    REQUIRE(r.at(Metric::posts_penalised, t) == 0);
    REQUIRE(r.at(Metric::ties_dropped, t) == 0);
    REQUIRE(r.at(Metric::knowledge_mean, t) == 0);
    REQUIRE(r.at(Metric::self_censorship_mean, t) == 0);
  }
  // The score still means something: high scorers get larger loans.
  CHECK(r.at(Metric::rewarded, 260) > 0.2 * kAgents);
}

TEST_CASE("sesame-credit-2015: voluntary, and it only rewards") {
  const auto seed = GENERATE(as<std::uint64_t>{}, 1, 2);
  const Scenario s = shipped("sesame-credit-2015", seed);
  std::vector<double> start;
  bool friends_count = false;
  const Run r = run(s, 260, [&](const Simulation& sim) {
    const World& w = sim.world();
    if (start.empty()) start = w.score;  // week 1; outsiders' scores never move
    for (CitizenId i = 0; i < w.size(); ++i) {
      REQUIRE(!restricted(w, i));
      if (!w.participates(i)) REQUIRE(w.score[i] == start[i]);
      friends_count = friends_count || w.explanation[i][idx(Factor::friends)] != 0;
    }
  });
  CHECK(friends_count);
  CHECK(r.at(Metric::participation_share, 260) > 0.3);
  CHECK(r.at(Metric::participation_share, 260) < 0.95);
  CHECK(r.at(Metric::rewarded, 260) > 0.2 * r.at(Metric::scored, 260));
  for (std::int64_t t = 0; t <= 260; ++t) {
    REQUIRE(r.at(Metric::trips_blocked, t) == 0);
    REQUIRE(r.at(Metric::posts_penalised, t) == 0);
    REQUIRE(r.at(Metric::blacklisted, t) == 0);
  }
}

TEST_CASE("guilt-by-association splits the network") {
  const auto seed = GENERATE(as<std::uint64_t>{}, 1, 2);
  const std::int64_t weeks = 2 * kYear;
  const Run guilt = run(shipped("guilt-by-association", seed), weeks);
  const Run plan = run(shipped("state-plan-2020", seed), weeks);
  const Run bureau = run(shipped("credit-bureau", seed), weeks);
  const auto late = [&](const Run& r, Metric m) { return r.mean(m, weeks - 12, weeks); };
  CHECK(late(guilt, Metric::assortativity) > late(bureau, Metric::assortativity) + 0.15);
  CHECK(late(guilt, Metric::assortativity) > late(plan, Metric::assortativity) + 0.05);
  CHECK(late(guilt, Metric::cross_line_share) < 0.25 * late(bureau, Metric::cross_line_share));
  CHECK(guilt.at(Metric::isolated, weeks) > bureau.at(Metric::isolated, weeks));
  CHECK(guilt.at(Metric::largest_component_share, weeks) <
        bureau.at(Metric::largest_component_share, weeks));
}

TEST_CASE("crackdown: dissent falls, and the outspoken pay for it") {
  const auto seed = GENERATE(as<std::uint64_t>{}, 1, 2);
  const std::int64_t weeks = 2 * kYear;
  std::pair<double, double> crackdown_restricted, plan_restricted;
  const Run crackdown = run(shipped("crackdown", seed), weeks, [&](const Simulation& sim) {
    if (sim.tick() == weeks) crackdown_restricted = restricted_by_outspokenness(sim.world());
  });
  const Run plan = run(shipped("state-plan-2020", seed), weeks, [&](const Simulation& sim) {
    if (sim.tick() == weeks) plan_restricted = restricted_by_outspokenness(sim.world());
  });
  const Run bureau = run(shipped("credit-bureau", seed), weeks);
  const auto year2 = [&](const Run& r) { return r.mean(Metric::dissent_per_capita, kYear + 1, weeks); };
  CHECK(year2(crackdown) < 0.5 * year2(bureau));
  CHECK(year2(crackdown) < 0.85 * year2(plan));
  // Who pays: the most outspoken tenth is restricted far more often than the rest, and
  // more often than under the ordinary state plan.
  CHECK(crackdown_restricted.first > 2.0 * crackdown_restricted.second);
  CHECK(crackdown_restricted.first > 2.0 * plan_restricted.first);
}

TEST_CASE("poverty-trap: low scorers' incomes and default rates lock them in") {
  const auto seed = GENERATE(as<std::uint64_t>{}, 1, 2);
  const std::int64_t weeks = 10 * kYear;
  StillBelow stuck_trap{550, 2 * kYear, weeks, {}}, stuck_plan = stuck_trap;
  const Run trap = run(shipped("poverty-trap", seed), weeks, std::ref(stuck_trap));
  const Run plan = run(shipped("state-plan-2020", seed), weeks, std::ref(stuck_plan));
  const Run bureau = run(shipped("credit-bureau", seed), weeks);
  const auto later = [&](const Run& r, Metric m) { return r.mean(m, 2 * kYear + 1, weeks); };
  CHECK(later(trap, Metric::default_rate) > 1.3 * later(plan, Metric::default_rate));
  CHECK(later(trap, Metric::tier_poor) > 1.2 * later(plan, Metric::tier_poor));
  CHECK(later(trap, Metric::blacklisted) > 1.2 * later(plan, Metric::blacklisted));
  CHECK(later(trap, Metric::low_scorer_income_mean) <
        0.9 * later(bureau, Metric::low_scorer_income_mean));
  // Those below the line after two years are nearly all still there eight years later, and
  // there are many more of them.
  REQUIRE(stuck_trap.low.size() >= 20);
  CHECK(stuck_trap.share() > 0.8);
  CHECK(stuck_trap.still > 1.5 * stuck_plan.still);
}

TEST_CASE("reform: the state plan until week 156, then the society heals") {
  const auto seed = GENERATE(as<std::uint64_t>{}, 1, 2);
  const std::int64_t repeal = 156, weeks = repeal + 4 * kYear;
  const Run reform = run(shipped("reform", seed), weeks);
  const Run plan = run(shipped("state-plan-2020", seed), weeks);
  // Common random numbers: the two runs are the same society until the repeal.
  for (std::int64_t t = 0; t < repeal; ++t) {
    INFO("week " << t);
    REQUIRE(std::memcmp(reform.rows[t].values.data(), plan.rows[t].values.data(),
                        sizeof(double) * kMetricCount) == 0);
  }
  for (std::int64_t t = repeal; t <= weeks; ++t) {
    REQUIRE(reform.at(Metric::restricted_travel_ban, t) == 0);
    REQUIRE(reform.at(Metric::trips_blocked, t) == 0);
  }
  // Scores stop clustering along ties within a year of the repeal...
  const double before = reform.mean(Metric::assortativity, repeal - 12, repeal - 1);
  const double year_after = reform.mean(Metric::assortativity, repeal + 40, repeal + kYear);
  CHECK(year_after < 0.9 * before);
  CHECK(year_after < plan.mean(Metric::assortativity, repeal + 40, repeal + kYear) - 0.02);
  // ...and ties across the trusted line come back, slowly.
  CHECK(reform.mean(Metric::cross_line_share, repeal + 2 * kYear, weeks) >
        1.15 * plan.mean(Metric::cross_line_share, repeal + 2 * kYear, weeks));
}

TEST_CASE("nosedive is labelled as fiction and is the extreme of peer rating") {
  const Scenario labelled = test::load_shipped("nosedive.json");
  CHECK(labelled.name.find("fiction") != std::string::npos);
  CHECK(labelled.description.rfind("FICTION", 0) == 0);

  const auto seed = GENERATE(as<std::uint64_t>{}, 1, 2);
  const std::int64_t weeks = 2 * kYear;
  const Run nosedive = run(shipped("nosedive", seed), weeks);
  const Run plan = run(shipped("state-plan-2020", seed), weeks);
  const auto year2 = [&](const Run& r, Metric m) { return r.mean(m, kYear + 1, weeks); };
  CHECK(year2(nosedive, Metric::assortativity) > year2(plan, Metric::assortativity) + 0.15);
  CHECK(year2(nosedive, Metric::approving_posts) > 2.0 * year2(plan, Metric::approving_posts));
  CHECK(year2(nosedive, Metric::restricted_any) > year2(plan, Metric::restricted_any));
  CHECK(nosedive.at(Metric::isolated, weeks) > plan.at(Metric::isolated, weeks));
}

TEST_CASE("validation/relaxation: every score follows s(t) = base + (1 - a)^t (s(0) - base)") {
  Scenario s = test::load_shipped("validation/relaxation.json");
  s.society.agents = 1000;
  test::ThreadCount one(1);
  Simulation sim(s);
  const std::vector<double> start = sim.world().score;
  const double base = s.scoring.points_base, keep = 1.0 - s.scoring.adjustment_rate;
  for (std::int64_t t = 1; t <= s.ticks; ++t) {
    sim.step();
    const double factor = std::pow(keep, static_cast<double>(t));
    for (CitizenId i = 0; i < start.size(); ++i) {
      const double expected = base + factor * (start[i] - base);
      REQUIRE(std::abs(sim.world().score[i] - expected) <= 1e-9 * expected);
    }
  }
  // Half of every gap is gone after ln 2 / -ln(1 - a) weeks (13.5 for a = 0.05).
  CHECK(std::log(2.0) / -std::log(keep) == Approx(13.51).epsilon(0.001));
}

TEST_CASE("validation/null-model: when nothing reads the score, the score changes nothing") {
  Scenario s = test::load_shipped("validation/null-model.json");
  s.society.agents = 1000;
  s.metrics.clustering_sample = 200;
  Scenario other = s;
  other.scoring.variant = ScoringVariant::points;
  other.scoring.weight_behaviour = 80;
  const Run a = run(s, 104);
  const Run b = run(other, 104);
  const std::set<Metric> about_scores = {
      Metric::score_mean,    Metric::score_sd,       Metric::score_min,
      Metric::score_p10,     Metric::score_p25,      Metric::score_median,
      Metric::score_p75,     Metric::score_p90,      Metric::score_max,
      Metric::tier_poor,     Metric::tier_medium,    Metric::tier_good,
      Metric::tier_very_good, Metric::tier_excellent, Metric::gini_score,
      Metric::low_scorer_income_mean, Metric::high_scorer_income_mean,
      Metric::low_scorer_default_rate, Metric::assortativity, Metric::cross_line_share,
      Metric::firm_score_mean, Metric::firm_low_share};
  CHECK(a.at(Metric::score_mean, 104) != b.at(Metric::score_mean, 104));
  for (std::int64_t t = 0; t <= 104; ++t) {
    for (std::size_t k = 0; k < kMetricCount; ++k) {
      if (about_scores.count(static_cast<Metric>(k))) continue;
      INFO("week " << t << ", " << metric_info()[k].name);
      REQUIRE(std::memcmp(&a.rows[t].values[k], &b.rows[t].values[k], sizeof(double)) == 0);
    }
    REQUIRE(a.at(Metric::ties, t) == a.at(Metric::ties, 0));
    REQUIRE(a.at(Metric::restricted_any, t) == 0);
  }
}

TEST_CASE("validation/null-model: trips and posts match their expected counts") {
  // Each week citizen i tries a trip with probability p_i = trip_rate * clamp(income_i /
  // city median, 0.2, 3) and posts Poisson(post_rate * (0.5 + sociability_i)) times; the
  // totals over many weeks must sit within sampling error of the sums of those means.
  Scenario s = test::load_shipped("validation/null-model.json");
  s.society.agents = 2000;
  const BehaviourParams& b = s.behaviour;
  double trips = 0, trips_expected = 0, trips_variance = 0;
  double posts = 0, posts_expected = 0;
  run(s, 104, [&](const Simulation& sim) {
    const World& w = sim.world();
    for (CitizenId i = 0; i < w.size(); ++i) {
      const double city = w.regions.median_income[w.region[i]];
      const double p = b.trip_rate * std::clamp(w.income[i] / city, 0.2, 3.0);
      trips_expected += p;
      trips_variance += p * (1 - p);
      posts_expected += b.post_rate * (0.5 + w.sociability[i]);
    }
    trips += sim.metrics()[Metric::trips_attempted];
    posts += sim.metrics()[Metric::posts];
  });
  CHECK(std::abs(trips - trips_expected) < 5 * std::sqrt(trips_variance));
  CHECK(std::abs(posts - posts_expected) < 5 * std::sqrt(posts_expected));
}

#include "socred/sweep.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <nlohmann/json.hpp>
#include <set>

#include "test_support.hpp"

using namespace socred;
namespace fs = std::filesystem;

namespace {

Variation vary(const std::string& text) {
  ParsedVariation parsed = parse_variation(text);
  INFO(parsed.error);
  REQUIRE(parsed.variation);
  return *parsed.variation;
}

std::string vary_error(const std::string& text) {
  ParsedVariation parsed = parse_variation(text);
  CHECK_FALSE(parsed.variation);
  return parsed.error;
}

std::vector<double> reals(const Variation& v) {
  std::vector<double> out;
  for (const auto& x : v.values) out.push_back(std::get<double>(x));
  return out;
}

Scenario tiny_scenario() {
  Scenario s = test::small_scenario(200, 11);
  s.ticks = 4;
  s.metrics.component_every = 2;
  return s;
}

}  // namespace

TEST_CASE("a variation takes a list or a range, checked like --set") {
  CHECK(reals(vary("scoring.contagion.weight=0,0.05,0.1")) == std::vector<double>{0, 0.05, 0.1});
  // Ranges are inclusive and rounded to the decimals written, so they end where typed.
  CHECK(reals(vary("scoring.contagion.weight=0.1:0.3:0.1")) == std::vector<double>{0.1, 0.2, 0.3});
  CHECK(reals(vary("scoring.contagion.weight=0.3:0.1:-0.1")) == std::vector<double>{0.3, 0.2, 0.1});
  CHECK(reals(vary("scoring.contagion.weight=0:1:0.3")) == std::vector<double>{0, 0.3, 0.6, 0.9});
  const Variation agents = vary("society.agents=1000:2000:500");
  CHECK(agents.values == std::vector<FieldValue>{std::int64_t{1000}, std::int64_t{1500}, std::int64_t{2000}});
  // Integers are accepted for real fields; booleans and choices as --set reads them.
  CHECK(reals(vary("policies.travel_ban.threshold=500,550")) == std::vector<double>{500, 550});
  CHECK(vary("policies.travel_ban.enabled=true,false").values == std::vector<FieldValue>{true, false});
  CHECK(vary("network.generator=random,small_world").values ==
        std::vector<FieldValue>{std::string("random"), std::string("small_world")});
}

TEST_CASE("bad variations get one-line errors naming --vary and the path") {
  CHECK(vary_error("scoring.contagion.weight=0,2") ==
        "--vary scoring.contagion.weight: expected a number in [0, 1], got 2");
  CHECK(vary_error("scoring.contagion.wieght=0,1") ==
        "--vary scoring.contagion.wieght: unknown parameter (did you mean \"scoring.contagion.weight\"?)");
  CHECK(vary_error("scoring.contagion.weight=0:1.5:0.5") ==
        "--vary scoring.contagion.weight: expected a number in [0, 1], got 1.5 (in the range 0:1.5:0.5)");
  CHECK(vary_error("scoring.contagion.weight=0:1:0") ==
        "--vary scoring.contagion.weight: the step 0 does not lead from 0 to 1");
  CHECK(vary_error("society.agents=100:200:0.5") ==
        "--vary society.agents: an integer parameter needs an integer range, got \"100:200:0.5\"");
  CHECK(vary_error("scoring.contagion.weight=0,,1") ==
        "--vary scoring.contagion.weight: empty value in the list \"0,,1\"");
  CHECK(vary_error("scoring.contagion.weight=0,0") ==
        "--vary scoring.contagion.weight: the value 0 is listed twice");
  CHECK(vary_error("policies.travel_ban.enabled=maybe") ==
        "--vary policies.travel_ban.enabled: expected true or false, got \"maybe\"");
  CHECK(vary_error("scoring.contagion.weight") ==
        "--vary scoring.contagion.weight: expected PATH=V1,V2,... or PATH=A:B:STEP, e.g. "
        "scoring.contagion.weight=0,0.05,0.1");
  CHECK(vary_error("seed=1,2").rfind("--vary seed: seeds come from --seed and --replicates", 0) == 0);
  CHECK(vary_error("scoring.contagion.weight=0:1:0.000001") ==
        "--vary scoring.contagion.weight: the range gives more than 100000 values");
}

TEST_CASE("replicate seeds: the base seed first, then SplitMix64, 53 bits, all distinct") {
  CHECK(replicate_seed(42, 0) == 42);
  // From an independent implementation of the documented formula (Python).
  CHECK(replicate_seed(42, 1) == 6529064058449557ull);
  CHECK(replicate_seed(42, 2) == 4471935826587907ull);
  CHECK(replicate_seed(42, 3) == 5180173260398418ull);
  std::set<std::uint64_t> seen;
  for (std::int64_t r = 0; r < 1000; ++r) {
    const auto seed = replicate_seed(7, r);
    CHECK(seed < (std::uint64_t{1} << 53));
    seen.insert(seed);
  }
  CHECK(seen.size() == 1000);
}

TEST_CASE("the grid expands into plans in a fixed order, replicates sharing seeds") {
  const Scenario base = tiny_scenario();
  SweepSpec spec{{vary("scoring.contagion.weight=0,0.05,0.1"), vary("policies.travel_ban.enabled=true,false")}, 2};
  const ExpandedPlans expanded = expand_plans(base, spec);
  REQUIRE(expanded.error.empty());
  const auto& plans = expanded.plans;
  REQUIRE(plans.size() == 12);
  // The first --vary changes slowest, replicates innermost.
  CHECK(plans[0].id == "p0-r0");
  CHECK(plans[1].id == "p0-r1");
  CHECK(plans[2].id == "p1-r0");
  CHECK(plans[11].id == "p5-r1");
  CHECK(plans[2].settings == std::vector<Setting>{{"scoring.contagion.weight", 0.0},
                                                  {"policies.travel_ban.enabled", false}});
  CHECK(plans[4].settings == std::vector<Setting>{{"scoring.contagion.weight", 0.05},
                                                  {"policies.travel_ban.enabled", true}});
  for (const auto& plan : plans) {
    CHECK(plan.seed == replicate_seed(base.seed, plan.replicate));
    CHECK(plan.ticks == 4);
    CHECK(plan.at == 0);
  }
  // The scenario a plan runs.
  const Scenario s = plan_scenario(base, plans[7]);  // p3-r1
  CHECK(s.seed == replicate_seed(base.seed, 1));
  CHECK(s.scoring.contagion.weight == 0.05);
  CHECK_FALSE(s.policies.travel_ban.enabled);
  CHECK(s.society == base.society);

  // Ids are padded to sort in plan order.
  SweepSpec wide{{vary("policies.travel_ban.threshold=400:590:10")}, 12};
  const auto many = expand_plans(base, wide).plans;
  REQUIRE(many.size() == 20 * 12);
  CHECK(many[13].id == "p01-r01");

  // A grid point that makes an inconsistent scenario is refused before anything runs.
  SweepSpec bad{{vary("society.agents=10,100")}, 1};
  CHECK(expand_plans(base, bad).error ==
        "--vary: the grid point society.agents=10 is not a valid scenario: network.mean_degree "
        "(12) must be smaller than society.agents (10)");
}

TEST_CASE("a plan applied at a tick becomes a timeline event after the scenario's own") {
  Scenario base = tiny_scenario();
  base.events = {{2, {{"policies.travel_ban.enabled", true}}, "own"},
                 {3, {{"policies.travel_ban.threshold", 600.0}}, "later"}};
  RunPlan plan;
  plan.seed = 5;
  plan.at = 2;
  plan.settings = {{"policies.travel_ban.enabled", false}};
  const Scenario s = plan_scenario(base, plan);
  REQUIRE(s.events.size() == 3);
  CHECK(s.events[0].note == "own");
  CHECK(s.events[1].set == plan.settings);
  CHECK(s.events[1].tick == 2);
  CHECK(s.events[2].note == "later");
  CHECK(s.policies.travel_ban.enabled == base.policies.travel_ban.enabled);
  CHECK(s.seed == 5);
}

TEST_CASE("run totals: the final row and the mean over weeks 1..T") {
  RunTotals totals;
  CHECK(std::isnan(totals.time_average(static_cast<std::size_t>(Metric::score_mean))));
  MetricsRow row;
  for (int t = 0; t <= 3; ++t) {
    row[Metric::tick] = t;
    row[Metric::score_mean] = 100.0 * t + (t == 0 ? 1000.0 : 0.0);  // tick 0 must not count
    row[Metric::trips_blocked] = t;
    totals.add(row);
  }
  CHECK(totals.weeks() == 3);
  CHECK(totals.final_row()[Metric::score_mean] == 300);
  CHECK(totals.time_average(static_cast<std::size_t>(Metric::score_mean)) == 200);
  CHECK(totals.time_average(static_cast<std::size_t>(Metric::trips_blocked)) == 2);
}

TEST_CASE("summary rows match their header") {
  SweepSpec spec{{vary("scoring.contagion.weight=0,0.05"), vary("network.generator=random")}, 1};
  const std::string header = summary_csv_header(spec);
  CHECK(header.rfind("run,scoring.contagion.weight,network.generator,replicate,seed,final_scored,"
                     "avg_scored,final_participation_share,",
                     0) == 0);
  CHECK(header.find("final_tick") == std::string::npos);
  const auto plans = expand_plans(tiny_scenario(), spec).plans;
  RunTotals totals;
  totals.add(MetricsRow{});
  const std::string row = summary_csv_row(plans[1], totals);
  CHECK(row.rfind("p1-r0,0.05,random,0,11,", 0) == 0);
  CHECK(std::count(row.begin(), row.end(), ',') == std::count(header.begin(), header.end(), ','));
  CHECK(std::count(header.begin(), header.end(), ',') == 4 + 2 * static_cast<long>(kMetricCount - 1));
}

TEST_CASE("plans run into their own directories, the summary is assembled in plan order") {
  test::TempDir dir("sweep");
  test::ThreadCount serial(1);  // thread counts do not change results; one is fastest here
  const fs::path runs = dir.path() / "runs";
  const Scenario base = tiny_scenario();
  SweepSpec spec{{vary("scoring.contagion.weight=0,0.1")}, 2};
  const auto plans = expand_plans(base, spec).plans;
  REQUIRE(plans.size() == 4);
  CHECK_THROWS_WITH(assemble_summary(spec, plans, runs),
                    Catch::Contains("p0-r0/summary.csv: missing or not this sweep's row"));

  // Out of order, as parallel jobs may finish; one plan keeps every output.
  for (std::size_t k : {3, 1, 0, 2}) {
    CHECK_FALSE(plan_complete(runs, plans[k]));
    run_sweep_plan(base, spec, plans[k], {runs, k == 2, 1, "test"});
    CHECK(plan_complete(runs, plans[k]));
    CHECK_FALSE(fs::exists(runs / (plans[k].id + ".partial")));
  }
  CHECK(fs::exists(runs / "p0-r0" / "run.json"));
  CHECK_FALSE(fs::exists(runs / "p0-r0" / "metrics.csv"));
  CHECK(fs::exists(runs / "p1-r0" / "metrics.csv"));
  CHECK(fs::exists(runs / "p1-r0" / "agents_final.csv"));

  const std::string summary = assemble_summary(spec, plans, runs);
  CHECK(std::count(summary.begin(), summary.end(), '\n') == 5);
  std::size_t previous = 0;
  for (const auto& plan : plans) {
    const std::size_t at = summary.find("\n" + plan.id + ",");
    REQUIRE(at != std::string::npos);
    CHECK(at > previous);
    previous = at;
  }

  // A row holds what the same run gives when run directly.
  Simulation sim(plan_scenario(base, plans[3]));
  RunTotals direct;
  direct.add(sim.metrics());
  for (int t = 0; t < base.ticks; ++t) {
    sim.step();
    direct.add(sim.metrics());
  }
  CHECK(summary.find(summary_csv_row(plans[3], direct)) != std::string::npos);

  // A row from a different sweep (another header) is not taken for this one's.
  SweepSpec other{{vary("scoring.contagion.weight=0,0.1"), vary("ticks=4")}, 2};
  CHECK_THROWS_WITH(assemble_summary(other, expand_plans(base, other).plans, runs),
                    Catch::Contains("not this sweep's row"));
}

TEST_CASE("sweep.json lets the same sweep resume and names what differs in another") {
  test::TempDir dir("sweep-manifest");
  const fs::path file = dir.path() / "sweep.json";
  const Scenario base = tiny_scenario();
  SweepIdentity identity{base, {{vary("scoring.contagion.weight=0,0.1")}, 3}, false, ""};
  write_sweep_manifest(file, identity, expand_plans(base, identity.spec).plans, "socred sweep");
  CHECK(sweep_manifest_mismatch(file, identity).empty());

  SweepIdentity other_values = identity;
  other_values.spec.variations[0] = vary("scoring.contagion.weight=0,0.2");
  CHECK(sweep_manifest_mismatch(file, other_values) == "it differs at /vary/0/values/1 (0.1 there, 0.2 now)");
  SweepIdentity more = identity;
  more.spec.replicates = 4;
  CHECK(sweep_manifest_mismatch(file, more) == "it differs at /replicates (3 there, 4 now)");
  SweepIdentity other_base = identity;
  other_base.base.policies.travel_ban.threshold = 600;
  CHECK(sweep_manifest_mismatch(file, other_base) ==
        "it differs at /scenario/policies/travel_ban/threshold (550.0 there, 600.0 now)");
  test::TempDir empty("sweep-manifest-bad");
  CHECK(sweep_manifest_mismatch(empty.path() / "sweep.json", identity) == "its sweep.json cannot be read");
}

TEST_CASE("a setting is written as --set and --vary read it back") {
  const std::vector<Setting> settings = {{"policies.travel_ban.enabled", false},
                                         {"scoring.contagion.weight", 0.05},
                                         {"society.agents", std::int64_t{1500}},
                                         {"network.generator", std::string("small_world")}};
  CHECK(setting_text(settings[0]) == "policies.travel_ban.enabled=false");
  CHECK(setting_text(settings[1]) == "scoring.contagion.weight=0.05");
  CHECK(setting_text(settings[2]) == "society.agents=1500");
  CHECK(setting_text(settings[3]) == "network.generator=\"small_world\"");  // as JSON, as --set takes it
  for (const auto& s : settings) {
    CHECK(vary(setting_text(s)).values == std::vector<FieldValue>{s.second});
  }
}

TEST_CASE("without --vary a sweep is replicates of the base; a huge grid is refused") {
  const Scenario base = tiny_scenario();
  const SweepSpec replicates_only{{}, 3};
  const auto plans = expand_plans(base, replicates_only).plans;
  REQUIRE(plans.size() == 3);
  CHECK(plans[2].id == "p0-r2");
  CHECK(plans[2].settings.empty());
  CHECK(plans[2].seed == replicate_seed(base.seed, 2));
  CHECK(summary_csv_header(replicates_only).rfind("run,replicate,seed,final_scored,", 0) == 0);
  CHECK(summary_csv_row(plans[2], RunTotals{}).rfind("p0-r2,2," + std::to_string(plans[2].seed) + ",", 0) == 0);

  const SweepSpec huge{{vary("policies.travel_ban.threshold=400:900:0.5")}, 1000};
  CHECK(expand_plans(base, huge).error ==
        "the sweep would have more than 1000000 runs; check the --vary ranges and --replicates");
}

TEST_CASE("a run is complete only once renamed into place with its row; a partial one is redone") {
  test::TempDir dir("sweep-complete");
  test::ThreadCount serial(1);
  const fs::path runs = dir.path() / "runs";
  const Scenario base = tiny_scenario();
  const SweepSpec spec{{vary("scoring.contagion.weight=0,0.1")}, 1};
  const auto plans = expand_plans(base, spec).plans;
  const RunPlan& plan = plans[1];

  // What a kill leaves: a partial directory, perhaps with its row already written.
  fs::create_directories(runs / (plan.id + ".partial"));
  write_file_atomically(runs / (plan.id + ".partial") / "summary.csv", "stale\n");
  CHECK_FALSE(plan_complete(runs, plan));

  // A directory in the run's place that socred did not write is neither complete nor
  // overwritten.
  fs::create_directories(runs / plan.id);
  write_file_atomically(runs / plan.id / "notes.txt", "mine\n");
  CHECK_FALSE(plan_complete(runs, plan));
  CHECK_THROWS_WITH(run_sweep_plan(base, spec, plan, {runs, false, 1, "test"}),
                    Catch::Contains(plan.id + ": exists and is not a socred run directory"));
  CHECK(test::read_file(runs / plan.id / "notes.txt") == "mine\n");
  fs::remove_all(runs / plan.id);

  run_sweep_plan(base, spec, plan, {runs, false, 1, "test"});
  CHECK(plan_complete(runs, plan));
  CHECK_FALSE(fs::exists(runs / (plan.id + ".partial")));
  CHECK(test::read_file(runs / plan.id / "summary.csv").rfind(summary_csv_header(spec), 0) == 0);
}

TEST_CASE("the summary refuses a run's file that is cut short or holds more than its row") {
  test::TempDir dir("sweep-rows");
  const fs::path runs = dir.path() / "runs";
  const SweepSpec spec{{vary("scoring.contagion.weight=0,0.1")}, 1};
  const auto plans = expand_plans(tiny_scenario(), spec).plans;
  const std::string header = summary_csv_header(spec);
  RunTotals totals;
  totals.add(MetricsRow{});
  const std::string row0 = summary_csv_row(plans[0], totals);
  const std::string row1 = summary_csv_row(plans[1], totals);
  fs::create_directories(runs / plans[0].id);
  fs::create_directories(runs / plans[1].id);
  write_file_atomically(runs / plans[0].id / "summary.csv", header + row0);
  write_file_atomically(runs / plans[1].id / "summary.csv", header + row1);
  CHECK(assemble_summary(spec, plans, runs) == header + row0 + row1);

  for (const std::string& bad : {header + row1.substr(0, row1.size() - 1), header + row1 + row1, header}) {
    write_file_atomically(runs / plans[1].id / "summary.csv", bad);
    CHECK_THROWS_WITH(assemble_summary(spec, plans, runs),
                      Catch::Contains(plans[1].id + "/summary.csv: missing or not this sweep's row"));
  }
}

TEST_CASE("sweep.json: kept runs, the edge list's content and the build are part of a sweep") {
  test::TempDir dir("sweep-identity");
  const fs::path file = dir.path() / "sweep.json";
  const Scenario base = tiny_scenario();
  const SweepIdentity identity{base, {{vary("scoring.contagion.weight=0,0.1")}, 2}, false, "fnv1a64:0123"};
  write_sweep_manifest(file, identity, expand_plans(base, identity.spec).plans, "socred sweep");

  SweepIdentity kept = identity;
  kept.keep_runs = true;
  CHECK(sweep_manifest_mismatch(file, kept) == "it differs at /keep_runs (false there, true now)");
  SweepIdentity other_network = identity;
  other_network.network_hash = "fnv1a64:4567";
  CHECK(sweep_manifest_mismatch(file, other_network) ==
        "it differs at /network_content_hash (\"fnv1a64:0123\" there, \"fnv1a64:4567\" now)");

  // The plans and their seeds are recorded for the reader.
  nlohmann::json doc = nlohmann::json::parse(test::read_file(file));
  REQUIRE(doc["plans"].size() == 4);
  CHECK(doc["plans"][3]["id"] == "p1-r1");
  CHECK(doc["plans"][3]["seed"] == replicate_seed(base.seed, 1));
  CHECK(doc["plans"][3]["set"]["scoring.contagion.weight"] == 0.1);

  // A sweep started by another build is not resumed by this one.
  doc["git_revision"] = "0000000";
  write_file_atomically(file, doc.dump());
  const std::string why = sweep_manifest_mismatch(file, identity);
  CHECK(why.rfind("it was started by socred ", 0) == 0);
  CHECK(why.find("(0000000) and this is socred") != std::string::npos);
  CHECK(why.find("one summary must not mix two builds") != std::string::npos);
}

// Runs as data (FLAME GPU 2's RunPlanVector, Mesa's batch_run with explicit seeds): a sweep
// is expanded into run plans {scenario settings, seed, ticks} before anything runs, each plan
// runs on its own into its own directory, and the summary is assembled from those
// directories in plan order. The three steps are separate so that a distributed backend can
// hand out the same plans and assemble the same summary.
//
// Sections: variations (--vary) | plans and seeds | per-run totals and summary rows |
// running a plan into its directory | the sweep directory (manifest, completeness, summary).
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "socred/metrics.hpp"
#include "socred/recorder.hpp"
#include "socred/scenario.hpp"

namespace socred {

// A parameter and the value it takes: `{"scoring.contagion.weight", 0.05}`.
using Setting = std::pair<std::string, FieldValue>;

// ---------------------------------------------------------------------------------------
// Variations: `--vary PATH=V1,V2,...` or `--vary PATH=A:B:STEP`

struct Variation {
  std::string path;
  std::vector<FieldValue> values;  // checked against the field table, in the order given
};

// Parses one --vary. Every value is checked through the field table exactly as --set checks
// it. A range A:B:STEP runs from A toward B inclusive, rounded to the decimals written (so
// 0.1:0.3:0.1 gives 0.1, 0.2, 0.3, not 0.30000000000000004). On error, `error` is one line:
// `--vary PATH: message`.
struct ParsedVariation {
  std::optional<Variation> variation;
  std::string error;
};
ParsedVariation parse_variation(std::string_view text);

struct SweepSpec {
  std::vector<Variation> variations;  // the grid: every combination of their values
  std::int64_t replicates = 1;        // runs per grid point, with different seeds
};

// ---------------------------------------------------------------------------------------
// Plans and seeds

// One run of a sweep (or one twin of a comparison), as data.
struct RunPlan {
  std::string id;               // "p3-r2": grid point 3, replicate 2 (zero-padded to fit)
  std::size_t point = 0;        // index in the grid; the first --vary changes slowest
  std::int64_t replicate = 0;   // 0-based
  std::uint64_t seed = 0;       // replicate_seed(base seed, replicate)
  std::vector<Setting> settings;  // applied to the base scenario
  std::int64_t at = 0;          // 0: settings apply from the start; else a timeline event at this tick
  std::int64_t ticks = 0;       // weeks the run lasts
};

// The seed of replicate r: the base seed itself for r = 0 (so a one-replicate sweep runs
// what `socred run` runs), else SplitMix64's finaliser applied to
// base + r * 0x9E3779B97F4A7C15 (mod 2^64), keeping the low 53 bits (seeds must be exact in
// JSON). Grid points share these seeds: replicate r of every grid point sees the same
// society and draws, so differences between grid points are not differences of luck.
std::uint64_t replicate_seed(std::uint64_t base_seed, std::int64_t replicate);

// Expands the full grid times the replicates, in plan order (grid point by grid point,
// replicates innermost). Every grid point is checked for consistency with the base
// scenario first; on error `error` is one line naming the grid point.
struct ExpandedPlans {
  std::vector<RunPlan> plans;
  std::string error;
};
ExpandedPlans expand_plans(const Scenario& base, const SweepSpec& spec);

// The scenario a plan runs: the base with the plan's settings and seed.
Scenario plan_scenario(const Scenario& base, const RunPlan& plan);

// "policies.travel_ban.enabled=false", the --set form of a setting.
std::string setting_text(const Setting& setting);

// ---------------------------------------------------------------------------------------
// Per-run totals and summary rows

// The final value and the time average of every metric over one run. The time average is
// the mean of the weekly values over weeks 1..T (tick 0, the state before the first week,
// is left out: it has no flows); NaN when a run has no weeks.
class RunTotals {
 public:
  void add(const MetricsRow& row);  // rows in tick order, tick 0 first
  const MetricsRow& final_row() const { return last_; }
  double time_average(std::size_t metric) const;
  std::int64_t weeks() const { return weeks_; }

 private:
  MetricsRow last_;
  std::array<double, kMetricCount> sum_{};
  std::int64_t weeks_ = 0;
};

// summary.csv: `run,<varied paths...>,replicate,seed`, then `final_<m>,avg_<m>` for
// every metric m but tick.
std::string summary_csv_header(const SweepSpec& spec);
std::string summary_csv_row(const RunPlan& plan, const RunTotals& totals);

// ---------------------------------------------------------------------------------------
// Running a plan into its directory

struct PlanOutput {
  std::filesystem::path runs_dir;  // the plan's outputs go to runs_dir/<id>
  bool keep_runs = false;          // every output file, or only run.json and summary.csv
  int threads = 1;                 // recorded in run.json
  std::string command_line;        // recorded in run.json
};

// Builds and runs one scenario to its end, recording it into `options.out_dir` (through
// DIR.partial, renamed into place at the end). `on_row` sees every metrics row, tick 0
// first; `before_finish` may add files to the partial directory before it is renamed.
void record_run(const Scenario& scenario, const RecorderOptions& options,
                const std::function<void(const MetricsRow&)>& on_row,
                const std::function<void(const std::filesystem::path&)>& before_finish = {});

// Runs one sweep plan into runs_dir/<id>/: run.json (which `socred run --from` reproduces
// exactly), summary.csv (the header and this run's row) and, with keep_runs, every output
// of `socred run`. The directory appears only once the run is complete.
void run_sweep_plan(const Scenario& base, const SweepSpec& spec, const RunPlan& plan,
                    const PlanOutput& output);

// ---------------------------------------------------------------------------------------
// The sweep directory

// A plan is complete when its directory was renamed into place with its row in it.
bool plan_complete(const std::filesystem::path& runs_dir, const RunPlan& plan);

// summary.csv's text from the runs' rows, in plan order (so it does not depend on the
// order runs finished in). Throws std::runtime_error naming a run whose row is missing.
std::string assemble_summary(const SweepSpec& spec, const std::vector<RunPlan>& plans,
                             const std::filesystem::path& runs_dir);

// DIR/sweep.json: what the sweep is (the resolved base scenario, the variations, the
// replicates, whether runs are kept, the program version) and its plans. Written before the
// first run, so that re-running the same command resumes and a different one is refused.
struct SweepIdentity {
  Scenario base;
  SweepSpec spec;
  bool keep_runs = false;
  std::string network_hash;  // of the base scenario's edge list, if it reads one
};
void write_sweep_manifest(const std::filesystem::path& file, const SweepIdentity& identity,
                          const std::vector<RunPlan>& plans, const std::string& command_line);
// Empty when `file` describes the same sweep; else why not, e.g. `it varies
// scoring.contagion.weight over other values (/vary/0/values)`.
std::string sweep_manifest_mismatch(const std::filesystem::path& file,
                                    const SweepIdentity& identity);

}  // namespace socred

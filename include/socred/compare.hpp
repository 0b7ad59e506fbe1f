// The counterfactual twin (`socred compare`): the same society, seed and random draws run
// twice, once as it is (the baseline) and once with a change that takes effect at a tick.
// Keyed random numbers with fixed slots (rng.hpp) make every draw common to both twins, so
// before the change the twins are identical and after it every difference is caused by the
// change, not by luck. Across replicates (different seeds) the mean difference gets a
// bootstrap band.
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "socred/metrics.hpp"
#include "socred/sweep.hpp"

namespace socred {

struct CompareSpec {
  std::vector<Setting> settings;  // the change under study
  std::int64_t at = 1;            // the first week the change is in force
  std::int64_t replicates = 10;   // pairs of twins, seeds as in sweeps (replicate_seed)
  std::int64_t resamples = 1000;  // bootstrap resamples of the replicates
  double confidence = 0.95;       // of the band
};

// Parses one `--set PATH=VALUE` of compare: checked like `--set`, and the parameter must be
// one that can change during a run (the twins share the society built at the start).
// On error, `error` is one line: `--set PATH: message`.
struct ParsedChange {
  std::optional<Setting> setting;
  std::string error;
};
ParsedChange parse_change(std::string_view text);

// One-line error when the spec does not fit the scenario (e.g. --at beyond its ticks).
std::string check_compare(const Scenario& base, const CompareSpec& spec);

// Two plans per replicate, baseline first: "r3-baseline" and "r3-changed", same seed.
std::vector<RunPlan> twin_plans(const Scenario& base, const CompareSpec& spec);

// Every metrics row of one run, tick 0 to the last.
using MetricSeries = std::vector<MetricsRow>;

// Runs one twin into output.runs_dir/<id>/ (run.json, and every output with keep_runs) and
// returns its metrics.
MetricSeries run_twin(const Scenario& base, const RunPlan& plan, const PlanOutput& output);

// Whether a comparison writes this path (relative to its directory): difference.csv,
// effects.csv, compare.json, runs/ and its twins' run directories (is_run_output).
bool is_comparison_output(const std::filesystem::path& relative, bool directory);

// An estimate (the mean over replicates) with its bootstrap percentile band.
struct Band {
  double estimate = 0, low = 0, high = 0;
};

struct MetricEffect {
  std::int64_t first_different = -1;  // first tick any replicate's twins differ; -1: never
  double baseline_final = 0, changed_final = 0;  // means over replicates at the last tick
  Band final_difference;    // changed - baseline at the last tick
  Band average_difference;  // changed - baseline averaged over weeks at..T
};

struct Comparison {
  std::int64_t at = 1;
  std::int64_t replicates = 0;
  std::vector<std::array<double, kMetricCount>> baseline, changed;  // [tick][metric], means
  std::vector<std::array<Band, kMetricCount>> difference;          // [tick][metric]
  std::array<MetricEffect, kMetricCount> effects{};
};

// Differences changed - baseline per replicate, their means, and percentile bootstrap bands:
// resample b draws R replicate indices with Rng(seed, 0, b, Stream::bootstrap) slot j
// (j < R), the same resamples for every metric and tick; the band is the (1 - c)/2 and
// (1 + c)/2 quantiles of the B resampled means, linearly interpolated (numpy's default).
// With one replicate the band is the single difference.
Comparison compare_twins(const std::vector<MetricSeries>& baseline,
                         const std::vector<MetricSeries>& changed, const CompareSpec& spec,
                         std::uint64_t seed);

// difference.csv (tidy: one row per tick and metric) and effects.csv (one row per metric).
std::string difference_csv(const Comparison& c);
std::string effects_csv(const Comparison& c);

// compare.json: the base scenario, the change, the replicates and their seeds, the
// bootstrap settings and the program version.
void write_compare_manifest(const std::filesystem::path& file, const Scenario& base,
                            const CompareSpec& spec, const std::vector<RunPlan>& plans,
                            const std::string& command_line);

}  // namespace socred

// `socred compare`: the counterfactual twin. The same society, seed and draws run with and
// without a change; the difference in every metric over time, with a bootstrap band across
// replicates, printed and written to DIR/ (through DIR.partial/, renamed at the end).
#include <spdlog/spdlog.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <memory>

#include "commands.hpp"
#include "plan_pool.hpp"
#include "socred/compare.hpp"
#include "socred/errors.hpp"
#include "socred/output_dir.hpp"
#include "socred/recorder.hpp"
#include "socred/scenario_io.hpp"

namespace socred::cli {
namespace {
namespace fs = std::filesystem;

struct CompareArgs {
  ScenarioArgs scenario;  // its --base-set overrides apply to both twins
  std::vector<std::string> changes;
  CompareSpec spec;
  std::optional<int> jobs, threads;
  bool keep_runs = false;
  bool force = false;
  std::string out;
};

std::string change_text(const CompareSpec& spec) {
  std::string out;
  for (const auto& s : spec.settings) out += (out.empty() ? "" : ", ") + setting_text(s);
  return out;
}

void print_effects(const Comparison& c, const CompareSpec& spec) {
  std::int64_t unchanged = 0;
  std::vector<std::size_t> early;
  for (std::size_t k = 1; k < kMetricCount; ++k) {
    const auto first = c.effects[k].first_different;
    if (first < 0) ++unchanged;
    if (first >= 0 && first < c.at) early.push_back(k);
  }
  if (early.empty()) {
    std::printf("  Before week %lld every metric is identical in both twins (same society, same "
                "draws).\n", static_cast<long long>(c.at));
  }
  for (std::size_t k : early) {
    spdlog::warn("{} differs at week {}, before the change: a random draw is not common to "
                 "both twins (please report this)", metric_info()[k].name,
                 c.effects[k].first_different);
  }
  const int pct = static_cast<int>(std::lround(100 * spec.confidence));
  std::printf("  %-32s %-8s %-32s %-34s %s\n", "metric", "from", "at the end: baseline -> changed",
              ("difference at the end [" + std::to_string(pct) + "% band]").c_str(),
              ("mean difference from week " + std::to_string(c.at) + " [band]").c_str());
  for (std::size_t k = 1; k < kMetricCount; ++k) {
    const MetricEffect& e = c.effects[k];
    if (e.first_different < 0) continue;
    char ends[64], final_band[64], mean_band[64];
    std::snprintf(ends, sizeof ends, "%.4g -> %.4g", e.baseline_final, e.changed_final);
    std::snprintf(final_band, sizeof final_band, "%+.4g [%+.4g, %+.4g]", e.final_difference.estimate,
                  e.final_difference.low, e.final_difference.high);
    std::snprintf(mean_band, sizeof mean_band, "%+.4g [%+.4g, %+.4g]",
                  e.average_difference.estimate, e.average_difference.low,
                  e.average_difference.high);
    std::printf("  %-32s %-8s %-32s %-34s %s\n", std::string(metric_info()[k].name).c_str(),
                ("week " + std::to_string(e.first_different)).c_str(), ends, final_band, mean_band);
  }
  std::printf("  %lld other metrics are identical in both twins at every week.\n",
              static_cast<long long>(unchanged));
}

// DIR.partial, fresh; refuses a DIR that is not an earlier comparison, or that holds files
// socred did not write (unless --force), and a DIR.partial holding such files.
fs::path prepare_partial(const fs::path& out, bool force) {
  std::error_code ec;
  const auto status = fs::symlink_status(out, ec);
  if (fs::exists(status) && (status.type() != fs::file_type::directory ||
                             (!fs::is_empty(out, ec) && !fs::exists(out / "compare.json", ec)))) {
    throw InputError(out.string() + ": exists and is not a socred comparison; refusing to "
                                    "overwrite it: choose another --out");
  }
  if (fs::exists(status) && !force) {
    if (const auto foreign = foreign_entries(out, is_comparison_output); !foreign.empty()) {
      throw InputError(out.string() + ": holds files socred did not write (" +
                       list_entries(foreign) + "); a new comparison there would replace the one "
                       "they belong with: choose another --out, or add --force to replace "
                       "socred's own files and keep these");
    }
  }
  fs::path partial = out;
  partial += ".partial";
  if (fs::exists(partial, ec) && !remove_owned(partial, is_comparison_output) && !force) {
    throw InputError(partial.string() + ": holds files socred did not write (" +
                     list_entries(foreign_entries(partial, is_comparison_output)) +
                     "); move them away, or add --force to keep them with the "
                     "comparison's files");
  }
  fs::create_directories(partial / "runs", ec);
  if (ec) throw OutputError(partial / "runs", "create the directory", ec.value());
  return partial;
}

int compare_main(CompareArgs& args, const GlobalOptions& global) {
  const auto base = resolve_scenario(args.scenario);
  if (!base) return kExitBadInput;
  CompareSpec& spec = args.spec;
  for (const auto& text : args.changes) {
    ParsedChange parsed = parse_change(text);
    if (!parsed.setting) {
      std::cerr << parsed.error << "\n";
      return kExitBadInput;
    }
    spec.settings.push_back(std::move(*parsed.setting));
  }
  if (const std::string error = check_compare(*base, spec); !error.empty()) {
    std::cerr << error << "\n";
    return kExitBadInput;
  }
  Scenario changed = *base;
  apply_settings(changed, spec.settings);
  if (changed == *base) {
    spdlog::warn("{} leaves the scenario as it is: the twins will be identical", change_text(spec));
  }

  network_content_hash(*base);  // a bad edge list is reported before anything is written
  const fs::path out = output_directory(args.out);
  OutputLock lock = OutputLock::beside(out, "choose another --out");
  const fs::path partial = prepare_partial(out, args.force);
  const std::vector<RunPlan> plans = twin_plans(*base, spec);
  const PoolShape shape = choose_pool(args.jobs, args.threads, plans.size());
  spdlog::info("{} from week {}: {} pairs of twins, {} weeks each; {} jobs x {} threads",
               change_text(spec), spec.at, spec.replicates, base->ticks, shape.jobs,
               shape.threads_per_job);

  using Clock = std::chrono::steady_clock;
  const auto start = Clock::now();
  std::vector<MetricSeries> series(plans.size());
  Progress progress("compare", static_cast<std::int64_t>(plans.size()), global.quiet, "runs");
  std::int64_t done = 0;
  const PlanOutput output{partial / "runs", args.keep_runs, shape.threads_per_job,
                          global.command_line};
  run_jobs(
      plans.size(), shape, [&](std::size_t k) { series[k] = run_twin(*base, plans[k], output); },
      [&](std::size_t) { progress.update(++done); });
  progress.finish();

  // Plans alternate baseline, changed.
  std::vector<MetricSeries> baseline, twin;
  for (std::size_t k = 0; k < plans.size(); ++k) (k % 2 ? twin : baseline).push_back(std::move(series[k]));
  const Comparison c = compare_twins(baseline, twin, spec, base->seed);
  write_file_atomically(partial / "difference.csv", difference_csv(c));
  write_file_atomically(partial / "effects.csv", effects_csv(c));
  write_compare_manifest(partial / "compare.json", *base, spec, plans, global.command_line);
  const auto kept = install_directory(partial, out, is_comparison_output, "compare.json");
  if (!kept.empty()) {
    spdlog::warn("{}: kept {} beside the new outputs (socred did not write them)", out.string(),
                 list_entries(kept));
  }

  const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  std::printf("socred compare: %s from week %lld; %s, %s citizens, %lld weeks; %lld pairs of "
              "twins in %.1f s\n",
              change_text(spec).c_str(), static_cast<long long>(spec.at), base->name.c_str(),
              thousands(static_cast<std::uint64_t>(base->society.agents)).c_str(),
              static_cast<long long>(base->ticks), static_cast<long long>(spec.replicates), seconds);
  print_effects(c, spec);
  std::printf("  Outputs in %s/: difference.csv (every metric, every week, with the band), "
              "effects.csv, compare.json, runs/<id>/run.json\n",
              out.string().c_str());
  return kExitOk;
}

}  // namespace

Command add_compare_command(CLI::App& app, const GlobalOptions& global) {
  auto* sub = app.add_subcommand(
      "compare", "Counterfactual twin: the same society and draws with and without a change");
  auto args = std::make_shared<CompareArgs>();
  args->scenario.sets_flag = "--base-set";
  add_scenario_options(sub, args->scenario,
                       "Override a parameter in both twins: dotted.path=value (repeatable)");
  sub->add_option("--set", args->changes,
                  "The change under study: dotted.path=value (repeatable; a parameter that can "
                  "change during a run)")
      ->required()
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  sub->add_option("--at", args->spec.at, "First week the change is in force (default 1: from the start)");
  sub->add_option("--replicates", args->spec.replicates,
                  "Pairs of twins, each with its own seed (default 10)")
      ->check(CLI::Range(std::int64_t{1}, std::int64_t{100000}));
  sub->add_option("--out", args->out, "Output directory")->required();
  sub->add_flag("--force", args->force,
                "Write into a comparison's directory that also holds files socred did not write: "
                "replace socred's own files there, keep the others");
  add_plan_options(sub, args->jobs, args->threads, args->keep_runs,
                   "Keep every twin's full outputs in runs/<id>/ (default: run.json only)");
  sub->add_option("--resamples", args->spec.resamples, "Bootstrap resamples (default 1000)")
      ->check(CLI::Range(std::int64_t{1}, std::int64_t{1000000}));
  sub->add_option("--confidence", args->spec.confidence, "Coverage of the band (default 0.95)")
      ->check(CLI::Range(0.5, 0.999));
  return {sub, [args, &global] { return compare_main(*args, global); }};
}

}  // namespace socred::cli

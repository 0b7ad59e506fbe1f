// The subcommands of `socred`. Each registers its subcommand and options, and returns the
// function that runs it once the command line is parsed.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "cli_common.hpp"
#include "plan_pool.hpp"
#include "socred/sweep.hpp"

namespace socred::cli {

// The options every program takes (--version, --log-level, -q/--quiet), and the command line
// into global.command_line (recorded in run.json).
void add_global_options(CLI::App& app, GlobalOptions& global, const std::string& program,
                        int argc, char** argv);

struct Command {
  CLI::App* app = nullptr;
  std::function<int()> run;
};

Command add_run_command(CLI::App& app, const GlobalOptions& global);
// How a sweep's remaining plans run. `socred` runs them on a pool of threads (the default,
// empty backend); `socred-mpi` hands them out to ranks. Every process parses and expands the
// same command; only the leader touches the sweep directory, prints and writes summary.csv.
struct PlanJob {
  const Scenario& base;
  const SweepSpec& spec;
  const std::vector<RunPlan>& plans;
  const std::vector<std::size_t>& todo;  // indices into plans; only the leader's is filled
  const PlanOutput& output;
  PoolShape shape;
};
struct SweepBackend {
  std::string name = "socred sweep";  // starts the printed lines
  bool leader = true;
  // Refuses options the backend cannot honour (given --jobs); one line.
  std::function<std::optional<std::string>(std::optional<int> jobs)> check;
  // Whether every process is ready, and whether the leader is (so that a process that
  // failed alone says so).
  struct Verdict {
    bool all_ready = true;
    bool leader_ready = true;
  };
  std::function<Verdict(bool ready)> agree;
  // How many plans run at once and with how many threads, given --threads.
  std::function<PoolShape(std::optional<int> threads, std::size_t plans)> shape;
  // Runs every plan of job.todo into its directory, calling done(k) on the leader as plan k
  // finishes; throws when a plan failed, after the running ones stop.
  std::function<void(const PlanJob& job, const std::function<void(std::size_t)>& done)> run;
};
Command add_sweep_command(CLI::App& app, const GlobalOptions& global, SweepBackend backend = {});
Command add_compare_command(CLI::App& app, const GlobalOptions& global);
Command add_validate_command(CLI::App& app);
Command add_show_scenario_command(CLI::App& app);
Command add_reference_command(CLI::App& app);
Command add_bench_command(CLI::App& app, const GlobalOptions& global);

// The scenario argument and the flags that override it, for commands that run a scenario:
// SCENARIO, --ticks, --agents, --seed, --network, and `args.sets_flag` (--set) with `sets_help`.
inline const std::string kSetHelp = "Override a parameter: dotted.path=value (repeatable)";
void add_scenario_options(CLI::App* sub, ScenarioArgs& args, const std::string& sets_help,
                          const std::string& seed_help = "Base seed (replicate 0 runs with it)");

// "every K weeks" options (0: never). CLI::NonNegativeNumber would answer -3 with a range
// up to a 309-digit number.
inline CLI::Validator weeks_or_zero() {
  return CLI::Validator(
      [](std::string& value) -> std::string {
        std::int64_t k = -1;
        return CLI::detail::lexical_cast(value, k) && k >= 0
                   ? ""
                   : "expected a whole number of weeks, 0 or more, got " + value;
      },
      "WEEKS");
}

// A whole number of `what`, 1 or more, or 0 for every core when `zero_is_every_core`
// (CLI::PositiveNumber would answer -1 with a range up to a 309-digit number).
inline CLI::Validator count_of(const std::string& what, bool zero_is_every_core) {
  return CLI::Validator(
      [what, zero_is_every_core](std::string& value) -> std::string {
        int k = -1;
        const int least = zero_is_every_core ? 0 : 1;
        return CLI::detail::lexical_cast(value, k) && k >= least
                   ? ""
                   : "expected a whole number of " + what + ", 1 or more" +
                         (zero_is_every_core ? " (0: every core)" : "") + ", got " + value;
      },
      "N");
}

// --threads: a negative count is an error, not a silent "every core"; choose_threads caps
// it to the machine's cores.
inline CLI::Validator thread_count() { return count_of("threads", true); }

// --jobs, --threads and --keep-runs, for commands that run many plans.
void add_plan_options(CLI::App* sub, std::optional<int>& jobs, std::optional<int>& threads,
                      bool& keep_runs, const std::string& keep_help);

}  // namespace socred::cli

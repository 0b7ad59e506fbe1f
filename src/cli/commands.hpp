// The subcommands of `socred`. Each registers its subcommand and options, and returns the
// function that runs it once the command line is parsed.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>

#include "cli_common.hpp"

namespace socred::cli {

struct Command {
  CLI::App* app = nullptr;
  std::function<int()> run;
};

Command add_run_command(CLI::App& app, const GlobalOptions& global);
Command add_sweep_command(CLI::App& app, const GlobalOptions& global);
Command add_compare_command(CLI::App& app, const GlobalOptions& global);
Command add_validate_command(CLI::App& app);
Command add_show_scenario_command(CLI::App& app);
Command add_reference_command(CLI::App& app);
Command add_bench_command(CLI::App& app, const GlobalOptions& global);

// The scenario argument and the flags that override it, for commands that run a scenario:
// SCENARIO, --ticks, --agents, --seed, --network, and `args.sets_flag` (--set) with `sets_help`.
void add_scenario_options(CLI::App* sub, ScenarioArgs& args, const std::string& sets_help);

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

// --jobs, --threads and --keep-runs, for commands that run many plans.
void add_plan_options(CLI::App* sub, std::optional<int>& jobs, std::optional<int>& threads,
                      bool& keep_runs, const std::string& keep_help);

}  // namespace socred::cli

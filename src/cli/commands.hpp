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

}  // namespace socred::cli

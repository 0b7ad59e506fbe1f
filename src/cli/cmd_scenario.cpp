// Scenario tools: `socred validate`, `socred show-scenario`, `socred reference`.
#include <iostream>
#include <memory>

#include "commands.hpp"
#include "socred/errors.hpp"
#include "socred/network.hpp"
#include "socred/recorder.hpp"
#include "socred/scenario_io.hpp"
#include "socred/scenario_reference.hpp"

namespace socred::cli {

Command add_validate_command(CLI::App& app) {
  auto* sub = app.add_subcommand("validate", "Check scenario files; print ok or every error");
  auto files = std::make_shared<std::vector<std::string>>();
  auto sets = std::make_shared<std::vector<std::string>>();
  sub->add_option("files", *files, "Scenario files")->required();
  sub->add_option("--set", *sets, "Also check these overrides: dotted.path=value")
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  return {sub, [files, sets] {
            int status = kExitOk;
            for (const auto& file : *files) {
              LoadResult result = load_scenario_file(file, *sets);
              if (result.ok() && result.scenario->network.generator == NetworkGenerator::file) {
                // The edge list is input too: read whole, so that a FIFO, a directory or a
                // bad line is reported now rather than when a run starts.
                try {
                  read_edge_list(result.scenario->network.file);
                } catch (const InputError& e) {
                  std::cerr << file << ": /network/file: " << e.what() << "\n";
                  status = kExitBadInput;
                  continue;
                }
              }
              if (result.ok()) {
                std::cout << file << ": ok\n";
              } else {
                std::cerr << result.error_text();
                status = kExitBadInput;
              }
            }
            return status;
          }};
}

Command add_show_scenario_command(CLI::App& app) {
  auto* sub = app.add_subcommand(
      "show-scenario",
      "Print the fully resolved scenario (defaults, extends and --set applied) as JSON");
  auto args = std::make_shared<ScenarioArgs>();
  sub->add_option("file", args->file, "Scenario file (default: the built-in classroom demo)");
  sub->add_option("--set", args->sets, "Override a parameter: dotted.path=value (repeatable)")
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  return {sub, [args] {
            const auto scenario = resolve_scenario(*args);
            if (!scenario) return kExitBadInput;
            std::cout << scenario_to_json(*scenario);
            return kExitOk;
          }};
}

Command add_reference_command(CLI::App& app) {
  auto* sub = app.add_subcommand(
      "reference", "Print the scenario reference (every key: type, range, default, meaning) as "
                   "Markdown; docs/scenario-reference.md is this output");
  auto out = std::make_shared<std::string>();
  auto metrics = std::make_shared<bool>(false);
  sub->add_option("--out", *out, "Write to this file instead of standard output");
  sub->add_flag("--metrics", *metrics,
                "Print the metrics table instead (column, unit, meaning), as docs/outputs.md "
                "embeds it");
  return {sub, [out, metrics] {
            const std::string text =
                *metrics ? metrics_reference_markdown() : scenario_reference_markdown();
            if (out->empty()) {
              std::cout << text;
              return kExitOk;
            }
            write_file_atomically(*out, text);  // a failure is one line, exit 2
            return kExitOk;
          }};
}

void add_global_options(CLI::App& app, GlobalOptions& global, const std::string& program,
                        int argc, char** argv) {
  app.set_version_flag("--version", program + " " + socred_version() + " (" +
                                        socred_git_revision() + ")");
  app.require_subcommand(1);
  app.fallthrough();
  for (int i = 0; i < argc; ++i) global.command_line += (i ? " " : "") + std::string(argv[i]);
  app.add_option("--log-level", global.log_level, "trace, debug, info, warn, error or off")
      ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error", "critical", "off"}));
  app.add_flag("-q,--quiet", global.quiet, "Warnings and errors only; no progress bar");
}

void add_scenario_options(CLI::App* sub, ScenarioArgs& args, const std::string& sets_help,
                          const std::string& seed_help) {
  sub->add_option("scenario", args.file, "Scenario file (default: the built-in classroom demo)");
  sub->add_option(args.sets_flag, args.sets, sets_help)
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  sub->add_option("--ticks", args.ticks, "Weeks to simulate (overrides the scenario)");
  sub->add_option("--agents", args.agents, "Number of citizens (society.agents)");
  sub->add_option("--seed", args.seed, seed_help);
  sub->add_option("--network", args.network,
                  "Read the friendship network from a SNAP edge list (plain or .gz)");
}

void add_plan_options(CLI::App* sub, std::optional<int>& jobs, std::optional<int>& threads,
                      bool& keep_runs, const std::string& keep_help) {
  sub->add_option("--jobs", jobs, "Runs at once (default: one per core); results do not depend on it")
      ->check(count_of("runs at once", false));
  sub->add_option("--threads", threads, "Threads per run (default: cores / jobs)")
      ->check(thread_count());
  sub->add_flag("--keep-runs", keep_runs, keep_help);
}

}  // namespace socred::cli

// `socred run`: one scenario, headless, with outputs written atomically and a short summary
// of what happened to the society.
#include <omp.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <memory>

#include "commands.hpp"
#include "run_driver.hpp"
#include "socred/output_dir.hpp"
#include "socred/recorder.hpp"
#include "socred/simulation.hpp"

namespace socred::cli {
namespace {

struct RunArgs {
  ScenarioArgs scenario;
  std::string out;
  std::optional<std::int64_t> snapshot_every;
  std::string from;    // run.json of a run to reproduce
  std::string resume;  // --resume DIR
  bool force = false;  // --force
  RunControl control;
};

int run_main(const RunArgs& args, const GlobalOptions& global) {
  if (!args.resume.empty()) return resume_run(args.resume, args.control, global);
  std::optional<Reproduction> reproduction;
  if (!args.from.empty() && !(reproduction = load_reproduction(args.from, args.scenario))) {
    return kExitBadInput;
  }
  const auto scenario =
      reproduction ? std::optional(reproduction->scenario) : resolve_scenario(args.scenario);
  if (!scenario) return kExitBadInput;
  const std::int64_t snapshot_every =
      args.snapshot_every.value_or(reproduction ? reproduction->snapshot_every : 0);
  const int threads = choose_threads(args.control.threads);
  omp_set_num_threads(threads);
  const std::filesystem::path out = args.out.empty() ? default_run_dir(scenario->name) : args.out;

  using Clock = std::chrono::steady_clock;
  const auto start = Clock::now();
  // A network file is read first, so that its size counts before the society is built.
  std::optional<EdgeListReport> network;
  if (scenario->network.generator == NetworkGenerator::file) {
    network = read_edge_list(scenario->network.file);
  }
  require_room(*scenario, network ? &*network : nullptr, snapshot_every, threads, out,
               args.control);
  // The output directory is this run's from here to the end (a second run on it is
  // refused), and checked before the society is built.
  OutputLock lock = OutputLock::beside(output_directory(out), "choose another --out");
  check_output_directory(out, args.force);
  spdlog::info("Building the society ({} threads)", threads);
  Simulation sim = network ? Simulation(*scenario, std::move(*network),
                                        "file: " + scenario->network.file)
                           : Simulation(*scenario);
  spdlog::info("{} citizens, {} friendship ties ({}), built in {:.2f} s", sim.world().size(),
               sim.world().friends.tie_count(), sim.network_source().description,
               std::chrono::duration<double>(Clock::now() - start).count());
  log_network_source(sim);
  if (reproduction) check_reproduced_network(sim, *reproduction, args.from);
  RecorderOptions options{out, snapshot_every, threads, global.command_line};
  options.force = args.force;
  options.locked_by_caller = true;
  RunRecorder recorder(options, sim);
  RunSettings settings{global.command_line, socred_version(), socred_git_revision(),
                       snapshot_every, args.control.checkpoint_every, sim.metrics(), {}};
  return drive_run(sim, recorder, settings, args.control, global, start);
}

}  // namespace

Command add_run_command(CLI::App& app, const GlobalOptions& global) {
  auto* sub = app.add_subcommand("run", "Run a scenario headless and write its outputs");
  auto args = std::make_shared<RunArgs>();
  add_scenario_options(sub, args->scenario, kSetHelp, "Random seed");
  sub->add_option("--threads", args->control.threads,
                  "Threads (default: every core; at most the machine's cores); results do not "
                  "depend on it")
      ->check(thread_count());
  sub->add_option("--out", args->out, "Output directory (default: runs/<scenario name>)");
  auto* snapshot = sub->add_option("--snapshot-every", args->snapshot_every,
                                   "Write agents every K ticks (0: never)")
                       ->check(weeks_or_zero());
  sub->add_option("--checkpoint-every", args->control.checkpoint_every,
                  "Save a checkpoint every K ticks, to resume after a crash (0: only on Ctrl-C)")
      ->check(weeks_or_zero());
  auto* from = sub->add_option("--from", args->from,
                               "Reproduce the run that wrote this run.json, bit for bit (same "
                               "scenario, seed, network file and snapshots)");
  auto* resume = sub->add_option("--resume", args->resume,
                                 "Continue the interrupted or killed run in DIR from its "
                                 "checkpoint (takes no scenario options)");
  sub->add_option("--rss-every", args->control.rss_every,
                  "Print resident memory every K ticks (0: never)")
      ->check(weeks_or_zero());
  sub->add_flag("--no-resource-check", args->control.no_resource_check,
                "Start even when the run looks too big for the memory or disk available");
  auto* force = sub->add_flag("--force", args->force,
                              "Write into a run directory that also holds files socred did not "
                              "write: replace socred's own files there, keep the others");
  // A resumed run continues as it was started: nothing that changes what it simulates.
  for (auto* option : {"scenario", "--ticks", "--agents", "--seed", "--set", "--network", "--out"}) {
    resume->excludes(sub->get_option(option));
  }
  resume->excludes(snapshot);
  resume->excludes(from);
  resume->excludes(force);
  return {sub, [args, &global] { return run_main(*args, global); }};
}

}  // namespace socred::cli

// `mpirun -np R socred-mpi run [SCENARIO] ...`: one society split across R ranks
// (distributed_tick.hpp), with the outputs `socred run` writes, written by rank 0 with the
// same recorder and run loop.
#include "mpi_run.hpp"

#include <omp.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>
#include <memory>
#include <optional>

#include "distributed_tick.hpp"
#include "mpi_common.hpp"
#include "run_driver.hpp"
#include "socred/errors.hpp"
#include "socred/partition.hpp"
#include "socred/recorder.hpp"

namespace socred::mpi {
namespace {

using cli::kExitBadInput;
using cli::kExitOk;

struct RunArgs {
  cli::ScenarioArgs scenario;
  std::string out;
  std::int64_t snapshot_every = 0;
  cli::RunControl control;
};

// Cores per rank on this node, by default: the node's cores shared among its ranks.
int default_threads(MPI_Comm comm) {
  return std::max(1, omp_get_num_procs() / std::max(1, ranks_on_this_node(comm)));
}

// Runs `step` on rank 0 first; only if it succeeds do the other ranks run it. Bad input is
// thus reported once, by rank 0 (one line, exit 2 on every rank); a rank that fails where
// rank 0 did not (a file its node cannot see) throws, which ends the job naming that rank.
bool on_rank0_first(MPI_Comm comm, const std::function<bool()>& step) {
  const int rank = rank_of(comm);
  int ok = 1;
  if (rank == 0) {
    try {
      ok = step() ? 1 : 0;
    } catch (const InputError& e) {
      std::fprintf(stderr, "%s\n", e.what());
      ok = 0;
    }
  }
  MPI_Bcast(&ok, 1, MPI_INT, 0, comm);
  if (!ok) return false;
  if (rank != 0 && !step()) {
    throw InputError("rank " + std::to_string(rank) + " could not load what rank 0 loaded "
                     "(is every file readable at the same path on every node?)");
  }
  return true;
}

void report_exchange(MPI_Comm comm, const DistributedTick& engine, const World& w) {
  const ExchangeStats mine = engine.stats();
  std::vector<ExchangeStats> all(static_cast<std::size_t>(engine.ranks()));
  MPI_Gather(&mine, sizeof mine, MPI_BYTE, all.data(), sizeof mine, MPI_BYTE, 0, comm);
  if (engine.rank() != 0) return;
  const CutStats cut = cut_stats(w, engine.ranges());
  std::printf("socred-mpi: %d ranks, %.1f%% of %s ties cut at the end; per tick and rank:\n",
              engine.ranks(), 100.0 * cut.cut_share(), cli::thousands(cut.ties).c_str());
  std::printf("  rank  citizens    ghosts  strangers  proposals-in  sent(kB)  messages  wait(s)  "
              "tick(s)  metrics(kB)  metrics(s)\n");
  double state_bytes = 0, state_seconds = 0;
  for (std::size_t q = 0; q < all.size(); ++q) {
    const ExchangeStats& s = all[q];
    const double t = static_cast<double>(std::max<std::int64_t>(1, s.ticks));
    std::printf("  %4zu %9zu %9.1f %10.2f %13.1f %9.1f %9.1f %8.4f %8.4f %12.1f %11.4f\n", q,
                engine.ranges()[q].size(), s.ghosts / t, s.strangers / t, s.proposals / t,
                s.bytes_sent / t / 1000.0, s.messages / t, s.wait_seconds / t, s.tick_seconds / t,
                s.metric_bytes / t / 1000.0, s.metrics_seconds / t);
    state_bytes += static_cast<double>(s.state_bytes);
    state_seconds = std::max(state_seconds, s.state_seconds);
  }
  if (engine.ranks() > 1) {
    std::printf("  rank 0 gathered %.1f MB of citizens' state for the output files in %.2f s\n",
                state_bytes / 1e6, state_seconds);
  }
  std::fflush(stdout);
}

int run_main(const RunArgs& args, const cli::GlobalOptions& global, MPI_Comm comm) {
  const int rank = rank_of(comm);
  using Clock = std::chrono::steady_clock;
  const auto start = Clock::now();
  const int threads = args.control.threads.value_or(default_threads(comm));
  omp_set_num_threads(threads);

  std::optional<Scenario> scenario;
  std::optional<EdgeListReport> network;
  const bool loaded = on_rank0_first(comm, [&] {
    scenario = cli::resolve_scenario(args.scenario);
    if (!scenario) return false;
    if (scenario->network.generator == NetworkGenerator::file) {
      network = read_edge_list(scenario->network.file);
    }
    return true;
  });
  if (!loaded) return kExitBadInput;
  const std::filesystem::path out = args.out.empty() ? cli::default_run_dir(scenario->name) : args.out;
  // Every rank holds the whole world's arrays (see distributed_tick.hpp), so a node needs room
  // for one world per rank on it: the first rank of each node checks its node (rank 0 first,
  // which also checks the output directory before anything is built).
  cli::RunControl control = args.control;
  control.interruptible = false;
  control.worlds_here = ranks_on_this_node(comm);
  control.writes_outputs = rank == 0;
  MPI_Comm node;
  MPI_Comm_split_type(comm, MPI_COMM_TYPE_SHARED, 0, MPI_INFO_NULL, &node);
  const bool first_on_node = rank_of(node) == 0;
  MPI_Comm_free(&node);
  if (!on_rank0_first(comm, [&] {
        if (rank == 0) check_output_directory(out);
        if (first_on_node) {
          try {
            cli::require_room(*scenario, network ? &*network : nullptr, args.snapshot_every,
                              threads, out, control);
          } catch (const InputError& e) {
            if (rank == 0) throw;
            throw InputError("rank " + std::to_string(rank) + ": " + e.what());
          }
        }
        return true;
      })) {
    return kExitBadInput;
  }

  Simulation sim = network ? Simulation(*scenario, std::move(*network),
                                        "file: " + scenario->network.file)
                           : Simulation(*scenario);
  const std::int64_t ticks = sim.initial_scenario().ticks;
  DistributedTick engine(comm, sim.world(), args.snapshot_every, ticks);
  sim.set_engine(&engine);
  spdlog::info("{} citizens, {} ties ({}), built in {:.2f} s; {} ranks of {} threads, rank 0 "
               "holds {} citizens",
               sim.world().size(), sim.world().friends.tie_count(),
               sim.network_source().description,
               std::chrono::duration<double>(Clock::now() - start).count(), engine.ranks(),
               threads, engine.own().size());

  std::unique_ptr<RunRecorder> recorder;
  if (!on_rank0_first(comm, [&] {
        if (rank == 0) {
          recorder = std::make_unique<RunRecorder>(
              RecorderOptions{out, args.snapshot_every, threads, global.command_line}, sim);
        }
        return true;
      })) {
    return kExitBadInput;
  }
  int status = kExitOk;
  if (rank == 0) {
    RunSettings settings{global.command_line, socred_version(), socred_git_revision(),
                         args.snapshot_every, 0, sim.metrics(), {}};
    status = cli::drive_run(sim, *recorder, settings, control, global, start);
  } else {
    while (sim.tick() < ticks) sim.step();
  }
  report_exchange(comm, engine, sim.world());
  return status;
}

}  // namespace

cli::Command add_mpi_run_command(CLI::App& app, const cli::GlobalOptions& global, MPI_Comm comm) {
  auto* sub = app.add_subcommand(
      "run", "Run one society split across the ranks; writes the outputs of `socred run`");
  auto args = std::make_shared<RunArgs>();
  cli::add_scenario_options(sub, args->scenario, cli::kSetHelp, "Random seed");
  sub->add_option("--threads", args->control.threads,
                  "Threads per rank (default: the node's cores shared among its ranks); results "
                  "do not depend on it")
      ->check(CLI::Range(1, 4096));
  sub->add_option("--out", args->out, "Output directory (default: runs/<scenario name>)");
  sub->add_option("--snapshot-every", args->snapshot_every, "Write agents every K ticks (0: never)")
      ->check(cli::weeks_or_zero());
  sub->add_option("--rss-every", args->control.rss_every,
                  "Print rank 0's resident memory every K ticks (0: never)")
      ->check(cli::weeks_or_zero());
  sub->add_flag("--no-resource-check", args->control.no_resource_check,
                "Start even when the run looks too big for the memory or disk available");
  return {sub, [args, &global, comm] { return run_main(*args, global, comm); }};
}

}  // namespace socred::mpi

// `socred run`: one scenario, headless, with outputs written atomically and a short summary
// of what happened to the society.
#include <omp.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <cstdio>
#include <memory>

#include "commands.hpp"
#include "socred/recorder.hpp"
#include "socred/simulation.hpp"

namespace socred::cli {
namespace {

struct RunArgs {
  ScenarioArgs scenario;
  std::optional<int> threads;
  std::string out;
  std::optional<std::int64_t> snapshot_every;
  std::string from;  // run.json of a run to reproduce
};

// Totals over the whole run, for the summary.
struct RunTotals {
  std::uint64_t trips_attempted = 0, trips_blocked = 0, flights_blocked = 0, listed = 0,
                delisted = 0, ties_dropped = 0, ties_added = 0, posts_penalised = 0,
                jobs_excluded = 0, missed_payments = 0;
  void add(const TickCounts& c) {
    trips_attempted += c.trips_attempted;
    trips_blocked += c.trips_blocked;
    flights_blocked += c.flights_blocked;
    listed += c.listed;
    delisted += c.delisted;
    ties_dropped += c.ties_dropped;
    ties_added += c.ties_added;
    posts_penalised += c.posts_penalised;
    jobs_excluded += c.jobs_excluded;
    missed_payments += c.missed_payments;
  }
};

std::string slug(const std::string& name) {
  std::string out;
  for (char c : name) {
    out += (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_') ? c : '-';
  }
  return out.empty() ? "run" : out;
}

double pct(double share) { return 100.0 * share; }

void print_summary(const Simulation& sim, const MetricsRow& first, const RunTotals& t,
                   const std::filesystem::path& out, double seconds) {
  const MetricsRow& last = sim.metrics();
  auto m = [](const MetricsRow& r, Metric k) { return r[k]; };
  std::printf("socred run: %s, %s citizens, %lld weeks, seed %llu, %.1f s\n",
              sim.initial_scenario().name.c_str(), thousands(sim.world().size()).c_str(),
              static_cast<long long>(sim.tick()),
              static_cast<unsigned long long>(sim.initial_scenario().seed), seconds);
  std::printf("  Scores        mean %.1f -> %.1f, median %.1f -> %.1f, Gini %.3f -> %.3f; "
              "'poor' tier (<550) %.1f%% -> %.1f%%, 'excellent' (700+) %.1f%% -> %.1f%%\n",
              m(first, Metric::score_mean), m(last, Metric::score_mean),
              m(first, Metric::score_median), m(last, Metric::score_median),
              m(first, Metric::gini_score), m(last, Metric::gini_score),
              pct(m(first, Metric::tier_poor)), pct(m(last, Metric::tier_poor)),
              pct(m(first, Metric::tier_excellent)), pct(m(last, Metric::tier_excellent)));
  std::printf("  Restrictions  %.1f%% of scored citizens restricted at the end (travel ban %s); "
              "%s of %s trips blocked (%s flights); %s pushed out of barred jobs\n",
              pct(m(last, Metric::restricted_any)),
              thousands(static_cast<std::uint64_t>(m(last, Metric::restricted_travel_ban))).c_str(),
              thousands(t.trips_blocked).c_str(), thousands(t.trips_attempted).c_str(),
              thousands(t.flights_blocked).c_str(), thousands(t.jobs_excluded).c_str());
  std::printf("  Blacklist     %s listed by the courts, %s delisted after repaying; %s on the list "
              "at the end; %s missed payments\n",
              thousands(t.listed).c_str(), thousands(t.delisted).c_str(),
              thousands(static_cast<std::uint64_t>(m(last, Metric::blacklisted))).c_str(),
              thousands(t.missed_payments).c_str());
  std::printf("  Network       %s -> %s ties (%s dropped, %s made); score assortativity %.3f -> "
              "%.3f; ties across the trusted line %.1f%% -> %.1f%%; isolated %s -> %s\n",
              thousands(static_cast<std::uint64_t>(m(first, Metric::ties))).c_str(),
              thousands(static_cast<std::uint64_t>(m(last, Metric::ties))).c_str(),
              thousands(t.ties_dropped).c_str(), thousands(t.ties_added).c_str(),
              m(first, Metric::assortativity), m(last, Metric::assortativity),
              pct(m(first, Metric::cross_line_share)), pct(m(last, Metric::cross_line_share)),
              thousands(static_cast<std::uint64_t>(m(first, Metric::isolated))).c_str(),
              thousands(static_cast<std::uint64_t>(m(last, Metric::isolated))).c_str());
  std::printf("  Speech        dissent per citizen per week %.4f -> %.4f; self-censorship %.2f -> "
              "%.2f; %s posts cost their authors points\n",
              m(first, Metric::dissent_per_capita), m(last, Metric::dissent_per_capita),
              m(first, Metric::self_censorship_mean), m(last, Metric::self_censorship_mean),
              thousands(t.posts_penalised).c_str());
  std::printf("  Outputs in %s/: metrics.csv, events.csv, histogram.csv, agents_final.csv, "
              "edges_final.csv, run.json\n",
              out.string().c_str());
}

int run_main(const RunArgs& args, const GlobalOptions& global) {
  std::optional<Reproduction> reproduction;
  if (!args.from.empty() && !(reproduction = load_reproduction(args.from, args.scenario))) {
    return kExitBadInput;
  }
  const auto scenario =
      reproduction ? std::optional(reproduction->scenario) : resolve_scenario(args.scenario);
  if (!scenario) return kExitBadInput;
  const std::int64_t snapshot_every =
      args.snapshot_every.value_or(reproduction ? reproduction->snapshot_every : 0);
  const int threads = choose_threads(args.threads);
  omp_set_num_threads(threads);
  const std::filesystem::path out = args.out.empty() ? "runs/" + slug(scenario->name) : args.out;

  using Clock = std::chrono::steady_clock;
  const auto start = Clock::now();
  spdlog::info("Building the society ({} threads)", threads);
  Simulation sim(*scenario);
  spdlog::info("{} citizens, {} friendship ties ({}), built in {:.2f} s", sim.world().size(),
               sim.world().friends.tie_count(), sim.network_source().description,
               std::chrono::duration<double>(Clock::now() - start).count());
  log_network_source(sim);
  if (reproduction) check_reproduced_network(sim, *reproduction, args.from);
  RunRecorder recorder({out, snapshot_every, threads, global.command_line}, sim);

  const MetricsRow first = sim.metrics();
  RunTotals totals;
  Progress progress("run", scenario->ticks, global.quiet);
  for (std::int64_t t = 1; t <= scenario->ticks; ++t) {
    sim.step();
    recorder.record_tick(sim);
    totals.add(sim.events().counts);
    for (const auto& e : sim.events().society) {
      spdlog::info("week {}: {}{}{}", e.tick, e.detail, e.note.empty() ? "" : " - ", e.note);
    }
    progress.update(t);
  }
  progress.finish();
  const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  recorder.finish(sim, seconds);
  print_summary(sim, first, totals, out, seconds);
  return kExitOk;
}

}  // namespace

Command add_run_command(CLI::App& app, const GlobalOptions& global) {
  auto* sub = app.add_subcommand("run", "Run a scenario headless and write its outputs");
  auto args = std::make_shared<RunArgs>();
  sub->add_option("scenario", args->scenario.file,
                  "Scenario file (default: the built-in classroom demo)");
  sub->add_option("--ticks", args->scenario.ticks, "Weeks to simulate (overrides the scenario)");
  sub->add_option("--agents", args->scenario.agents, "Number of citizens (society.agents)");
  sub->add_option("--seed", args->scenario.seed, "Random seed");
  sub->add_option("--threads", args->threads, "Threads (default: every core); results do not depend on it");
  sub->add_option("--set", args->scenario.sets, "Override a parameter: dotted.path=value (repeatable)")
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  sub->add_option("--network", args->scenario.network,
                  "Read the friendship network from a SNAP edge list (plain or .gz)");
  sub->add_option("--out", args->out, "Output directory (default: runs/<scenario name>)");
  sub->add_option("--snapshot-every", args->snapshot_every, "Write agents every K ticks (0: never)")
      ->check(CLI::NonNegativeNumber);
  sub->add_option("--from", args->from,
                  "Reproduce the run that wrote this run.json, bit for bit (same scenario, "
                  "seed, network file and snapshots)");
  return {sub, [args, &global] { return run_main(*args, global); }};
}

}  // namespace socred::cli

// The tick loop of `socred run` (fresh or resumed), its checkpoints and interruptions, the
// resource checks made before allocating, and the closing summary.
#include "run_driver.hpp"

#include <omp.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cstdio>

#include "interrupt.hpp"
#include "socred/errors.hpp"
#include "socred/footprint.hpp"
#include "socred/input_file.hpp"
#include "socred/output_dir.hpp"
#include "socred/resources.hpp"

namespace socred::cli {
namespace fs = std::filesystem;
namespace {

double pct(double share) { return 100.0 * share; }
std::string count(double x) { return thousands(static_cast<std::uint64_t>(x)); }

// `totals` holds each metric summed over ticks 1..now, so per-week counts become run totals.
void print_summary(const Simulation& sim, const MetricsRow& first, const MetricsRow& totals,
                   const fs::path& out, double seconds) {
  const MetricsRow& last = sim.metrics();
  using M = Metric;
  std::printf("socred run: %s, %s citizens, %lld weeks, seed %llu, %.1f s\n",
              sim.initial_scenario().name.c_str(), thousands(sim.world().size()).c_str(),
              static_cast<long long>(sim.tick()),
              static_cast<unsigned long long>(sim.initial_scenario().seed), seconds);
  std::printf("  Scores        mean %.1f -> %.1f, median %.1f -> %.1f, Gini %.3f -> %.3f; "
              "'poor' tier (<550) %.1f%% -> %.1f%%, 'excellent' (700+) %.1f%% -> %.1f%%\n",
              first[M::score_mean], last[M::score_mean], first[M::score_median],
              last[M::score_median], first[M::gini_score], last[M::gini_score],
              pct(first[M::tier_poor]), pct(last[M::tier_poor]), pct(first[M::tier_excellent]),
              pct(last[M::tier_excellent]));
  std::printf("  Restrictions  %.1f%% of scored citizens restricted at the end (travel ban %s); "
              "%s of %s trips blocked (%s flights); %s pushed out of barred jobs\n",
              pct(last[M::restricted_any]), count(last[M::restricted_travel_ban]).c_str(),
              count(totals[M::trips_blocked]).c_str(), count(totals[M::trips_attempted]).c_str(),
              count(totals[M::flights_blocked]).c_str(), count(totals[M::jobs_excluded]).c_str());
  std::printf("  Blacklist     %s listed by the courts, %s delisted after repaying; %s on the list "
              "at the end; %s missed payments\n",
              count(totals[M::listed]).c_str(), count(totals[M::delisted]).c_str(),
              count(last[M::blacklisted]).c_str(), count(totals[M::missed_payments]).c_str());
  std::printf("  Network       %s -> %s ties (%s dropped, %s made); score assortativity %.3f -> "
              "%.3f; ties across the trusted line %.1f%% -> %.1f%%; isolated %s -> %s\n",
              count(first[M::ties]).c_str(), count(last[M::ties]).c_str(),
              count(totals[M::ties_dropped]).c_str(), count(totals[M::ties_added]).c_str(),
              first[M::assortativity], last[M::assortativity], pct(first[M::cross_line_share]),
              pct(last[M::cross_line_share]), count(first[M::isolated]).c_str(),
              count(last[M::isolated]).c_str());
  std::printf("  Speech        dissent per citizen per week %.4f -> %.4f; self-censorship %.2f -> "
              "%.2f; %s posts cost their authors points\n",
              first[M::dissent_per_capita], last[M::dissent_per_capita],
              first[M::self_censorship_mean], last[M::self_censorship_mean],
              count(totals[M::posts_penalised]).c_str());
  std::printf("  Outputs in %s/: metrics.csv, events.csv, histogram.csv, agents_final.csv, "
              "edges_final.csv, run.json\n",
              out.string().c_str());
}

void print_resident_memory(std::int64_t tick) {
  if (const auto rss = resident_memory()) {
    std::printf("week %lld: resident memory %s (peak %s)\n", static_cast<long long>(tick),
                format_bytes(rss->current).c_str(), format_bytes(rss->peak).c_str());
  } else {
    std::printf("week %lld: resident memory unknown (no /proc/self/status)\n",
                static_cast<long long>(tick));
  }
  std::fflush(stdout);
}

// DIR for "DIR" and for "DIR.partial".
fs::path run_dir_of(const std::string& given) {
  std::string dir = given;
  while (dir.size() > 1 && dir.back() == '/') dir.pop_back();
  const std::string suffix = ".partial";
  if (dir.size() > suffix.size() && dir.compare(dir.size() - suffix.size(), suffix.size(), suffix) == 0) {
    dir.resize(dir.size() - suffix.size());
  }
  return dir;
}

}  // namespace

void require_room(const Scenario& s, const EdgeListReport* network, std::int64_t snapshot_every,
                  int threads, const fs::path& out, const RunControl& control) {
  const std::uint64_t citizens =
      network ? network->list.nodes : static_cast<std::uint64_t>(s.society.agents);
  const std::uint64_t ties = network ? network->list.edges.size() : planned_ties(s);
  RunFootprint f =
      estimate_footprint(s, citizens, ties, network != nullptr, snapshot_every, threads);
  f.peak_bytes *= static_cast<std::uint64_t>(std::max(1, control.worlds_here));
  spdlog::debug("estimated footprint: {} of memory at the peak, {} of outputs",
                format_bytes(f.peak_bytes), format_bytes(f.disk_bytes));
  if (control.no_resource_check) return;
  fs::path where = out;
  where += ".partial";
  if (const auto problem =
          footprint_problem(f, available_memory(),
                            control.writes_outputs ? free_disk_space(where) : std::nullopt,
                            out.string())) {
    std::string why = "socred run: " + *problem;
    if (control.worlds_here > 1) {
      why += " (" + std::to_string(control.worlds_here) +
             " ranks on this node, each holding the whole society: start fewer per node)";
    }
    throw InputError(why);
  }
}

namespace {

// The tick loop; returns kExitOk once the outputs are finished, or kExitInterrupted.
int run_ticks(Simulation& sim, RunRecorder& recorder, RunSettings& settings,
              const RunControl& control, const GlobalOptions& global,
              std::chrono::steady_clock::time_point started) {
  using Clock = std::chrono::steady_clock;
  const std::int64_t ticks = sim.initial_scenario().ticks;
  auto save = [&] {
    const auto t0 = Clock::now();
    write_checkpoint(recorder.partial_dir() / kCheckpointFile, sim, recorder.sync(), settings);
    spdlog::debug("checkpoint at week {} in {:.2f} s", sim.tick(),
                  std::chrono::duration<double>(Clock::now() - t0).count());
  };

  std::optional<InterruptGuard> interrupts;
  if (control.interruptible) interrupts.emplace();
  Progress progress("run", ticks, global.quiet);
  if (control.rss_every > 0) print_resident_memory(sim.tick());
  while (sim.tick() < ticks) {
    sim.step();
    recorder.record_tick(sim);
    for (std::size_t k = 0; k < kMetricCount; ++k) settings.totals.values[k] += sim.metrics().values[k];
    for (const auto& e : sim.events().society) {
      spdlog::info("week {}: {}{}{}", e.tick, e.detail, e.note.empty() ? "" : " - ", e.note);
    }
    progress.update(sim.tick());
    if (control.rss_every > 0 && sim.tick() % control.rss_every == 0) {
      print_resident_memory(sim.tick());
    }
    if (interrupts && InterruptGuard::requested() && sim.tick() < ticks) {
      progress.finish();
      save();
      recorder.interrupt(sim, std::chrono::duration<double>(Clock::now() - started).count());
      std::fprintf(stderr,
                   "socred: interrupted by %s at week %lld of %lld; the outputs so far are in %s "
                   "(run.json says \"interrupted\"); continue with: socred run --resume %s\n",
                   signal_name(InterruptGuard::requested()), static_cast<long long>(sim.tick()),
                   static_cast<long long>(ticks), recorder.partial_dir().string().c_str(),
                   recorder.out_dir().string().c_str());
      return kExitInterrupted;
    }
    // SIGUSR1 asks for a checkpoint now; the run carries on.
    const bool asked = interrupts && InterruptGuard::take_checkpoint_request();
    if (sim.tick() < ticks && (asked || (control.checkpoint_every > 0 &&
                                         sim.tick() % control.checkpoint_every == 0))) {
      save();
      if (asked) spdlog::info("week {}: checkpoint saved (SIGUSR1)", sim.tick());
    }
  }
  progress.finish();
  const double seconds = std::chrono::duration<double>(Clock::now() - started).count();
  recorder.finish(sim, seconds);
  if (!recorder.kept_files().empty()) {
    spdlog::warn("{}: kept {} beside the new outputs (socred did not write them)",
                 recorder.out_dir().string(), list_entries(recorder.kept_files()));
  }
  print_summary(sim, settings.first_row, settings.totals, recorder.out_dir(), seconds);
  return kExitOk;
}

}  // namespace

int drive_run(Simulation& sim, RunRecorder& recorder, RunSettings& settings,
              const RunControl& control, const GlobalOptions& global,
              std::chrono::steady_clock::time_point started) {
  try {
    return run_ticks(sim, recorder, settings, control, global, started);
  } catch (const OutputError& e) {
    // A full disk or a directory that became unwritable: say where the run stands, on the
    // same line.
    std::error_code ec;
    const bool resumable = fs::exists(recorder.partial_dir() / kCheckpointFile, ec);
    throw OutputError(std::string(e.what()) + "; the run stopped at week " +
                      std::to_string(sim.tick()) + ", " + recorder.partial_dir().string() +
                      " is incomplete" +
                      (resumable ? "; once there is room, continue with: socred run --resume " +
                                       recorder.out_dir().string()
                                 : ""));
  }
}

int resume_run(const std::string& dir, const RunControl& control, const GlobalOptions& global) {
  const auto started = std::chrono::steady_clock::now();
  const fs::path out = run_dir_of(dir);
  fs::path partial = out;
  partial += ".partial";
  const fs::path file = partial / kCheckpointFile;
  std::error_code ec;
  if (!fs::exists(fs::symlink_status(file, ec))) {
    if (fs::exists(out / "run.json", ec) && !fs::exists(partial, ec)) {
      throw InputError(out.string() + ": the run is complete; there is nothing to resume");
    }
    if (fs::exists(partial, ec)) {
      throw InputError(partial.string() + ": has no checkpoint (the run stopped before its "
                       "first one); start it again, with --checkpoint-every K to save progress");
    }
    throw InputError(dir + ": no such run (expected " + partial.string() + "/" + kCheckpointFile + ")");
  }
  // One writer at a time: a second --resume of the same run is refused here.
  OutputLock lock = OutputLock::beside(out, "stop it first");
  // The world in the file is about the size it will be in memory. A directory, a FIFO or a
  // device is refused before its "size" is believed.
  const InputFile probe(file);
  if (!probe.ok()) throw InputError(file.string() + ": " + probe.problem());
  const auto available = available_memory();
  const std::uint64_t need = probe.size() + probe.size() / 4;
  if (!control.no_resource_check && available && need > *available) {
    throw InputError("socred run: not enough memory: resuming " + file.string() + " needs about " +
                     format_bytes(need) + " but " + format_bytes(*available) +
                     " is available, or --no-resource-check to try anyway");
  }
  Checkpoint saved = read_checkpoint(file);
  if (saved.settings.git_revision != socred_git_revision()) {
    spdlog::warn("{} was written by socred {} ({}); this is {} ({})", file.string(),
                 saved.settings.socred_version, saved.settings.git_revision, socred_version(),
                 socred_git_revision());
  }
  const int threads = choose_threads(control.threads);
  omp_set_num_threads(threads);
  saved.settings.socred_version = socred_version();  // later checkpoints are this build's
  saved.settings.git_revision = socred_git_revision();
  RunControl resumed = control;
  if (resumed.checkpoint_every == 0) resumed.checkpoint_every = saved.settings.checkpoint_every;
  saved.settings.checkpoint_every = resumed.checkpoint_every;
  Simulation& sim = saved.simulation;
  spdlog::info("Resuming {} at week {} of {} ({} citizens, {} threads)", out.string(), sim.tick(),
               sim.initial_scenario().ticks, sim.world().size(), threads);
  RecorderOptions options{out, saved.settings.snapshot_every, threads, saved.settings.command_line};
  options.locked_by_caller = true;
  RunRecorder recorder(options, sim, saved.position);
  return drive_run(sim, recorder, saved.settings, resumed, global, started);
}

}  // namespace socred::cli

// `socred bench`: how fast the engine runs, phase by phase, next to the machine's own limits
// measured in the same run. See docs/performance.md.
#include <omp.h>
#include <spdlog/spdlog.h>

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <optional>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>

#include "alloc_counter.hpp"
#include "commands.hpp"
#include "socred/bench.hpp"
#include "socred/errors.hpp"
#include "socred/recorder.hpp"
#include "socred/network.hpp"
#include "socred/resources.hpp"

namespace socred::cli {
namespace {

struct BenchArgs {
  std::int64_t agents = 1'000'000;
  double degree = 20;
  std::int64_t ticks = 10;
  std::int64_t warmup = 2;
  std::optional<int> threads;
  std::string config = "all";
  std::string network = "default";
  std::string json;
  double probe_mib = 1024;
  std::string edge_list;  // time reading this SNAP file too
  bool config_given = false;
  std::int64_t regions = 0;
};

// Reading a SNAP edge list: parse, remap ids, drop self-loops and duplicates, as `run
// --network` does before building the society.
struct EdgeListTiming {
  std::string path;
  double seconds = 0;
  EdgeListReport report;
};

EdgeListTiming time_edge_list(const std::string& path) {
  EdgeListTiming t;
  t.path = path;
  const auto start = std::chrono::steady_clock::now();
  t.report = read_edge_list(path);
  t.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return t;
}

void print_edge_list(const EdgeListTiming& t) {
  const EdgeListReport& r = t.report;
  std::printf("\nedge list %s: %.1f MB of text, %s lines, read in %.3f s = %.0f MB/s, %.3g "
              "edges/s; %s nodes, %s edges kept (%s self-loops, %s duplicates dropped)\n",
              t.path.c_str(), r.bytes / 1e6, thousands(r.lines).c_str(), t.seconds,
              r.bytes / 1e6 / t.seconds, static_cast<double>(r.list.edges.size()) / t.seconds,
              thousands(r.list.nodes).c_str(), thousands(r.list.edges.size()).c_str(),
              thousands(r.dropped.self_loops).c_str(), thousands(r.dropped.duplicates).c_str());
}

struct Limits {
  double stream_bytes_per_s = 0;
  double gathers_per_s = 0;
  std::size_t gather_array_bytes = 0;
};

// Resets the kernel's peak-RSS mark so each run reports its own peak (Linux >= 4.0).
void reset_peak_rss() { std::ofstream("/proc/self/clear_refs") << "5"; }

struct Measured {
  BenchResult result;
  std::uint64_t peak_rss = 0;
};

void print_result(const Measured& m, const Limits& limits) {
  const BenchResult& r = m.result;
  const std::size_t contagion = static_cast<std::size_t>(Phase::contagion);
  std::printf("\n%s on a %s network: built in %.2f s; tick %.4f s median [%.4f, %.4f]\n",
              std::string(bench_config_name(r.config)).c_str(),
              r.random_network ? "random" : "society (homophilous)", r.build_seconds,
              r.tick_seconds.median, r.tick_seconds.min, r.tick_seconds.max);
  std::printf("  per phase (median s):");
  for (std::size_t p = 0; p < kPhaseCount; ++p) {
    std::printf(" %s %.4f", std::string(phase_name(static_cast<Phase>(p))).c_str(),
                r.phase_seconds[p].median);
  }
  std::printf(" metrics %.4f\n", r.phase_seconds[kPhaseCount].median);
  std::printf("  %.3g citizen-ticks/s; contagion %.3g directed-tie updates/s", r.citizen_ticks_per_second,
              r.tie_updates_per_second);
  if (limits.gathers_per_s > 0) {
    std::printf(" = %.0f%% of the random-gather rate", 100.0 * r.tie_updates_per_second / limits.gathers_per_s);
  }
  if (limits.stream_bytes_per_s > 0) {
    // Each tie update reads a 4-byte id and an 8-byte score.
    std::printf(", %.0f%% of streaming bandwidth at 12 bytes per tie",
                100.0 * r.tie_updates_per_second * 12.0 / limits.stream_bytes_per_s);
  }
  std::printf("\n  memory: world %.0f bytes per citizen, peak resident %.0f MB (%.0f bytes per "
              "citizen); %llu heap allocations in the %lld timed ticks\n",
              static_cast<double>(r.world_bytes) / r.agents, m.peak_rss / 1e6,
              static_cast<double>(m.peak_rss) / r.agents,
              static_cast<unsigned long long>(r.timed_allocations), static_cast<long long>(r.ticks));
  (void)contagion;
  std::printf("  split into R ranks by city, else by firm (R: ties cut, largest rank, most ghosts per rank):");
  for (const auto& [parts, cut] : r.splits) {
    std::printf(" %d: %.1f%%, %s, %s;", parts, 100.0 * cut.cut_share(),
                thousands(cut.max_range_size).c_str(), thousands(cut.max_ghosts).c_str());
  }
  std::printf("\n");
}

nlohmann::ordered_json to_json(const Measured& m, const Limits& limits) {
  const BenchResult& r = m.result;
  auto spread = [](const Spread& s) {
    return nlohmann::ordered_json{{"median", s.median}, {"min", s.min}, {"max", s.max}};
  };
  nlohmann::ordered_json phases;
  for (std::size_t p = 0; p < kPhaseCount; ++p) {
    phases[std::string(phase_name(static_cast<Phase>(p)))] = spread(r.phase_seconds[p]);
  }
  phases["metrics"] = spread(r.phase_seconds[kPhaseCount]);
  nlohmann::ordered_json splits = nlohmann::ordered_json::array();
  for (const auto& [parts, cut] : r.splits) {
    splits.push_back({{"ranks", parts},
                      {"ties", cut.ties},
                      {"cut_ties", cut.cut_ties},
                      {"cut_share", cut.cut_share()},
                      {"largest_rank_citizens", cut.max_range_size},
                      {"most_ghosts_per_rank", cut.max_ghosts},
                      {"total_ghosts", cut.total_ghosts}});
  }
  return {{"config", bench_config_name(r.config)},
          {"network", r.random_network ? "random" : "society"},
          {"agents", r.agents},
          {"degree", r.degree},
          {"threads", r.threads},
          {"timed_ticks", r.ticks},
          {"build_seconds", r.build_seconds},
          {"directed_ties", r.directed_ties},
          {"tick_seconds", spread(r.tick_seconds)},
          {"phase_seconds", phases},
          {"citizen_ticks_per_second", r.citizen_ticks_per_second},
          {"tie_updates_per_second", r.tie_updates_per_second},
          {"share_of_gather_rate", limits.gathers_per_s > 0 ? r.tie_updates_per_second / limits.gathers_per_s : 0.0},
          {"world_bytes_per_citizen", static_cast<double>(r.world_bytes) / r.agents},
          {"peak_resident_bytes", m.peak_rss},
          {"peak_bytes_per_citizen", static_cast<double>(m.peak_rss) / r.agents},
          {"timed_allocations", r.timed_allocations},
          {"splits", splits}};
}

int bench_main(const BenchArgs& args, const GlobalOptions& global) {
  const int threads = choose_threads(args.threads);
  omp_set_num_threads(threads);
  if (args.agents < 100) throw InputError("--agents: expected at least 100, got " + std::to_string(args.agents));
  if (args.degree <= 0 || args.degree >= static_cast<double>(args.agents)) {
    throw InputError("--degree: expected a number in (0, agents), got " + std::to_string(args.degree));
  }
  std::vector<std::pair<BenchConfig, bool>> runs;  // (config, random network)
  // --edge-list alone times only the reader; with --config, the runs as well.
  const bool any_run = args.edge_list.empty() || args.config_given;
  const bool degroot = any_run && args.config != "full", full = any_run && args.config != "degroot";
  const std::string& net = args.network;
  if (degroot && net != "society") runs.emplace_back(BenchConfig::degroot, true);
  if (degroot && net != "random") runs.emplace_back(BenchConfig::degroot, false);
  if (full && net == "random") runs.emplace_back(BenchConfig::full, true);
  if (full && net != "random") runs.emplace_back(BenchConfig::full, false);

  if (!runs.empty()) {
    std::printf("socred bench: %s citizens, mean degree %g, %d threads, %lld timed ticks after %lld "
                "warm-up\n",
                thousands(static_cast<std::uint64_t>(args.agents)).c_str(), args.degree, threads,
                static_cast<long long>(args.ticks), static_cast<long long>(args.warmup));
    std::fflush(stdout);
  }

  std::vector<Measured> measured;
  for (const auto& [config, random] : runs) {
    reset_peak_rss();
    // A bar on a terminal; no periodic log lines (they would interleave with the results).
    Progress progress(std::string(bench_config_name(config)), args.warmup + args.ticks,
                      global.quiet || !isatty(STDERR_FILENO));
    Measured m;
    m.result = run_bench(config, args.agents, args.degree, random, args.warmup, args.ticks,
                         allocation_count, [&](std::int64_t t) { progress.update(t); }, args.regions);
    progress.finish();
    const auto rss = resident_memory();  // resources.hpp
    m.peak_rss = rss ? rss->peak : 0;
    measured.push_back(m);
  }

  std::optional<EdgeListTiming> edge_list;
  if (!args.edge_list.empty()) edge_list = time_edge_list(args.edge_list);

  // The machine's limits, measured after the runs so their memory does not count in peaks.
  Limits limits;
  if (args.probe_mib > 0) {
    limits.stream_bytes_per_s =
        measure_stream_read(static_cast<std::size_t>(args.probe_mib * 1048576.0), 5);
    limits.gather_array_bytes = static_cast<std::size_t>(args.agents) * sizeof(double);
    const auto gathers = static_cast<std::size_t>(args.agents * args.degree);
    limits.gathers_per_s = measure_random_gather(static_cast<std::size_t>(args.agents), gathers, 5);
    std::printf("machine: streaming read %.1f GB/s (%.0f MiB array); random 8-byte gathers over "
                "%.1f MB (the score array) %.3g per second\n",
                limits.stream_bytes_per_s / 1e9, args.probe_mib, limits.gather_array_bytes / 1e6,
                limits.gathers_per_s);
  }
  for (const auto& m : measured) print_result(m, limits);
  if (edge_list) print_edge_list(*edge_list);

  if (!args.json.empty()) {
    nlohmann::ordered_json out;
    out["machine"] = {{"threads", threads},
                      {"stream_read_bytes_per_second", limits.stream_bytes_per_s},
                      {"random_gathers_per_second", limits.gathers_per_s},
                      {"gather_array_bytes", limits.gather_array_bytes}};
    out["runs"] = nlohmann::ordered_json::array();
    for (const auto& m : measured) out["runs"].push_back(to_json(m, limits));
    if (edge_list) {
      const EdgeListReport& r = edge_list->report;
      out["edge_list"] = {{"path", edge_list->path},
                          {"text_bytes", r.bytes},
                          {"lines", r.lines},
                          {"seconds", edge_list->seconds},
                          {"bytes_per_second", r.bytes / edge_list->seconds},
                          {"nodes", r.list.nodes},
                          {"edges", r.list.edges.size()},
                          {"self_loops_dropped", r.dropped.self_loops},
                          {"duplicates_dropped", r.dropped.duplicates}};
    }
    write_file_atomically(args.json, out.dump(2) + "\n");
  }
  return kExitOk;
}

}  // namespace

Command add_bench_command(CLI::App& app, const GlobalOptions& global) {
  auto* sub = app.add_subcommand("bench", "Time the engine per phase next to the machine's own limits");
  auto args = std::make_shared<BenchArgs>();
  sub->add_option("--agents", args->agents, "Citizens (default 1,000,000)");
  sub->add_option("--degree", args->degree, "Mean number of friends (default 20)");
  sub->add_option("--ticks", args->ticks, "Timed ticks (default 10)")->check(CLI::PositiveNumber);
  sub->add_option("--warmup", args->warmup, "Untimed ticks first (default 2)")->check(weeks_or_zero());
  sub->add_option("--threads", args->threads, "Threads (default: every core)")->check(thread_count());
  sub->add_option("--config", args->config, "degroot, full or all (default all)")
      ->check(CLI::IsMember({"degroot", "full", "all"}))
      ->each([args](const std::string&) { args->config_given = true; });
  sub->add_option("--network", args->network,
                  "society (the homophilous generator), random, or both; default: degroot on both, "
                  "full on society")
      ->check(CLI::IsMember({"society", "random", "both", "default"}));
  sub->add_option("--regions", args->regions,
                  "Cities (default: the scenario's 12); more cities keep more ties inside a rank")
      ->check(CLI::Range(std::int64_t{1}, std::int64_t{65535}));
  sub->add_option("--json", args->json, "Also write the results as JSON to this file");
  sub->add_option("--probe-mib", args->probe_mib,
                  "Size of the streaming-read probe array in MiB (0: skip the machine probes)")
      ->check(CLI::Range(0.0, 1048576.0));
  sub->add_option("--edge-list", args->edge_list,
                  "Also time reading this SNAP edge list (plain or .gz); alone, without --config, "
                  "only that")
      ->check(CLI::ExistingFile);
  return {sub, [args, &global] { return bench_main(*args, global); }};
}

}  // namespace socred::cli

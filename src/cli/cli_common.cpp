#include "cli_common.hpp"

#include <omp.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <cctype>
#include <cstdio>
#include <filesystem>
#include <iostream>

#include "socred/errors.hpp"
#include "socred/input_file.hpp"
#include "socred/recorder.hpp"
#include "socred/resources.hpp"
#include "socred/run_manifest.hpp"
#include "socred/scenario_io.hpp"

namespace socred::cli {

void setup_logging(const GlobalOptions& options) {
  auto logger = spdlog::stderr_color_mt("socred");
  logger->set_pattern("[%H:%M:%S] %^%l%$ %v");
  spdlog::set_default_logger(logger);
  auto level = spdlog::level::from_str(options.log_level);
  if (options.quiet && level < spdlog::level::warn) level = spdlog::level::warn;
  spdlog::set_level(level);
}

namespace {

// The --agents or --set society.agents the user gave, as a flag and its value.
std::optional<std::pair<std::string, std::string>> agents_given(const ScenarioArgs& args) {
  if (args.agents) return std::pair<std::string, std::string>{"--agents", *args.agents};
  std::optional<std::pair<std::string, std::string>> given;
  for (const auto& text : args.sets) {
    if (text.rfind("society.agents=", 0) == 0) given.emplace(args.sets_flag, text);
  }
  return given;
}

// Why the scenario's network file cannot be used, before anything is built: it is not a
// regular readable file (a FIFO would hang the run), or --agents asks for another size.
std::optional<std::string> network_file_problem(const Scenario& s, const ScenarioArgs& args) {
  if (s.network.generator != NetworkGenerator::file) return std::nullopt;
  const InputFile probe(s.network.file);
  if (!probe.ok()) return s.network.file + ": cannot open the edge list: " + probe.problem();
  const auto agents = agents_given(args);
  if (!agents) return std::nullopt;
  try {
    const std::uint64_t nodes = read_edge_list(s.network.file).list.nodes;
    if (nodes == static_cast<std::uint64_t>(s.society.agents)) return std::nullopt;
    return agents->first + " " + agents->second + ": the network file " + s.network.file +
           " makes a society of " + thousands(nodes) + " citizens (one per node id); leave " +
           agents->first + " out, or give " + std::to_string(nodes);
  } catch (const InputError& e) {
    return std::string(e.what());
  }
}

}  // namespace

std::optional<Scenario> resolve_scenario(const ScenarioArgs& args) {
  // Flags become overrides after --set, so they win; errors name the flag.
  std::vector<std::string> overrides = args.sets;
  std::vector<std::pair<std::string, std::string>> flag_for_path;
  auto flag = [&](const char* name, const std::string& path, const std::string& value) {
    overrides.push_back(path + "=" + value);
    flag_for_path.emplace_back(path, name);
  };
  if (args.ticks) flag("--ticks", "ticks", *args.ticks);
  if (args.agents) flag("--agents", "society.agents", *args.agents);
  if (args.seed) flag("--seed", "seed", *args.seed);
  if (!args.network.empty()) {
    flag("--network", "network.generator", "\"file\"");
    // Absolute, so that run.json names the same file from any directory.
    const auto file = std::filesystem::absolute(args.network).lexically_normal().string();
    std::string quoted = "\"";
    for (char c : file) quoted += (c == '"' || c == '\\') ? std::string{'\\', c} : std::string{c};
    flag("--network", "network.file", quoted + "\"");
  }
  LoadResult result = args.file.empty() ? default_scenario(overrides)
                                         : load_scenario_file(args.file, overrides);
  if (result.ok()) {
    if (const auto problem = network_file_problem(*result.scenario, args)) {
      std::cerr << *problem << "\n";
      return std::nullopt;
    }
    return result.scenario;
  }
  for (auto& e : result.errors) {
    if (e.file == "--set") {
      e.file = args.sets_flag;
      // A path the user also gave to --set (well formed or not) keeps the --set label.
      auto user_set = [&](const std::string& path) {
        for (const auto& text : args.sets) {
          if (text == path || text.rfind(path + "=", 0) == 0) return true;
        }
        return false;
      };
      for (const auto& [path, name] : flag_for_path) {
        if (e.pointer == path && !user_set(path)) {
          e.file = name;
          e.pointer.clear();
        }
      }
    }
    std::cerr << e.str() << "\n";
  }
  return std::nullopt;
}

std::string network_content_hash(const Scenario& scenario) {
  if (scenario.network.generator != NetworkGenerator::file) return {};
  return format_content_hash(read_edge_list(scenario.network.file).content_hash);
}

void log_network_source(const Simulation& sim) {
  const NetworkSource& n = sim.network_source();
  if (n.file.empty()) return;
  spdlog::info("Network {}: {} lines, {} distinct ties kept; dropped {} self-loops and {} "
               "duplicate ties; {} node ids renumbered 0..{}",
               n.file, thousands(n.lines), thousands(n.edges), thousands(n.dropped.self_loops),
               thousands(n.dropped.duplicates), thousands(n.original_ids.size()),
               n.original_ids.empty() ? 0 : n.original_ids.size() - 1);
}

std::optional<Reproduction> load_reproduction(const std::string& manifest,
                                              const ScenarioArgs& args) {
  if (!args.file.empty() || !args.sets.empty() || args.ticks || args.agents || args.seed ||
      !args.network.empty()) {
    std::cerr << "--from: reproduces " << manifest
              << " exactly, so it takes no SCENARIO, --set, --ticks, --agents, --seed or "
                 "--network\n";
    return std::nullopt;
  }
  RunManifest m = read_run_manifest(manifest);
  if (m.socred_version != socred_version() || m.git_revision != socred_git_revision()) {
    spdlog::warn("{} was written by socred {} ({}); this is socred {} ({}): results may differ",
                 manifest, m.socred_version, m.git_revision, socred_version(),
                 socred_git_revision());
  }
  return Reproduction{std::move(m.scenario), m.snapshot_every, std::move(m.network_hash)};
}

void check_reproduced_network(const Simulation& sim, const Reproduction& reproduction,
                              const std::string& manifest) {
  const NetworkSource& n = sim.network_source();
  if (reproduction.network_hash.empty() || n.content_hash == reproduction.network_hash) return;
  throw InputError(manifest + ": /network/content_hash: " + n.file +
                   " has changed since the run (" + reproduction.network_hash + ", now " +
                   n.content_hash + "); it cannot be reproduced");
}

std::string default_run_dir(const std::string& scenario_name) {
  std::string out;
  for (char c : scenario_name) {
    out += (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_') ? c : '-';
  }
  if (out.size() > 80) out.resize(80);  // a long scenario name must not make a too-long path
  return "runs/" + (out.empty() ? std::string("run") : out);
}

int choose_threads(std::optional<int> requested, const char* flag) {
  const int cores = omp_get_num_procs();
  if (!requested || *requested <= 0) return cores;
  if (*requested > cores) {
    spdlog::warn("{} {}: more than this machine's {} cores; using {} (results do not depend on "
                 "the thread count)",
                 flag, *requested, cores, cores);
    return cores;
  }
  return *requested;
}

std::string thousands(std::uint64_t n) { return format_count(n); }

Progress::Progress(std::string label, std::int64_t total, bool quiet, std::string unit)
    : label_(std::move(label)),
      unit_(unit.empty() ? "" : " " + unit),
      total_(std::max<std::int64_t>(total, 1)),
      enabled_(!quiet),
      terminal_(isatty(STDERR_FILENO) != 0),
      start_(std::chrono::steady_clock::now()),
      last_draw_(start_) {}

void Progress::skip(std::int64_t already) {
  skipped_ = already;
  last_decile_ = static_cast<int>(10 * already / total_);
}

void Progress::update(std::int64_t done) {
  if (!enabled_) return;
  const auto now = std::chrono::steady_clock::now();
  const double elapsed = std::chrono::duration<double>(now - start_).count();
  const double fraction = static_cast<double>(done) / static_cast<double>(total_);
  const double rate = static_cast<double>(done - skipped_) / std::max(elapsed, 1e-9);
  const double eta = rate > 0 ? static_cast<double>(total_ - done) / rate : 0.0;
  if (!terminal_) {
    const int decile = static_cast<int>(fraction * 10);
    if (decile > last_decile_) {
      last_decile_ = decile;
      spdlog::info("{}: {}/{}{} ({:.0f}%), {:.1f} s, {:.2f}{}/s, ETA {:.0f} s", label_, done,
                   total_, unit_, 100 * fraction, elapsed, rate, unit_, eta);
    }
    return;
  }
  // Draw only for runs longer than a second, at most ten times a second.
  if (elapsed < 1.0 || std::chrono::duration<double>(now - last_draw_).count() < 0.1) return;
  last_draw_ = now;
  constexpr int kWidth = 30;
  const int filled = static_cast<int>(fraction * kWidth);
  std::string bar(static_cast<std::size_t>(filled), '=');
  if (filled < kWidth) bar += '>';
  bar.resize(kWidth, ' ');
  std::fprintf(stderr, "\r%s [%s] %3.0f%%  %lld/%lld%s  %.1f%s/s  ETA %.0f s   ",
               label_.c_str(), bar.c_str(), 100 * fraction, static_cast<long long>(done),
               static_cast<long long>(total_), unit_.c_str(), rate, unit_.c_str(), eta);
  std::fflush(stderr);
  drawn_ = true;
}

void Progress::finish() {
  if (drawn_) {
    std::fprintf(stderr, "\r%*s\r", 100, "");
    std::fflush(stderr);
  }
}

}  // namespace socred::cli

// `socred bench` support: machine probes and timed runs. See docs/performance.md.
#include "socred/bench.hpp"

#include <omp.h>

#include <algorithm>
#include <chrono>
#include <numeric>
#include <string>

#include "socred/rng.hpp"
#include "socred/simulation.hpp"

namespace socred {
namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

}  // namespace

double measure_stream_read(std::size_t bytes, int repeats) {
  const std::size_t n = bytes / sizeof(double);
  std::vector<double> data(n);
  const auto count = static_cast<std::int64_t>(n);
  // First touch in parallel, so pages sit near the threads that read them.
#pragma omp parallel for schedule(static)
  for (std::int64_t i = 0; i < count; ++i) data[static_cast<std::size_t>(i)] = static_cast<double>(i & 7);
  double best = 0, sink = 0;
  for (int r = 0; r < repeats; ++r) {
    const auto start = Clock::now();
    double sum = 0;
#pragma omp parallel for schedule(static) reduction(+ : sum)
    for (std::int64_t i = 0; i < count; ++i) sum += data[static_cast<std::size_t>(i)];
    const double s = seconds_since(start);
    sink += sum;
    best = std::max(best, static_cast<double>(bytes) / s);
  }
  // Keep the sums observable so the loops are not optimised away.
  if (sink == -1.0) data[0] = 1;
  return best;
}

double measure_random_gather(std::size_t elements, std::size_t gathers, int repeats) {
  std::vector<double> values(elements, 1.0);
  std::vector<std::uint32_t> index(gathers);
  const auto count = static_cast<std::int64_t>(gathers);
#pragma omp parallel for schedule(static)
  for (std::int64_t k = 0; k < count; ++k) {
    Rng rng(1, 0, static_cast<std::uint64_t>(k), Stream::metrics);
    index[static_cast<std::size_t>(k)] = static_cast<std::uint32_t>(rng.below(0, elements));
  }
  double best = 0, sink = 0;
  for (int r = 0; r < repeats; ++r) {
    const auto start = Clock::now();
    double sum = 0;
#pragma omp parallel for schedule(static) reduction(+ : sum)
    for (std::int64_t k = 0; k < count; ++k) sum += values[index[static_cast<std::size_t>(k)]];
    const double s = seconds_since(start);
    sink += sum;
    best = std::max(best, static_cast<double>(gathers) / s);
  }
  if (sink == -1.0) values[0] = 2;
  return best;
}

std::string_view bench_config_name(BenchConfig c) {
  return c == BenchConfig::degroot ? "degroot" : "full";
}

Scenario bench_scenario(BenchConfig config, std::int64_t agents, double degree, bool random_network) {
  Scenario s;
  s.name = "bench-" + std::string(bench_config_name(config));
  s.society.agents = agents;
  s.network.mean_degree = degree;
  s.network.generator = random_network ? NetworkGenerator::random : NetworkGenerator::homophilous;
  PolicyParams& p = s.policies;
  Restriction* restrictions[] = {&p.travel_ban,   &p.luxury_ban,           &p.internet_throttling,
                                 &p.surcharges,   &p.job_exclusion,        &p.social_security_loss,
                                 &p.customs,      &p.school_ban,           &p.firm_sanctions};
  if (config == BenchConfig::full) {
    // Every mechanism and every policy on.
    for (Restriction* r : restrictions) r->enabled = true;
    p.court_blacklist = p.public_blacklist = p.rewards.enabled = p.online_conduct.enabled = true;
    s.adaptation.enabled = s.adaptation.self_censorship.enabled = true;
    s.scoring.contagion.colleague_weight = 0.01;
    return s;
  }
  // The contagion-only special case (scenarios/validation/degroot.json).
  for (Restriction* r : restrictions) r->enabled = false;
  p.court_blacklist = p.public_blacklist = p.rewards.enabled = p.online_conduct.enabled = false;
  s.adaptation.enabled = s.adaptation.self_censorship.enabled = false;
  ScoringParams& sc = s.scoring;
  sc.weight_credit_history = sc.weight_fulfilment = sc.weight_behaviour = sc.weight_identity = 0;
  sc.missed_payment_points = sc.civic_points = sc.approving_points = 0;
  sc.initial_sd = 80;
  sc.contagion.weight = 0.3;
  sc.contagion.colleague_weight = 0;
  return s;
}

Spread spread_of(std::vector<double> samples) {
  Spread out;
  if (samples.empty()) return out;
  std::sort(samples.begin(), samples.end());
  out.min = samples.front();
  out.max = samples.back();
  const std::size_t m = samples.size() / 2;
  out.median = samples.size() % 2 ? samples[m] : 0.5 * (samples[m - 1] + samples[m]);
  return out;
}

BenchResult run_bench(BenchConfig config, std::int64_t agents, double degree, bool random_network,
                      std::int64_t warmup, std::int64_t ticks,
                      const std::function<std::uint64_t()>& allocations,
                      const std::function<void(std::int64_t)>& progress,
                      std::int64_t regions) {
  BenchResult r;
  r.config = config;
  r.random_network = random_network;
  r.agents = agents;
  r.degree = degree;
  r.threads = omp_get_max_threads();
  r.ticks = ticks;

  const auto built = Clock::now();
  Scenario scenario = bench_scenario(config, agents, degree, random_network);
  if (regions > 0) scenario.society.regions = regions;
  Simulation sim(scenario);
  r.build_seconds = seconds_since(built);
  r.world_bytes = sim.world().memory_bytes();

  for (std::int64_t t = 0; t < warmup; ++t) {
    sim.step();
    if (progress) progress(t + 1);
  }
  std::vector<std::vector<double>> phases(kPhaseCount + 1);
  for (auto& samples : phases) samples.reserve(static_cast<std::size_t>(ticks));
  std::vector<double> totals;
  totals.reserve(static_cast<std::size_t>(ticks));
  std::uint64_t allocated = 0;
  for (std::int64_t t = 0; t < ticks; ++t) {
    const PhaseTimes before = sim.phase_times();
    const double metrics_before = sim.metrics_seconds();
    const std::uint64_t allocs_before = allocations ? allocations() : 0;
    const auto start = Clock::now();
    sim.step();
    const double took = seconds_since(start);
    allocated += allocations ? allocations() - allocs_before : 0;
    totals.push_back(took);
    for (std::size_t p = 0; p < kPhaseCount; ++p) {
      phases[p].push_back(sim.phase_times().seconds[p] - before.seconds[p]);
    }
    phases[kPhaseCount].push_back(sim.metrics_seconds() - metrics_before);
    if (progress) progress(warmup + t + 1);
  }
  r.tick_seconds = spread_of(totals);
  for (auto& samples : phases) r.phase_seconds.push_back(spread_of(samples));
  r.directed_ties = 2 * sim.world().friends.tie_count();
  r.citizen_ticks_per_second = static_cast<double>(agents) / r.tick_seconds.median;
  const double contagion = r.phase_seconds[static_cast<std::size_t>(Phase::contagion)].median;
  r.tie_updates_per_second = static_cast<double>(r.directed_ties) / contagion;
  r.timed_allocations = allocated;
  for (int parts : kBenchSplits) {
    r.splits.emplace_back(parts, cut_stats(sim.world(), partition_by_city(sim.world(), parts)));
  }
  return r;
}

}  // namespace socred

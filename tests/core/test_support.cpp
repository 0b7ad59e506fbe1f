#include "test_support.hpp"

#include <omp.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <algorithm>
#include <cstring>
#include <fstream>
#include <sstream>

#include "socred/scenario_io.hpp"

namespace socred::test {

std::filesystem::path source_dir() { return SOCRED_SOURCE_DIR; }
std::vector<std::filesystem::path> shipped_scenarios() {
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::recursive_directory_iterator(source_dir() / "scenarios")) {
    if (e.path().extension() == ".json") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::filesystem::path facebook_path() {
  return std::filesystem::path(SOCRED_TEST_DATA) / "facebook_combined.txt.gz";
}

Scenario small_scenario(std::int64_t agents, std::uint64_t seed) {
  Scenario s;
  s.society.agents = agents;
  s.society.regions = 4;
  s.seed = seed;
  s.metrics.clustering_sample = 50;
  return s;
}

Scenario load_shipped(const std::string& relative_path) {
  const auto result = load_scenario_file(source_dir() / "scenarios" / relative_path);
  INFO(result.error_text());
  REQUIRE(result.ok());
  return *result.scenario;
}

Scenario degroot_scenario(std::int64_t agents) {
  Scenario s = load_shipped("validation/degroot.json");
  s.society.agents = agents;
  return s;
}

void run_ticks(Simulation& sim, std::int64_t ticks) {
  for (std::int64_t t = 0; t < ticks; ++t) sim.step();
}

namespace {
struct Fnv {
  std::uint64_t h = 1469598103934665603ull;
  template <class T>
  void add(const std::vector<T>& v) {
    const auto* p = reinterpret_cast<const unsigned char*>(v.data());
    for (std::size_t i = 0; i < v.size() * sizeof(T); ++i) {
      h ^= p[i];
      h *= 1099511628211ull;
    }
  }
};
}  // namespace

std::uint64_t world_hash(const World& w) {
  Fnv f;
  f.add(w.score);
  f.add(w.income);
  f.add(w.savings);
  f.add(w.debt);
  f.add(w.credit_history);
  f.add(w.knowledge);
  f.add(w.self_censorship);
  f.add(w.status);
  f.add(w.restrictions);
  f.add(w.happenings);
  f.add(w.friends.degrees());
  f.add(w.friends.slots());
  f.add(w.explanation);
  return f.h;
}

TempDir::TempDir(const std::string& name) {
  path_ = std::filesystem::temp_directory_path() /
          ("socred-test-" + name + "-" + std::to_string(::getpid()));
  std::filesystem::remove_all(path_);
  std::filesystem::create_directories(path_);
}
TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

ThreadCount::ThreadCount(int threads) : previous_(omp_get_max_threads()) {
  omp_set_num_threads(threads);
}
ThreadCount::~ThreadCount() { omp_set_num_threads(previous_); }

}  // namespace socred::test

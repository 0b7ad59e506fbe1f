// Helpers shared by the core tests: small scenarios, running ticks, hashing state, temp dirs.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "socred/scenario.hpp"
#include "socred/simulation.hpp"

namespace socred::test {

std::filesystem::path source_dir();
// Every .json under scenarios/ (subdirectories too), sorted: tests over all of them pick up
// a new scenario without being told.
std::vector<std::filesystem::path> shipped_scenarios();
// The SNAP Facebook network, shipped gzip-compressed in tests/data.
std::filesystem::path facebook_path();

// The default scenario scaled down to `agents` citizens.
Scenario small_scenario(std::int64_t agents = 400, std::uint64_t seed = 7);

// scenarios/validation/degroot.json with the given size, on a generated network.
Scenario degroot_scenario(std::int64_t agents = 500);

// Loads a shipped scenario, failing the test with its errors if it does not load.
Scenario load_shipped(const std::string& relative_path);

void run_ticks(Simulation& sim, std::int64_t ticks);

// FNV-1a over the bits of the world's state (scores, money, records, ties).
std::uint64_t world_hash(const World& w);

// A fresh empty directory under the system temp dir, removed at exit of the scope.
class TempDir {
 public:
  explicit TempDir(const std::string& name);
  ~TempDir();
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

std::string read_file(const std::filesystem::path& path);

// Runs with a given OpenMP thread count, restoring the previous count afterwards.
class ThreadCount {
 public:
  explicit ThreadCount(int threads);
  ~ThreadCount();

 private:
  int previous_;
};

}  // namespace socred::test

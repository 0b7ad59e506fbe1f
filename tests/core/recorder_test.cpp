#include "socred/recorder.hpp"

#include <catch2/catch.hpp>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "socred/checkpoint.hpp"
#include "socred/errors.hpp"
#include "test_support.hpp"

using namespace socred;
namespace fs = std::filesystem;

namespace {

std::vector<std::vector<std::string>> read_csv(const fs::path& p) {
  std::vector<std::vector<std::string>> rows;
  std::istringstream in(test::read_file(p));
  std::string line;
  while (std::getline(in, line)) {
    std::vector<std::string> cells;
    std::stringstream ss(line);
    std::string cell;
    while (std::getline(ss, cell, ',')) cells.push_back(cell);
    rows.push_back(cells);
  }
  return rows;
}

}  // namespace

TEST_CASE("a finished run's outputs are complete, and read back exactly") {
  test::TempDir dir("recorder");
  const fs::path out = dir.path() / "run";
  Simulation sim(test::small_scenario(300));
  {
    RunRecorder rec({out, 5, 2, "socred run test"}, sim);
    CHECK(fs::exists(dir.path() / "run.partial"));
    CHECK_FALSE(fs::exists(out));
    for (int t = 0; t < 10; ++t) {
      sim.step();
      rec.record_tick(sim);
    }
    rec.finish(sim, 1.5);
  }
  CHECK_FALSE(fs::exists(dir.path() / "run.partial"));
  for (const char* name : {"metrics.csv", "histogram.csv", "events.csv", "agents_initial.csv",
                           "agents_final.csv", "edges_initial.csv", "edges_final.csv", "run.json",
                           "snapshots/agents_tick_000005.csv", "snapshots/agents_tick_000010.csv"}) {
    INFO(name);
    CHECK(fs::exists(out / name));
  }
  const auto metrics = read_csv(out / "metrics.csv");
  REQUIRE(metrics.size() == 12);  // header + ticks 0..10
  CHECK(metrics[0][0] == "tick");
  CHECK(metrics[0].size() == kMetricCount);
  CHECK(metrics[11][0] == "10");

  // Scores read back bit for bit.
  const auto agents = read_csv(out / "agents_final.csv");
  REQUIRE(agents.size() == 301);
  REQUIRE(agents[0][10] == "score");
  for (CitizenId i = 0; i < 300; ++i) {
    REQUIRE(std::strtod(agents[i + 1][10].c_str(), nullptr) == sim.world().score[i]);
  }
  const auto edges = read_csv(out / "edges_final.csv");
  CHECK(edges.size() == sim.world().friends.tie_count() + 1);

  const auto manifest = nlohmann::json::parse(test::read_file(out / "run.json"));
  CHECK(manifest["status"] == "complete");
  CHECK(manifest["ticks"] == 10);
  CHECK(manifest["seed"] == 7);
  CHECK(manifest["scenario"]["society"]["agents"] == 300);
  CHECK(manifest["phase_seconds"].contains("contagion"));
}

TEST_CASE("a run that does not finish leaves only a .partial directory") {
  test::TempDir dir("recorder-partial");
  const fs::path out = dir.path() / "run";
  Simulation sim(test::small_scenario(200));
  {
    RunRecorder rec({out, 0, 1, ""}, sim);
    sim.step();
    rec.record_tick(sim);
  }  // destroyed without finish(), as when a run fails
  CHECK_FALSE(fs::exists(out));
  CHECK(fs::exists(dir.path() / "run.partial"));
  CHECK_FALSE(fs::exists(dir.path() / "run.partial" / "run.json"));
}

TEST_CASE("a previous run is replaced, any other directory is not touched") {
  test::TempDir dir("recorder-overwrite");
  Simulation sim(test::small_scenario(200));
  const fs::path out = dir.path() / "run";
  for (int k = 0; k < 2; ++k) {
    RunRecorder rec({out, 0, 1, ""}, sim);
    rec.finish(sim, 0.1);
  }
  CHECK(fs::exists(out / "run.json"));
  const fs::path other = dir.path() / "photos";
  fs::create_directories(other);
  std::ofstream(other / "holiday.jpg") << "x";
  CHECK_THROWS_AS(RunRecorder({other, 0, 1, ""}, sim), InputError);
  CHECK(fs::exists(other / "holiday.jpg"));
}

TEST_CASE("a run recorded without its series writes run.json alone, renamed into place") {
  test::TempDir dir("recorder-light");
  const fs::path out = dir.path() / "run";
  Simulation sim(test::small_scenario(200));
  {
    RunRecorder rec({out, 2, 1, "socred sweep", false}, sim);
    for (int t = 0; t < 4; ++t) {
      sim.step();
      rec.record_tick(sim);
    }
    CHECK(fs::is_empty(rec.partial_dir()));
    rec.finish(sim, 0.1);
  }
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(out)) names.push_back(entry.path().filename().string());
  CHECK(names == std::vector<std::string>{"run.json"});
  const auto manifest = nlohmann::json::parse(test::read_file(out / "run.json"));
  CHECK(manifest["outputs"] == "run.json only");
  CHECK(manifest["snapshot_every"] == 2);
  CHECK(manifest["ticks"] == 4);
}

TEST_CASE("an output directory given with a trailing slash is written as the directory") {
  test::TempDir dir("recorder-slash");
  CHECK(output_directory("runs/x/") == fs::path("runs/x"));
  CHECK(output_directory("runs/x") == fs::path("runs/x"));
  CHECK(output_directory("/") == fs::path("/"));
  Simulation sim(test::small_scenario(100));
  RunRecorder rec({(dir.path() / "run").string() + "/", 0, 1, ""}, sim);
  CHECK(rec.partial_dir() == dir.path() / "run.partial");
  rec.finish(sim, 0.1);
  CHECK(fs::exists(dir.path() / "run" / "run.json"));
}

TEST_CASE("write_file_atomically leaves the whole file or none") {
  test::TempDir dir("recorder-atomic");
  write_file_atomically(dir.path() / "a.csv", "x,y\n1,2\n");
  CHECK(test::read_file(dir.path() / "a.csv") == "x,y\n1,2\n");
  CHECK_FALSE(fs::exists(dir.path() / "a.csv.partial"));
}

TEST_CASE("a resumed recorder cuts its files back to the checkpoint and ends identical") {
  test::TempDir dir("recorder-resume");
  const Scenario s = test::small_scenario(300);
  auto run_straight = [&](const fs::path& out) {
    Simulation sim(s);
    RunRecorder rec({out, 4, 1, "cmd"}, sim);
    for (int t = 0; t < 12; ++t) {
      sim.step();
      rec.record_tick(sim);
    }
    rec.finish(sim, 1.0);
  };
  run_straight(dir.path() / "straight");

  // Record to week 12 but keep the recorder's position and the simulation at week 5, as a
  // checkpoint at week 5 would, then "crash" (no finish).
  const fs::path out = dir.path() / "resumed";
  Simulation sim(s);
  RecorderPosition at;
  std::optional<Simulation> saved;
  {
    RunRecorder rec({out, 4, 1, "cmd"}, sim);
    for (int t = 0; t < 12; ++t) {
      sim.step();
      rec.record_tick(sim);
      if (sim.tick() == 5) {
        at = rec.sync();
        saved.emplace(sim.initial_scenario(), sim.scenario(), sim.world(), sim.network_source(),
                      sim.internals());
      }
    }
  }
  fs::path partial = out;
  partial += ".partial";
  CHECK(fs::exists(partial / "snapshots" / "agents_tick_000008.csv"));
  {
    RunRecorder rec({out, 4, 2, "cmd"}, *saved, at);
    CHECK_FALSE(fs::exists(partial / "snapshots" / "agents_tick_000008.csv"));
    CHECK(fs::exists(partial / "snapshots" / "agents_tick_000004.csv"));
    CHECK(fs::file_size(partial / "metrics.csv") == at.metrics_bytes);
    while (saved->tick() < 12) {
      saved->step();
      rec.record_tick(*saved);
    }
    rec.finish(*saved, 1.0);
  }
  for (const char* name : {"metrics.csv", "histogram.csv", "events.csv", "agents_initial.csv",
                           "agents_final.csv", "edges_initial.csv", "edges_final.csv",
                           "snapshots/agents_tick_000004.csv", "snapshots/agents_tick_000008.csv",
                           "snapshots/agents_tick_000012.csv"}) {
    INFO(name);
    CHECK(test::read_file(dir.path() / "straight" / name) == test::read_file(out / name));
  }
  const auto manifest = nlohmann::json::parse(test::read_file(out / "run.json"));
  CHECK(manifest["resumed_at"] == std::vector<int>{5});
  CHECK(manifest["status"] == "complete");
}

TEST_CASE("an interrupted run says so in DIR.partial/run.json and is not replaced by a new one") {
  test::TempDir dir("recorder-interrupt");
  const fs::path out = dir.path() / "run";
  fs::path partial = out;
  partial += ".partial";
  Simulation sim(test::small_scenario(200));
  {
    RunRecorder rec({out, 0, 1, "cmd"}, sim);
    sim.step();
    rec.record_tick(sim);
    rec.interrupt(sim, 0.2);
  }
  CHECK_FALSE(fs::exists(out));
  const auto manifest = nlohmann::json::parse(test::read_file(partial / "run.json"));
  CHECK(manifest["status"] == "interrupted");
  CHECK(manifest["ticks"] == 1);
  // With a checkpoint there, starting afresh would throw away the work: refused.
  std::ofstream(partial / kCheckpointFile) << "x";
  CHECK_THROWS_WITH(RunRecorder({out, 0, 1, ""}, sim),
                    Catch::Contains("holds an interrupted run; continue it with `socred run "
                                    "--resume"));
  CHECK(fs::exists(partial / kCheckpointFile));
}

TEST_CASE("resuming into a directory changed since the checkpoint is refused") {
  test::TempDir dir("recorder-changed");
  const fs::path out = dir.path() / "run";
  Simulation sim(test::small_scenario(200));
  RecorderPosition at;
  {
    RunRecorder rec({out, 0, 1, ""}, sim);
    sim.step();
    rec.record_tick(sim);
    at = rec.sync();
  }
  at.metrics_bytes += 100000;
  CHECK_THROWS_WITH(RunRecorder({out, 0, 1, ""}, sim, at),
                    Catch::Contains("metrics.csv: shorter") &&
                        Catch::Contains("than the checkpoint says"));
  CHECK_THROWS_WITH(RunRecorder({dir.path() / "other", 0, 1, ""}, sim, at),
                    Catch::Contains("other.partial: no such directory; nothing to resume"));
}

TEST_CASE("a write that fails names the file and the OS error, and closes the file once") {
  // /dev/full fails every write with ENOSPC, as a full disk does (issue 19: fclose failing
  // made the destructor close the file again, a double free).
  Simulation sim(test::small_scenario(200));
  CHECK_THROWS_WITH(write_agents_csv("/dev/full", sim),
                    "/dev/full: cannot write (No space left on device)");
  CHECK_THROWS_AS(write_edges_csv("/dev/full", sim.world()), OutputError);
  CHECK(fs::exists("/dev/full"));  // what failed is removed only when it is a file socred made
  test::TempDir dir("recorder-full");
  CHECK_THROWS_WITH(write_agents_csv(dir.path() / "no" / "such" / "dir.csv", sim),
                    Catch::Contains("dir.csv: cannot create the file (No such file or directory)"));
}

TEST_CASE("a rerun keeps files socred did not write: refused, or beside them with force") {
  test::TempDir dir("recorder-foreign");
  const fs::path out = dir.path() / "run";
  Simulation sim(test::small_scenario(200));
  auto run_once = [&](bool force) {
    RecorderOptions options{out, 2, 1, "cmd"};
    options.force = force;
    RunRecorder rec(options, sim);
    sim.step();
    rec.record_tick(sim);
    sim.step();
    rec.record_tick(sim);
    rec.finish(sim, 0.1);
    return rec.kept_files();
  };
  CHECK(run_once(false).empty());
  CHECK(fs::exists(out / "snapshots" / "agents_tick_000002.csv"));
  // A second run into a directory of socred's files only replaces it.
  CHECK(run_once(false).empty());

  std::ofstream(out / "my_analysis.txt") << "mine";
  fs::create_directories(out / "figs");
  std::ofstream(out / "figs" / "plot.png") << "png";
  std::ofstream(out / "snapshots" / "notes.txt") << "notes";
  CHECK_THROWS_WITH(RunRecorder({out, 0, 1, ""}, sim),
                    out.string() + ": holds files socred did not write (figs/, my_analysis.txt "
                                   "and snapshots/notes.txt); a new run there would replace the "
                                   "run they belong with: choose another --out, or add --force to "
                                   "replace socred's own files and keep these");
  CHECK(test::read_file(out / "my_analysis.txt") == "mine");
  CHECK_FALSE(fs::exists(dir.path() / "run.partial"));

  const auto kept = run_once(true);
  CHECK(kept == std::vector<std::string>{"figs/", "my_analysis.txt", "snapshots/notes.txt"});
  CHECK(test::read_file(out / "my_analysis.txt") == "mine");
  CHECK(test::read_file(out / "figs" / "plot.png") == "png");
  CHECK(test::read_file(out / "snapshots" / "notes.txt") == "notes");
  CHECK(fs::exists(out / "run.json"));
  CHECK(fs::exists(out / "snapshots" / "agents_tick_000006.csv"));
  CHECK_FALSE(fs::exists(out / "snapshots" / "agents_tick_000004.csv"));  // the old run's
  CHECK_FALSE(fs::exists(dir.path() / "run.partial"));
}

TEST_CASE("DIR.partial holding files socred did not write is not cleared") {
  test::TempDir dir("recorder-foreign-partial");
  const fs::path out = dir.path() / "run";
  fs::create_directories(dir.path() / "run.partial");
  std::ofstream(dir.path() / "run.partial" / "metrics.csv") << "old";
  std::ofstream(dir.path() / "run.partial" / "keep.txt") << "mine";
  Simulation sim(test::small_scenario(200));
  CHECK_THROWS_WITH(RunRecorder({out, 0, 1, ""}, sim),
                    Catch::Contains("run.partial: holds files socred did not write (keep.txt)"));
  CHECK(test::read_file(dir.path() / "run.partial" / "metrics.csv") == "old");
  // Without them, what an earlier attempt left is socred's own and is cleared.
  fs::remove(dir.path() / "run.partial" / "keep.txt");
  RunRecorder rec({out, 0, 1, ""}, sim);
  CHECK(test::read_file(dir.path() / "run.partial" / "metrics.csv") != "old");
}

TEST_CASE("a second recorder on one output directory is refused while the first writes") {
  test::TempDir dir("recorder-lock");
  const fs::path out = dir.path() / "run";
  Simulation sim(test::small_scenario(200));
  RunRecorder first({out, 0, 1, ""}, sim);
  CHECK_THROWS_WITH(RunRecorder({out, 0, 1, ""}, sim),
                    Catch::Contains("run: another socred is writing it (pid "));
  CHECK(fs::exists(dir.path() / "run.partial" / "metrics.csv"));
}

TEST_CASE("a run directory is resumed only with a checkpoint of its own run") {
  test::TempDir dir("recorder-identity");
  const fs::path out = dir.path() / "run";
  Simulation sim(test::small_scenario(200, 7));
  RecorderPosition at;
  {
    RunRecorder rec({out, 0, 1, ""}, sim);
    sim.step();
    rec.record_tick(sim);
    at = rec.sync();
  }
  const fs::path partial = dir.path() / "run.partial";
  CHECK(fs::exists(partial / kIdentityFile));
  Simulation other(test::small_scenario(200, 8));
  other.step();
  const std::string metrics = test::read_file(partial / "metrics.csv");
  CHECK_THROWS_WITH(RunRecorder({out, 0, 1, ""}, other, at),
                    Catch::StartsWith((partial / kCheckpointFile).string() +
                                      ": belongs to another run (scenario fnv1a64:") &&
                        Catch::Contains(", seed 8, a generated network) than the one in " +
                                        partial.string() + " (scenario fnv1a64:") &&
                        Catch::EndsWith(", seed 7, a generated network); it cannot be resumed there"));
  CHECK(test::read_file(partial / "metrics.csv") == metrics);  // nothing changed
  { RunRecorder resumed({out, 0, 1, ""}, sim, at); }             // its own run resumes

  fs::remove(partial / kIdentityFile);
  CHECK_THROWS_WITH(RunRecorder({out, 0, 1, ""}, sim, at),
                    Catch::Contains("identity.json: no such file; without it socred cannot tell "
                                    "which run the directory holds"));
  std::ofstream(partial / kIdentityFile) << "{\"seed\": 1}";
  CHECK_THROWS_WITH(RunRecorder({out, 0, 1, ""}, sim, at), Catch::Contains("damaged"));
}

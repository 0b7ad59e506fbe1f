// Checkpoints (src/core/checkpoint.cpp, checkpoint_read.cpp): a round trip gives back the
// same world and a run that continues identically; damaged, truncated, foreign and
// hand-edited files are refused with one line naming what is wrong.
#include "socred/checkpoint.hpp"

#include <sys/stat.h>
#include <zlib.h>

#include <catch2/catch.hpp>
#include <cstring>
#include <fstream>

#include "socred/errors.hpp"
#include "socred/recorder.hpp"
#include "test_support.hpp"

using namespace socred;
namespace fs = std::filesystem;

namespace {

// A scenario that exercises everything a checkpoint must carry: timeline events on both
// sides of the checkpoint, and a largest-component share recomputed only every 4 ticks.
Scenario eventful_scenario() {
  Scenario s = test::small_scenario(600, 11);
  s.metrics.component_every = 4;
  s.adaptation.review_rate = 0.3;
  TimelineEvent ban;
  ban.tick = 3;
  ban.set.emplace_back("policies.travel_ban.threshold", FieldValue{650.0});
  ban.note = "before the checkpoint";
  TimelineEvent repeal;
  repeal.tick = 9;
  repeal.set.emplace_back("policies.travel_ban.enabled", FieldValue{false});
  s.events = {ban, repeal};
  s.ticks = 14;
  return s;
}

RunSettings some_settings(const Simulation& sim) {
  RunSettings settings;
  settings.command_line = "socred run test";
  settings.socred_version = socred_version();
  settings.git_revision = socred_git_revision();
  settings.snapshot_every = 3;
  settings.checkpoint_every = 5;
  settings.first_row = sim.metrics();
  settings.totals[Metric::trips_blocked] = 17;
  return settings;
}

RecorderPosition some_position() {
  RecorderPosition p;
  p.metrics_bytes = 1234;
  p.histogram_bytes = 567;
  p.events_bytes = 89;
  p.started = "2024-01-01T00:00:00Z";
  p.resumed_at = {4};
  return p;
}

std::string bytes_of(const fs::path& p) { return test::read_file(p); }

std::string error_of(const std::string& bytes) {
  try {
    parse_checkpoint(bytes, "cp");
  } catch (const InputError& e) {
    return e.what();
  }
  return "no error";
}

// Rewrites both checksums, as someone editing the file by hand would.
std::string with_checksums(std::string bytes) {
  const auto* data = reinterpret_cast<const Bytef*>(bytes.data());
  const auto payload = static_cast<std::uint32_t>(crc32_z(0, data + 32, bytes.size() - 32));
  std::memcpy(bytes.data() + 24, &payload, 4);
  const auto header = static_cast<std::uint32_t>(crc32_z(0, data, 28));
  std::memcpy(bytes.data() + 28, &header, 4);
  return bytes;
}

// The payload offset of a section's data (after its name, element size and count).
std::size_t data_of(const std::string& bytes, const std::string& name) {
  const std::size_t at = bytes.find(name);
  REQUIRE(at != std::string::npos);
  return at + name.size() + 4 + 8;
}

}  // namespace

TEST_CASE("a checkpoint round trip gives back the whole state") {
  test::TempDir dir("checkpoint-roundtrip");
  Simulation sim(eventful_scenario());
  test::run_ticks(sim, 6);
  sim.queue_change("policies.luxury_ban.threshold", FieldValue{600.0}, "queued in the GUI");
  const fs::path file = dir.path() / kCheckpointFile;
  write_checkpoint(file, sim, some_position(), some_settings(sim));
  CHECK_FALSE(fs::exists(dir.path() / kCheckpointTempFile));

  const Checkpoint back = read_checkpoint(file);
  // Every array and scalar of the world: a field added to World but not saved fails here.
  CHECK(back.simulation.world() == sim.world());
  CHECK(back.simulation.initial_scenario() == sim.initial_scenario());
  CHECK(back.simulation.scenario() == sim.scenario());
  CHECK(back.simulation.scenario().policies.travel_ban.threshold == 650.0);
  const auto in = back.simulation.internals();
  const auto want = sim.internals();
  CHECK(in.next_event == want.next_event);
  CHECK(in.queued == want.queued);
  CHECK(in.metrics_carry.component_share == want.metrics_carry.component_share);
  CHECK(in.metrics_carry.histogram.counts == want.metrics_carry.histogram.counts);
  CHECK(in.metrics.values == want.metrics.values);
  CHECK(back.position == some_position());
  CHECK(back.settings == some_settings(sim));
}

TEST_CASE("a resumed simulation continues exactly as an uninterrupted one") {
  test::TempDir dir("checkpoint-continue");
  const Scenario s = eventful_scenario();
  Simulation straight(s);
  std::vector<MetricsRow> rows;
  for (int t = 0; t < 14; ++t) {
    straight.step();
    rows.push_back(straight.metrics());
  }
  // Checkpoint at week 6 (between a component recomputation at 4 and the next at 8, and
  // between the two timeline events), then continue with another thread count.
  Simulation first(s);
  test::run_ticks(first, 6);
  write_checkpoint(dir.path() / kCheckpointFile, first, {}, some_settings(first));
  Checkpoint back = read_checkpoint(dir.path() / kCheckpointFile);
  test::ThreadCount one(1);
  for (int t = 6; t < 14; ++t) {
    back.simulation.step();
    INFO("week " << t + 1);
    REQUIRE(back.simulation.metrics().values == rows[static_cast<std::size_t>(t)].values);
  }
  CHECK(back.simulation.world() == straight.world());
  CHECK(test::world_hash(back.simulation.world()) == test::world_hash(straight.world()));
}

TEST_CASE("a network read from a file keeps its original ids through a checkpoint") {
  test::TempDir dir("checkpoint-network");
  Scenario s = test::small_scenario(10);
  s.network.generator = NetworkGenerator::file;
  s.network.file = test::facebook_path().string();
  Simulation sim(s, read_edge_list(s.network.file), "file: facebook");
  sim.step();
  write_checkpoint(dir.path() / "cp", sim, {}, some_settings(sim));
  const Checkpoint back = read_checkpoint(dir.path() / "cp");
  CHECK(back.simulation.network_source().original_ids == sim.network_source().original_ids);
  CHECK(back.simulation.network_source().description == "file: facebook");
  CHECK(back.simulation.world() == sim.world());
}

TEST_CASE("a damaged or truncated checkpoint is refused with one line") {
  test::TempDir dir("checkpoint-damaged");
  Simulation sim(test::small_scenario(300));
  test::run_ticks(sim, 2);
  write_checkpoint(dir.path() / "cp", sim, some_position(), some_settings(sim));
  const std::string good = bytes_of(dir.path() / "cp");
  REQUIRE(error_of(good) == "no error");

  // Any flipped bit is caught by a checksum, wherever it is.
  for (std::size_t at : {std::size_t{9}, std::size_t{20}, std::size_t{40}, good.size() / 2,
                         good.size() - 1}) {
    std::string bad = good;
    bad[at] = static_cast<char>(bad[at] ^ 0x10);
    const std::string why = error_of(bad);
    INFO("byte " << at << ": " << why);
    CHECK(why.find("checksum mismatch") != std::string::npos);
  }
  // Cut anywhere, it says truncated.
  for (std::size_t size : {std::size_t{0}, std::size_t{5}, std::size_t{31}, std::size_t{32},
                           good.size() / 3, good.size() - 1}) {
    const std::string why = error_of(good.substr(0, size));
    INFO("size " << size << ": " << why);
    CHECK(why.find("truncated") != std::string::npos);
  }
  CHECK(error_of(good + "x").find("unexpected bytes after the data") != std::string::npos);
  CHECK(error_of("{\"not\": \"a checkpoint\"}") ==
        "cp: not a socred checkpoint (it does not start with SOCREDCP)");

  // A newer format version with valid checksums, and an older one (version 1 had no run
  // identity).
  std::string newer = good;
  newer[8] = 3;
  CHECK(error_of(with_checksums(newer)) ==
        "cp: checkpoint format version 3; this socred reads version 2 (written by a newer socred)");
  std::string older = good;
  older[8] = 1;
  CHECK(error_of(with_checksums(older)) ==
        "cp: checkpoint format version 1; this socred reads version 2 (written by an older "
        "socred; start the run again)");
  // The file layer: missing and unreadable files.
  CHECK_THROWS_WITH(read_checkpoint(dir.path() / "missing"),
                    Catch::Contains("missing: no such file"));
  for (const auto& why : {error_of(good.substr(0, 40)), error_of("")}) {
    CHECK(why.find('\n') == std::string::npos);
  }
}

TEST_CASE("a hand-edited checkpoint with valid checksums cannot point outside the world") {
  test::TempDir dir("checkpoint-hostile");
  Simulation sim(test::small_scenario(300));
  test::run_ticks(sim, 2);
  write_checkpoint(dir.path() / "cp", sim, {}, some_settings(sim));
  const std::string good = bytes_of(dir.path() / "cp");

  auto edited = [&](const std::string& section, std::size_t index, auto value) {
    std::string bad = good;
    std::memcpy(bad.data() + data_of(good, section) + index * sizeof(value), &value, sizeof(value));
    return error_of(with_checksums(bad));
  };
  CHECK(edited("world.friends.slots", 0, CitizenId{299 + 1000}) ==
        "cp: inconsistent world: citizen 0 has a friend beyond the last citizen");
  CHECK(edited("world.friends.degree", 5, std::uint32_t{1u << 30}) ==
        "cp: inconsistent world: citizen 5's friend list overflows its room");
  CHECK(edited("world.firm", 7, std::uint32_t{1u << 30}).find("does not exist") !=
        std::string::npos);
  CHECK(edited("world.occupation", 3, std::uint8_t{9}).find("unknown occupation") !=
        std::string::npos);
  CHECK(edited("world.score", 1, std::numeric_limits<double>::quiet_NaN()).find("score") !=
        std::string::npos);
  // A city whose median income is 0 made a score NaN (found by fuzzing).
  CHECK(edited("world.regions.median_income", 1, 0.0) ==
        "cp: inconsistent world: region 1 has a median income that is not positive");
  // A median income of 1e161 overflowed incomes to infinity, then a score to NaN (fuzzing).
  CHECK(edited("world.regions.median_income", 0, 1e161) ==
        "cp: inconsistent world: regions.median_income holds an amount beyond 10^12");
  CHECK(edited("world.savings", 4, 1e30f) ==
        "cp: inconsistent world: savings holds an amount beyond 10^12");
  CHECK(edited("simulation.next_event", 0, std::uint64_t{5}) ==
        "cp: damaged: the next timeline event does not exist");
  // A section that claims more values than the file holds is refused before allocating.
  std::string huge = good;
  const std::uint64_t count = 1ull << 60;
  std::memcpy(huge.data() + data_of(good, "world.score") - 8, &count, 8);
  CHECK(error_of(with_checksums(huge)).find("claims 1152921504606846976 values") !=
        std::string::npos);
}

TEST_CASE("a crash while writing a checkpoint leaves the previous one whole") {
  test::TempDir dir("checkpoint-atomic");
  Simulation sim(test::small_scenario(200));
  const fs::path file = dir.path() / kCheckpointFile;
  write_checkpoint(file, sim, {}, some_settings(sim));
  const std::string before = bytes_of(file);
  // What a process killed half-way through the next checkpoint leaves behind.
  std::ofstream(dir.path() / kCheckpointTempFile, std::ios::binary) << before.substr(0, 100);
  CHECK(read_checkpoint(file).simulation.world() == sim.world());
  // The next checkpoint replaces both.
  sim.step();
  write_checkpoint(file, sim, {}, some_settings(sim));
  CHECK_FALSE(fs::exists(dir.path() / kCheckpointTempFile));
  CHECK(read_checkpoint(file).simulation.tick() == 1);
}

TEST_CASE("a scenario error inside a checkpoint stays on one line (found by fuzzing)") {
  test::TempDir dir("checkpoint-scenario-key");
  Simulation sim(test::small_scenario(100));
  write_checkpoint(dir.path() / "cp", sim, {}, some_settings(sim));
  std::string bad = bytes_of(dir.path() / "cp");
  // "children_share" becomes a key with a carriage return in it, the same length.
  const std::size_t at = bad.find("\"children_share\"");
  REQUIRE(at != std::string::npos);
  bad.replace(at, 16, "\"children_\\rare\"");
  const std::string why = error_of(with_checksums(bad));
  CHECK(why == "cp: scenario.initial: /society/children_?are: unknown key \"children_?are\" "
               "(did you mean \"children_share\"?)");
}

TEST_CASE("a checkpoint carries the identity of its run, and a pieced-together one is refused") {
  test::TempDir dir("checkpoint-identity");
  Simulation sim(test::small_scenario(200, 5));
  write_checkpoint(dir.path() / "cp", sim, {}, some_settings(sim));
  const std::string good = bytes_of(dir.path() / "cp");
  const RunIdentity identity = run_identity(sim);
  CHECK(identity.seed == 5);
  CHECK(identity.scenario_hash.rfind("fnv1a64:", 0) == 0);
  CHECK(identity.network_hash.empty());
  CHECK(parse_run_identity(run_identity_json(identity), "x") == identity);
  // Another seed or scenario is another run.
  CHECK_FALSE(run_identity(Simulation(test::small_scenario(200, 6))) == identity);
  CHECK_FALSE(run_identity(Simulation(test::small_scenario(201, 5))) == identity);

  // The identity section edited (valid checksums): it no longer matches what the file holds.
  std::string bad = good;
  const std::size_t at = bad.find("fnv1a64:", data_of(good, "run.identity"));
  REQUIRE(at != std::string::npos);
  bad[at + 8] = bad[at + 8] == '0' ? '1' : '0';
  CHECK_THAT(error_of(with_checksums(bad)),
             Catch::StartsWith("cp: inconsistent: it says it belongs to the run with scenario "
                               "fnv1a64:") &&
                 Catch::Contains("but holds the run with scenario " + identity.scenario_hash +
                                 ", seed 5, a generated network"));
  CHECK_THROWS_WITH(parse_run_identity("[]", "id.json"),
                    "id.json: damaged: not the run identity socred writes (scenario_hash, seed, "
                    "network_hash)");
}

TEST_CASE("a checkpoint that is a directory, a FIFO or a device is refused before it is read") {
  test::TempDir dir("checkpoint-not-a-file");
  fs::create_directories(dir.path() / "adir");
  CHECK_THROWS_WITH(read_checkpoint(dir.path() / "adir"), Catch::EndsWith("adir: is a directory"));
  REQUIRE(::mkfifo((dir.path() / "fifo").c_str(), 0600) == 0);
  CHECK_THROWS_WITH(read_checkpoint(dir.path() / "fifo"),
                    Catch::EndsWith("fifo: is not a regular file (a device, pipe or socket)"));
  CHECK_THROWS_WITH(read_checkpoint("/dev/zero"),
                    "/dev/zero: is not a regular file (a device, pipe or socket)");
}

TEST_CASE("a checkpoint that cannot be written says why and leaves no temporary") {
  test::TempDir dir("checkpoint-unwritable");
  Simulation sim(test::small_scenario(100));
  CHECK_THROWS_WITH(write_checkpoint(dir.path() / "no" / kCheckpointFile, sim, {}, some_settings(sim)),
                    Catch::EndsWith("checkpoint.socred.tmp: cannot create the checkpoint (No such "
                                    "file or directory)"));
}

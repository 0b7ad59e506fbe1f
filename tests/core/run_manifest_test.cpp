// run.json (src/core/run_manifest.cpp): what the recorder writes reads back to the same
// manifest, and a damaged or hand-edited one gets one line naming the file and pointer.
#include "socred/run_manifest.hpp"

#include <catch2/catch.hpp>
#include <fstream>
#include <nlohmann/json.hpp>

#include "socred/errors.hpp"
#include "socred/recorder.hpp"
#include "test_support.hpp"

using namespace socred;
namespace fs = std::filesystem;
using json = nlohmann::ordered_json;

namespace {

RunManifest sample() {
  RunManifest m;
  m.socred_version = "0.1.0";
  m.git_revision = "abc123";
  m.status = RunStatus::interrupted;
  m.command = "socred run --ticks 10";
  m.scenario = test::small_scenario(300, 9);
  m.scenario.ticks = 10;
  m.scenario.network.file = "./data/../net.txt";  // kept exactly as written
  m.seed = 9;
  m.ticks = 4;
  m.threads = 2;
  m.snapshot_every = 3;
  m.all_outputs = false;
  m.citizens = 300;
  m.network_source = "file: ./data/../net.txt";
  m.network_file = "./data/../net.txt";
  m.network_lines = 1000;
  m.network_edges_kept = 990;
  m.network_hash = "fnv1a64:0123456789abcdef";
  m.started = "2024-05-01T10:00:00Z";
  m.finished = "2024-05-01T10:00:03Z";
  m.wall_seconds = 3.25;
  m.phase_seconds = {{"policies", 0.1}, {"metrics", 1.0 / 3.0}};
  m.resumed_at = {2};
  m.peak_resident_bytes = 123456789;
  return m;
}

std::string error_of(const std::string& text) {
  try {
    parse_run_manifest(text, "run.json");
  } catch (const InputError& e) {
    return e.what();
  }
  return "no error";
}

// The sample's JSON with one key changed (or removed when value is discarded).
std::string edited(const std::string& pointer, const json& value) {
  json doc = json::parse(run_manifest_json(sample()));
  if (value.is_discarded()) {
    doc.at(json::json_pointer(pointer).parent_pointer())
        .erase(json::json_pointer(pointer).back());
  } else {
    doc[json::json_pointer(pointer)] = value;
  }
  return doc.dump();
}

}  // namespace

TEST_CASE("a manifest reads back to what was written") {
  const RunManifest m = sample();
  const RunManifest back = parse_run_manifest(run_manifest_json(m), "x");
  CHECK(back.scenario == m.scenario);
  CHECK(back.phase_seconds == m.phase_seconds);
  CHECK(back == m);
}

TEST_CASE("the recorder's run.json is a manifest that reads back") {
  test::TempDir dir("manifest-recorder");
  Simulation sim(test::small_scenario(200));
  RunRecorder rec({dir.path() / "run", 0, 2, "socred run here"}, sim);
  sim.step();
  rec.record_tick(sim);
  rec.finish(sim, 0.5);
  const RunManifest m = read_run_manifest(dir.path() / "run");  // a directory works too
  CHECK(m.status == RunStatus::complete);
  CHECK(m.ticks == 1);
  CHECK(m.command == "socred run here");
  CHECK(m.scenario == sim.initial_scenario());
  CHECK(m.citizens == 200);
  CHECK(m.phase_seconds.size() == kPhaseCount + 1);
  CHECK(m.peak_resident_bytes > 0);
  CHECK(m.resumed_at.empty());
}

TEST_CASE("run.json gives back the scenario, the snapshots and the network file's hash") {
  test::TempDir dir("manifest-network");
  Scenario s = test::small_scenario(300, 5);
  s.network.generator = NetworkGenerator::file;
  s.network.file = test::facebook_path().string();
  s.events = {{3, {{"policies.travel_ban.enabled", false}}, "repealed"}};
  Simulation sim(s);
  RunRecorder rec({dir.path() / "run", 3, 1, "socred run"}, sim);
  sim.step();
  rec.record_tick(sim);
  rec.finish(sim, 0.1);

  const RunManifest m = read_run_manifest(dir.path() / "run" / "run.json");
  CHECK(m.scenario == s);
  CHECK(m.snapshot_every == 3);
  CHECK(m.all_outputs);
  CHECK(m.socred_version == socred_version());
  CHECK(m.git_revision == socred_git_revision());
  CHECK(m.network_file == s.network.file);
  CHECK(m.network_lines == sim.network_source().lines);
  CHECK(m.network_edges_kept == sim.network_source().edges);
  CHECK(m.network_hash == sim.network_source().content_hash);
  CHECK(m.network_hash.rfind("fnv1a64:", 0) == 0);
}

TEST_CASE("bad run.json files get one line naming the pointer") {
  CHECK(error_of("{").find("run.json: malformed JSON") == 0);
  // Found by fuzzing: nlohmann reports 1e400 as out_of_range, which used to escape.
  CHECK(error_of(R"({"wall_seconds": 1e400})") ==
        "run.json: malformed JSON: number overflow parsing '1e400'");
  CHECK(error_of("[1, 2]") == "run.json: expected a JSON object (a run.json manifest), got an array");
  CHECK(error_of(edited("/seed", json::value_t::discarded)) == "run.json: missing \"seed\"");
  CHECK(error_of(edited("/ticks", "ten")) ==
        "run.json: /ticks: expected an integer in [0, 1000000000], got a string");
  CHECK(error_of(edited("/ticks", 2.5)) ==
        "run.json: /ticks: expected an integer in [0, 1000000000], got a number");
  CHECK(error_of(edited("/ticks", 11)) ==
        "run.json: /ticks: is 11, more than the scenario's 10 weeks");
  CHECK(error_of(edited("/status", "done\nreally")) ==
        "run.json: /status: expected \"complete\" or \"interrupted\", got \"done?really\"");
  CHECK(error_of(edited("/seed", 10)) == "run.json: /seed: is 10 but the scenario's seed is 9");
  CHECK(error_of(edited("/outputs", "some")) ==
        "run.json: /outputs: expected \"all\" or \"run.json only\", got \"some\"");
  CHECK(error_of(edited("/snapshot_every", -1)) ==
        "run.json: /snapshot_every: expected an integer in [0, 1000000000], got -1");
  CHECK(error_of(edited("/network/content_hash", false)) ==
        "run.json: /network/content_hash: expected a string, got true or false");
  CHECK(error_of(edited("/network/source", 5)) ==
        "run.json: /network/source: expected a string, got an integer");
  CHECK(error_of(edited("/phase_seconds/a~1b", -1)) ==
        "run.json: /phase_seconds/a~1b: expected a number of seconds (0 or more), got a "
        "negative or infinite number");
  CHECK(error_of(edited("/resumed_at/0", "x")) ==
        "run.json: /resumed_at/0: expected an integer in [0, 1000000000], got a string");
  CHECK(error_of(edited("/scenario/policies/travel_ban/threshold", 2000)) ==
        "run.json: /scenario/policies/travel_ban/threshold: expected a number in [350, 950], got 2000");
  CHECK(error_of(edited("/scenario/extends", "other.json")) ==
        "run.json: /scenario/extends: not allowed in a resolved scenario (nothing is left to extend)");
  CHECK(error_of(edited("/scenario", json::value_t::discarded)) == "run.json: missing \"scenario\"");
  // Found by fuzzing: an edge list's lines and hash without its path were lost on rewriting.
  CHECK(error_of(edited("/network/file", json::value_t::discarded)) ==
        "run.json: /network/file: expected the edge list's path beside lines, edges_kept and "
        "content_hash (a generated network has none of them)");
  // Keys a newer socred may add are ignored.
  CHECK(error_of(edited("/replicate", 3)) == "no error");
}

TEST_CASE("a missing run.json is named") {
  test::TempDir dir("manifest-missing");
  CHECK_THROWS_WITH(read_run_manifest(dir.path()),
                    (dir.path() / "run.json").string() + ": no such file");
}

TEST_CASE("a run.json with a key given twice is refused, naming it (issue 19)") {
  CHECK(error_of("{\"seed\": 9,\n\"ticks\": 10,\n\"seed\": 10}") ==
        "run.json: /seed: given twice in one object (line 1 and line 3); JSON would keep only "
        "the second, silently losing the first: keep one");
  CHECK(error_of("{\"a\\n\": 1, \"a\\n\": 2}").find("run.json: /a?: given twice") == 0);
}

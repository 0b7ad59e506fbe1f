// run.json read back for `socred run --from`.
#include <catch2/catch.hpp>
#include <fstream>

#include "socred/errors.hpp"
#include "socred/recorder.hpp"
#include "test_support.hpp"

using namespace socred;
namespace fs = std::filesystem;

namespace {

std::string error_of(const fs::path& file) {
  try {
    read_run_manifest(file);
  } catch (const InputError& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace

TEST_CASE("run.json gives back the scenario, the snapshots and the network file's hash") {
  test::TempDir dir("manifest");
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
  CHECK(m.socred_version == socred_version());
  CHECK(m.git_revision == socred_git_revision());
  CHECK(m.network_file == s.network.file);
  CHECK(m.network_hash == sim.network_source().content_hash);
  CHECK(m.network_hash.rfind("fnv1a64:", 0) == 0);
}

TEST_CASE("a file that is not a socred run.json gets a one-line error") {
  test::TempDir dir("manifest-bad");
  auto write = [&](const std::string& name, const std::string& text) {
    std::ofstream(dir.path() / name, std::ios::binary) << text;
    return dir.path() / name;
  };
  const fs::path missing = dir.path() / "missing.json";
  CHECK(error_of(missing) == missing.string() + ": cannot read the run manifest (no such file or no access)");
  const fs::path broken = write("broken.json", "{\"scenario\": ");
  CHECK(error_of(broken) == broken.string() + ": not a socred run.json (malformed JSON at byte 14)");
  const fs::path other = write("other.json", "{\"name\": \"x\"}");
  CHECK(error_of(other) == other.string() + ": /scenario: missing; expected the run.json a socred run writes");
  const fs::path bad = write("bad.json", R"({"scenario": {"policies": {"travel_ban": {"threshold": 2000}}}})");
  CHECK(error_of(bad) == bad.string() +
                             ": /scenario/policies/travel_ban/threshold: expected a number in [350, "
                             "950], got 2000");
}

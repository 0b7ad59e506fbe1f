// Fuzzes scenario loading as a user meets it: a scenario file that may extend another,
// then --set overrides. The input is split at lines that read "%%":
//   part 1  -> scratch/a.json, the file loaded
//   part 2  -> scratch/b.json, a file a.json may extend (or a.json itself, for cycles)
//   part 3+ -> one --set override per line
// Properties beyond "no crash, no sanitizer report": every error is one line naming its
// file, and a loaded scenario survives scenario_to_json and back unchanged (what
// run.json and checkpoints rely on), and its size can be estimated without overflow.
#include <fstream>
#include <string>
#include <vector>

#include "fuzz_support.hpp"
#include "socred/footprint.hpp"
#include "socred/scenario_io.hpp"

using namespace socred;

namespace {

std::vector<std::string> split_parts(std::string_view data) {
  std::vector<std::string> parts(1);
  std::size_t at = 0;
  while (at <= data.size()) {
    const std::size_t end = std::min(data.find('\n', at), data.size());
    const std::string_view line = data.substr(at, end - at);
    if (line == "%%") {
      parts.emplace_back();
    } else {
      parts.back().append(line);
      if (end < data.size()) parts.back() += '\n';
    }
    at = end + 1;
  }
  return parts;
}

void write(const std::filesystem::path& p, const std::string& text) {
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out << text;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* bytes, std::size_t size) {
  const auto parts = split_parts({reinterpret_cast<const char*>(bytes), size});
  const auto& dir = fuzz::scratch_dir();
  write(dir / "a.json", parts[0]);
  write(dir / "b.json", parts.size() > 1 ? parts[1] : "{}");
  std::vector<std::string> overrides;
  for (std::size_t k = 2; k < parts.size() && overrides.size() < 64; ++k) {
    std::size_t at = 0;
    while (at < parts[k].size()) {
      const std::size_t end = std::min(parts[k].find('\n', at), parts[k].size());
      overrides.push_back(parts[k].substr(at, end - at));
      at = end + 1;
    }
  }

  const LoadResult result = load_scenario_file(dir / "a.json", overrides);
  if (!result.ok()) {
    if (result.errors.empty()) fuzz::finding("a failed load without an error");
    for (const auto& e : result.errors) {
      const std::string line = e.str();
      fuzz::require_one_line(line);
      if (e.file.empty()) fuzz::finding("an error without a file: " + line);
    }
    return 0;
  }
  const Scenario& s = *result.scenario;
  const std::string text = scenario_to_json(s);
  const LoadResult again = load_resolved_scenario(text, "round trip");
  if (!again.ok()) fuzz::finding("scenario_to_json output does not load: " + again.error_text());
  if (!(*again.scenario == s)) fuzz::finding("scenario_to_json round trip changed the scenario");
  const RunFootprint f = estimate_footprint(s, static_cast<std::uint64_t>(s.society.agents),
                                            planned_ties(s), false, 1, 2);
  if (f.peak_bytes < f.world_bytes) fuzz::finding("peak memory below the world's own");
  return 0;
}

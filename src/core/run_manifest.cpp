// Reading run.json back, for `socred run --from`: the resolved scenario it holds goes through
// the same validation as any scenario file, with pointers into run.json.
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "socred/errors.hpp"
#include "socred/recorder.hpp"
#include "socred/scenario_io.hpp"

namespace socred {

RunManifest read_run_manifest(const std::filesystem::path& file) {
  const std::string label = file.string();
  std::ifstream in(file, std::ios::binary);
  if (!in) throw InputError(label + ": cannot read the run manifest (no such file or no access)");
  std::ostringstream text;
  text << in.rdbuf();

  nlohmann::json doc;
  try {
    doc = nlohmann::json::parse(text.str());
  } catch (const nlohmann::json::parse_error& e) {
    throw InputError(label + ": not a socred run.json (malformed JSON at byte " +
                     std::to_string(e.byte) + ")");
  }
  if (!doc.is_object() || !doc.contains("scenario") || !doc["scenario"].is_object()) {
    throw InputError(label + ": /scenario: missing; expected the run.json a socred run writes");
  }

  RunManifest manifest;
  LoadResult loaded = load_scenario_text(doc["scenario"].dump(), label, file.parent_path());
  if (!loaded.ok()) {
    ScenarioError e = loaded.errors.front();
    e.pointer = "/scenario" + e.pointer;
    throw InputError(e.str());
  }
  manifest.scenario = std::move(*loaded.scenario);

  // Optional fields: older manifests lack them, and then the defaults apply.
  auto text_at = [&](const nlohmann::json::json_pointer& p) -> std::string {
    return doc.contains(p) && doc.at(p).is_string() ? doc.at(p).get<std::string>() : "";
  };
  if (doc.contains("snapshot_every") && doc["snapshot_every"].is_number_integer()) {
    manifest.snapshot_every = doc["snapshot_every"].get<std::int64_t>();
  }
  manifest.socred_version = text_at(nlohmann::json::json_pointer("/socred_version"));
  manifest.git_revision = text_at(nlohmann::json::json_pointer("/git_revision"));
  manifest.network_file = text_at(nlohmann::json::json_pointer("/network/file"));
  manifest.network_hash = text_at(nlohmann::json::json_pointer("/network/content_hash"));
  return manifest;
}

}  // namespace socred

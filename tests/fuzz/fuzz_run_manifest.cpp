// Fuzzes run.json reading (what `socred run --from` and other tools rely on). Properties:
// errors are one line naming run.json; a manifest that reads survives run_manifest_json
// and back unchanged.
#include "fuzz_support.hpp"
#include "socred/errors.hpp"
#include "socred/run_manifest.hpp"

using namespace socred;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* bytes, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(bytes), size);
  RunManifest m;
  try {
    m = parse_run_manifest(text, "run.json");
  } catch (const InputError& e) {
    fuzz::require_one_line(e.what());
    if (std::string_view(e.what()).rfind("run.json", 0) != 0) {
      fuzz::finding(std::string("an error that does not name run.json: ") + e.what());
    }
    return 0;
  }
  const RunManifest back = parse_run_manifest(run_manifest_json(m), "again");
  if (!(back == m)) fuzz::finding("run.json round trip changed the manifest");
  return 0;
}

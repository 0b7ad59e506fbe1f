// Fuzzes checkpoint reading. In fuzzing builds the reader skips its checksums
// (FUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION), so this tests what a hand-crafted file with
// valid checksums could do. Properties: errors are one line; a checkpoint that reads gives
// a simulation that can take a step (every index it holds is in bounds).
#include "fuzz_support.hpp"
#include "socred/checkpoint.hpp"
#include "socred/errors.hpp"

using namespace socred;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* bytes, std::size_t size) {
  try {
    Checkpoint c = parse_checkpoint({reinterpret_cast<const char*>(bytes), size}, "cp");
    // Keep a step cheap whatever the scenario asks for.
    if (c.simulation.world().size() <= 4096 && c.simulation.scenario().metrics.clustering_sample <= 100000) {
      c.simulation.step();
    }
  } catch (const InputError& e) {
    fuzz::require_one_line(e.what());
  }
  return 0;
}

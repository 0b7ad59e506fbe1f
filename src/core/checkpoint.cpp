// Checkpoint files: writing them atomically, and reading them back as untrusted input.
//
// Sections: byte I/O and checksums | writing | reading sections | checking a world read
// from a file | reading a whole checkpoint.
#include "socred/checkpoint.hpp"

#include <unistd.h>
#include <zlib.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <utility>
#include <nlohmann/json.hpp>
#include <type_traits>

#include "checkpoint_format.hpp"
#include "socred/errors.hpp"
#include "socred/network.hpp"
#include "socred/output_dir.hpp"
#include "socred/scenario_io.hpp"

namespace socred {
namespace fs = std::filesystem;
namespace {

using detail::kCheckpointByteOrder;
using detail::kCheckpointHeaderBytes;
using detail::kCheckpointMagic;

struct Header {
  std::uint32_t version = 0;
  std::uint32_t byte_order = 0;
  std::uint64_t payload_bytes = 0;
  std::uint32_t payload_crc = 0;
};

std::uint32_t crc32_of(std::uint32_t crc, const void* data, std::size_t bytes) {
  return static_cast<std::uint32_t>(
      crc32_z(crc, static_cast<const Bytef*>(data), static_cast<z_size_t>(bytes)));
}

void encode_header(const Header& h, unsigned char* out) {
  std::memcpy(out, kCheckpointMagic, 8);
  std::memcpy(out + 8, &h.version, 4);
  std::memcpy(out + 12, &h.byte_order, 4);
  std::memcpy(out + 16, &h.payload_bytes, 8);
  std::memcpy(out + 24, &h.payload_crc, 4);
  const std::uint32_t header_crc = crc32_of(0, out, 28);
  std::memcpy(out + 28, &header_crc, 4);
}

// ---------------------------------------------------------------------------------------
// Writing: sections streamed straight from the arrays (no copy of the world), the
// checksum computed on the way.

class SectionWriter {
 public:
  explicit SectionWriter(const fs::path& path) : path_(path) {
    f_ = std::fopen(path.c_str(), "wb");
    if (!f_) throw OutputError(path, "create the checkpoint", errno);
    std::setvbuf(f_, nullptr, _IOFBF, 1 << 20);
    const unsigned char blank[kCheckpointHeaderBytes] = {};
    put(blank, kCheckpointHeaderBytes);
  }
  ~SectionWriter() {
    if (f_) std::fclose(f_);
  }
  SectionWriter(const SectionWriter&) = delete;
  SectionWriter& operator=(const SectionWriter&) = delete;

  template <class T>
  void section(std::string_view name, const T* data, std::uint64_t count) {
    static_assert(std::is_trivially_copyable_v<T>);
    const auto name_bytes = static_cast<std::uint16_t>(name.size());
    const auto element = static_cast<std::uint32_t>(sizeof(T));
    payload(&name_bytes, 2);
    payload(name.data(), name.size());
    payload(&element, 4);
    payload(&count, 8);
    if (count) payload(data, count * sizeof(T));
  }
  template <class T>
  void section(std::string_view name, const std::vector<T>& v) {
    section(name, v.data(), v.size());
  }
  void text(std::string_view name, const std::string& s) { section(name, s.data(), s.size()); }

  // Writes the header, then flushes the file to the disk.
  void close() {
    Header h;
    h.version = kCheckpointVersion;
    h.byte_order = kCheckpointByteOrder;
    h.payload_bytes = payload_bytes_;
    h.payload_crc = crc_;
    unsigned char bytes[kCheckpointHeaderBytes];
    encode_header(h, bytes);
    // Seeking flushes the buffer: a full disk shows here at the latest.
    if (std::fseek(f_, 0, SEEK_SET) != 0) fail("write");
    put(bytes, kCheckpointHeaderBytes);
    if (std::fflush(f_) != 0) fail("write");
    if (::fsync(::fileno(f_)) != 0) fail("flush to the disk");
    // The handle is given up first, so that the destructor cannot close it again.
    if (std::fclose(std::exchange(f_, nullptr)) != 0) fail("write");
  }

 private:
  [[noreturn]] void fail(const char* action) const { throw OutputError(path_, action, errno); }
  void put(const void* data, std::size_t bytes) {
    if (std::fwrite(data, 1, bytes, f_) != bytes) fail("write");
  }
  void payload(const void* data, std::size_t bytes) {
    put(data, bytes);
    crc_ = crc32_of(crc_, data, bytes);
    payload_bytes_ += bytes;
  }

  fs::path path_;
  std::FILE* f_ = nullptr;
  std::uint32_t crc_ = 0;
  std::uint64_t payload_bytes_ = 0;
};

// Timeline events as JSON, by way of a scenario that carries them (the one format that
// already validates them on the way back in).
std::string events_json(const Scenario& in_force, const std::vector<TimelineEvent>& events) {
  Scenario carrier = in_force;
  carrier.events = events;
  return scenario_to_json(carrier);
}

}  // namespace

std::string RunIdentity::describe() const {
  return "scenario " + scenario_hash + ", seed " + std::to_string(seed) + ", " +
         (network_hash.empty() ? "a generated network" : "network file " + network_hash);
}

RunIdentity run_identity(const Simulation& sim) {
  return {format_content_hash(fnv1a64(scenario_to_json(sim.initial_scenario()))),
          sim.initial_scenario().seed, sim.network_source().content_hash};
}

std::string run_identity_json(const RunIdentity& identity) {
  nlohmann::ordered_json j;
  j["scenario_hash"] = identity.scenario_hash;
  j["seed"] = identity.seed;
  j["network_hash"] = identity.network_hash;
  return j.dump(2, ' ', false, nlohmann::detail::error_handler_t::replace) + "\n";
}

RunIdentity parse_run_identity(std::string_view text, const std::string& label) {
  try {
    const auto j = nlohmann::json::parse(text.begin(), text.end());
    RunIdentity identity{j.at("scenario_hash").get<std::string>(), j.at("seed").get<std::uint64_t>(),
                         j.at("network_hash").get<std::string>()};
    if (identity.scenario_hash.size() > 64 || identity.network_hash.size() > 64) {
      throw std::invalid_argument("hash too long");
    }
    return identity;
  } catch (const std::exception&) {
    throw InputError(label + ": damaged: not the run identity socred writes (scenario_hash, "
                     "seed, network_hash)");
  }
}

void write_checkpoint(const fs::path& file, const Simulation& sim, const RecorderPosition& position,
                      const RunSettings& settings) {
  fs::path tmp = file;
  tmp += ".tmp";
  try {
    SectionWriter out(tmp);
    nlohmann::ordered_json run;
    run["command_line"] = settings.command_line;
    run["socred_version"] = settings.socred_version;
    run["git_revision"] = settings.git_revision;
    run["snapshot_every"] = settings.snapshot_every;
    run["checkpoint_every"] = settings.checkpoint_every;
    run["started"] = position.started;
    out.text("run", run.dump(-1, ' ', false, nlohmann::detail::error_handler_t::replace));
    out.text("run.identity", run_identity_json(run_identity(sim)));
    out.section("run.first_row", settings.first_row.values.data(), kMetricCount);
    out.section("run.totals", settings.totals.values.data(), kMetricCount);
    const std::uint64_t bytes[3] = {position.metrics_bytes, position.histogram_bytes,
                                    position.events_bytes};
    out.section("recorder.bytes", bytes, 3);
    out.section("recorder.resumed_at", position.resumed_at);

    const Simulation::Internals in = sim.internals();
    out.text("scenario.initial", scenario_to_json(sim.initial_scenario()));
    out.text("scenario.current", scenario_to_json(sim.scenario()));
    out.text("simulation.queued", events_json(sim.scenario(), in.queued));
    const std::uint64_t next_event = in.next_event;
    out.section("simulation.next_event", &next_event, 1);
    out.section("simulation.metrics", in.metrics.values.data(), kMetricCount);
    const std::uint8_t have_component = in.metrics_carry.have_component ? 1 : 0;
    out.section("simulation.component_share", &in.metrics_carry.component_share, 1);
    out.section("simulation.have_component", &have_component, 1);
    out.section("simulation.histogram", in.metrics_carry.histogram.counts.data(),
                ScoreHistogram::kBins);
    out.section("simulation.phase_seconds", in.times.seconds.data(), kPhaseCount);
    out.section("simulation.metrics_seconds", &in.metrics_seconds, 1);

    const NetworkSource& source = sim.network_source();
    out.text("network.description", source.description);
    out.section("network.original_ids", source.original_ids);
    const std::uint64_t dropped[2] = {source.dropped.self_loops, source.dropped.duplicates};
    out.section("network.dropped", dropped, 2);
    out.text("network.file", source.file);
    const std::uint64_t file_counts[2] = {source.lines, source.edges};
    out.section("network.file_counts", file_counts, 2);
    out.text("network.content_hash", source.content_hash);

    const World& w = sim.world();
    out.section("world.seed", &w.seed, 1);
    out.section("world.tick", &w.tick, 1);
    for_each_array(w, [&out](std::string_view name, const auto& v, Extent) {
      out.section("world." + std::string(name), v);
    });
    out.close();
  } catch (const OutputError&) {
    // A half-written temporary would take room the disk does not have; the previous
    // checkpoint is untouched.
    std::error_code ignored;
    fs::remove(tmp, ignored);
    throw;
  }
  std::error_code ec;
  fs::rename(tmp, file, ec);
  if (ec) {
    std::error_code ignored;
    fs::remove(tmp, ignored);
    throw OutputError(file, "move " + tmp.filename().string() + " there", ec.value());
  }
  sync_directory(file.parent_path());
}

}  // namespace socred

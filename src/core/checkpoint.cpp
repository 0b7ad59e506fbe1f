// Checkpoint files: writing them atomically, and reading them back as untrusted input.
//
// Sections: byte I/O and checksums | writing | reading sections | checking a world read
// from a file | reading a whole checkpoint.
#include "socred/checkpoint.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <cstdio>
#include <cstring>
#include <memory>
#include <nlohmann/json.hpp>
#include <type_traits>

#include "checkpoint_format.hpp"
#include "socred/errors.hpp"
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
    if (!f_) throw std::runtime_error(path.string() + ": cannot create the checkpoint");
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
    if (std::fseek(f_, 0, SEEK_SET) != 0) fail();
    put(bytes, kCheckpointHeaderBytes);
    if (std::fflush(f_) != 0 || ::fsync(::fileno(f_)) != 0) fail();
    if (std::fclose(f_) != 0) {
      f_ = nullptr;
      fail();
    }
    f_ = nullptr;
  }

 private:
  [[noreturn]] void fail() const {
    throw std::runtime_error(path_.string() + ": cannot write the checkpoint (disk full?)");
  }
  void put(const void* data, std::size_t bytes) {
    if (std::fwrite(data, 1, bytes, f_) != bytes) fail();
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

void fsync_directory(const fs::path& dir) {
  const int fd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

}  // namespace

void write_checkpoint(const fs::path& file, const Simulation& sim, const RecorderPosition& position,
                      const RunSettings& settings) {
  fs::path tmp = file;
  tmp += ".tmp";
  {
    SectionWriter out(tmp);
    nlohmann::ordered_json run;
    run["command_line"] = settings.command_line;
    run["socred_version"] = settings.socred_version;
    run["git_revision"] = settings.git_revision;
    run["snapshot_every"] = settings.snapshot_every;
    run["checkpoint_every"] = settings.checkpoint_every;
    run["started"] = position.started;
    out.text("run", run.dump(-1, ' ', false, nlohmann::detail::error_handler_t::replace));
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
  }
  std::error_code ec;
  fs::rename(tmp, file, ec);
  if (ec) {
    throw std::runtime_error("cannot move " + tmp.string() + " to " + file.string() + ": " +
                             ec.message());
  }
  fsync_directory(file.parent_path());
}

}  // namespace socred

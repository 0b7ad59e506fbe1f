// Reading checkpoints as untrusted input: the header, the length and the checksum are
// checked before anything is parsed; every section's size against what is left; then every
// index in the world against the arrays it points into, so that a file that passes cannot
// make a later tick read out of bounds.
#include <zlib.h>

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <memory>
#include <nlohmann/json.hpp>
#include <type_traits>

#include "socred/checkpoint.hpp"
#include "checkpoint_format.hpp"
#include "socred/errors.hpp"
#include "socred/input_file.hpp"
#include "socred/network.hpp"
#include "socred/phases.hpp"
#include "socred/scenario_io.hpp"

namespace socred {
namespace fs = std::filesystem;
namespace {

using detail::kCheckpointByteOrder;
using detail::kCheckpointHeaderBytes;
using detail::kCheckpointMagic;

// Where the bytes come from: a file read in chunks, or memory (tests, the fuzzer).
class Input {
 public:
  virtual ~Input() = default;
  virtual std::uint64_t size() const = 0;
  virtual void seek(std::uint64_t offset) = 0;
  virtual void read(void* into, std::size_t bytes) = 0;  // callers stay within size()
};

class FileInput final : public Input {
 public:
  FileInput(const fs::path& path, const std::string& label) : label_(label) {
    // A directory, a FIFO or /dev/zero is refused before anything is read.
    InputFile file(path);
    if (!file.ok()) throw InputError(label + ": " + file.problem());
    size_ = file.size();
    f_ = ::fdopen(file.fd(), "rb");
    if (!f_) throw InputError(label + ": cannot be read (" + std::strerror(errno) + ")");
    file.release();
  }
  ~FileInput() override { std::fclose(f_); }
  FileInput(const FileInput&) = delete;
  FileInput& operator=(const FileInput&) = delete;
  std::uint64_t size() const override { return size_; }
  void seek(std::uint64_t offset) override {
    if (::fseeko(f_, static_cast<off_t>(offset), SEEK_SET) != 0) fail();
  }
  void read(void* into, std::size_t bytes) override {
    if (bytes && std::fread(into, 1, bytes, f_) != bytes) fail();
  }

 private:
  [[noreturn]] void fail() const { throw InputError(label_ + ": read error"); }
  std::string label_;
  std::FILE* f_ = nullptr;
  std::uint64_t size_ = 0;
};

class MemoryInput final : public Input {
 public:
  explicit MemoryInput(std::string_view bytes) : bytes_(bytes) {}
  std::uint64_t size() const override { return bytes_.size(); }
  void seek(std::uint64_t offset) override { at_ = static_cast<std::size_t>(offset); }
  void read(void* into, std::size_t bytes) override {
    if (bytes) std::memcpy(into, bytes_.data() + at_, bytes);
    at_ += bytes;
  }

 private:
  std::string_view bytes_;
  std::size_t at_ = 0;
};

// The header, the length and the checksum; leaves `in` at the first section.
std::uint64_t check_envelope(Input& in, const std::string& label) {
  auto fail = [&](const std::string& why) { throw InputError(label + ": " + why); };
  unsigned char h[kCheckpointHeaderBytes] = {};
  in.read(h, static_cast<std::size_t>(std::min<std::uint64_t>(in.size(), kCheckpointHeaderBytes)));
  if (in.size() < 8 ? std::memcmp(h, kCheckpointMagic, in.size()) != 0
                    : std::memcmp(h, kCheckpointMagic, 8) != 0) {
    fail("not a socred checkpoint (it does not start with SOCREDCP)");
  }
  if (in.size() < kCheckpointHeaderBytes) {
    fail("truncated (" + std::to_string(in.size()) + " bytes; a checkpoint has at least " +
         std::to_string(kCheckpointHeaderBytes) + ")");
  }
  std::uint32_t version = 0, order = 0, payload_crc = 0, header_crc = 0;
  std::uint64_t payload = 0;
  std::memcpy(&version, h + 8, 4);
  std::memcpy(&order, h + 12, 4);
  std::memcpy(&payload, h + 16, 8);
  std::memcpy(&payload_crc, h + 24, 4);
  std::memcpy(&header_crc, h + 28, 4);
  // Fuzzing builds skip both checksums, so that the fuzzer reaches the sections.
#ifndef FUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION
  if (static_cast<std::uint32_t>(crc32_z(0, h, 28)) != header_crc) {
    fail("damaged header (checksum mismatch)");
  }
#endif
  if (order != kCheckpointByteOrder) fail("written on a machine with another byte order");
  if (version != kCheckpointVersion) {
    fail("checkpoint format version " + std::to_string(version) + "; this socred reads version " +
         std::to_string(kCheckpointVersion) +
         (version > kCheckpointVersion ? " (written by a newer socred)"
                                        : " (written by an older socred; start the run again)"));
  }
  const std::uint64_t have = in.size() - kCheckpointHeaderBytes;
  if (payload > have) {
    fail("truncated: the header promises " + std::to_string(payload) + " bytes of data, the file has " +
         std::to_string(have));
  }
  if (payload < have) {
    fail("damaged: " + std::to_string(have - payload) + " unexpected bytes after the data");
  }
  std::vector<unsigned char> chunk(static_cast<std::size_t>(std::min<std::uint64_t>(payload, 1 << 20)));
  std::uint32_t crc = 0;
  for (std::uint64_t left = payload; left > 0;) {
    const auto n = static_cast<std::size_t>(std::min<std::uint64_t>(left, chunk.size()));
    in.read(chunk.data(), n);
    crc = static_cast<std::uint32_t>(crc32_z(crc, chunk.data(), n));
    left -= n;
  }
#ifndef FUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION
  if (crc != payload_crc) fail("checksum mismatch: the file is damaged");
#endif
  in.seek(kCheckpointHeaderBytes);
  return payload;
}

// Reads sections in the order the writer wrote them, each checked for its name, element
// size and length before anything is allocated.
class SectionReader {
 public:
  SectionReader(Input& in, std::uint64_t payload, const std::string& label)
      : in_(in), left_(payload), label_(label) {}

  [[noreturn]] void fail(const std::string& why) const { throw InputError(label_ + ": " + why); }

  template <class T>
  std::vector<T> vector(std::string_view name) {
    static_assert(std::is_trivially_copyable_v<T>);
    const std::uint64_t count = open(name, sizeof(T));
    std::vector<T> v(static_cast<std::size_t>(count));
    take(v.data(), count * sizeof(T));
    return v;
  }
  template <class T>
  void array(std::string_view name, T* into, std::uint64_t count) {
    const auto v = vector<T>(name);
    if (v.size() != count) {
      fail("section \"" + std::string(name) + "\" has " + std::to_string(v.size()) +
           " values, expected " + std::to_string(count));
    }
    std::copy(v.begin(), v.end(), into);
  }
  template <class T>
  T scalar(std::string_view name) {
    T value{};
    array(name, &value, 1);
    return value;
  }
  std::string text(std::string_view name) {
    const auto v = vector<char>(name);
    return std::string(v.begin(), v.end());
  }
  void finish() const {
    if (left_ != 0) fail("damaged: " + std::to_string(left_) + " bytes after the last section");
  }
  std::string written_by;  // "socred 0.1.0 (abc123)", once known, for mismatch messages

 private:
  std::uint64_t open(std::string_view name, std::size_t element) {
    std::uint16_t name_bytes = 0;
    take(&name_bytes, 2);
    std::string found(name_bytes, '\0');
    take(found.data(), name_bytes);
    if (found != name) {
      fail("expected section \"" + std::string(name) + "\", found \"" + printable(found) +
           "\": damaged, or written by another build of socred" + written_by);
    }
    std::uint32_t size = 0;
    std::uint64_t count = 0;
    take(&size, 4);
    take(&count, 8);
    if (size != element) {
      fail("section \"" + found + "\" holds " + std::to_string(size) + "-byte values, this socred " +
           std::to_string(element) + "-byte ones: written by another build" + written_by);
    }
    if (count > left_ / element) {
      fail("section \"" + found + "\" claims " + std::to_string(count) + " values, more than the " +
           std::to_string(left_) + " bytes left: damaged");
    }
    return count;
  }
  void take(void* into, std::uint64_t bytes) {
    if (bytes > left_) fail("truncated inside a section: damaged");
    in_.read(into, static_cast<std::size_t>(bytes));
    left_ -= bytes;
  }
  static std::string printable(const std::string& s) {
    std::string out = s.substr(0, 40);
    for (char& c : out) {
      if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) >= 0x7f) c = '?';
    }
    return out;
  }

  Input& in_;
  std::uint64_t left_;
  std::string label_;
};

// ---------------------------------------------------------------------------------------
// A world from a file: every length and every index checked.

void check_world(const World& w, const SectionReader& r) {
  auto bad = [&r](const std::string& what) { r.fail("inconsistent world: " + what); };
  const std::uint64_t n = w.score.size();
  if (n >= kNoCitizen) bad("too many citizens");
  const std::uint64_t firms = w.firms.first.size();
  const std::uint64_t regions = w.regions.first.size();
  const std::uint64_t slots = w.friends.slots().size();
  for_each_array(w, [&](std::string_view name, const auto& v, Extent e) {
    const std::uint64_t want = e == Extent::citizens           ? n
                               : e == Extent::citizens_plus_one ? n + 1
                               : e == Extent::tie_slots         ? slots
                               : e == Extent::firms             ? firms
                                                                : regions;
    if (v.size() != want) {
      bad(std::string(name) + " has " + std::to_string(v.size()) + " values, expected " +
          std::to_string(want));
    }
  });
  for_each_array(w, [&](std::string_view name, const auto& v, Extent) {
    using T = typename std::decay_t<decltype(v)>::value_type;
    if constexpr (std::is_floating_point_v<T>) {
      for (const T x : v) {
        if (!std::isfinite(x)) bad(std::string(name) + " holds a value that is not a finite number");
      }
    }
  });
  // Amounts far beyond any economy overflow the floats they are added in (found by fuzzing:
  // a city's median income of 1e161 made incomes infinite, then a score NaN).
  constexpr double kMostYuan = 1e12;
  auto bounded = [&](const char* name, const auto& v) {
    for (const auto x : v) {
      if (!(std::fabs(static_cast<double>(x)) <= kMostYuan)) {
        bad(std::string(name) + " holds an amount beyond 10^12");
      }
    }
  };
  bounded("base_income", w.base_income);
  bounded("income", w.income);
  bounded("savings", w.savings);
  bounded("debt", w.debt);
  bounded("grievance", w.grievance);
  bounded("regions.median_income", w.regions.median_income);
  for (const PointEvents& p : w.points) {
    if (!std::isfinite(p.credit) || !std::isfinite(p.online) || !std::isfinite(p.civic)) {
      bad("points hold a value that is not a finite number");
    }
  }
  const auto& start = w.friends.starts();
  if (start[0] != 0 || start[n] != slots) bad("friend lists do not cover the tie slots");
  for (std::uint64_t i = 0; i < n; ++i) {
    if (start[i + 1] < start[i] || w.friends.degrees()[i] > start[i + 1] - start[i]) {
      bad("citizen " + std::to_string(i) + "'s friend list overflows its room");
    }
  }
  for (std::uint64_t i = 0; i < n; ++i) {
    for (CitizenId j : w.friends.friends(static_cast<CitizenId>(i))) {
      if (j >= n) bad("citizen " + std::to_string(i) + " has a friend beyond the last citizen");
    }
    if (w.firm[i] >= firms || w.region[i] >= regions) {
      bad("citizen " + std::to_string(i) + " works or lives somewhere that does not exist");
    }
    if (static_cast<unsigned>(w.occupation[i]) > 2 || w.education[i] > 3) {
      bad("citizen " + std::to_string(i) + " has an unknown occupation or education level");
    }
    for (CitizenId j : {w.drop_proposal[i], w.add_proposal[i]}) {
      if (j != kNoCitizen && j >= n) bad("a rewiring proposal names no citizen");
    }
  }
  for (std::uint64_t f = 0; f < firms; ++f) {
    if (std::uint64_t{w.firms.first[f]} + w.firms.size[f] > n || w.firms.region[f] >= regions) {
      bad("firm " + std::to_string(f) + " lies outside the society");
    }
  }
  for (std::uint64_t k = 0; k < regions; ++k) {
    if (std::uint64_t{w.regions.first[k]} + w.regions.size[k] > n) {
      bad("region " + std::to_string(k) + " lies outside the society");
    }
    // Incomes are scored relative to it (found by fuzzing: 0 made a score NaN).
    if (!(w.regions.median_income[k] > 0)) {
      bad("region " + std::to_string(k) + " has a median income that is not positive");
    }
  }
  try {
    check_invariants(w);
  } catch (const std::logic_error& e) {
    bad(e.what());
  }
}

Scenario scenario_section(SectionReader& r, std::string_view name, const std::string& label) {
  const LoadResult loaded = load_resolved_scenario(r.text(name), label);
  if (!loaded.ok()) {
    ScenarioError first = loaded.errors.front();
    first.file = name;  // str() keeps the error on one line whatever the keys hold
    r.fail(first.str());
  }
  return *loaded.scenario;
}

Checkpoint read_from(Input& input, const std::string& label) {
  const std::uint64_t payload = check_envelope(input, label);
  SectionReader r(input, payload, label);

  RunSettings settings;
  RecorderPosition position;
  try {
    const auto run = nlohmann::json::parse(r.text("run"));
    settings.command_line = run.at("command_line").get<std::string>();
    settings.socred_version = run.at("socred_version").get<std::string>();
    settings.git_revision = run.at("git_revision").get<std::string>();
    settings.snapshot_every = run.at("snapshot_every").get<std::int64_t>();
    settings.checkpoint_every = run.at("checkpoint_every").get<std::int64_t>();
    position.started = run.at("started").get<std::string>();
  } catch (const nlohmann::json::exception&) {
    r.fail("damaged: the run settings are not what socred writes");
  }
  if (settings.snapshot_every < 0 || settings.checkpoint_every < 0) r.fail("damaged: negative intervals");
  r.written_by = " (this one: socred " + settings.socred_version.substr(0, 40) + ")";
  const RunIdentity identity = parse_run_identity(r.text("run.identity"), label);
  r.array("run.first_row", settings.first_row.values.data(), kMetricCount);
  r.array("run.totals", settings.totals.values.data(), kMetricCount);
  std::uint64_t bytes[3];
  r.array("recorder.bytes", bytes, 3);
  position.metrics_bytes = bytes[0];
  position.histogram_bytes = bytes[1];
  position.events_bytes = bytes[2];
  position.resumed_at = r.vector<std::int64_t>("recorder.resumed_at");

  Scenario initial = scenario_section(r, "scenario.initial", label);
  Scenario current = scenario_section(r, "scenario.current", label);
  Simulation::Internals in;
  in.queued = scenario_section(r, "simulation.queued", label).events;
  const auto next_event = r.scalar<std::uint64_t>("simulation.next_event");
  if (next_event > initial.events.size()) r.fail("damaged: the next timeline event does not exist");
  in.next_event = static_cast<std::size_t>(next_event);
  r.array("simulation.metrics", in.metrics.values.data(), kMetricCount);
  in.metrics_carry.component_share = r.scalar<double>("simulation.component_share");
  in.metrics_carry.have_component = r.scalar<std::uint8_t>("simulation.have_component") != 0;
  r.array("simulation.histogram", in.metrics_carry.histogram.counts.data(), ScoreHistogram::kBins);
  r.array("simulation.phase_seconds", in.times.seconds.data(), kPhaseCount);
  in.metrics_seconds = r.scalar<double>("simulation.metrics_seconds");

  NetworkSource source;
  source.description = r.text("network.description");
  source.original_ids = r.vector<std::uint64_t>("network.original_ids");
  std::uint64_t dropped[2];
  r.array("network.dropped", dropped, 2);
  source.dropped = {dropped[0], dropped[1]};
  source.file = r.text("network.file");
  std::uint64_t file_counts[2];
  r.array("network.file_counts", file_counts, 2);
  source.lines = file_counts[0];
  source.edges = file_counts[1];
  source.content_hash = r.text("network.content_hash");

  World w;
  w.seed = r.scalar<std::uint64_t>("world.seed");
  w.tick = r.scalar<std::int64_t>("world.tick");
  for_each_array(w, [&r](std::string_view name, auto& v, Extent) {
    using T = typename std::decay_t<decltype(v)>::value_type;
    v = r.vector<T>("world." + std::string(name));
  });
  r.finish();
  check_world(w, r);
  if (w.seed != initial.seed || w.tick < 0 || w.tick > initial.ticks) {
    r.fail("inconsistent: the world's seed or week does not match its scenario");
  }
  if (!source.original_ids.empty() && source.original_ids.size() != w.size()) {
    r.fail("inconsistent: the network's original ids do not match the citizens");
  }
  Checkpoint c{Simulation(std::move(initial), std::move(current), std::move(w), std::move(source),
                          std::move(in)),
               std::move(position), std::move(settings)};
  // The identity it claims is the one of what it holds, or it was pieced together.
  if (!(run_identity(c.simulation) == identity)) {
    r.fail("inconsistent: it says it belongs to the run with " + identity.describe() +
           " but holds the run with " + run_identity(c.simulation).describe());
  }
  return c;
}

}  // namespace

Checkpoint read_checkpoint(const fs::path& file) {
  FileInput in(file, file.string());
  return read_from(in, file.string());
}

Checkpoint parse_checkpoint(std::string_view bytes, const std::string& label) {
  MemoryInput in(bytes);
  return read_from(in, label);
}

}  // namespace socred

// A run in progress: the parameters now in force (the scenario with its timeline events and
// any queued changes applied), the world, and what the last tick produced. The CLI and the
// GUI drive the same class, so they give the same numbers for the same scenario and seed.
//
// Parameter changes never happen inside a tick: timeline events and GUI edits are applied
// between ticks, at the start of `step()` (MuJoCo simulate's "pending actions").
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "socred/events.hpp"
#include "socred/metrics.hpp"
#include "socred/network.hpp"
#include "socred/phases.hpp"
#include "socred/scenario.hpp"
#include "socred/world.hpp"

namespace socred {

// Where the friendship network came from, for run.json and the GUI.
struct NetworkSource {
  std::string description;                  // "generated (homophilous)" or "file: path"
  std::vector<std::uint64_t> original_ids;  // empty when generated
  CleanStats dropped;
  std::string file;          // the edge list read, if any
  std::uint64_t lines = 0;   // lines in it
  std::uint64_t edges = 0;   // distinct ties kept
  std::string content_hash;  // format_content_hash() of its text
};

// How a tick is computed and its metrics collected. Without one, a Simulation computes every
// citizen itself; socred-mpi's engine computes one rank's citizens and exchanges the rest, so
// the CLI's run loop, recorder and timeline drive a distributed society unchanged.
class TickEngine {
 public:
  virtual ~TickEngine() = default;
  virtual void tick(const Scenario& s, World& w, TickEvents& ev, PhaseTimes& times) = 0;
  virtual MetricsRow collect(MetricsCollector& collector, const Scenario& s, const World& w,
                             const TickEvents& ev) = 0;
};

class Simulation {
 public:
  // What step() needs besides the scenario and the world to continue exactly as an
  // uninterrupted run would (checkpoints save and restore it).
  struct Internals {
    std::size_t next_event = 0;         // first timeline event not yet applied
    std::vector<TimelineEvent> queued;  // changes waiting for the next tick
    MetricsCollector::Carry metrics_carry;
    MetricsRow metrics;                 // the last tick's row
    PhaseTimes times;
    double metrics_seconds = 0;
  };

  // Builds the society (reading scenario.network.file when the generator is "file").
  // Throws InputError for an unreadable network file.
  explicit Simulation(const Scenario& scenario);
  // Uses an edge list already read (e.g. from --network).
  Simulation(const Scenario& scenario, EdgeListReport network, std::string description);
  // Adopts an existing world (tests): timeline events up to the world's tick are applied.
  Simulation(const Scenario& scenario, World world, NetworkSource source);
  // Continues a saved run exactly: `current` is the scenario in force (timeline events and
  // changes applied); nothing is re-applied or recomputed.
  Simulation(Scenario initial, Scenario current, World world, NetworkSource source,
             Internals internals);

  const Scenario& initial_scenario() const { return initial_; }
  const Scenario& scenario() const { return current_; }
  const World& world() const { return world_; }
  World& mutable_world() { return world_; }
  std::int64_t tick() const { return world_.tick; }
  const NetworkSource& network_source() const { return source_; }

  // Queues a change for the next tick. Returns an error ("expected ...") or an empty string.
  std::string queue_change(const std::string& path, const FieldValue& value,
                           const std::string& note);

  // Applies due timeline events and queued changes, runs one tick, collects metrics.
  void step();

  // Ticks from now on are computed by `engine` (not owned; nullptr: by this machine alone).
  void set_engine(TickEngine* engine) { engine_ = engine; }

  const TickEvents& events() const { return events_; }
  const MetricsRow& metrics() const { return metrics_; }
  const ScoreHistogram& histogram() const { return collector_.histogram(); }
  const PhaseTimes& phase_times() const { return times_; }
  double metrics_seconds() const { return metrics_seconds_; }
  Internals internals() const;

 private:
  void apply_due_changes();
  void collect();

  Scenario initial_;
  Scenario current_;
  World world_;
  NetworkSource source_;
  std::size_t next_event_ = 0;
  std::vector<TimelineEvent> queued_;
  TickEvents events_;
  MetricsCollector collector_;
  MetricsRow metrics_;
  PhaseTimes times_;
  double metrics_seconds_ = 0;
  TickEngine* engine_ = nullptr;
};

}  // namespace socred

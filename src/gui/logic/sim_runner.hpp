// The simulation's worker thread, so that the window never waits for a tick.
//
// The window sends commands (load, play, step, change a parameter, select a citizen); the
// worker owns the one Simulation (the same class `socred run` drives, so the same scenario and
// seed give the same numbers), applies commands between ticks, and after every tick publishes
// a SocietyView that the window takes with `take()`. Parameter changes go through
// Simulation::queue_change: they apply from the next tick and become SocietyEvents.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "history.hpp"
#include "society_view.hpp"
#include "socred/scenario_schema.hpp"
#include "socred/simulation.hpp"

namespace socred::gui {

struct RunnerSettings {
  int threads = 1;                               // OpenMP threads for the simulation
  std::size_t draw_limit = kDefaultDrawLimit;    // citizens drawn before sampling
  std::size_t history_bytes = std::size_t{192} << 20;  // dossier history budget
  double speed = 20;                             // weeks per second (0: as fast as possible)
};

// Checks a change as Simulation::queue_change will: the field exists, may change during a
// run, and the value fits. Returns the value to queue, or the error.
CheckedValue check_runtime_change(const std::string& path, const FieldValue& value);

class SimRunner {
 public:
  explicit SimRunner(RunnerSettings settings);
  ~SimRunner();
  SimRunner(const SimRunner&) = delete;
  SimRunner& operator=(const SimRunner&) = delete;

  // Builds a new society from `scenario` (paused at week 0). `source` names it for people.
  void load(Scenario scenario, std::string source);
  void play(bool on);
  // Runs `weeks` more weeks, then stops; `advance_to` runs until week `tick`.
  void advance(std::int64_t weeks);
  void advance_to(std::int64_t tick);
  void set_speed(double weeks_per_second);
  // Queues a parameter change for the next tick, or, with `at_week`, for when the run reaches
  // that week (as if made in the window then). Returns an error, or "" when queued.
  std::string change(const std::string& path, const FieldValue& value, const std::string& note,
                     std::int64_t at_week = -1);
  // The citizen whose dossier each published view carries (kNoCitizen: none).
  void select(CitizenId citizen);

  // Replaces `view` with the newest published copy, if there is one it has not seen.
  bool take(SocietyView& view);

  // Waits until there is nothing to do (not playing, commands done, target week reached).
  bool wait_until_idle(std::chrono::milliseconds timeout);

 private:
  // Commands apply in the order they were given, between ticks.
  struct Command {
    enum class Kind { load, change, select, play, advance, advance_to, speed } kind;
    Scenario scenario;
    std::string text;  // source of a load, path of a change
    FieldValue value;
    std::string note;
    CitizenId citizen = kNoCitizen;
    double number = 0;  // weeks, a week, or a speed
  };

  void send(Command command);

  void work();
  void handle(Command& command);
  void load_now(Command& command);
  void tick_now();
  void publish(bool new_generation);
  void queue_now(const Command& change);
  void queue_due_changes();
  bool idle_locked() const;

  const RunnerSettings settings_;

  // Shared with the window's thread, under mutex_.
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::condition_variable idle_;
  std::deque<Command> commands_;
  bool quit_ = false;
  bool busy_ = false;
  bool playing_ = false;
  bool building_ = false;
  bool have_sim_ = false;
  double speed_;
  std::int64_t tick_ = 0;  // the worker's week, mirrored for scheduling
  std::int64_t target_ = 0;
  SocietyView published_;
  bool fresh_ = false;  // published_ not taken yet
  std::uint64_t version_ = 0;

  // The worker's own.
  std::optional<Simulation> sim_;
  std::string source_;
  std::string load_error_;
  std::uint64_t generation_ = 0;
  DrawnSet drawn_;
  CitizenHistory history_;
  Scenario intended_;  // in force plus queued changes
  std::vector<std::pair<std::string, FieldValue>> queued_;
  std::vector<TimelineEvent> user_changes_;
  std::vector<Command> scheduled_;  // changes waiting for their week, in week order
  ScoreHistogram initial_histogram_;
  CitizenId selected_ = kNoCitizen;
  std::vector<MetricsRow> pending_rows_;
  std::vector<SocietyEvent> pending_events_;
  SocietyView staging_;
  double weeks_per_second_ = 0;
  std::int64_t rate_ticks_ = 0;
  std::chrono::steady_clock::time_point rate_start_;

  std::thread thread_;  // last: starts once everything above exists
};

}  // namespace socred::gui

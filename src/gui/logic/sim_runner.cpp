#include "sim_runner.hpp"

#include <omp.h>
#include <spdlog/spdlog.h>

#include <algorithm>

#include "socred/scenario_schema.hpp"

namespace socred::gui {

using Clock = std::chrono::steady_clock;

CheckedValue check_runtime_change(const std::string& path, const FieldValue& value) {
  const FieldSpec* field = find_field(path);
  if (!field) return {std::nullopt, "unknown parameter \"" + path + "\""};
  if (!field->runtime) return {std::nullopt, "\"" + path + "\" cannot change during a run"};
  return check_field_value(*field, value);
}

SimRunner::SimRunner(RunnerSettings settings)
    : settings_(settings), speed_(settings.speed), thread_([this] { work(); }) {}

SimRunner::~SimRunner() {
  {
    std::lock_guard lock(mutex_);
    quit_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

// ---------------------------------------------------------------------------------------
// Commands from the window

void SimRunner::send(Command command) {
  std::lock_guard lock(mutex_);
  commands_.push_back(std::move(command));
  wake_.notify_all();
}

void SimRunner::load(Scenario scenario, std::string source) {
  send({Command::Kind::load, std::move(scenario), std::move(source), {}, {}, kNoCitizen, 0});
}

void SimRunner::play(bool on) {
  send({Command::Kind::play, {}, {}, {}, {}, kNoCitizen, on ? 1.0 : 0.0});
}

void SimRunner::advance(std::int64_t weeks) {
  send({Command::Kind::advance, {}, {}, {}, {}, kNoCitizen, static_cast<double>(weeks)});
}

void SimRunner::advance_to(std::int64_t tick) {
  send({Command::Kind::advance_to, {}, {}, {}, {}, kNoCitizen, static_cast<double>(tick)});
}

void SimRunner::set_speed(double weeks_per_second) {
  send({Command::Kind::speed, {}, {}, {}, {}, kNoCitizen, weeks_per_second});
}

std::string SimRunner::change(const std::string& path, const FieldValue& value,
                              const std::string& note, std::int64_t at_week) {
  CheckedValue checked = check_runtime_change(path, value);
  if (!checked.value) return checked.error;
  send({Command::Kind::change, {}, path, *checked.value, note, kNoCitizen,
        static_cast<double>(at_week)});
  return {};
}

void SimRunner::select(CitizenId citizen) {
  send({Command::Kind::select, {}, {}, {}, {}, citizen, 0});
}

bool SimRunner::take(SocietyView& view) {
  std::lock_guard lock(mutex_);
  if (!fresh_) return false;
  std::swap(view, published_);
  fresh_ = false;
  return true;
}

bool SimRunner::idle_locked() const {
  return !busy_ && commands_.empty() && !playing_ && !(have_sim_ && tick_ < target_);
}

bool SimRunner::wait_until_idle(std::chrono::milliseconds timeout) {
  std::unique_lock lock(mutex_);
  return idle_.wait_for(lock, timeout, [this] { return idle_locked(); });
}

// ---------------------------------------------------------------------------------------
// The worker

void SimRunner::work() {
  // The thread's own OpenMP team size; results do not depend on it.
  omp_set_num_threads(std::max(settings_.threads, 1));
  Clock::time_point next_due = Clock::now();
  for (;;) {
    std::optional<Command> command;
    {
      std::unique_lock lock(mutex_);
      busy_ = false;
      for (;;) {
        if (quit_) return;
        if (!commands_.empty()) {
          command = std::move(commands_.front());
          commands_.pop_front();
          break;
        }
        if (have_sim_ && tick_ < target_) break;
        if (have_sim_ && playing_) {
          const auto now = Clock::now();
          if (speed_ <= 0 || now >= next_due) {
            // Pace from the due time, not from now (a steady rate), but after a pause or a
            // slow tick start afresh rather than catch up in a burst.
            const auto period = std::chrono::duration_cast<Clock::duration>(
                std::chrono::duration<double>(speed_ > 0 ? 1.0 / speed_ : 0.0));
            next_due = (now - next_due > period ? now : next_due) + period;
            break;
          }
          wake_.wait_until(lock, next_due);
          continue;
        }
        idle_.notify_all();
        wake_.wait(lock);
      }
      busy_ = true;
    }
    if (command) {
      handle(*command);
    } else {
      tick_now();
    }
  }
}

void SimRunner::handle(Command& command) {
  switch (command.kind) {
    case Command::Kind::load:
      load_now(command);
      return;
    case Command::Kind::change:
      if (!sim_) return;
      if (command.number > static_cast<double>(sim_->tick())) {
        const auto later = std::upper_bound(
            scheduled_.begin(), scheduled_.end(), command.number,
            [](double week, const Command& c) { return week < c.number; });
        scheduled_.insert(later, command);
        return;
      }
      queue_now(command);
      publish(false);
      return;
    case Command::Kind::select:
      selected_ = command.citizen;
      publish(false);
      return;
    case Command::Kind::play:
    case Command::Kind::advance:
    case Command::Kind::advance_to:
    case Command::Kind::speed: {
      std::lock_guard lock(mutex_);
      const auto weeks = static_cast<std::int64_t>(command.number);
      if (command.kind == Command::Kind::play) {
        playing_ = command.number != 0;
        if (!playing_) target_ = std::min(target_, tick_);
      } else if (command.kind == Command::Kind::advance) {
        target_ = std::max(target_, tick_) + std::max<std::int64_t>(weeks, 0);
      } else if (command.kind == Command::Kind::advance_to) {
        target_ = std::max(target_, weeks);
      } else {
        speed_ = std::max(command.number, 0.0);
      }
    }
      publish(false);
      return;
  }
}

void SimRunner::queue_now(const Command& change) {
  if (auto error = sim_->queue_change(change.text, change.value, change.note); !error.empty()) {
    spdlog::warn("change refused: {}", error);
    return;
  }
  find_field(change.text)->set(intended_, change.value);
  queued_.emplace_back(change.text, change.value);
  user_changes_.push_back({sim_->tick() + 1, {{change.text, change.value}}, change.note});
}

void SimRunner::queue_due_changes() {
  const auto now = static_cast<double>(sim_->tick());
  auto due = scheduled_.begin();
  while (due != scheduled_.end() && due->number <= now) queue_now(*due++);
  scheduled_.erase(scheduled_.begin(), due);
}

void SimRunner::load_now(Command& command) {
  {
    std::lock_guard lock(mutex_);
    building_ = true;
  }
  publish(false);
  std::optional<Simulation> fresh;
  try {
    fresh.emplace(command.scenario);
  } catch (const std::exception& e) {
    load_error_ = command.text + ": " + e.what();
    spdlog::error("{}", load_error_);
    {
      std::lock_guard lock(mutex_);
      building_ = false;
    }
    publish(false);
    return;
  }
  sim_.swap(fresh);
  fresh.reset();
  load_error_.clear();
  source_ = command.text;
  ++generation_;
  drawn_ = choose_drawn(sim_->world(), settings_.draw_limit);
  history_.reset(drawn_.members.size(), settings_.history_bytes);
  history_.record(sim_->world(), drawn_.members);
  intended_ = sim_->scenario();
  queued_.clear();
  user_changes_.clear();
  scheduled_.clear();
  initial_histogram_ = sim_->histogram();
  if (selected_ != kNoCitizen && selected_ >= sim_->world().size()) selected_ = kNoCitizen;
  pending_rows_.assign(1, sim_->metrics());
  pending_events_.clear();
  weeks_per_second_ = 0;
  rate_ticks_ = 0;
  rate_start_ = Clock::now();
  {
    std::lock_guard lock(mutex_);
    have_sim_ = true;
    building_ = false;
    playing_ = false;
    tick_ = 0;
    target_ = 0;
  }
  spdlog::info("{}: {} citizens, {} drawn", source_, sim_->world().size(), drawn_.members.size());
  publish(true);
}

void SimRunner::tick_now() {
  sim_->step();
  history_.record(sim_->world(), drawn_.members);
  pending_rows_.push_back(sim_->metrics());
  const auto& society = sim_->events().society;
  pending_events_.insert(pending_events_.end(), society.begin(), society.end());
  queued_.clear();
  intended_ = sim_->scenario();
  queue_due_changes();

  // Weeks per second, over windows of half a second.
  ++rate_ticks_;
  const double elapsed = std::chrono::duration<double>(Clock::now() - rate_start_).count();
  if (elapsed >= 0.5) {
    weeks_per_second_ = static_cast<double>(rate_ticks_) / elapsed;
    rate_ticks_ = 0;
    rate_start_ = Clock::now();
  }
  {
    std::lock_guard lock(mutex_);
    tick_ = sim_->tick();
  }
  publish(false);
}

void SimRunner::publish(bool new_generation) {
  // Fill the staging copy without the lock; the window only waits for the swap.
  SocietyView& v = staging_;
  v.new_rows = std::move(pending_rows_);
  v.new_events = std::move(pending_events_);
  pending_rows_.clear();
  pending_events_.clear();
  v.load_error = load_error_;
  v.generation = generation_;
  v.dossier.reset();
  if (sim_) {
    const World& w = sim_->world();
    v.source = source_;
    v.initial = sim_->initial_scenario();
    v.scenario = intended_;
    v.queued = queued_;
    v.user_changes = user_changes_;
    v.tick = sim_->tick();
    copy_drawn_state(w, drawn_, v);
    v.metrics = sim_->metrics();
    v.histogram = sim_->histogram();
    v.initial_histogram = initial_histogram_;
    v.weeks_per_second = weeks_per_second_;
    if (selected_ != kNoCitizen && selected_ < w.size()) {
      const std::uint32_t member = drawn_.index_of[selected_];
      const auto moments = member == kNotDrawn ? std::vector<Moment>{} : history_.of(member);
      v.dossier = build_dossier(sim_->scenario(), w, selected_, moments, history_.first_tick());
    }
  }

  std::lock_guard lock(mutex_);
  if (fresh_ && !new_generation) {
    // The window has not taken the previous copy: keep its rows and events in front.
    v.new_rows.insert(v.new_rows.begin(), published_.new_rows.begin(), published_.new_rows.end());
    v.new_events.insert(v.new_events.begin(), published_.new_events.begin(),
                        published_.new_events.end());
  }
  v.version = ++version_;
  v.building = building_;
  v.playing = playing_;
  std::swap(published_, staging_);
  fresh_ = true;
}

}  // namespace socred::gui

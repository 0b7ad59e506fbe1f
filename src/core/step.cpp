// The tick: phases in order, the synchronous swap, and the invariants checked after it.
#include <chrono>
#include <cmath>
#include <stdexcept>
#include <string>

#include "socred/phases.hpp"

namespace socred {

std::string_view phase_name(Phase p) {
  static constexpr std::string_view names[] = {"policies", "behaviour", "scoring", "contagion",
                                               "adaptation"};
  return names[static_cast<std::size_t>(p)];
}

std::string_view policy_name(Policy p) {
  static constexpr std::string_view names[] = {
      "travel_ban", "luxury_ban", "internet_throttling", "surcharges", "job_exclusion",
      "social_security_loss", "customs", "school_ban", "firm_sanctions", "rewards", "published"};
  return names[static_cast<std::size_t>(p)];
}

std::string_view factor_name(Factor f) {
  static constexpr std::string_view names[] = {
      "credit_history", "fulfilment", "behaviour", "identity",  "baseline", "court_blacklist",
      "online_conduct", "civic_acts", "friends",   "colleagues", "bounds"};
  return names[static_cast<std::size_t>(f)];
}

std::string_view spending_name(Spending s) {
  static constexpr std::string_view names[] = {"necessities", "children", "education", "luxury",
                                               "games", "alcohol_tobacco", "travel", "charity"};
  return names[static_cast<std::size_t>(s)];
}

TickCounts& TickCounts::operator+=(const TickCounts& o) {
  for (std::size_t k = 0; k < kPolicyCount; ++k) {
    restricted[k] += o.restricted[k];
    newly_restricted[k] += o.newly_restricted[k];
  }
  for (std::size_t k = 0; k < kSpendingCount; ++k) spending[k] += o.spending[k];
  std::uint64_t* mine[] = {
      &restricted_any,  &jobs_excluded,   &firms_sanctioned, &trips_attempted, &trips_blocked,
      &flights_blocked, &trains_blocked,  &customs_held,     &luxury_refused,  &school_refused,
      &surcharges_paid, &benefits_withheld, &with_debt,      &missed_payments, &listed,
      &delisted,        &loans,           &loans_refused,    &jobs_lost,       &jobs_found,
      &posts,           &dissent_posts,   &rumour_posts,     &approving_posts, &posts_penalised,
      &civic_acts,      &ties_dropped,    &ties_added,       &ties_refused_full,
      &ties_lapsed};
  const std::uint64_t* theirs[] = {
      &o.restricted_any,  &o.jobs_excluded,  &o.firms_sanctioned, &o.trips_attempted,
      &o.trips_blocked,   &o.flights_blocked, &o.trains_blocked,  &o.customs_held,
      &o.luxury_refused,  &o.school_refused, &o.surcharges_paid,  &o.benefits_withheld,
      &o.with_debt,       &o.missed_payments, &o.listed,          &o.delisted,
      &o.loans,           &o.loans_refused,  &o.jobs_lost,        &o.jobs_found,
      &o.posts,           &o.dissent_posts,  &o.rumour_posts,     &o.approving_posts,
      &o.posts_penalised, &o.civic_acts,     &o.ties_dropped,     &o.ties_added,
      &o.ties_refused_full, &o.ties_lapsed};
  static_assert(std::size(mine) == std::size(theirs));
  for (std::size_t k = 0; k < std::size(mine); ++k) *mine[k] += *theirs[k];
  return *this;
}

void step(const Scenario& s, World& w, TickEvents& ev, PhaseTimes* times) {
  using Clock = std::chrono::steady_clock;
  ev.counts = {};
  ++w.tick;
  auto timed = [&](Phase phase, auto&& run) {
    const auto start = Clock::now();
    run(s, w, ev);
    if (times) {
      times->seconds[static_cast<std::size_t>(phase)] +=
          std::chrono::duration<double>(Clock::now() - start).count();
    }
  };
  // Lambdas: the phase functions have a default range argument.
  timed(Phase::policies, [](auto&... a) { apply_policies(a...); });
  timed(Phase::behaviour, [](auto&... a) { behave(a...); });
  timed(Phase::scoring, [](auto&... a) { score_citizens(a...); });
  timed(Phase::contagion, [](auto&... a) { spread_scores(a...); });
  timed(Phase::adaptation, [](auto&... a) { adapt(a...); });
  w.score.swap(w.score_next);
#ifndef NDEBUG
  check_invariants(w);
#endif
}

void check_invariants(const World& w, CitizenRange range) {
  auto fail = [&](std::size_t i, const char* field, double value) {
    throw std::logic_error("invariant broken at tick " + std::to_string(w.tick) + ": citizen " +
                           std::to_string(i) + " has " + field + " = " + std::to_string(value));
  };
  auto in_unit = [](double x) { return std::isfinite(x) && x >= 0.0 && x <= 1.0; };
  range = within(range, w);
  for (std::size_t i = range.begin; i < range.end; ++i) {
    const double s = w.score[i];
    if (!std::isfinite(s) || s < kMinScore || s > kMaxScore) fail(i, "score", s);
    if (!std::isfinite(w.income[i]) || w.income[i] < 0) fail(i, "income", w.income[i]);
    if (!std::isfinite(w.savings[i]) || w.savings[i] < 0) fail(i, "savings", w.savings[i]);
    if (!std::isfinite(w.debt[i]) || w.debt[i] < 0) fail(i, "debt", w.debt[i]);
    if (!in_unit(w.credit_history[i])) fail(i, "credit_history", w.credit_history[i]);
    if (!in_unit(w.behaviour_record[i])) fail(i, "behaviour_record", w.behaviour_record[i]);
    if (!in_unit(w.knowledge[i])) fail(i, "knowledge", w.knowledge[i]);
    if (!in_unit(w.self_censorship[i])) fail(i, "self_censorship", w.self_censorship[i]);
    if (!std::isfinite(w.grievance[i]) || w.grievance[i] < 0) fail(i, "grievance", w.grievance[i]);
    if (w.friends.degree(static_cast<CitizenId>(i)) > w.friends.capacity(static_cast<CitizenId>(i))) {
      fail(i, "degree", w.friends.degree(static_cast<CitizenId>(i)));
    }
  }
}

std::size_t World::memory_bytes() const {
  std::size_t total = 0;
  for_each_array(*this, [&total](std::string_view, const auto& v, Extent) {
    total += v.capacity() * sizeof(v[0]);
  });
  return total;
}

}  // namespace socred

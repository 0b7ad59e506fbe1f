// What a tick produced, as data (Box2D v3's event arrays, not callbacks): counts of what
// happened to citizens and the society-level events (policy changes) of the tick. The
// recorder, the GUI and tests read them after the step.
#pragma once

#include <array>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "socred/world.hpp"

namespace socred {

__extension__ typedef __int128 Int128;  // GCC and Clang; pedantic mode needs __extension__

// A sum of doubles that is exact to 2^-24 and independent of the order of additions:
// each term is rounded to a fixed-point integer, so partial sums from any number of
// threads (or MPI ranks) combine to the same bits.
class ExactSum {
 public:
  // Rounds half away from zero, inline (std::llround is an out-of-line libm call, and this
  // runs for every citizen every tick).
  void add(double x) {
    double scaled = x * kScale;
    // Beyond int64 (or NaN) only from damaged input (a fuzzed checkpoint): saturate, do not
    // convert out of range (undefined behaviour).
    if (!(std::fabs(scaled) < 9.2e18)) scaled = scaled > 0 ? 9.2e18 : -9.2e18;
    total_ += static_cast<Int128>(static_cast<std::int64_t>(scaled + (scaled < 0 ? -0.5 : 0.5)));
  }
  void add_scaled(Int128 raw) { total_ += raw; }
  ExactSum& operator+=(const ExactSum& o) {
    total_ += o.total_;
    return *this;
  }
  double value() const { return static_cast<double>(total_) / kScale; }
  Int128 raw() const { return total_; }

 private:
  static constexpr double kScale = 16777216.0;  // 2^24: terms up to about 5e11 fit
  Int128 total_ = 0;
};

enum class Spending : std::uint8_t {
  necessities,
  children,
  education,  // books and private school
  luxury,
  games,
  alcohol_tobacco,
  travel,
  charity,
  count
};
inline constexpr std::size_t kSpendingCount = static_cast<std::size_t>(Spending::count);
std::string_view spending_name(Spending s);

// Counts of one tick. Integer counts and ExactSums only, so any thread split adds up to the
// same numbers.
struct TickCounts {
  std::array<std::uint64_t, kPolicyCount> restricted{};
  std::array<std::uint64_t, kPolicyCount> newly_restricted{};
  std::uint64_t restricted_any = 0;
  std::uint64_t jobs_excluded = 0;
  std::uint64_t firms_sanctioned = 0;

  std::uint64_t trips_attempted = 0;
  std::uint64_t trips_blocked = 0;
  std::uint64_t flights_blocked = 0;
  std::uint64_t trains_blocked = 0;
  std::uint64_t customs_held = 0;
  std::uint64_t luxury_refused = 0;
  std::uint64_t school_refused = 0;
  std::uint64_t surcharges_paid = 0;
  std::uint64_t benefits_withheld = 0;

  std::uint64_t with_debt = 0;
  std::uint64_t missed_payments = 0;
  std::uint64_t listed = 0;
  std::uint64_t delisted = 0;
  std::uint64_t loans = 0;
  std::uint64_t loans_refused = 0;
  std::uint64_t jobs_lost = 0;
  std::uint64_t jobs_found = 0;

  std::uint64_t posts = 0;
  std::uint64_t dissent_posts = 0;
  std::uint64_t rumour_posts = 0;
  std::uint64_t approving_posts = 0;
  std::uint64_t posts_penalised = 0;
  std::uint64_t civic_acts = 0;

  std::uint64_t ties_dropped = 0;  // by choice (a low score, a published name)
  std::uint64_t ties_lapsed = 0;   // drifting apart, whatever the scores
  std::uint64_t ties_added = 0;
  std::uint64_t ties_refused_full = 0;

  std::array<ExactSum, kSpendingCount> spending{};

  TickCounts& operator+=(const TickCounts& o);
};

// A society-level event: a policy change (timeline or GUI), with the tick it took effect.
struct SocietyEvent {
  std::int64_t tick = 0;
  std::string kind;    // "policy_change", "timeline", ...
  std::string detail;  // "policies.travel_ban.enabled = true"
  std::string note;    // the scenario's or user's note
};

struct TickEvents {
  TickCounts counts;
  std::vector<SocietyEvent> society;
  void clear() {
    counts = {};
    society.clear();
  }
};

}  // namespace socred

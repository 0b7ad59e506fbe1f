// A tick is a sequence of named phases, each a free function of (parameters, state, events)
// that can be run and tested alone. `step` runs them in order.
//
//   1. apply_policies   restrictions and rewards from last tick's scores, job exclusion
//   2. behave           jobs, income, purchases, debt, court listing, posts, trips, civic acts
//   3. score_citizens   the opaque scoring module: each citizen's own score
//   4. spread_scores    contagion: friends' and colleagues' scores pull on one's own
//   5. adapt            learning, self-censorship, dropping and making friends
//
// Phases read last tick's scores (`World::score`) and write the next (`score_next`); the
// buffers swap at the end of the step (a synchronous update).
#pragma once

#include <array>
#include <vector>

#include "socred/events.hpp"
#include "socred/partition.hpp"
#include "socred/scenario.hpp"
#include "socred/world.hpp"

namespace socred {

enum class Phase : std::uint8_t { policies, behaviour, scoring, contagion, adaptation, count };
inline constexpr std::size_t kPhaseCount = static_cast<std::size_t>(Phase::count);
std::string_view phase_name(Phase p);

// Wall seconds spent in each phase, accumulated over steps.
struct PhaseTimes {
  std::array<double, kPhaseCount> seconds{};
};

// Each phase can run over a range of citizens that starts and ends at firm boundaries (as
// partition_by_city's ranges do): it writes only those citizens and their firms, reads others'
// state only where a friend's is read, keys random numbers by global id, and adds its counts
// to `ev`. Running a phase over every range of a partition, one after another, before the next
// phase, gives the bits of the whole loop: the basis of splitting a society across machines.
void apply_policies(const Scenario& s, World& w, TickEvents& ev, CitizenRange range = kAllCitizens);
void behave(const Scenario& s, World& w, TickEvents& ev, CitizenRange range = kAllCitizens);
void score_citizens(const Scenario& s, World& w, TickEvents& ev, CitizenRange range = kAllCitizens);
void spread_scores(const Scenario& s, World& w, TickEvents& ev, CitizenRange range = kAllCitizens);
void adapt(const Scenario& s, World& w, TickEvents& ev);

// adapt's three steps. Learning needs to know whether anyone's post was penalised this tick,
// anywhere (the society's posts_penalised count); proposals read friends' settled knowledge
// and new scores, so every range learns before any proposes; proposals are applied one
// citizen after another in global order (a tie's fate depends on the decisions before it).
void adapt_learn(const Scenario& s, World& w, TickEvents& ev, CitizenRange range, bool anyone_penalised);
void adapt_propose(const Scenario& s, World& w, TickEvents& ev, CitizenRange range);
void adapt_apply(const Scenario& s, World& w, TickEvents& ev);

// Whom the citizens of `range` meet this week (a friend of a friend, a colleague, someone in
// the city), as adapt_propose will draw them: besides friends, the only citizens whose
// knowledge, new score and restrictions a range's proposals read. Needs the ties and the
// range's own state only, so a distributed run can fetch those citizens before proposing.
void adapt_meetings(const Scenario& s, const World& w, CitizenRange range,
                    std::vector<CitizenId>& met);

// Firm scores from last tick's scores: compliance mixed with the employed, scored staff's
// mean (scoring.contagion.firm_compliance_weight). Part of spread_scores; also used when a
// society is built.
void update_firm_scores(const Scenario& s, World& w, FirmRange firms);
void update_firm_scores(const Scenario& s, World& w);

// Advances the world by one tick: w.tick is incremented first, so during the phases it is
// the number of the tick being computed (1 for the first step).
void step(const Scenario& s, World& w, TickEvents& ev, PhaseTimes* times = nullptr);

// Throws std::logic_error naming the citizen and field when a value is NaN or out of range.
// Run after every tick in debug builds (by a distributed run, over the rank's own citizens).
void check_invariants(const World& w, CitizenRange range = kAllCitizens);

}  // namespace socred

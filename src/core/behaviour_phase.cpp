// Phase 2: what citizens do in a week. Jobs and income, purchases through the payment
// platform, debt repayment or default, the courts' blacklist, online posts, trips and civic
// acts. Restrictions set in phase 1 bite here: a blocked trip, a refused luxury purchase,
// a surcharge or withheld benefit that tips a budget into default.
//
// Every decision reads a fixed random slot (see rng.hpp), so a policy change does not shift
// the draws of unrelated decisions.
#include <algorithm>
#include <cmath>

#include "parallel.hpp"
#include "socred/phases.hpp"
#include "socred/rng.hpp"
#include "socred/scoring.hpp"

namespace socred {
namespace {

// Random slots of the behaviour stream. Philox yields four slots per block and a block is
// computed only when one of its slots is read, so the draws every citizen needs every week
// come first (blocks 0-2) and the rare ones (a trip's details, the school year, a loan's size)
// after them.
enum Slot : std::uint32_t {
  kJob = 0,
  kWageNoise = 1,  // and 2
  kLuxury = 3,
  kGames = 4,
  kAlcohol = 5,
  kBooks = 6,
  kCharity = 7,
  kTrip = 8,
  kBorrow = 9,
  kCivic = 10,
  kSchool = 12,
  kLuxuryBlock = 13,
  kTripMode = 14,
  kTripAbroad = 15,
  kTripBlock = 16,
  kCustoms = 17,
  kLoanSize = 18,
};

// Slots of the posts stream: the number of posts, then one draw per post for its kind; the
// rarer draws of dissenting posts (rumour or not, detected or not) sit further on.
constexpr std::uint32_t kPostCount = 0;
constexpr std::uint32_t kPostKind = 1;        // + post index
constexpr std::uint32_t kPostRumour = 64;     // + 2 * post index
constexpr std::uint32_t kPostDetected = 65;   // + 2 * post index

// Grievance gained per experience (an assumption; see docs/model.md).
constexpr float kGrievanceBlockedTrip = 0.1f;
constexpr float kGrievanceLostJob = 0.3f;
constexpr float kGrievanceListed = 0.3f;
constexpr float kGrievanceLuxury = 0.02f;
constexpr float kGrievanceSchool = 0.1f;
constexpr float kGrievanceBenefits = 0.05f;
constexpr float kGrievanceCustoms = 0.05f;
constexpr float kGrievanceCap = 5.0f;

constexpr std::int64_t kSchoolYear = 52;
// A citizen without a loan drifts toward a "thin file" credit record (an assumption: credit
// scores reward a record of repayments, which a person without loans lacks).
constexpr float kThinFileRecord = 0.7f;
constexpr float kThinFileDrift = 0.01f;
constexpr std::uint32_t kMaxPostsPerWeek = 40;  // below kPostRumour - kPostKind

struct Budget {
  double cash = 0;  // savings + income - everything paid so far
  std::array<double, kSpendingCount> spent{};
};

void spend(Budget& b, Spending what, double amount) {
  b.spent[static_cast<std::size_t>(what)] += amount;
  b.cash -= amount;
}

}  // namespace

void behave(const Scenario& s, World& w, TickEvents& ev, CitizenRange range) {
  const BehaviourParams& b = s.behaviour;
  const PolicyParams& pol = s.policies;
  const auto tick = static_cast<std::uint32_t>(w.tick);
  const bool school_year_starts = (w.tick - 1) % kSchoolYear == 0;

  detail::for_each_citizen(within(range, w), ev.counts, [&](CitizenId i, TickCounts& c) {
    Rng rng(w.seed, tick, i, Stream::behaviour);
    std::uint8_t st = w.status[i];
    const std::uint16_t r = w.restrictions[i];
    auto restricted = [r](Policy p) { return (r & policy_bit(p)) != 0; };
    std::uint32_t h = w.happenings[i];
    double credit_points = 0, online_points = 0, civic_points = 0;
    const bool scored = st & status::participates;
    const double city = w.regions.median_income[w.region[i]];
    float grievance = w.grievance[i] * static_cast<float>(1.0 - b.grievance_decay);

    // Jobs.
    if (st & status::employed) {
      if (rng.bernoulli(kJob, b.job_loss_rate)) {
        st &= static_cast<std::uint8_t>(~status::employed);
        h |= happened::lost_job;
        grievance += kGrievanceLostJob;
        ++c.jobs_lost;
      }
    } else if (rng.bernoulli(kJob, b.job_find_rate)) {
      st |= status::employed;
      h |= happened::found_job;
      ++c.jobs_found;
    }

    // Income: wage, less firm sanctions; social security tops up to a floor unless withheld.
    double wage = 0;
    if (st & status::employed) {
      // Week-to-week variation of pay: about 10% (triangular), mean one.
      wage = w.base_income[i] * std::exp(0.1 * rng.triangular(kWageNoise) - 0.005);
      if (restricted(Policy::firm_sanctions)) {
        wage *= 1.0 - pol.firm_sanctions.strength;
        h |= happened::firm_sanctioned;
      }
    }
    double benefit = std::max(0.0, b.benefit_share * city - wage);
    if (benefit > 0 && restricted(Policy::social_security_loss)) {
      benefit *= 1.0 - pol.social_security_loss.strength;
      h |= happened::benefits_withheld;
      grievance += kGrievanceBenefits;
      ++c.benefits_withheld;
    }
    const double income = wage + benefit;

    // Fixed costs: necessities (surcharged or discounted), children, private school.
    Budget budget{w.savings[i] + income, {}};
    double necessities = b.necessities_share * city;
    if (restricted(Policy::surcharges)) {
      necessities *= 1.0 + pol.surcharges.strength;
      h |= happened::surcharge_paid;
      ++c.surcharges_paid;
    }
    if (restricted(Policy::rewards)) {
      necessities *= 1.0 - pol.rewards.discount;
      h |= happened::rewarded;
    }
    spend(budget, Spending::necessities, necessities);
    double school_fees = 0;
    if (st & status::has_children) {
      spend(budget, Spending::children, b.children_share * city);
      if (school_year_starts) {
        // Better-off parents apply to private school each school year.
        st &= static_cast<std::uint8_t>(~status::private_school);
        if (wage >= 1.5 * city) {
          if (restricted(Policy::school_ban) && rng.bernoulli(kSchool, pol.school_ban.strength)) {
            h |= happened::school_refused;
            grievance += kGrievanceSchool;
            ++c.school_refused;
          } else {
            st |= status::private_school;
          }
        }
      }
      if (st & status::private_school) school_fees = b.private_school_share * city;
      spend(budget, Spending::education, school_fees);
    }

    // Debt: interest, the installment due, default when the cash is not there.
    double debt = w.debt[i];
    std::uint16_t missed = w.missed[i];
    float credit = w.credit_history[i];
    if (debt > 0) {
      ++c.with_debt;
      debt *= 1.0 + b.interest_rate;
      const double due = std::min(debt, std::max(b.installment_rate * debt, 0.02 * city));
      if (budget.cash >= due) {
        debt -= due;
        budget.cash -= due;
        missed = 0;
        credit += 0.05f * (1.0f - credit);
        // Listed defaulters pay down faster under the list's pressure.
        if ((st & status::blacklisted) && budget.cash > 0) {
          const double extra = std::min(debt, 0.5 * budget.cash);
          debt -= extra;
          budget.cash -= extra;
        }
        if (debt < 0.01) {
          debt = 0;
          h |= happened::repaid;
        }
      } else {
        missed = static_cast<std::uint16_t>(std::min<int>(missed + 1, 65535));
        credit -= 0.05f * credit;
        debt += 0.05 * due;  // late fee
        credit_points = -s.scoring.missed_payment_points;
        h |= happened::missed_payment;
        ++c.missed_payments;
      }
    } else {
      // Without a loan the record thins out toward a neutral value.
      missed = 0;
      credit += kThinFileDrift * (kThinFileRecord - credit);
    }
    // Bills that cannot be paid become debt.
    if (budget.cash < 0) {
      debt -= budget.cash;
      budget.cash = 0;
    }

    // The courts' list of judgment defaulters.
    if (pol.court_blacklist) {
      if (!(st & status::blacklisted) && missed >= b.blacklist_after_missed) {
        st |= status::blacklisted;
        h |= happened::listed;
        grievance += kGrievanceListed;
        ++c.listed;
      } else if ((st & status::blacklisted) && debt <= 0) {
        st &= static_cast<std::uint8_t>(~status::blacklisted);
        h |= happened::delisted;
        ++c.delisted;
      }
    } else if (st & status::blacklisted) {
      st &= static_cast<std::uint8_t>(~status::blacklisted);
      h |= happened::delisted;
      ++c.delisted;
    }

    // Discretionary purchases, each category bought in about half the weeks.
    const double thrift = w.thrift[i], vice = w.vice[i];
    auto intent = [&](Slot slot, double share) { return rng.uniform(slot) < 0.5 ? 2.0 * share * income : 0.0; };
    double luxury = intent(kLuxury, b.luxury_share * (1.0 - thrift));
    const double games = intent(kGames, b.games_share * vice);
    const double alcohol = intent(kAlcohol, b.alcohol_tobacco_share * vice);
    const double books = intent(kBooks, b.books_share * (0.5 + w.education[i] / 3.0));
    const double charity = intent(kCharity, b.charity_share * w.conformity[i]);
    if (luxury > 0 && restricted(Policy::luxury_ban) &&
        rng.bernoulli(kLuxuryBlock, pol.luxury_ban.strength)) {
      luxury = 0;
      h |= happened::luxury_refused;
      grievance += kGrievanceLuxury;
      ++c.luxury_refused;
    }

    // A trip: refused under the travel ban, held up at customs abroad; paid for below with
    // the other discretionary spending, as far as the budget allows.
    double trip = 0;
    const double trip_cost = b.trip_cost_weeks * std::max(income, 0.5 * city);
    const double trip_chance = b.trip_rate * std::clamp(income / city, 0.2, 3.0);
    if (rng.bernoulli(kTrip, trip_chance)) {
      ++c.trips_attempted;
      const bool flight = rng.uniform(kTripMode) < b.flight_share;
      const bool abroad = rng.uniform(kTripAbroad) < b.international_share;
      if (restricted(Policy::travel_ban) && rng.bernoulli(kTripBlock, pol.travel_ban.strength)) {
        h |= happened::trip_blocked | (flight ? happened::flight_blocked : 0u);
        grievance += kGrievanceBlockedTrip;
        ++c.trips_blocked;
        ++(flight ? c.flights_blocked : c.trains_blocked);
      } else {
        if (abroad && restricted(Policy::customs) && rng.bernoulli(kCustoms, pol.customs.strength)) {
          h |= happened::customs_held;
          grievance += kGrievanceCustoms;
          ++c.customs_held;
        }
        h |= happened::trip_taken;
        trip = trip_cost;
      }
    }

    // Everyday and discretionary spending, cut back in proportion to what is left after
    // fixed costs and the loan installment (people trim spending before they default).
    const double everyday = b.consumption_share * income * (1.5 - thrift);
    const double wanted = everyday + luxury + games + alcohol + books + charity + trip;
    const double scale = wanted > budget.cash ? std::max(budget.cash, 0.0) / wanted : 1.0;
    spend(budget, Spending::necessities, everyday * scale);
    spend(budget, Spending::luxury, luxury * scale);
    spend(budget, Spending::games, games * scale);
    spend(budget, Spending::alcohol_tobacco, alcohol * scale);
    spend(budget, Spending::education, books * scale);
    spend(budget, Spending::charity, charity * scale);
    spend(budget, Spending::travel, trip * scale);

    // What the platform makes of the week's purchases.
    const auto& sp = budget.spent;
    const double good = sp[static_cast<std::size_t>(Spending::education)] +
                        sp[static_cast<std::size_t>(Spending::charity)] +
                        sp[static_cast<std::size_t>(Spending::children)];
    const double idle = sp[static_cast<std::size_t>(Spending::games)] +
                        sp[static_cast<std::size_t>(Spending::alcohol_tobacco)];
    if (good + idle > 0) {
      w.behaviour_record[i] += 0.05f * static_cast<float>(purchase_signal(good, idle) - w.behaviour_record[i]);
    }
    for (std::size_t k = 0; k < kSpendingCount; ++k) c.spending[k].add(sp[k]);

    // A new consumer loan; refused to listed defaulters, larger for the rewarded.
    if (rng.bernoulli(kBorrow, b.borrow_rate)) {
      if (st & status::blacklisted) {
        h |= happened::loan_refused;
        ++c.loans_refused;
      } else {
        const double multiplier = restricted(Policy::rewards) ? pol.rewards.loan_multiplier : 1.0;
        const double loan = (2.0 + 10.0 * rng.uniform(kLoanSize)) * std::max(income, 0.3 * city) * multiplier;
        debt += loan;
        budget.cash += loan;
        h |= happened::took_loan;
        ++c.loans;
      }
    }

    // Online posts: dissent grows with grievance and shrinks with self-censorship.
    Rng posts_rng(w.seed, tick, i, Stream::posts);
    double post_rate = b.post_rate * (0.5 + w.sociability[i]);
    if (restricted(Policy::internet_throttling)) {
      post_rate *= 1.0 - pol.internet_throttling.strength;
      h |= happened::throttled;
    }
    const std::uint32_t n_posts = posts_rng.poisson(kPostCount, post_rate, kMaxPostsPerWeek);
    const double p_nonconform =
        std::min(1.0, w.dissent[i] * (1.0 + b.grievance_effect * w.grievance[i]) *
                          (1.0 - w.self_censorship[i]));
    const double p_approve = b.approving_rate * w.conformity[i];
    const bool policed = pol.online_conduct.enabled && scored;
    c.posts += n_posts;
    for (std::uint32_t k = 0; k < n_posts; ++k) {
      const double u = posts_rng.uniform(kPostKind + k);
      if (u < p_nonconform) {
        const bool rumour = posts_rng.uniform(kPostRumour + 2 * k) < b.rumour_share;
        ++(rumour ? c.rumour_posts : c.dissent_posts);
        h |= happened::dissent_posted;
        if (policed && posts_rng.uniform(kPostDetected + 2 * k) < pol.online_conduct.detection) {
          online_points -= rumour ? pol.online_conduct.rumour_penalty : pol.online_conduct.dissent_penalty;
          h |= happened::post_penalised;
          ++c.posts_penalised;
        }
      } else if (u < p_nonconform + p_approve) {
        ++c.approving_posts;
        if (policed) online_points += s.scoring.approving_points;
      }
    }

    // Civic acts (volunteering, blood donation) earn points where the state counts them.
    if (rng.bernoulli(kCivic, b.civic_rate * w.conformity[i])) {
      h |= happened::civic_act;
      ++c.civic_acts;
      if (scored) civic_points = s.scoring.civic_points;
    }

    w.status[i] = st;
    w.income[i] = static_cast<float>(income);
    w.savings[i] = static_cast<float>(std::max(budget.cash, 0.0));
    w.debt[i] = static_cast<float>(debt);
    w.missed[i] = missed;
    w.credit_history[i] = credit;
    w.grievance[i] = std::min(grievance, kGrievanceCap);
    w.points[i] = PointEvents{credit_points, online_points, civic_points};
    w.happenings[i] = h;
  });
}

}  // namespace socred

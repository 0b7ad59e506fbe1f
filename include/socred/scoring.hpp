// The opaque scoring module: the one place that knows how data becomes a score. Citizens
// never call it; they only see their score and what happens to them. A scenario picks a
// variant (scoring.variant) and may reweigh it (scoring.weight_*).
#pragma once

#include <array>

#include "socred/scenario.hpp"
#include "socred/world.hpp"

namespace socred {

// The score a factor value in [0, 1] stands for. A perfect record on every factor scores
// 850; the top of the scale takes points (civic acts, praise) or well-scored friends.
inline constexpr double kFactorSpan = 500.0;
inline double factor_score(double value) { return kMinScore + kFactorSpan * value; }

// What the platform and the state know about a citizen, each in [0, 1].
struct FactorInputs {
  double credit_history = 0;  // share of recent payments on time
  double fulfilment = 0;      // capacity to pay: income and savings
  double behaviour = 0;       // what purchases say about the person
  double identity = 0;        // education, job
  bool blacklisted = false;
};

FactorInputs factor_inputs(const World& world, CitizenId i);
double fulfilment_value(double income, double savings, double city_median);
double identity_value(unsigned education, bool employed, Occupation occupation);
// 0.5 when purchases are neutral; toward 1 for books, children and charity; toward 0 for
// games, alcohol and tobacco ("an idle person").
double purchase_signal(double good, double idle);

// True when the weighted variant has at least one positive factor weight.
bool has_factor_weights(const ScoringParams& p);

// The score a citizen's own record points to (before contagion), used to start a society.
double initial_target(const ScoringParams& p, const FactorInputs& in);

// One tick of the citizen's own score: drift toward the factor target plus this tick's
// point events. `terms` holds each factor's contribution in points; own = score + sum.
// With no factor weights and no point events, own == score exactly.
struct OwnScore {
  double own = 0;
  std::array<double, kFactorCount> terms{};
};
OwnScore own_score(const ScoringParams& p, double score, const FactorInputs& in,
                   const PointEvents& points);

}  // namespace socred

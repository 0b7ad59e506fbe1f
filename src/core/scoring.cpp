// The opaque scoring module. See docs/model.md, "Submodels: scoring", for the equations.
#include "socred/scoring.hpp"

#include <algorithm>
#include <cmath>

namespace socred {

double fulfilment_value(double income, double savings, double city_median) {
  // Income relative to the city's median on a log scale, plus a savings cushion measured
  // in months of median income.
  const double relative = std::log(std::max(income, 1.0) / city_median);
  const double earning = std::clamp(0.5 + 0.3 * relative, 0.0, 1.0);
  const double cushion = std::max(savings, 0.0) / (std::max(savings, 0.0) + 10.0 * city_median);
  return 0.6 * earning + 0.4 * cushion;
}

double identity_value(unsigned education, bool employed, Occupation occupation) {
  return 0.5 * education / 3.0 + 0.3 * (employed ? 1.0 : 0.0) +
         0.2 * (occupation != Occupation::ordinary ? 1.0 : 0.0);
}

double purchase_signal(double good, double idle) {
  const double total = good + idle;
  if (total <= 0) return 0.5;
  return 0.5 + 0.5 * (good - idle) / total;
}

FactorInputs factor_inputs(const World& w, CitizenId i) {
  FactorInputs in;
  in.credit_history = w.credit_history[i];
  in.fulfilment = fulfilment_value(w.income[i], w.savings[i],
                                   w.regions.median_income[w.region[i]]);
  in.behaviour = w.behaviour_record[i];
  in.identity = identity_value(w.education[i], w.employed(i), w.occupation[i]);
  in.blacklisted = w.blacklisted(i);
  return in;
}

bool has_factor_weights(const ScoringParams& p) {
  return p.weight_credit_history + p.weight_fulfilment + p.weight_behaviour +
             p.weight_identity > 0;
}

namespace {

struct Weighted {
  Factor factor;
  double weight;
  double value;
};

std::array<Weighted, 4> weighted_factors(const ScoringParams& p, const FactorInputs& in) {
  return {{{Factor::credit_history, p.weight_credit_history, in.credit_history},
           {Factor::fulfilment, p.weight_fulfilment, in.fulfilment},
           {Factor::behaviour, p.weight_behaviour, in.behaviour},
           {Factor::identity, p.weight_identity, in.identity}}};
}

double weight_sum(const ScoringParams& p) {
  return p.weight_credit_history + p.weight_fulfilment + p.weight_behaviour + p.weight_identity;
}

}  // namespace

double initial_target(const ScoringParams& p, const FactorInputs& in) {
  double target = p.initial_mean;
  if (p.variant == ScoringVariant::points) {
    target = p.points_base;
  } else if (has_factor_weights(p)) {
    const double total = weight_sum(p);
    target = 0;
    for (const auto& f : weighted_factors(p, in)) {
      target += f.weight / total * factor_score(f.value);
    }
  }
  if (in.blacklisted) target -= p.blacklist_penalty;
  return std::clamp(target, kMinScore, kMaxScore);
}

OwnScore own_score(const ScoringParams& p, double score, const FactorInputs& in,
                   const PointEvents& points) {
  OwnScore out;
  auto& t = out.terms;
  const double rate = p.adjustment_rate;

  // Drift toward the target. Each factor's share of the pull is its weight times the gap
  // between what that factor alone would score and the current score.
  if (p.variant == ScoringVariant::points) {
    t[static_cast<std::size_t>(Factor::baseline)] = rate * (p.points_base - score);
  } else if (has_factor_weights(p)) {
    const double total = weight_sum(p);
    for (const auto& f : weighted_factors(p, in)) {
      t[static_cast<std::size_t>(f.factor)] = rate * f.weight / total * (factor_score(f.value) - score);
    }
  }
  if (in.blacklisted) {
    t[static_cast<std::size_t>(Factor::court_blacklist)] = -rate * p.blacklist_penalty;
  }
  t[static_cast<std::size_t>(Factor::credit_history)] += points.credit;
  t[static_cast<std::size_t>(Factor::online_conduct)] += points.online;
  t[static_cast<std::size_t>(Factor::civic_acts)] += points.civic;

  double change = 0;
  for (double term : t) change += term;
  out.own = score + change;
  return out;
}

}  // namespace socred

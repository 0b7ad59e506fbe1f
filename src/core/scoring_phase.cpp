// Phases 3 and 4: the opaque score, then contagion.
//
// score_citizens writes each citizen's own score (their record alone) into score_next and
// keeps the factor terms, unscaled, in the explanation. spread_scores mixes in friends' and
// colleagues' last-tick scores:
//
//   s_i' = (1 - w_f - w_c) * own_i + w_f * mean(s_j, j friend of i) + w_c * firm_score(i)
//
// With every factor weight zero, no point events and w_c = 0 this is exactly DeGroot's
// s_i' = (1 - w) s_i + w mean_j s_j (tested against theory).
#include <algorithm>
#include <cmath>
#include <span>

#include "parallel.hpp"
#include "socred/phases.hpp"
#include "socred/scoring.hpp"

namespace socred {
namespace {

// Hundredths of a point, rounded half away from zero and saturated (inline: see ExactSum).
std::int16_t centipoints(double points) {
  const double c = std::clamp(points * 100.0, -32767.0, 32767.0);
  return static_cast<std::int16_t>(c + (c < 0 ? -0.5 : 0.5));
}

constexpr auto idx(Factor f) { return static_cast<std::size_t>(f); }

}  // namespace

// Firm scores from last tick's scores of their employed, scored members (contiguous ids).
void update_firm_scores(const Scenario& s, World& w) { update_firm_scores(s, w, {0, w.firms.count()}); }

void update_firm_scores(const Scenario& s, World& w, FirmRange firms) {
  const double beta = s.scoring.contagion.firm_compliance_weight;
  detail::for_each_index(firms.end - firms.begin, [&](std::size_t k) {
    const std::size_t f = firms.begin + k;
    double sum = 0;
    std::uint32_t members = 0;
    const CitizenId first = w.firms.first[f];
    for (CitizenId i = first; i < first + w.firms.size[f]; ++i) {
      if (w.employed(i) && w.participates(i)) {
        sum += w.score[i];
        ++members;
      }
    }
    const double compliance_score = factor_score(w.firms.compliance[f]);
    const double staff_score = members ? sum / members : compliance_score;
    w.firms.score[f] = beta * compliance_score + (1.0 - beta) * staff_score;
    w.firms.staff[f] = members;
  });
}


void score_citizens(const Scenario& s, World& w, TickEvents& ev, CitizenRange range) {
  const bool uses_factors =
      s.scoring.variant == ScoringVariant::weighted && has_factor_weights(s.scoring);
  detail::for_each_citizen(within(range, w), ev.counts, [&](CitizenId i, TickCounts&) {
    Explanation& e = w.explanation[i];
    if (!w.participates(i)) {
      w.score_next[i] = w.score[i];
      e.fill(0);
      return;
    }
    // The factor values are only needed when the weighted variant has weights.
    FactorInputs inputs;
    if (uses_factors) {
      inputs = factor_inputs(w, i);
    } else {
      inputs.blacklisted = w.blacklisted(i);
    }
    const OwnScore own = own_score(s.scoring, w.score[i], inputs, w.points[i]);
    w.score_next[i] = own.own;
    for (std::size_t k = 0; k < kFactorCount; ++k) e[k] = centipoints(own.terms[k]);
  });
}

namespace {

// Friends' score sums for a block of citizens, one list at a time in list order. (Summing four
// lists side by side, same bits, measured 13% slower: docs/performance.md.)
constexpr std::size_t kBlock = 1024;

struct FriendSum {
  double sum = 0;
  std::uint32_t count = 0;
};

template <class Scored>
void sum_friend_scores(const World& w, const CitizenId* ids, std::size_t n, FriendSum* out,
                       Scored scored) {
  const double* score = w.score.data();
  const auto add = [&](FriendSum& acc, CitizenId j) {
    const bool counts = scored(j);
    acc.sum += counts ? score[j] : 0.0;  // + 0.0 leaves a positive sum's bits unchanged
    acc.count += counts;
  };
  for (std::size_t q = 0; q < n; ++q) {
    FriendSum acc;
    for (CitizenId j : w.friends.friends(ids[q])) add(acc, j);
    out[q] = acc;
  }
}


// s_i' from the own score (already in score_next) and what friends and the firm pull.
void mix_in_others(const ContagionParams& cp, bool colleagues_pull, World& w, CitizenId i,
                   const FriendSum& friends) {
  const double before = w.score[i];
  const double own = w.score_next[i];
  const double wf = friends.count ? cp.weight : 0.0;
  const double friend_mean = friends.count ? friends.sum / friends.count : 0.0;

  double wc = 0, firm_score = 0;
  // Colleagues pull only when the firm has someone besides oneself.
  if (colleagues_pull && w.employed(i) && w.firms.staff[w.firm[i]] >= 2) {
    wc = cp.colleague_weight;
    firm_score = w.firms.score[w.firm[i]];
  }

  const double keep = 1.0 - wf - wc;
  double mixed = keep * own + wf * friend_mean;
  if (wc > 0) mixed += wc * firm_score;
  const double clamped = std::clamp(mixed, kMinScore, kMaxScore);
  w.score_next[i] = clamped;

  // Explanation: own terms shrink by `keep`; contagion and clipping get their own rows.
  Explanation& e = w.explanation[i];
  for (std::size_t k = 0; k < idx(Factor::friends); ++k) {
    e[k] = centipoints(keep * e[k] / 100.0);
  }
  e[idx(Factor::friends)] = centipoints(wf * (friend_mean - before));
  e[idx(Factor::colleagues)] = centipoints(wc * (firm_score - before));
  e[idx(Factor::bounds)] = centipoints(clamped - mixed);
}
}  // namespace

void spread_scores(const Scenario& s, World& w, TickEvents&, CitizenRange range) {
  const ContagionParams& cp = s.scoring.contagion;
  const bool everyone_scored = s.scoring.participation == Participation::mandatory;
  const bool colleagues_pull = cp.colleague_weight > 0;
  range = within(range, w);
  update_firm_scores(s, w, firms_of(range, w));

  detail::for_each_block(range, kBlock, [&](CitizenId first, CitizenId last) {
    // The block's scored citizens and their friends' sums (last tick, scored friends only).
    CitizenId ids[kBlock];
    FriendSum sums[kBlock];
    std::size_t n = 0;
    for (CitizenId i = first; i < last; ++i) {
      if (w.participates(i)) ids[n++] = i;
    }
    if (cp.weight > 0 && everyone_scored) {
      sum_friend_scores(w, ids, n, sums, [](CitizenId) { return true; });
    } else if (cp.weight > 0) {
      sum_friend_scores(w, ids, n, sums, [&w](CitizenId j) { return w.participates(j); });
    } else {
      std::fill_n(sums, n, FriendSum{});
    }
    for (std::size_t q = 0; q < n; ++q) mix_in_others(cp, colleagues_pull, w, ids[q], sums[q]);
  });
}

}  // namespace socred

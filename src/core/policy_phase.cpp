// Phase 1: who is restricted or rewarded this tick, from last tick's scores and the current
// policies. Computing restrictions at the start of the tick makes a policy change (timeline
// event or GUI toggle) bite from the first tick it is in force.
#include <array>

#include "parallel.hpp"
#include "socred/phases.hpp"

namespace socred {
namespace {

struct RestrictionRule {
  Policy policy;
  const Restriction* params;
};

std::array<RestrictionRule, 8> citizen_rules(const PolicyParams& p) {
  return {{{Policy::travel_ban, &p.travel_ban},
           {Policy::luxury_ban, &p.luxury_ban},
           {Policy::internet_throttling, &p.internet_throttling},
           {Policy::surcharges, &p.surcharges},
           {Policy::job_exclusion, &p.job_exclusion},
           {Policy::social_security_loss, &p.social_security_loss},
           {Policy::customs, &p.customs},
           {Policy::school_ban, &p.school_ban}}};
}

}  // namespace

void apply_policies(const Scenario& s, World& w, TickEvents& ev, CitizenRange range) {
  const PolicyParams& p = s.policies;
  range = within(range, w);
  const FirmRange firms = firms_of(range, w);

  // Firms scoring below the sanctions threshold face joint punishment.
  for (std::size_t f = firms.begin; f < firms.end; ++f) {
    w.firms.sanctioned[f] =
        p.firm_sanctions.enabled && w.firms.score[f] < p.firm_sanctions.threshold;
  }

  const auto rules = citizen_rules(p);
  const bool mandatory = s.scoring.participation == Participation::mandatory;
  detail::for_each_citizen(range, ev.counts, [&](CitizenId i, TickCounts& c) {
    std::uint8_t st = w.status[i];
    if (mandatory || (st & status::opts_in)) {
      st |= status::participates;
    } else {
      st &= static_cast<std::uint8_t>(~status::participates);
    }
    std::uint32_t happenings = 0;
    std::uint16_t mask = 0;
    if (st & status::participates) {
      const double score = w.score[i];
      const bool listed = st & status::blacklisted;
      for (const auto& rule : rules) {
        const Restriction& r = *rule.params;
        if (r.enabled && (score < r.threshold || (r.include_blacklisted && listed))) {
          mask |= policy_bit(rule.policy);
        }
      }
      if (p.rewards.enabled && score >= p.rewards.threshold && !listed) {
        mask |= policy_bit(Policy::rewards);
      }
      if (p.public_blacklist && listed) mask |= policy_bit(Policy::published);
    }
    // Sanctions hit a firm's workers whether or not they are scored themselves.
    if ((st & status::employed) && w.firms.sanctioned[w.firm[i]]) {
      mask |= policy_bit(Policy::firm_sanctions);
    }

    const auto fresh = static_cast<std::uint16_t>(mask & ~w.restrictions[i] & kRestrictionMask);
    if (mask) {
      for (std::size_t k = 0; k < kPolicyCount; ++k) c.restricted[k] += (mask >> k) & 1u;
      if (mask & kRestrictionMask) ++c.restricted_any;
    }
    if (fresh) {
      happenings |= happened::newly_restricted;
      for (std::size_t k = 0; k < kPolicyCount; ++k) c.newly_restricted[k] += (fresh >> k) & 1u;
    }

    // Job exclusion pushes civil servants and senior food/medical staff into ordinary work.
    if ((mask & policy_bit(Policy::job_exclusion)) && (st & status::employed) &&
        w.occupation[i] != Occupation::ordinary) {
      w.occupation[i] = Occupation::ordinary;
      w.base_income[i] *= static_cast<float>(1.0 - p.job_exclusion.strength);
      w.grievance[i] += 0.3f;
      st |= status::excluded;
      happenings |= happened::excluded_from_job;
      ++c.jobs_excluded;
    }
    w.status[i] = st;
    w.restrictions[i] = mask;
    w.happenings[i] = happenings;
  });
  for (std::size_t f = firms.begin; f < firms.end; ++f) ev.counts.firms_sanctioned += w.firms.sanctioned[f];
}

}  // namespace socred

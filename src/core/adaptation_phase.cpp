// Phase 5: citizens adapt. They learn that friends' scores matter (from their own losses and
// from a published blacklist), self-censor when they see dissent punished, drop low-scoring
// friends and prefer high-scoring newcomers. New ties come from friends of friends
// (triadic closure) and from meeting people at work or in the city.
//
// Proposals are made in parallel, one drop and one new tie per citizen at most, then applied
// in increasing citizen order, so conflicts (two citizens changing the same tie, a full
// friend list) resolve the same way whatever the thread count.
#include <algorithm>
#include <cmath>

#include "parallel.hpp"
#include "socred/phases.hpp"
#include "socred/rng.hpp"

namespace socred {
namespace {

enum Slot : std::uint32_t {
  kReview = 0,
  kDrop = 1,
  kMeet = 2,
  kTriadic = 3,
  kPickFriend = 4,
  kPickFriendOfFriend = 5,
  kWhere = 6,
  kPickStranger = 7,  // and 8 for very large societies
  kOwnKnows = 10,
  kOwnAccepts = 11,
  kOtherKnows = 12,
  kOtherAccepts = 13,
  kLapse = 14,
  kLapsed = 15,
};

bool published(const World& w, CitizenId j) {
  return (w.restrictions[j] & policy_bit(Policy::published)) != 0;
}

// Whether `a` befriends `b`: someone who does not know that scores travel along ties
// accepts anyone; someone who knows prefers higher scores and avoids published names.
bool accepts(const Scenario& s, const World& w, CitizenId a, CitizenId b, double u_knows,
             double u_accepts) {
  if (!w.participates(a) || u_knows >= w.knowledge[a]) return true;
  if (published(w, b)) return false;
  const double gap = w.score_next[b] - w.score_next[a];
  return u_accepts < 1.0 / (1.0 + std::exp(-gap / s.adaptation.score_preference));
}

// A random person met this week, or kNoCitizen.
CitizenId meet_someone(const Scenario& s, const World& w, CitizenId i, Rng& rng) {
  const auto friends = w.friends.friends(i);
  if (rng.uniform(kTriadic) < s.adaptation.triadic_share) {
    if (friends.empty()) return kNoCitizen;
    const CitizenId f = friends[rng.below(kPickFriend, friends.size())];
    const auto theirs = w.friends.friends(f);
    if (theirs.empty()) return kNoCitizen;
    return theirs[rng.below(kPickFriendOfFriend, theirs.size())];
  }
  if (rng.uniform(kWhere) < s.adaptation.colleague_meeting_share) {
    const std::size_t f = w.firm[i];
    return w.firms.first[f] + static_cast<CitizenId>(rng.below(kPickStranger, w.firms.size[f]));
  }
  const std::size_t r = w.region[i];
  return w.regions.first[r] + static_cast<CitizenId>(rng.below(kPickStranger, w.regions.size[r]));
}

// Whom citizen i meets this week, or kNoCitizen: only those with room for a friend go out.
CitizenId meeting(const Scenario& s, const World& w, CitizenId i, Rng& rng) {
  const AdaptationParams& a = s.adaptation;
  if (w.friends.degree(i) < w.desired_degree[i] && w.friends.degree(i) < w.friends.capacity(i) &&
      rng.uniform(kMeet) < a.new_tie_rate * (0.5 + w.sociability[i])) {
    return meet_someone(s, w, i, rng);
  }
  return kNoCitizen;
}

}  // namespace

void adapt(const Scenario& s, World& w, TickEvents& ev) {
  adapt_learn(s, w, ev, kAllCitizens, ev.counts.posts_penalised > 0);
  adapt_propose(s, w, ev, kAllCitizens);
  adapt_apply(s, w, ev);
}

// Pass 1: what each citizen learns this week (writes only their own state).
void adapt_learn(const Scenario& s, World& w, TickEvents& ev, CitizenRange range, bool anyone_penalised) {
  const AdaptationParams& a = s.adaptation;
  const SelfCensorshipParams& sc = a.self_censorship;
  const bool publicised = s.policies.public_blacklist && s.policies.court_blacklist;
  constexpr auto kFriends = static_cast<std::size_t>(Factor::friends);
  detail::for_each_citizen(within(range, w), ev.counts, [&](CitizenId i, TickCounts&) {
    const auto friends = w.friends.friends(i);

    // Self-censorship: one's own punished post, and the share of friends punished.
    if (sc.enabled) {
      float c = w.self_censorship[i] * static_cast<float>(1.0 - sc.decay);
      double pressure = (w.happenings[i] & happened::post_penalised) ? sc.own_penalty_effect : 0.0;
      if (anyone_penalised && !friends.empty()) {
        std::uint32_t punished = 0;
        for (CitizenId j : friends) punished += (w.happenings[j] & happened::post_penalised) ? 1 : 0;
        pressure += sc.friend_penalty_effect * punished / static_cast<double>(friends.size());
      }
      c += static_cast<float>(std::min(pressure, 1.0)) * (1.0f - c);
      w.self_censorship[i] = std::clamp(c, 0.0f, 1.0f);
    }

    // Learning that friends' scores matter: a visible loss through friends, and publicity.
    if (!a.enabled || !w.participates(i)) return;
    float k = w.knowledge[i];
    // Beliefs fade unless renewed, so repealing contagion can be unlearned.
    if (a.forgetting > 0) k -= static_cast<float>(a.forgetting) * k;
    const double friend_loss = -w.explanation[i][kFriends] / 100.0;
    if (friend_loss > 1.0) {
      k += static_cast<float>(a.learning_rate * std::min(1.0, friend_loss / 10.0)) * (1.0f - k);
    }
    if (publicised) k += static_cast<float>(a.publicity) * (1.0f - k);
    w.knowledge[i] = std::min(k, 1.0f);
  });
}

// Pass 2: proposals, reading everyone's settled knowledge and new scores.
void adapt_propose(const Scenario& s, World& w, TickEvents& ev, CitizenRange range) {
  const AdaptationParams& a = s.adaptation;
  if (!a.enabled) return;
  const auto tick = static_cast<std::uint32_t>(w.tick);
  detail::for_each_citizen(within(range, w), ev.counts, [&](CitizenId i, TickCounts&) {
    w.drop_proposal[i] = kNoCitizen;
    w.add_proposal[i] = kNoCitizen;
    if (!w.participates(i)) return;
    const auto friends = w.friends.friends(i);
    const float k = w.knowledge[i];
    Rng rng(w.seed, tick, i, Stream::adaptation);

    // Review: consider dropping the lowest-scoring friend.
    const double own = w.score_next[i];
    if (!friends.empty() && rng.uniform(kReview) < a.review_rate * k) {
      CitizenId worst = kNoCitizen;
      double worst_score = 0;
      for (CitizenId j : friends) {
        if (!w.participates(j)) continue;
        const double sj = w.score_next[j] - (published(w, j) ? 1000.0 : 0.0);
        if (worst == kNoCitizen || sj < worst_score || (sj == worst_score && j < worst)) {
          worst = j;
          worst_score = sj;
        }
      }
      if (worst != kNoCitizen) {
        const bool stigma = published(w, worst);
        const double sj = w.score_next[worst];
        if (stigma || (sj < a.drop_below && sj < own)) {
          const double p = std::min(1.0, a.drop_probability * (stigma ? a.stigma : 1.0));
          if (rng.uniform(kDrop) < p) w.drop_proposal[i] = worst;
        }
      }
    }

    // A friendship lapses now and then, whatever the scores.
    if (w.drop_proposal[i] == kNoCitizen && !friends.empty() &&
        rng.uniform(kLapse) < a.tie_decay) {
      w.drop_proposal[i] = friends[rng.below(kLapsed, friends.size())];
      w.happenings[i] |= happened::friendship_lapsed;
    }

    // Meeting someone new, when one has fewer friends than one seeks.
    const CitizenId j = meeting(s, w, i, rng);
    if (j != kNoCitizen && j != i &&
        accepts(s, w, i, j, rng.uniform(kOwnKnows), rng.uniform(kOwnAccepts)) &&
        accepts(s, w, j, i, rng.uniform(kOtherKnows), rng.uniform(kOtherAccepts))) {
      w.add_proposal[i] = j;
    }
  });
}

void adapt_meetings(const Scenario& s, const World& w, CitizenRange range,
                    std::vector<CitizenId>& met) {
  met.clear();
  if (!s.adaptation.enabled) return;
  range = within(range, w);
  const auto tick = static_cast<std::uint32_t>(w.tick);
  for (CitizenId i = range.begin; i < range.end; ++i) {
    if (!w.participates(i)) continue;
    Rng rng(w.seed, tick, i, Stream::adaptation);
    const CitizenId j = meeting(s, w, i, rng);
    if (j != kNoCitizen && j != i) met.push_back(j);
  }
}

// Apply in citizen order: drops first, then new ties.
void adapt_apply(const Scenario& s, World& w, TickEvents& ev) {
  if (!s.adaptation.enabled) return;
  TickCounts& c = ev.counts;
  const auto n = static_cast<CitizenId>(w.size());
  for (CitizenId i = 0; i < n; ++i) {
    const CitizenId j = w.drop_proposal[i];
    if (j == kNoCitizen) continue;
    const bool lapse = w.happenings[i] & happened::friendship_lapsed;
    if (!w.friends.remove_tie(i, j)) {
      w.happenings[i] &= ~happened::friendship_lapsed;
    } else if (lapse) {
      ++c.ties_lapsed;
    } else {
      ++c.ties_dropped;
      w.happenings[i] |= happened::dropped_friend;
      w.happenings[j] |= happened::was_dropped;
    }
  }
  for (CitizenId i = 0; i < n; ++i) {
    const CitizenId j = w.add_proposal[i];
    if (j == kNoCitizen || w.friends.has_tie(i, j)) continue;
    if (w.friends.add_tie(i, j)) {
      ++c.ties_added;
      w.happenings[i] |= happened::new_friend;
      w.happenings[j] |= happened::new_friend;
    } else {
      ++c.ties_refused_full;
    }
  }
}

}  // namespace socred

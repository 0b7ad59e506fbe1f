// Sections: profile | factor breakdown | restrictions | story feed | the dossier.
#include "dossier.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "socred/scenario_schema.hpp"
#include "words.hpp"

namespace socred::gui {
namespace {

std::string points(double value, bool sign = true) {
  char buf[32];
  std::snprintf(buf, sizeof buf, sign ? "%+.1f" : "%.1f", value);
  return buf;
}

std::string percent(double share) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.0f%%", 100.0 * share);
  return buf;
}

// ---------------------------------------------------------------------------------------
// Profile

std::string job_of(const World& w, CitizenId i) {
  if (!w.employed(i)) return "jobless";
  switch (w.occupation[i]) {
    case Occupation::civil_servant: return "civil servant";
    case Occupation::senior_food_medical: return "senior food-sector or medical post";
    case Occupation::ordinary: break;
  }
  return (w.status[i] & status::excluded) ? "ordinary job (pushed out of a barred one)"
                                          : "ordinary job";
}

std::vector<ProfileLine> profile_of(const World& w, CitizenId i) {
  static constexpr const char* kEducation[] = {"primary or less", "secondary", "tertiary",
                                               "postgraduate"};
  std::vector<ProfileLine> p;
  const std::uint32_t firm = w.firm[i];
  p.push_back({"City", std::to_string(w.region[i] + 1) + " of " + std::to_string(w.regions.count())});
  std::string workplace = "firm " + std::to_string(firm + 1) + " (" +
                          std::to_string(w.firms.size[firm]) + " staff)";
  if (w.firms.sanctioned[firm]) workplace += ", under joint punishment";
  p.push_back({"Workplace", workplace});
  p.push_back({"Education", kEducation[std::min<unsigned>(w.education[i], 3)]});
  p.push_back({"Job", job_of(w, i)});
  p.push_back({"Income", with_commas(w.income[i]) + " yuan/week"});
  p.push_back({"Savings", with_commas(w.savings[i]) + " yuan"});
  std::string debt = with_commas(w.debt[i]) + " yuan";
  if (w.missed[i] > 0) debt += ", " + std::to_string(w.missed[i]) + " payments missed in a row";
  p.push_back({"Debt", debt});
  std::string listed = w.blacklisted(i) ? "listed as a judgment defaulter" : "not listed";
  if (w.restrictions[i] & policy_bit(Policy::published)) listed += ", name published";
  p.push_back({"Courts' blacklist", listed});
  p.push_back({"Friends", std::to_string(w.friends.degree(i)) + " (seeks " +
                              std::to_string(w.desired_degree[i]) + ")"});
  p.push_back({"Knows friends' scores count", percent(w.knowledge[i])});
  p.push_back({"Self-censorship", percent(w.self_censorship[i])});
  p.push_back({"Grievance", points(w.grievance[i], false)});
  return p;
}

// ---------------------------------------------------------------------------------------
// Factor breakdown of last week's change

std::vector<FactorPart> factor_parts(const Scenario& s, const World& w, CitizenId i) {
  std::vector<FactorPart> parts;
  const Explanation& e = w.explanation[i];
  for (std::size_t k = 0; k < kFactorCount; ++k) {
    if (e[k] == 0) continue;
    FactorPart part;
    part.factor = static_cast<Factor>(k);
    part.points = e[k] / 100.0;
    part.text = std::string(factor_label(part.factor)) + ": " + points(part.points);
    if (part.factor == Factor::friends) {
      const auto friends = w.friends.friends(i);
      const double line = s.metrics.trusted_line;
      const auto below = std::count_if(friends.begin(), friends.end(),
                                       [&](CitizenId j) { return w.score[j] < line; });
      part.text += " (" + std::to_string(below) + " of " + std::to_string(friends.size()) +
                   " friends below " + with_commas(line) + ")";
    }
    parts.push_back(std::move(part));
  }
  std::stable_sort(parts.begin(), parts.end(), [](const FactorPart& a, const FactorPart& b) {
    return std::abs(a.points) > std::abs(b.points);
  });
  return parts;
}

// ---------------------------------------------------------------------------------------
// Restrictions, with what they mean in the real world and why they apply

std::string restriction_meaning(Policy p) {
  if (p == Policy::published) {
    return "Name published on the public blacklist of judgment defaulters.";
  }
  const std::string path =
      p == Policy::rewards ? "policies.rewards.enabled"
                           : "policies." + std::string(policy_name(p)) + ".enabled";
  const FieldSpec* field = find_field(path);
  return field ? field->meaning : policy_title(p);
}

const Restriction* restriction_params(const PolicyParams& p, Policy policy) {
  switch (policy) {
    case Policy::travel_ban: return &p.travel_ban;
    case Policy::luxury_ban: return &p.luxury_ban;
    case Policy::internet_throttling: return &p.internet_throttling;
    case Policy::surcharges: return &p.surcharges;
    case Policy::job_exclusion: return &p.job_exclusion;
    case Policy::social_security_loss: return &p.social_security_loss;
    case Policy::customs: return &p.customs;
    case Policy::school_ban: return &p.school_ban;
    case Policy::firm_sanctions: return &p.firm_sanctions;
    default: return nullptr;
  }
}

std::vector<std::string> restrictions_of(const Scenario& s, const World& w, CitizenId i) {
  std::vector<std::string> out;
  for (std::size_t k = 0; k < kPolicyCount; ++k) {
    const auto policy = static_cast<Policy>(k);
    if (!(w.restrictions[i] & policy_bit(policy))) continue;
    std::string line = restriction_meaning(policy);
    const Restriction* r = restriction_params(s.policies, policy);
    if (policy == Policy::firm_sanctions) {
      line += " (their workplace scores below " + with_commas(r->threshold) + ")";
    } else if (r && w.score[i] < r->threshold) {
      line += " (score below " + with_commas(r->threshold) + ")";
    } else if (r) {
      line += " (on the courts' blacklist)";
    }
    out.push_back(std::move(line));
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Story feed

struct Sentence {
  std::string text;
  bool merges = true;  // the same sentence in consecutive weeks becomes one line
};

void happenings_sentences(std::uint32_t h, std::vector<Sentence>& out) {
  struct Phrase {
    std::uint32_t bit;
    const char* text;
  };
  static constexpr Phrase kPhrases[] = {
      {happened::listed, "Listed by a court as a judgment defaulter."},
      {happened::delisted, "Taken off the courts' blacklist."},
      {happened::excluded_from_job, "Pushed out of a civil-service or senior job (job exclusion)."},
      {happened::lost_job, "Lost their job."},
      {happened::found_job, "Found a job."},
      {happened::customs_held, "Held up at customs on a trip abroad."},
      {happened::trip_taken, "Went on a trip."},
      {happened::luxury_refused, "Turned away by a better hotel or restaurant (luxury ban)."},
      {happened::school_refused, "Child refused a place at a private school (school ban)."},
      {happened::missed_payment, "Missed a loan payment."},
      {happened::repaid, "Paid off a loan."},
      {happened::took_loan, "Took out a loan."},
      {happened::loan_refused, "Refused a loan (on the courts' blacklist)."},
      {happened::surcharge_paid, "Paid a surcharge on basic services."},
      {happened::benefits_withheld, "Social-security benefits withheld."},
      {happened::firm_sanctioned, "Workplace under joint punishment: lost income."},
      {happened::throttled, "Internet slowed down (internet throttling)."},
      {happened::dissent_posted, "Posted criticism online."},
      {happened::post_penalised, "A post was flagged and cost points."},
      {happened::civic_act, "Did a civic act (volunteering, giving blood)."},
      {happened::dropped_friend, "Dropped a low-scoring friend."},
      {happened::was_dropped, "Was dropped by a friend."},
      {happened::friendship_lapsed, "A friendship faded."},
      {happened::new_friend, "Made a new friend."},
  };
  if (h & happened::trip_blocked) {
    out.push_back({(h & happened::flight_blocked) ? "Plane ticket refused (travel ban)."
                                                  : "Train ticket refused (travel ban)."});
  }
  for (const auto& phrase : kPhrases) {
    if (h & phrase.bit) out.push_back({phrase.text});
  }
}

std::vector<Sentence> week_sentences(const Moment& before, const Moment& now) {
  std::vector<Sentence> out;
  for (std::size_t k = 0; k < kPolicyCount; ++k) {
    const auto bit = policy_bit(static_cast<Policy>(k));
    const bool was = before.restrictions & bit, is = now.restrictions & bit;
    const auto policy = static_cast<Policy>(k);
    if (is && !was) {
      const std::string what = policy == Policy::rewards   ? "High-score rewards granted."
                               : policy == Policy::published ? "Name published on the blacklist."
                                                             : policy_title(policy) + " imposed.";
      out.push_back({what, false});
    } else if (was && !is) {
      const std::string what = policy == Policy::rewards   ? "High-score rewards withdrawn."
                               : policy == Policy::published ? "Name taken off the public blacklist."
                                                             : policy_title(policy) + " lifted.";
      out.push_back({what, false});
    }
  }
  const Tier was = tier_of(before.score), is = tier_of(now.score);
  if (was != is) {
    out.push_back({std::string(is < was ? "Score fell to " : "Score rose to ") +
                       with_commas(now.score) + " ('" + std::string(tier_name(is)) + "').",
                   false});
  }
  happenings_sentences(now.happenings, out);
  return out;
}

}  // namespace

std::vector<StoryLine> write_story(const std::vector<Moment>& history, std::int64_t first_tick,
                                   std::size_t max_lines) {
  // Oldest first while merging, then reversed. `open` holds the lines whose run reached the
  // previous week.
  std::vector<StoryLine> lines;
  std::vector<std::size_t> open, next_open;
  if (!history.empty() && first_tick == 0) {
    lines.push_back({0, 0, "Starts with a score of " + with_commas(history[0].score) + " ('" +
                               std::string(tier_name(tier_of(history[0].score))) + "')."});
  }
  for (std::size_t k = 1; k < history.size(); ++k) {
    const std::int64_t week = first_tick + static_cast<std::int64_t>(k);
    next_open.clear();
    for (auto& sentence : week_sentences(history[k - 1], history[k])) {
      auto it = std::find_if(open.begin(), open.end(),
                             [&](std::size_t line) { return lines[line].text == sentence.text; });
      if (sentence.merges && it != open.end()) {
        lines[*it].last = week;
        next_open.push_back(*it);
      } else {
        lines.push_back({week, week, std::move(sentence.text)});
        if (sentence.merges) next_open.push_back(lines.size() - 1);
      }
    }
    open.swap(next_open);
  }
  std::reverse(lines.begin(), lines.end());
  if (lines.size() > max_lines) lines.resize(max_lines);
  return lines;
}

std::string summarise_change(double change, const std::vector<FactorPart>& factors) {
  if (std::abs(change) < 0.05) return "Unchanged last week.";
  std::string out = (change < 0 ? "Fell " : "Rose ") + points(std::abs(change), false) +
                    " points last week";
  // The largest contribution in the direction of the change explains it.
  for (const auto& part : factors) {
    if ((part.points < 0) == (change < 0)) {
      out += change < 0 ? ", mostly because of " : ", mostly thanks to ";
      const auto colon = part.text.find(": ");
      out += part.text.substr(0, colon);
      const auto paren = part.text.find(" (");
      if (paren != std::string::npos) out += part.text.substr(paren);
      break;
    }
  }
  return out + ".";
}

Dossier build_dossier(const Scenario& s, const World& w, CitizenId id,
                      const std::vector<Moment>& history, std::int64_t history_first_tick) {
  Dossier d;
  d.id = id;
  d.scored = w.participates(id);
  d.score = w.score[id];
  d.tier = tier_of(d.score);
  d.profile = profile_of(w, id);
  d.factors = factor_parts(s, w, id);
  if (history.size() >= 2) {
    d.change = history.back().score - history[history.size() - 2].score;
  } else {
    for (const auto& part : d.factors) d.change += part.points;
  }
  d.change_summary = d.scored ? summarise_change(d.change, d.factors)
                              : "Not scored: outside the voluntary scheme.";
  d.restrictions = restrictions_of(s, w, id);
  for (std::size_t k = 0; k < kPolicyCount; ++k) {
    if (w.restrictions[id] & policy_bit(static_cast<Policy>(k))) {
      d.restricted_by.push_back(static_cast<Policy>(k));
    }
  }
  for (CitizenId j : w.friends.friends(id)) {
    d.friends.push_back({j, w.score[j], (w.restrictions[j] & kRestrictionMask) != 0,
                         w.blacklisted(j)});
  }
  std::stable_sort(d.friends.begin(), d.friends.end(),
                   [](const FriendEntry& a, const FriendEntry& b) { return a.score < b.score; });
  d.score_history.reserve(history.size());
  for (const auto& m : history) d.score_history.push_back(m.score);
  d.history_first_tick = history_first_tick;
  d.story = write_story(history, history_first_tick, 300);
  return d;
}

}  // namespace socred::gui

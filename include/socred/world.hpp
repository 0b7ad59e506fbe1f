// The World: the state of a society, as plain arrays indexed by citizen id (structure of
// arrays; no per-citizen objects). All memory is allocated when the world is built; a tick
// only reads and writes these arrays.
//
// Citizens are numbered city by city and, within a city, workplace by workplace, so that
// the members of a firm are contiguous and most friends sit close in memory.
#pragma once

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <string_view>
#include <vector>

#include "socred/network.hpp"

namespace socred {

inline constexpr double kMinScore = 350.0;
inline constexpr double kMaxScore = 950.0;

// A personality trait in [0, 1], stored in 16 bits (resolution 1/65535): five traits take
// 10 bytes per citizen instead of 20. It converts to and from float implicitly, so formulas
// read as if it were a float.
class Trait {
 public:
  Trait() = default;
  Trait(float x)  // NOLINT(google-explicit-constructor): a trait is a number
      : q_(static_cast<std::uint16_t>(std::lround(std::clamp(x, 0.0f, 1.0f) * 65535.0f))) {}
  operator float() const { return static_cast<float>(q_) * (1.0f / 65535.0f); }  // NOLINT
  bool operator==(const Trait&) const = default;

 private:
  std::uint16_t q_ = 0;
};

enum class Occupation : std::uint8_t { ordinary = 0, civil_servant = 1, senior_food_medical = 2 };

// Status bits (World::status).
namespace status {
inline constexpr std::uint8_t employed = 1u << 0;
inline constexpr std::uint8_t has_children = 1u << 1;
inline constexpr std::uint8_t opts_in = 1u << 2;       // would join a voluntary scheme
inline constexpr std::uint8_t participates = 1u << 3;  // is scored this tick
inline constexpr std::uint8_t blacklisted = 1u << 4;   // on the courts' list
inline constexpr std::uint8_t excluded = 1u << 5;      // pushed out of a barred job
inline constexpr std::uint8_t private_school = 1u << 6;  // children in private school
}  // namespace status

// Policies that restrict, plus the reward and publication marks (World::restrictions).
enum class Policy : std::uint8_t {
  travel_ban,
  luxury_ban,
  internet_throttling,
  surcharges,
  job_exclusion,
  social_security_loss,
  customs,
  school_ban,
  firm_sanctions,
  rewards,
  published,
  count
};
inline constexpr std::size_t kPolicyCount = static_cast<std::size_t>(Policy::count);
inline constexpr std::uint16_t policy_bit(Policy p) {
  return static_cast<std::uint16_t>(1u << static_cast<unsigned>(p));
}
// Bits that count as a restriction (not rewards, not publication on its own).
inline constexpr std::uint16_t kRestrictionMask = (1u << 9) - 1;
std::string_view policy_name(Policy p);

// What happened to a citizen this tick (World::happenings), for story feeds and tests.
namespace happened {
inline constexpr std::uint32_t trip_taken = 1u << 0;
inline constexpr std::uint32_t trip_blocked = 1u << 1;
inline constexpr std::uint32_t flight_blocked = 1u << 2;
inline constexpr std::uint32_t customs_held = 1u << 3;
inline constexpr std::uint32_t luxury_refused = 1u << 4;
inline constexpr std::uint32_t school_refused = 1u << 5;
inline constexpr std::uint32_t missed_payment = 1u << 6;
inline constexpr std::uint32_t listed = 1u << 7;
inline constexpr std::uint32_t delisted = 1u << 8;
inline constexpr std::uint32_t lost_job = 1u << 9;
inline constexpr std::uint32_t found_job = 1u << 10;
inline constexpr std::uint32_t excluded_from_job = 1u << 11;
inline constexpr std::uint32_t dissent_posted = 1u << 12;
inline constexpr std::uint32_t post_penalised = 1u << 13;
inline constexpr std::uint32_t civic_act = 1u << 14;
inline constexpr std::uint32_t dropped_friend = 1u << 15;
inline constexpr std::uint32_t was_dropped = 1u << 16;
inline constexpr std::uint32_t new_friend = 1u << 17;
inline constexpr std::uint32_t surcharge_paid = 1u << 18;
inline constexpr std::uint32_t benefits_withheld = 1u << 19;
inline constexpr std::uint32_t newly_restricted = 1u << 20;
inline constexpr std::uint32_t rewarded = 1u << 21;
inline constexpr std::uint32_t firm_sanctioned = 1u << 22;
inline constexpr std::uint32_t took_loan = 1u << 23;
inline constexpr std::uint32_t loan_refused = 1u << 24;
inline constexpr std::uint32_t throttled = 1u << 25;
inline constexpr std::uint32_t repaid = 1u << 26;
inline constexpr std::uint32_t friendship_lapsed = 1u << 27;
}  // namespace happened

// Why a score moved: the contributions to last tick's change, by factor.
enum class Factor : std::uint8_t {
  credit_history,
  fulfilment,
  behaviour,
  identity,
  baseline,        // points variant: drift back to the base
  court_blacklist,
  online_conduct,
  civic_acts,
  friends,
  colleagues,
  bounds,          // clipped at 350 or 950
  count
};
inline constexpr std::size_t kFactorCount = static_cast<std::size_t>(Factor::count);
std::string_view factor_name(Factor f);

// Contributions in hundredths of a point, saturated at +/-327 points.
using Explanation = std::array<std::int16_t, kFactorCount>;

// Points in hundredths, saturated at +/-327.67: one category of a citizen's point events in a
// week. Whole and half points (every default) are stored exactly.
class Points {
 public:
  Points() = default;
  Points(double points)  // NOLINT(google-explicit-constructor): points are a number
      : q_(static_cast<std::int16_t>(std::clamp(points * 100.0, -32767.0, 32767.0) +
                                     (points < 0 ? -0.5 : 0.5))) {}
  operator double() const { return q_ / 100.0; }  // NOLINT
  bool operator==(const Points&) const = default;

 private:
  std::int16_t q_ = 0;
};

// Point events of this tick, written by behaviour and read by scoring.
struct PointEvents {
  Points credit;
  Points online;
  Points civic;
  bool operator==(const PointEvents&) const = default;
};

struct Firms {
  std::vector<CitizenId> first;  // first member
  std::vector<std::uint32_t> size;
  std::vector<std::uint16_t> region;
  std::vector<float> compliance;
  std::vector<double> score;
  std::vector<std::uint32_t> staff;  // employed, scored members last tick
  std::vector<std::uint8_t> sanctioned;
  std::size_t count() const { return first.size(); }
  bool operator==(const Firms&) const = default;
};

struct Regions {
  std::vector<CitizenId> first;
  std::vector<std::uint32_t> size;
  std::vector<double> median_income;  // weekly, yuan
  std::size_t count() const { return first.size(); }
  bool operator==(const Regions&) const = default;
};

struct World {
  std::uint64_t seed = 0;
  std::int64_t tick = 0;

  // Who a citizen is (fixed after the society is built, except occupation).
  std::vector<std::uint16_t> region;
  std::vector<std::uint8_t> education;   // 0 primary, 1 secondary, 2 tertiary, 3 postgraduate
  std::vector<Occupation> occupation;
  std::vector<std::uint32_t> firm;       // workplace (kept while jobless)
  std::vector<Trait> conformity;
  std::vector<Trait> dissent;            // propensity to post dissent
  std::vector<Trait> sociability;
  std::vector<Trait> thrift;             // saves rather than spends
  std::vector<Trait> vice;               // games, alcohol, tobacco

  // Money (yuan) and records.
  std::vector<std::uint8_t> status;      // status:: bits
  std::vector<float> base_income;        // weekly wage when employed
  std::vector<float> income;             // this week's income
  std::vector<float> savings;
  std::vector<float> debt;
  std::vector<std::uint16_t> missed;     // consecutive missed payments
  std::vector<float> credit_history;     // 0..1, share of recent payments on time
  std::vector<float> behaviour_record;   // 0..1, what the platform makes of purchases
  std::vector<float> knowledge;          // 0..1, knows that friends' scores matter
  std::vector<float> self_censorship;    // 0..1
  std::vector<float> grievance;          // >= 0

  // The score, double-buffered: phases read `score` (last tick) and write `score_next`.
  std::vector<double> score;
  std::vector<double> score_next;
  std::vector<Explanation> explanation;
  std::vector<PointEvents> points;

  std::vector<std::uint16_t> restrictions;  // policy_bit() mask this tick
  std::vector<std::uint32_t> happenings;    // happened:: bits this tick

  Adjacency friends;
  std::vector<std::uint16_t> desired_degree;  // friends a citizen seeks to keep (the start)
  Firms firms;
  Regions regions;

  // Rewiring proposals (one drop and one new friend per citizen per tick at most).
  std::vector<CitizenId> drop_proposal;
  std::vector<CitizenId> add_proposal;

  std::size_t size() const { return score.size(); }
  bool participates(CitizenId i) const { return status[i] & status::participates; }
  bool employed(CitizenId i) const { return status[i] & status::employed; }
  bool blacklisted(CitizenId i) const { return status[i] & status::blacklisted; }

  // Bytes held by the world's arrays (capacity, not size).
  std::size_t memory_bytes() const;

  // Every value, every array: a checkpoint round trip must give back an equal world.
  bool operator==(const World&) const = default;
};

// What an array of the world is indexed by, and so how long it is.
enum class Extent : std::uint8_t { citizens, citizens_plus_one, tie_slots, firms, regions };

// Calls f(name, array, extent) for every array of the world, in a fixed order. Checkpoints,
// memory accounting and the memory estimate all read this one list, so a new array of the
// World must be added here; the checkpoint round-trip test (which compares whole worlds)
// fails when one is missing. W is World or const World.
template <class W, class F>
void for_each_array(W& w, F&& f) {
  f("region", w.region, Extent::citizens);
  f("education", w.education, Extent::citizens);
  f("occupation", w.occupation, Extent::citizens);
  f("firm", w.firm, Extent::citizens);
  f("conformity", w.conformity, Extent::citizens);
  f("dissent", w.dissent, Extent::citizens);
  f("sociability", w.sociability, Extent::citizens);
  f("thrift", w.thrift, Extent::citizens);
  f("vice", w.vice, Extent::citizens);
  f("status", w.status, Extent::citizens);
  f("base_income", w.base_income, Extent::citizens);
  f("income", w.income, Extent::citizens);
  f("savings", w.savings, Extent::citizens);
  f("debt", w.debt, Extent::citizens);
  f("missed", w.missed, Extent::citizens);
  f("credit_history", w.credit_history, Extent::citizens);
  f("behaviour_record", w.behaviour_record, Extent::citizens);
  f("knowledge", w.knowledge, Extent::citizens);
  f("self_censorship", w.self_censorship, Extent::citizens);
  f("grievance", w.grievance, Extent::citizens);
  f("score", w.score, Extent::citizens);
  f("score_next", w.score_next, Extent::citizens);
  f("explanation", w.explanation, Extent::citizens);
  f("points", w.points, Extent::citizens);
  f("restrictions", w.restrictions, Extent::citizens);
  f("happenings", w.happenings, Extent::citizens);
  f("friends.start", w.friends.starts(), Extent::citizens_plus_one);
  f("friends.degree", w.friends.degrees(), Extent::citizens);
  f("friends.slots", w.friends.slots(), Extent::tie_slots);
  f("desired_degree", w.desired_degree, Extent::citizens);
  f("firms.first", w.firms.first, Extent::firms);
  f("firms.size", w.firms.size, Extent::firms);
  f("firms.region", w.firms.region, Extent::firms);
  f("firms.compliance", w.firms.compliance, Extent::firms);
  f("firms.score", w.firms.score, Extent::firms);
  f("firms.staff", w.firms.staff, Extent::firms);
  f("firms.sanctioned", w.firms.sanctioned, Extent::firms);
  f("regions.first", w.regions.first, Extent::regions);
  f("regions.size", w.regions.size, Extent::regions);
  f("regions.median_income", w.regions.median_income, Extent::regions);
  f("drop_proposal", w.drop_proposal, Extent::citizens);
  f("add_proposal", w.add_proposal, Extent::citizens);
}

}  // namespace socred

// The Scenario: every parameter of a run, immutable while a tick runs.
//
// Sections map onto plain structs with default member values (Box2D's b2DefaultWorldDef
// habit): `Scenario{}` IS the compiled-in classroom demo. The field table in
// scenario_schema.hpp names every field by its dotted path, range and meaning; the
// validator, `--set`, timeline events, docs/scenario-reference.md and the GUI's policy
// panel all read that one table.
#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace socred {

enum class NetworkGenerator { homophilous, small_world, scale_free, random, file };
enum class ScoringVariant { weighted, points };
enum class Participation { mandatory, voluntary };

// A value as it appears in a scenario file or on the command line.
using FieldValue = std::variant<bool, std::int64_t, double, std::string>;

struct SocietyParams {
  std::int64_t agents = 5000;
  std::int64_t regions = 12;
  double region_zipf_exponent = 1.0;
  double urban_income_exponent = 0.12;
  double mean_firm_size = 25.0;
  double unemployment_rate = 0.05;
  double education_primary = 0.30;
  double education_secondary = 0.52;
  double education_tertiary = 0.16;
  double education_postgraduate = 0.02;
  double civil_servant_share = 0.03;
  double senior_food_medical_share = 0.02;
  double children_share = 0.45;
  double median_weekly_income = 510.0;
  double income_sigma = 0.6;
  double debt_share = 0.4;
  double dissent_mean = 0.10;
  double conformity_mean = 0.6;
  double firm_compliance_mean = 0.75;

  bool operator==(const SocietyParams&) const = default;
};

struct NetworkParams {
  NetworkGenerator generator = NetworkGenerator::homophilous;
  std::string file;
  double mean_degree = 12.0;
  double small_world_rewire = 0.1;
  double firm_tie_share = 0.3;
  double region_tie_share = 0.6;
  double education_homophily = 1.0;
  double slack = 0.25;
  std::int64_t min_slack = 4;

  bool operator==(const NetworkParams&) const = default;
};

struct BehaviourParams {
  double necessities_share = 0.25;
  double consumption_share = 0.45;
  double children_share = 0.08;
  double private_school_share = 0.10;
  double books_share = 0.03;
  double luxury_share = 0.10;
  double games_share = 0.04;
  double alcohol_tobacco_share = 0.04;
  double charity_share = 0.01;
  double trip_cost_weeks = 1.0;
  double trip_rate = 0.03;
  double flight_share = 0.35;
  double international_share = 0.1;
  double installment_rate = 0.01;
  double interest_rate = 0.001;
  double borrow_rate = 0.01;
  double job_loss_rate = 0.002;
  double job_find_rate = 0.05;
  double benefit_share = 0.35;
  std::int64_t blacklist_after_missed = 12;
  double post_rate = 3.0;
  double rumour_share = 0.2;
  double approving_rate = 0.1;
  double civic_rate = 0.02;
  double grievance_effect = 0.5;
  double grievance_decay = 0.02;

  bool operator==(const BehaviourParams&) const = default;
};

struct ContagionParams {
  double weight = 0.02;
  double colleague_weight = 0.005;
  double firm_compliance_weight = 0.5;

  bool operator==(const ContagionParams&) const = default;
};

struct ScoringParams {
  ScoringVariant variant = ScoringVariant::weighted;
  Participation participation = Participation::mandatory;
  double opt_in_rate = 0.6;
  double adjustment_rate = 0.05;
  double initial_mean = 600.0;
  double initial_sd = 40.0;
  double points_base = 650.0;
  double weight_credit_history = 35.0;
  double weight_fulfilment = 25.0;
  double weight_behaviour = 20.0;
  double weight_identity = 15.0;
  double blacklist_penalty = 150.0;
  double missed_payment_points = 2.0;
  double civic_points = 3.0;
  double approving_points = 0.0;
  ContagionParams contagion;

  bool operator==(const ScoringParams&) const = default;
};

// A restriction that applies to citizens scoring below `threshold` (and, when
// `include_blacklisted`, to everyone on the courts' list of judgment defaulters).
struct Restriction {
  bool enabled = false;
  double threshold = 550.0;
  double strength = 1.0;
  bool include_blacklisted = true;

  bool operator==(const Restriction&) const = default;
};

struct RewardPolicy {
  bool enabled = true;
  double threshold = 700.0;
  double discount = 0.05;
  double loan_multiplier = 2.0;

  bool operator==(const RewardPolicy&) const = default;
};

struct OnlineConductPolicy {
  bool enabled = true;
  double dissent_penalty = 10.0;
  double rumour_penalty = 20.0;
  double detection = 0.3;

  bool operator==(const OnlineConductPolicy&) const = default;
};

struct PolicyParams {
  Restriction travel_ban{true, 550.0, 1.0, true};
  Restriction luxury_ban{true, 550.0, 1.0, true};
  Restriction internet_throttling{false, 550.0, 0.5, true};
  Restriction surcharges{false, 550.0, 0.2, false};
  Restriction job_exclusion{true, 550.0, 0.3, true};
  Restriction social_security_loss{true, 500.0, 1.0, true};
  Restriction customs{true, 550.0, 0.5, true};
  Restriction school_ban{true, 550.0, 1.0, true};
  Restriction firm_sanctions{false, 500.0, 0.1, false};
  bool court_blacklist = true;
  bool public_blacklist = true;
  RewardPolicy rewards;
  OnlineConductPolicy online_conduct;

  bool operator==(const PolicyParams&) const = default;
};

struct SelfCensorshipParams {
  bool enabled = true;
  double own_penalty_effect = 0.2;
  double friend_penalty_effect = 0.1;
  double decay = 0.02;

  bool operator==(const SelfCensorshipParams&) const = default;
};

struct AdaptationParams {
  bool enabled = true;
  double initial_knowledge = 0.1;
  double learning_rate = 0.2;
  double publicity = 0.005;
  double forgetting = 0.01;
  double review_rate = 0.05;
  double drop_below = 600.0;
  double drop_probability = 0.5;
  double stigma = 3.0;
  double new_tie_rate = 0.05;
  double tie_decay = 0.003;
  double triadic_share = 0.5;
  double colleague_meeting_share = 0.3;
  double score_preference = 50.0;
  SelfCensorshipParams self_censorship;

  bool operator==(const AdaptationParams&) const = default;
};

struct MetricsParams {
  std::int64_t clustering_sample = 10000;
  std::int64_t component_every = 1;
  double trusted_line = 550.0;

  bool operator==(const MetricsParams&) const = default;
};

// A change of parameters at a tick: `{"tick": 52, "set": {"policies.travel_ban.enabled": true}}`.
struct TimelineEvent {
  std::int64_t tick = 0;
  std::vector<std::pair<std::string, FieldValue>> set;
  std::string note;

  bool operator==(const TimelineEvent&) const = default;
};

struct Scenario {
  std::string name = "default";
  std::string description =
      "Classroom demo: about 5,000 citizens under the State Council's 2014 plan as described "
      "for 2020 (mandatory score, court blacklist published, travel, hotel, school, job and "
      "welfare restrictions, online-conduct scoring) with friend contagion on. Friend contagion is a "
      "disputed claim (a viral 2015 report about Sesame Credit), not a documented mechanism; "
      "it is on here so that the network visibly reshapes within a few hundred weeks.";
  std::uint64_t seed = 42;
  std::int64_t ticks = 520;
  SocietyParams society;
  NetworkParams network;
  BehaviourParams behaviour;
  ScoringParams scoring;
  PolicyParams policies;
  AdaptationParams adaptation;
  MetricsParams metrics;
  std::vector<TimelineEvent> events;

  bool operator==(const Scenario&) const = default;
};

}  // namespace socred

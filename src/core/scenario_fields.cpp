// The field table. Each macro row names a Scenario member; its dotted path is the member
// expression itself, so the schema cannot drift from the struct.
//
// Sections: top level, society, network, behaviour, scoring, policies, adaptation, metrics.
#include <cmath>
#include <limits>

#include "socred/scenario_schema.hpp"

namespace socred {
namespace {

const char* const kAssumption = "assumption";

template <class T>
using Ref = T& (*)(Scenario&);

FieldSpec make_real(std::string path, Ref<double> ref, double lo, double hi, std::string unit,
                    std::string meaning, std::string basis, bool runtime) {
  FieldSpec f;
  f.path = std::move(path);
  f.kind = FieldKind::real;
  f.min = lo;
  f.max = hi;
  f.unit = std::move(unit);
  f.meaning = std::move(meaning);
  f.basis = std::move(basis);
  f.runtime = runtime;
  f.get = [ref](const Scenario& s) { return FieldValue{ref(const_cast<Scenario&>(s))}; };
  f.set = [ref](Scenario& s, const FieldValue& v) { ref(s) = std::get<double>(v); };
  return f;
}

FieldSpec make_int(std::string path, Ref<std::int64_t> ref, double lo, double hi,
                   std::string unit, std::string meaning, std::string basis, bool runtime) {
  FieldSpec f = make_real(std::move(path), nullptr, lo, hi, std::move(unit), std::move(meaning),
                          std::move(basis), runtime);
  f.kind = FieldKind::integer;
  f.get = [ref](const Scenario& s) { return FieldValue{ref(const_cast<Scenario&>(s))}; };
  f.set = [ref](Scenario& s, const FieldValue& v) { ref(s) = std::get<std::int64_t>(v); };
  return f;
}

FieldSpec make_bool(std::string path, Ref<bool> ref, std::string meaning, std::string basis,
                    bool runtime) {
  FieldSpec f = make_real(std::move(path), nullptr, 0, 0, "", std::move(meaning),
                          std::move(basis), runtime);
  f.kind = FieldKind::boolean;
  f.get = [ref](const Scenario& s) { return FieldValue{ref(const_cast<Scenario&>(s))}; };
  f.set = [ref](Scenario& s, const FieldValue& v) { ref(s) = std::get<bool>(v); };
  return f;
}

FieldSpec make_text(std::string path, Ref<std::string> ref, std::string meaning, bool runtime) {
  FieldSpec f =
      make_real(std::move(path), nullptr, 0, 0, "", std::move(meaning), "", runtime);
  f.kind = FieldKind::text;
  f.get = [ref](const Scenario& s) { return FieldValue{ref(const_cast<Scenario&>(s))}; };
  f.set = [ref](Scenario& s, const FieldValue& v) { ref(s) = std::get<std::string>(v); };
  return f;
}

// A choice field over an enum whose values are 0..choices.size()-1 in order.
template <class E>
FieldSpec make_choice(std::string path, Ref<E> ref, std::vector<std::string> choices,
                      std::string meaning, std::string basis, bool runtime) {
  FieldSpec f = make_real(std::move(path), nullptr, 0, 0, "", std::move(meaning),
                          std::move(basis), runtime);
  f.kind = FieldKind::choice;
  f.choices = choices;
  f.get = [ref, choices](const Scenario& s) {
    return FieldValue{choices.at(static_cast<std::size_t>(ref(const_cast<Scenario&>(s))))};
  };
  f.set = [ref, choices](Scenario& s, const FieldValue& v) {
    const auto& name = std::get<std::string>(v);
    for (std::size_t i = 0; i < choices.size(); ++i) {
      if (choices[i] == name) ref(s) = static_cast<E>(i);
    }
  };
  return f;
}

#define SOCRED_REAL(member, lo, hi, unit, meaning, basis, runtime)                       \
  make_real(#member, [](Scenario& s) -> double& { return s.member; }, lo, hi, unit, meaning, \
            basis, runtime)
#define SOCRED_INT(member, lo, hi, unit, meaning, basis, runtime)                              \
  make_int(#member, [](Scenario& s) -> std::int64_t& { return s.member; }, lo, hi, unit, \
           meaning, basis, runtime)
#define SOCRED_BOOL(member, meaning, basis, runtime) \
  make_bool(#member, [](Scenario& s) -> bool& { return s.member; }, meaning, basis, runtime)

// The four fields every restriction has, with a policy-specific meaning.
void add_restriction(std::vector<FieldSpec>& out, const std::string& name,
                     Ref<Restriction> ref, const std::string& what, const std::string& strength,
                     const std::string& strength_unit, const std::string& basis) {
  const std::string prefix = "policies." + name + ".";
  auto field = [ref](double Restriction::*m) {
    return [ref, m](Scenario& s) -> double& { return ref(s).*m; };
  };
  FieldSpec on = make_bool(prefix + "enabled", nullptr, what, basis, true);
  on.get = [ref](const Scenario& s) {
    return FieldValue{ref(const_cast<Scenario&>(s)).enabled};
  };
  on.set = [ref](Scenario& s, const FieldValue& v) { ref(s).enabled = std::get<bool>(v); };
  out.push_back(on);

  FieldSpec thr = make_real(prefix + "threshold", nullptr, 350, 950, "points",
                            "Applies to participating citizens whose score is below this.",
                            basis, true);
  auto tget = field(&Restriction::threshold);
  thr.get = [tget](const Scenario& s) { return FieldValue{tget(const_cast<Scenario&>(s))}; };
  thr.set = [tget](Scenario& s, const FieldValue& v) { tget(s) = std::get<double>(v); };
  out.push_back(thr);

  FieldSpec str = make_real(prefix + "strength", nullptr, 0, 1, strength_unit, strength,
                            kAssumption, true);
  auto sget = field(&Restriction::strength);
  str.get = [sget](const Scenario& s) { return FieldValue{sget(const_cast<Scenario&>(s))}; };
  str.set = [sget](Scenario& s, const FieldValue& v) { sget(s) = std::get<double>(v); };
  out.push_back(str);

  FieldSpec bl = make_bool(prefix + "include_blacklisted", nullptr,
                           "Also applies to everyone on the courts' list of judgment "
                           "defaulters, whatever their score.",
                           "MODEL-BRIEF: the courts' blacklist is the state system's sharpest "
                           "tool (flight and rail bans)",
                           true);
  bl.get = [ref](const Scenario& s) {
    return FieldValue{ref(const_cast<Scenario&>(s)).include_blacklisted};
  };
  bl.set = [ref](Scenario& s, const FieldValue& v) {
    ref(s).include_blacklisted = std::get<bool>(v);
  };
  out.push_back(bl);
}

#define SOCRED_RESTRICTION(out, name, what, strength, unit, basis)                         \
  add_restriction(out, #name, [](Scenario& s) -> Restriction& { return s.policies.name; }, \
                  what, strength, unit, basis)

std::vector<FieldSpec> build_top_and_society() {
  std::vector<FieldSpec> f;
  f.push_back(make_text("name", [](Scenario& s) -> std::string& { return s.name; },
                        "Short name shown in the GUI's scenario picker and in run.json.", false));
  f.push_back(make_text("description",
                        [](Scenario& s) -> std::string& { return s.description; },
                        "What the scenario represents, what to watch, and its sources, for "
                        "a non-specialist.",
                        false));
  // The seed is unsigned in the struct; JSON carries it as an integer up to 2^53 - 1 so that
  // every JSON reader (Python, R, JavaScript) reads it back exactly.
  FieldSpec seed = make_int("seed", nullptr, 0, 9007199254740991.0, "",
                            "Base seed of all random draws (keyed by seed, tick, citizen, "
                            "stream).",
                            "", false);
  seed.get = [](const Scenario& s) { return FieldValue{static_cast<std::int64_t>(s.seed)}; };
  seed.set = [](Scenario& s, const FieldValue& v) {
    s.seed = static_cast<std::uint64_t>(std::get<std::int64_t>(v));
  };
  f.push_back(seed);
  f.push_back(SOCRED_INT(ticks, 0, 1e9, "weeks",
                         "Length of a run in ticks; one tick is one week.", kAssumption, false));

  const char* census = "2020 census shares of educational attainment, rounded";
  f.push_back(SOCRED_INT(society.agents, 2, 4e9, "citizens",
                         "Number of citizens (ignored when the network is read from a file: the "
                         "file's node count wins).",
                         kAssumption, false));
  f.push_back(SOCRED_INT(society.regions, 1, 65535, "regions",
                         "Number of cities; sizes follow Zipf's law.", kAssumption, false));
  f.push_back(SOCRED_REAL(society.region_zipf_exponent, 0, 3, "",
                          "Zipf exponent of city sizes (size of rank r proportional to r^-a).",
                          "Gabaix 1999, Zipf's law for cities (a close to 1)", false));
  f.push_back(SOCRED_REAL(society.urban_income_exponent, 0, 1, "",
                          "Per-capita income scales with city size to this power.",
                          "Bettencourt et al. 2007, urban scaling of wages (about 0.12)", false));
  f.push_back(SOCRED_REAL(society.mean_firm_size, 1, 1e6, "citizens",
                          "Mean number of employees per workplace.", kAssumption, false));
  f.push_back(SOCRED_REAL(society.unemployment_rate, 0, 0.9, "share",
                          "Share of citizens without a job at the start.",
                          "NBS surveyed urban unemployment about 5% (2019)", false));
  f.push_back(SOCRED_REAL(society.education_primary, 0, 1, "share",
                          "Share with primary education or less (shares are normalised).",
                          census, false));
  f.push_back(SOCRED_REAL(society.education_secondary, 0, 1, "share",
                          "Share with junior or senior secondary education.", census, false));
  f.push_back(SOCRED_REAL(society.education_tertiary, 0, 1, "share",
                          "Share with a college or university degree.", census, false));
  f.push_back(SOCRED_REAL(society.education_postgraduate, 0, 1, "share",
                          "Share with a postgraduate degree.", census, false));
  f.push_back(SOCRED_REAL(society.civil_servant_share, 0, 0.5, "share",
                          "Share of workers who are civil servants (jobs a low score bars).",
                          kAssumption, false));
  f.push_back(SOCRED_REAL(society.senior_food_medical_share, 0, 0.5, "share",
                          "Share of workers in senior food-sector or medical positions (jobs a "
                          "low score bars).",
                          kAssumption, false));
  f.push_back(SOCRED_REAL(society.children_share, 0, 1, "share",
                          "Share of citizens with school-age children.", kAssumption, false));
  f.push_back(SOCRED_REAL(society.median_weekly_income, 1, 1e6, "yuan/week",
                          "National median weekly income before city and education effects.",
                          "NBS 2019: median per-capita disposable income 26,523 yuan/year",
                          false));
  f.push_back(SOCRED_REAL(society.income_sigma, 0, 3, "",
                          "Spread (log-normal sigma) of individual income.", kAssumption, false));
  f.push_back(SOCRED_REAL(society.debt_share, 0, 1, "share",
                          "Share of citizens with a loan at the start.", kAssumption, false));
  f.push_back(SOCRED_REAL(society.dissent_mean, 0, 1, "probability",
                          "Mean dissent propensity: chance that a post voices dissent before "
                          "self-censorship.",
                          kAssumption, false));
  f.push_back(SOCRED_REAL(society.conformity_mean, 0, 1, "",
                          "Mean conformity (approving posts, civic acts, charity).", kAssumption,
                          false));
  f.push_back(SOCRED_REAL(society.firm_compliance_mean, 0, 1, "",
                          "Mean compliance record of firms (tax, safety, contracts).",
                          kAssumption, false));
  return f;
}

std::vector<FieldSpec> build_network() {
  std::vector<FieldSpec> f;
  f.push_back(make_choice<NetworkGenerator>(
      "network.generator", [](Scenario& s) -> NetworkGenerator& { return s.network.generator; },
      {"homophilous", "small_world", "scale_free", "random", "file"},
      "How the friendship network is made: homophilous (by workplace, city and education), "
      "small_world (Watts-Strogatz), scale_free (Barabasi-Albert), random (Erdos-Renyi), or "
      "file (a SNAP edge list, see network.file).",
      kAssumption, false));
  f.push_back(make_text("network.file",
                        [](Scenario& s) -> std::string& { return s.network.file; },
                        "SNAP-style edge list (`u v` per line, `#` comments, plain or .gz) "
                        "read when generator is \"file\"; relative to the scenario file.",
                        false));
  f.push_back(SOCRED_REAL(network.mean_degree, 0, 10000, "friends",
                          "Mean number of friends per citizen in generated networks.",
                          "assumption (Dunbar-like layers of 5-15 close ties)", false));
  f.push_back(SOCRED_REAL(network.small_world_rewire, 0, 1, "probability",
                          "Watts-Strogatz rewiring probability.", kAssumption, false));
  f.push_back(SOCRED_REAL(network.firm_tie_share, 0, 1, "share",
                          "Homophilous generator: share of friendships made at work.",
                          kAssumption, false));
  f.push_back(SOCRED_REAL(network.region_tie_share, 0, 1, "share",
                          "Homophilous generator: share made in one's own city (the rest are "
                          "anywhere).",
                          kAssumption, false));
  f.push_back(SOCRED_REAL(network.education_homophily, 0, 10, "",
                          "Homophilous generator: a city tie between education levels d apart "
                          "is accepted with probability exp(-h d).",
                          kAssumption, false));
  f.push_back(SOCRED_REAL(network.slack, 0, 10, "share",
                          "Room kept in each friend list for new ties, as a share of the "
                          "starting degree; a citizen whose list is full accepts no new friend.",
                          kAssumption, false));
  f.push_back(SOCRED_INT(network.min_slack, 0, 1000, "friends",
                         "Minimum room kept in each friend list for new ties.", kAssumption,
                         false));
  return f;
}

std::vector<FieldSpec> build_behaviour() {
  std::vector<FieldSpec> f;
  const char* share_of_income = "share of income";
  f.push_back(SOCRED_REAL(behaviour.necessities_share, 0, 5, "share of city median income",
                          "Weekly cost of necessities (food, rent, utilities), a fixed cost "
                          "that surcharges raise.",
                          kAssumption, true));
  f.push_back(SOCRED_REAL(behaviour.consumption_share, 0, 2, share_of_income,
                          "Everyday spending (meals, clothes, taxis: what Alipay sees most), "
                          "scaled by 1.5 - thrift; counted with necessities.",
                          "assumption (leaves a household saving rate near 20-30%)", true));
  f.push_back(SOCRED_REAL(behaviour.children_share, 0, 5, "share of city median income",
                          "Weekly cost of children's goods for parents.", kAssumption, true));
  f.push_back(SOCRED_REAL(behaviour.private_school_share, 0, 5, "share of city median income",
                          "Weekly private-school fees paid by better-off parents (barred by "
                          "the school ban).",
                          kAssumption, true));
  f.push_back(SOCRED_REAL(behaviour.books_share, 0, 1, share_of_income,
                          "Spending on books and education (scaled by education).", kAssumption,
                          true));
  f.push_back(SOCRED_REAL(behaviour.luxury_share, 0, 1, share_of_income,
                          "Spending on better hotels, restaurants, travel agencies (scaled by "
                          "1 - thrift).",
                          kAssumption, true));
  f.push_back(SOCRED_REAL(behaviour.games_share, 0, 1, share_of_income,
                          "Spending on video games (scaled by the vice trait).",
                          "MODEL-BRIEF: Ant said ten hours of games a day marks an 'idle "
                          "person'",
                          true));
  f.push_back(SOCRED_REAL(behaviour.alcohol_tobacco_share, 0, 1, share_of_income,
                          "Spending on alcohol and tobacco (scaled by the vice trait).",
                          kAssumption, true));
  f.push_back(SOCRED_REAL(behaviour.charity_share, 0, 1, share_of_income,
                          "Donations (scaled by conformity).", kAssumption, true));
  f.push_back(SOCRED_REAL(behaviour.trip_cost_weeks, 0, 100, "weeks of income",
                          "Cost of one trip (ticket and lodging).", kAssumption, true));
  f.push_back(SOCRED_REAL(behaviour.trip_rate, 0, 1, "trips/week",
                          "Chance per week that a citizen of median income tries to travel.",
                          kAssumption, true));
  f.push_back(SOCRED_REAL(behaviour.flight_share, 0, 1, "share",
                          "Share of trips by air (the rest by high-speed or night train).",
                          "MODEL-BRIEF: 17.46M flight vs 5.47M rail purchases blocked (2018)",
                          true));
  f.push_back(SOCRED_REAL(behaviour.international_share, 0, 1, "share",
                          "Share of trips abroad (through customs).", kAssumption, true));
  f.push_back(SOCRED_REAL(behaviour.installment_rate, 0, 1, "share of debt/week",
                          "Weekly installment due on a loan.", kAssumption, true));
  f.push_back(SOCRED_REAL(behaviour.interest_rate, 0, 0.1, "per week",
                          "Interest added to debt each week (0.001 is about 5% a year).",
                          kAssumption, true));
  f.push_back(SOCRED_REAL(behaviour.borrow_rate, 0, 1, "loans/week",
                          "Chance per week of taking a new consumer loan.", kAssumption, true));
  f.push_back(SOCRED_REAL(behaviour.job_loss_rate, 0, 1, "per week",
                          "Chance per week that a worker loses their job.", kAssumption, true));
  f.push_back(SOCRED_REAL(behaviour.job_find_rate, 0, 1, "per week",
                          "Chance per week that a jobless citizen finds work.", kAssumption,
                          true));
  f.push_back(SOCRED_REAL(behaviour.benefit_share, 0, 2, "share of city median income",
                          "Social-security payment to the jobless and the poor (lost under "
                          "social_security_loss).",
                          kAssumption, true));
  f.push_back(SOCRED_INT(behaviour.blacklist_after_missed, 1, 10000, "weeks",
                         "Consecutive missed payments after which a court lists the citizen as "
                         "a judgment defaulter.",
                         kAssumption, true));
  f.push_back(SOCRED_REAL(behaviour.post_rate, 0, 100, "posts/week",
                          "Mean online posts per week of a citizen of average sociability.",
                          kAssumption, true));
  f.push_back(SOCRED_REAL(behaviour.rumour_share, 0, 1, "share",
                          "Share of non-conforming posts that are rumours rather than dissent.",
                          kAssumption, true));
  f.push_back(SOCRED_REAL(behaviour.approving_rate, 0, 1, "probability",
                          "Chance that a post of a fully conforming citizen praises the "
                          "authorities ('positive energy').",
                          kAssumption, true));
  f.push_back(SOCRED_REAL(behaviour.civic_rate, 0, 1, "acts/week",
                          "Chance per week of a civic act (volunteering, blood donation) for "
                          "a fully conforming citizen.",
                          "Rongcheng pilot awarded points for good deeds (MODEL-BRIEF)", true));
  f.push_back(SOCRED_REAL(behaviour.grievance_effect, 0, 10, "",
                          "How much grievance (blocked trips, lost jobs, listing) raises the "
                          "dissent propensity.",
                          kAssumption, true));
  f.push_back(SOCRED_REAL(behaviour.grievance_decay, 0, 1, "per week",
                          "Share of grievance forgotten each week.", kAssumption, true));
  return f;
}

std::vector<FieldSpec> build_scoring() {
  std::vector<FieldSpec> f;
  const char* sesame = "unofficial Sesame Credit weights repeated by Chinese secondary sources "
                       "(MODEL-BRIEF); an assumption";
  f.push_back(make_choice<ScoringVariant>(
      "scoring.variant", [](Scenario& s) -> ScoringVariant& { return s.scoring.variant; },
      {"weighted", "points"},
      "The opaque formula: weighted (Sesame-style: the score drifts toward a weighted mix of "
      "factor values) or points (Rongcheng-style tally: points for deeds and misdeeds, drifting "
      "back to scoring.points_base).",
      "MODEL-BRIEF", true));
  f.push_back(make_choice<Participation>(
      "scoring.participation",
      [](Scenario& s) -> Participation& { return s.scoring.participation; },
      {"mandatory", "voluntary"},
      "Whether everyone is scored (the state plan's 'file on every citizen') or only those "
      "who opt in (Sesame Credit).",
      "seed article; MODEL-BRIEF", true));
  f.push_back(SOCRED_REAL(scoring.opt_in_rate, 0, 1, "probability",
                          "Voluntary participation: base chance to opt in, raised for the "
                          "better-off (who expect rewards).",
                          kAssumption, false));
  f.push_back(SOCRED_REAL(scoring.adjustment_rate, 0, 1, "per week",
                          "How fast the score moves toward its factor target (0.05: about 20 "
                          "weeks to close most of a gap).",
                          kAssumption, true));
  f.push_back(SOCRED_REAL(scoring.initial_mean, 350, 950, "points",
                          "Starting score when no factor has weight (else scores start at the "
                          "factor target).",
                          kAssumption, false));
  f.push_back(SOCRED_REAL(scoring.initial_sd, 0, 600, "points",
                          "Spread of starting scores around their target.", kAssumption, false));
  f.push_back(SOCRED_REAL(scoring.points_base, 350, 950, "points",
                          "Points variant: the score everyone starts from and drifts back to.",
                          "Rongcheng's pilot started everyone at the same points (MODEL-BRIEF)",
                          true));
  f.push_back(SOCRED_REAL(scoring.weight_credit_history, 0, 1000, "relative weight",
                          "Weighted variant: weight of repayment history.", sesame, true));
  f.push_back(SOCRED_REAL(scoring.weight_fulfilment, 0, 1000, "relative weight",
                          "Weighted variant: weight of fulfilment capacity (income, savings).",
                          sesame, true));
  f.push_back(SOCRED_REAL(scoring.weight_behaviour, 0, 1000, "relative weight",
                          "Weighted variant: weight of behaviour and preferences (what one "
                          "buys).",
                          sesame, true));
  f.push_back(SOCRED_REAL(scoring.weight_identity, 0, 1000, "relative weight",
                          "Weighted variant: weight of identity characteristics (education, "
                          "job).",
                          sesame, true));
  f.push_back(SOCRED_REAL(scoring.blacklist_penalty, 0, 600, "points",
                          "Target points removed while on the courts' blacklist.", kAssumption,
                          true));
  f.push_back(SOCRED_REAL(scoring.missed_payment_points, 0, 600, "points",
                          "Points removed per missed payment.", kAssumption, true));
  f.push_back(SOCRED_REAL(scoring.civic_points, 0, 600, "points",
                          "Points added per civic act (state addition).",
                          "Rongcheng pilot awarded points for good deeds (MODEL-BRIEF)", true));
  f.push_back(SOCRED_REAL(scoring.approving_points, 0, 600, "points",
                          "Points added per detected approving post.", kAssumption, true));
  f.push_back(SOCRED_REAL(scoring.contagion.weight, 0, 1, "share per week",
                          "Friend contagion: each week the score moves this share of the way "
                          "toward the mean score of one's scored friends. Disputed claim (a "
                          "viral 2015 report), a switch to explore.",
                          "seed article; disputed (MODEL-BRIEF)", true));
  f.push_back(SOCRED_REAL(scoring.contagion.colleague_weight, 0, 1, "share per week",
                          "Colleague contagion: pull toward one's workplace's score.",
                          "seed article ('friends and colleagues'); disputed", true));
  f.push_back(SOCRED_REAL(scoring.contagion.firm_compliance_weight, 0, 1, "share",
                          "A firm's score mixes its compliance record (this share) with its "
                          "employees' mean score.",
                          "2014 plan rates businesses too (seed article)", true));
  return f;
}

std::vector<FieldSpec> build_policies() {
  std::vector<FieldSpec> f;
  const char* reported = "seed article (reported, not confirmed as an actual policy)";
  const char* listed = "seed article; 2016 joint-punishment memorandum (MODEL-BRIEF)";
  SOCRED_RESTRICTION(f, travel_ban,
                     "Travel ban: no flights, no high-speed rail, no night-train beds.",
                     "Share of attempted trips that are refused.", "probability", listed);
  SOCRED_RESTRICTION(f, luxury_ban,
                     "Luxury ban: no better hotels, restaurants or travel agencies.",
                     "Share of luxury purchases that are refused.", "probability", listed);
  SOCRED_RESTRICTION(f, internet_throttling, "Slower internet.",
                     "Share of online posts (and online earnings) lost.", "share", reported);
  SOCRED_RESTRICTION(f, surcharges, "Surcharges on basic services.",
                     "Extra cost of necessities.", "share of cost", reported);
  SOCRED_RESTRICTION(f, job_exclusion,
                     "Exclusion from the civil service and senior food or medical positions.",
                     "Income lost when pushed out of such a job.", "share of income", listed);
  SOCRED_RESTRICTION(f, social_security_loss, "Loss of social security and welfare.",
                     "Share of benefits withheld.", "share", "seed article");
  SOCRED_RESTRICTION(f, customs, "Stricter customs checks.",
                     "Share of trips abroad held up at customs.", "probability",
                     "seed article");
  SOCRED_RESTRICTION(f, school_ban, "Children barred from expensive private schools.",
                     "Share of private-school enrolments refused.", "probability",
                     "seed article");
  SOCRED_RESTRICTION(f, firm_sanctions,
                     "Joint punishment of firms scoring below the threshold (bidding, "
                     "investment): their workers lose income.",
                     "Income lost by the firm's workers.", "share of income", listed);
  f.push_back(SOCRED_BOOL(policies.court_blacklist,
                          "Courts list citizens who keep missing payments as judgment "
                          "defaulters.",
                          "Supreme People's Court list: 14.5 million listed by July 2019 "
                          "(MODEL-BRIEF)",
                          true));
  f.push_back(SOCRED_BOOL(policies.public_blacklist,
                          "Names on the blacklist are published (friends see them and drop "
                          "them; everyone learns that scores matter).",
                          "seed article; public shaming lists (MODEL-BRIEF)", true));
  f.push_back(SOCRED_BOOL(policies.rewards.enabled,
                          "Rewards for high scores (deposit-free rentals, faster visas, "
                          "discounts, larger loans).",
                          "MODEL-BRIEF: perks at 600+ and 700+", true));
  f.push_back(SOCRED_REAL(policies.rewards.threshold, 350, 950, "points",
                          "Score at or above which rewards apply.",
                          "MODEL-BRIEF: 700+ excellent band", true));
  f.push_back(SOCRED_REAL(policies.rewards.discount, 0, 1, "share",
                          "Discount on necessities for the rewarded.", kAssumption, true));
  f.push_back(SOCRED_REAL(policies.rewards.loan_multiplier, 1, 100, "",
                          "How much larger the loans of the rewarded are.",
                          "MODEL-BRIEF: higher loan limits at 700+", true));
  f.push_back(SOCRED_BOOL(policies.online_conduct.enabled,
                          "Online-conduct scoring: detected dissent and rumours cost points.",
                          "seed article", true));
  f.push_back(SOCRED_REAL(policies.online_conduct.dissent_penalty, 0, 600, "points",
                          "Points removed per detected dissenting post.", kAssumption, true));
  f.push_back(SOCRED_REAL(policies.online_conduct.rumour_penalty, 0, 600, "points",
                          "Points removed per detected rumour.", kAssumption, true));
  f.push_back(SOCRED_REAL(policies.online_conduct.detection, 0, 1, "probability",
                          "Chance that a dissenting post or rumour is detected.", kAssumption,
                          true));
  return f;
}

std::vector<FieldSpec> build_adaptation_and_metrics() {
  std::vector<FieldSpec> f;
  f.push_back(SOCRED_BOOL(adaptation.enabled,
                          "Citizens learn how scoring works and reshape their friendships.",
                          "seed article: 'has already changed social patterns'", true));
  f.push_back(SOCRED_REAL(adaptation.initial_knowledge, 0, 1, "probability",
                          "Starting chance that a citizen knows friends' scores matter.",
                          kAssumption, false));
  f.push_back(SOCRED_REAL(adaptation.learning_rate, 0, 1, "",
                          "Knowledge gained when friends visibly cost one points.", kAssumption,
                          true));
  f.push_back(SOCRED_REAL(adaptation.publicity, 0, 1, "per week",
                          "Knowledge gained each week while the blacklist is published.",
                          kAssumption, true));
  f.push_back(SOCRED_REAL(adaptation.forgetting, 0, 1, "per week",
                          "Share of that knowledge lost each week (beliefs fade when nothing "
                          "renews them; 0: never forgotten).",
                          kAssumption, true));
  f.push_back(SOCRED_REAL(adaptation.review_rate, 0, 1, "per week",
                          "Chance per week that a knowing citizen reviews their friends.",
                          kAssumption, true));
  f.push_back(SOCRED_REAL(adaptation.drop_below, 350, 950, "points",
                          "A reviewing citizen considers dropping their lowest-scoring friend "
                          "when that friend is below this and below themselves.",
                          kAssumption, true));
  f.push_back(SOCRED_REAL(adaptation.drop_probability, 0, 1, "probability",
                          "Chance that such a friend is dropped.", kAssumption, true));
  f.push_back(SOCRED_REAL(adaptation.stigma, 1, 100, "",
                          "How much more likely a published blacklisted friend is dropped.",
                          kAssumption, true));
  f.push_back(SOCRED_REAL(adaptation.new_tie_rate, 0, 1, "per week",
                          "Chance per week that a citizen with fewer friends than at the start "
                          "meets a possible new friend (scaled by sociability).",
                          kAssumption, true));
  f.push_back(SOCRED_REAL(adaptation.tie_decay, 0, 1, "per week",
                          "Chance per week that a friendship lapses for no reason of score (the "
                          "lost friend is replaced like any other).",
                          kAssumption, true));
  f.push_back(SOCRED_REAL(adaptation.triadic_share, 0, 1, "share",
                          "Share of meetings through a friend (triadic closure); the rest are "
                          "at work or in the city.",
                          kAssumption, true));
  f.push_back(SOCRED_REAL(adaptation.colleague_meeting_share, 0, 1, "share",
                          "Of the other meetings, the share at work (the rest in the city).",
                          kAssumption, true));
  f.push_back(SOCRED_REAL(adaptation.score_preference, 1, 1000, "points",
                          "A knowing citizen accepts a newcomer with probability "
                          "1/(1+exp(-(s_new - s_own)/this)).",
                          kAssumption, true));
  f.push_back(SOCRED_BOOL(adaptation.self_censorship.enabled,
                          "Citizens who see dissent punished post less dissent.",
                          "chilling effect (assumption)", true));
  f.push_back(SOCRED_REAL(adaptation.self_censorship.own_penalty_effect, 0, 1, "",
                          "Self-censorship gained when one's own post is punished.",
                          kAssumption, true));
  f.push_back(SOCRED_REAL(adaptation.self_censorship.friend_penalty_effect, 0, 1, "",
                          "Self-censorship gained in proportion to the share of friends "
                          "punished that week.",
                          kAssumption, true));
  f.push_back(SOCRED_REAL(adaptation.self_censorship.decay, 0, 1, "per week",
                          "Share of self-censorship that fades each week.", kAssumption, true));
  f.push_back(SOCRED_INT(metrics.clustering_sample, 0, 1e7, "citizens",
                         "Citizens sampled each tick to estimate the clustering coefficient, one pair of "
                         "friends each (standard error at most 0.5/sqrt(sample); 0: off).",
                         "", true));
  f.push_back(SOCRED_INT(metrics.component_every, 0, 1e9, "ticks",
                         "Compute the largest connected component every this many ticks (0: "
                         "never; in between the last value is repeated).",
                         "", true));
  f.push_back(SOCRED_REAL(metrics.trusted_line, 350, 950, "points",
                          "The line between 'trusted' and 'discredited' used by the cross-line "
                          "ties metric.",
                          "MODEL-BRIEF: 550 is the top of Sesame's 'poor' band", true));
  return f;
}

}  // namespace

const std::vector<FieldSpec>& scenario_fields() {
  static const std::vector<FieldSpec> fields = [] {
    std::vector<FieldSpec> all;
    for (auto part : {build_top_and_society(), build_network(), build_behaviour(),
                      build_scoring(), build_policies(), build_adaptation_and_metrics()}) {
      for (auto& f : part) all.push_back(std::move(f));
    }
    return all;
  }();
  return fields;
}

const FieldSpec* find_field(std::string_view dotted_path) {
  for (const auto& f : scenario_fields()) {
    if (f.path == dotted_path) return &f;
  }
  return nullptr;
}

std::string_view to_string(NetworkGenerator g) {
  return find_field("network.generator")->choices.at(static_cast<std::size_t>(g));
}
std::string_view to_string(ScoringVariant v) {
  return find_field("scoring.variant")->choices.at(static_cast<std::size_t>(v));
}
std::string_view to_string(Participation p) {
  return find_field("scoring.participation")->choices.at(static_cast<std::size_t>(p));
}

}  // namespace socred

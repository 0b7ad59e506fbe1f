// Building a society. Citizens are numbered city by city and firm by firm (see world.hpp).
#include "socred/society.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <numeric>

#include "parallel.hpp"
#include "socred/phases.hpp"
#include "socred/rng.hpp"
#include "socred/scoring.hpp"

namespace socred {
namespace {

// Income multipliers by education level (primary .. postgraduate); an assumption shaped
// like the usual education wage premium.
constexpr double kEducationPay[4] = {0.6, 1.0, 1.6, 2.4};
constexpr double kSeniorPay = 1.2;

double logit_normal(Rng& rng, std::uint32_t slot, double mean, double spread) {
  const double m = std::clamp(mean, 1e-4, 1.0 - 1e-4);
  return logistic(logit(m) + spread * rng.normal(slot));
}

void make_firms(const Scenario& s, World& w) {
  const std::size_t cities = w.regions.count();
  for (std::size_t r = 0; r < cities; ++r) {
    CitizenId next = w.regions.first[r];
    const CitizenId end = next + w.regions.size[r];
    while (next < end) {
      // Firm sizes are log-normal around the mean (a few large employers, many small ones).
      Rng rng(w.seed, kInitTick, w.firms.count(), Stream::init_firm);
      const double draw = s.society.mean_firm_size * std::exp(1.0 * rng.normal(0) - 0.5);
      const auto size = static_cast<std::uint32_t>(
          std::clamp<double>(std::round(draw), 1.0, static_cast<double>(end - next)));
      w.firms.first.push_back(next);
      w.firms.size.push_back(size);
      w.firms.region.push_back(static_cast<std::uint16_t>(r));
      w.firms.compliance.push_back(
          static_cast<float>(logit_normal(rng, 2, s.society.firm_compliance_mean, 0.8)));
      next += size;
    }
  }
  const std::size_t n_firms = w.firms.count();
  w.firms.score.assign(n_firms, 0.0);
  w.firms.staff.assign(n_firms, 0);
  w.firms.sanctioned.assign(n_firms, 0);
  for (std::size_t f = 0; f < n_firms; ++f) {
    const CitizenId first = w.firms.first[f];
    for (CitizenId i = first; i < first + w.firms.size[f]; ++i) w.firm[i] = static_cast<std::uint32_t>(f);
  }
}

void allocate(World& w, std::size_t n) {
  w.region.assign(n, 0);
  w.education.assign(n, 0);
  w.occupation.assign(n, Occupation::ordinary);
  w.firm.assign(n, 0);
  w.conformity.assign(n, 0);
  w.dissent.assign(n, 0);
  w.sociability.assign(n, 0);
  w.thrift.assign(n, 0);
  w.vice.assign(n, 0);
  w.status.assign(n, 0);
  w.base_income.assign(n, 0);
  w.income.assign(n, 0);
  w.savings.assign(n, 0);
  w.debt.assign(n, 0);
  w.missed.assign(n, 0);
  w.credit_history.assign(n, 0);
  w.behaviour_record.assign(n, 0);
  w.knowledge.assign(n, 0);
  w.self_censorship.assign(n, 0);
  w.grievance.assign(n, 0);
  w.score.assign(n, 0);
  w.score_next.assign(n, 0);
  w.explanation.assign(n, Explanation{});
  w.points.assign(n, PointEvents{});
  w.restrictions.assign(n, 0);
  w.happenings.assign(n, 0);
  w.drop_proposal.assign(n, kNoCitizen);
  w.add_proposal.assign(n, kNoCitizen);
}

// Who each citizen is and where they start: drawn independently per citizen.
void make_citizens(const Scenario& s, World& w) {
  const SocietyParams& so = s.society;
  const double edu_total = so.education_primary + so.education_secondary +
                           so.education_tertiary + so.education_postgraduate;
  const double edu_cut[3] = {so.education_primary / edu_total,
                             (so.education_primary + so.education_secondary) / edu_total,
                             (so.education_primary + so.education_secondary +
                              so.education_tertiary) / edu_total};
  // Civil servants need secondary education or more; scale so the overall share holds.
  const double educated = std::max(1e-9, 1.0 - edu_cut[0]);
  const double civil_share = std::min(1.0, so.civil_servant_share / educated);

  detail::for_each_index(w.size(), [&](std::size_t idx) {
    const auto i = static_cast<CitizenId>(idx);
    Rng person(w.seed, kInitTick, i, Stream::init_person);
    const double u_edu = person.uniform(0);
    const std::uint8_t edu = u_edu < edu_cut[0] ? 0 : u_edu < edu_cut[1] ? 1 : u_edu < edu_cut[2] ? 2 : 3;
    w.education[i] = edu;
    const double u_job = person.uniform(1);
    if (edu >= 1 && u_job < civil_share) {
      w.occupation[i] = Occupation::civil_servant;
    } else if (u_job >= civil_share && u_job < civil_share + so.senior_food_medical_share) {
      w.occupation[i] = Occupation::senior_food_medical;
    }
    std::uint8_t st = 0;
    if (person.uniform(2) >= so.unemployment_rate) st |= status::employed;
    if (person.uniform(3) < so.children_share) st |= status::has_children;
    w.conformity[i] = static_cast<float>(logit_normal(person, 4, so.conformity_mean, 1.0));
    w.dissent[i] = static_cast<float>(logit_normal(person, 6, so.dissent_mean, 1.0));
    w.sociability[i] = static_cast<float>(logit_normal(person, 8, 0.5, 1.0));
    w.thrift[i] = static_cast<float>(logit_normal(person, 10, 0.5, 1.0));
    w.vice[i] = static_cast<float>(logit_normal(person, 12, 0.2, 1.0));

    // Income and finances.
    Rng money(w.seed, kInitTick, i, Stream::init_finance);
    const double city = w.regions.median_income[w.region[i]];
    const double sigma = so.income_sigma;
    double pay = city * kEducationPay[edu] * std::exp(sigma * money.normal(0) - 0.5 * sigma * sigma);
    if (w.occupation[i] != Occupation::ordinary) pay *= kSeniorPay;
    w.base_income[i] = static_cast<float>(pay);
    const double income = (st & status::employed) ? pay : s.behaviour.benefit_share * city;
    w.income[i] = static_cast<float>(income);
    w.savings[i] = static_cast<float>(pay * 20.0 * money.uniform(2) * (0.5 + w.thrift[i]));
    const bool borrower = money.uniform(3) < so.debt_share;
    if (borrower) w.debt[i] = static_cast<float>(pay * (2.0 + 18.0 * money.uniform(4)));
    w.credit_history[i] = static_cast<float>(logit_normal(money, 5, borrower ? 0.8 : 0.7, 0.8));
    // The platform's first impression: books and charity against games and alcohol.
    const double good = s.behaviour.books_share * (0.5 + edu / 3.0) +
                        s.behaviour.charity_share * w.conformity[i];
    const double idle = (s.behaviour.games_share + s.behaviour.alcohol_tobacco_share) * w.vice[i];
    w.behaviour_record[i] = static_cast<float>(purchase_signal(good, idle));

    // Who would opt in to a voluntary scheme: the better-off expect rewards.
    const double capacity = fulfilment_value(income, w.savings[i], city);
    if (money.uniform(7) < std::min(1.0, s.scoring.opt_in_rate * (0.5 + capacity))) {
      st |= status::opts_in;
    }
    if (s.scoring.participation == Participation::mandatory || (st & status::opts_in)) {
      st |= status::participates;
    }
    w.status[i] = st;
    w.knowledge[i] = static_cast<float>(
        std::min(1.0, s.adaptation.initial_knowledge * (0.5 + edu / 3.0)));

    // Starting score: what the record points to, give or take.
    Rng start(w.seed, kInitTick, i, Stream::init_score);
    const double target = initial_target(s.scoring, factor_inputs(w, i));
    w.score[i] = std::clamp(target + s.scoring.initial_sd * start.normal(0), kMinScore, kMaxScore);
  });
}

}  // namespace

std::vector<std::uint32_t> city_sizes(std::uint64_t citizens, std::uint64_t cities,
                                      double exponent) {
  cities = std::max<std::uint64_t>(1, std::min(cities, citizens));
  std::vector<double> weight(cities);
  for (std::uint64_t r = 0; r < cities; ++r) weight[r] = std::pow(static_cast<double>(r + 1), -exponent);
  const double total = std::accumulate(weight.begin(), weight.end(), 0.0);
  // One citizen per city first, then the rest by largest remainder.
  const std::uint64_t rest = citizens - cities;
  std::vector<std::uint32_t> sizes(cities, 1);
  std::vector<std::pair<double, std::uint64_t>> remainders(cities);
  std::uint64_t given = 0;
  for (std::uint64_t r = 0; r < cities; ++r) {
    const double exact = static_cast<double>(rest) * weight[r] / total;
    const auto whole = static_cast<std::uint64_t>(exact);
    sizes[r] += static_cast<std::uint32_t>(whole);
    given += whole;
    remainders[r] = {-(exact - static_cast<double>(whole)), r};
  }
  std::sort(remainders.begin(), remainders.end());
  for (std::uint64_t k = 0; given < rest; ++k, ++given) ++sizes[remainders[k % cities].second];
  return sizes;
}

World build_world(const Scenario& s, const EdgeList* network) {
  World w;
  w.seed = s.seed;
  const std::uint64_t n = network ? network->nodes : static_cast<std::uint64_t>(s.society.agents);
  allocate(w, n);

  // Cities: contiguous id ranges, Zipf sizes; bigger cities pay more.
  const auto sizes = city_sizes(n, static_cast<std::uint64_t>(s.society.regions),
                                s.society.region_zipf_exponent);
  const double mean_size = static_cast<double>(n) / sizes.size();
  CitizenId next = 0;
  for (std::size_t r = 0; r < sizes.size(); ++r) {
    w.regions.first.push_back(next);
    w.regions.size.push_back(sizes[r]);
    w.regions.median_income.push_back(s.society.median_weekly_income *
                                      std::pow(sizes[r] / mean_size, s.society.urban_income_exponent));
    std::fill(w.region.begin() + next, w.region.begin() + next + sizes[r], static_cast<std::uint16_t>(r));
    next += sizes[r];
  }
  make_firms(s, w);
  make_citizens(s, w);

  w.friends = network ? Adjacency::from_edges(*network, s.network.slack,
                                              static_cast<std::uint32_t>(s.network.min_slack))
                      : generate_friendships(s, w);
  // People seek to keep as many friends as they start with (capped at 65,535).
  w.desired_degree.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    w.desired_degree[i] = static_cast<std::uint16_t>(std::min<std::uint32_t>(w.friends.degree(static_cast<CitizenId>(i)), 65535));
  }

  // Firm scores from the starting scores, so sanctions and colleagues work from tick 1.
  update_firm_scores(s, w);
  return w;
}

std::uint64_t estimate_world_bytes(const Scenario& s, std::uint64_t citizens, std::uint64_t ties) {
  // Bytes per element of each kind of array, from the World's own list of its arrays.
  std::array<double, 5> per{};
  const World shape;
  for_each_array(shape, [&per](std::string_view, const auto& v, Extent e) {
    per[static_cast<std::size_t>(e)] += sizeof(v[0]);
  });
  const double n = static_cast<double>(citizens);
  const double mean_degree = n > 0 ? 2.0 * static_cast<double>(ties) / n : 0.0;
  // Each friend list has its ties plus max(min_slack, ceil(slack * degree)) free slots.
  const double room = std::max(static_cast<double>(s.network.min_slack),
                               s.network.slack * mean_degree + 0.5);
  const double slots = 2.0 * static_cast<double>(ties) + n * room;
  const double regions = std::min(n, static_cast<double>(std::max<std::int64_t>(1, s.society.regions)));
  // Firm sizes average mean_firm_size, and each city's last firm is cut short.
  const double firms = n / std::max(1.0, s.society.mean_firm_size) + regions;
  const double total = per[static_cast<std::size_t>(Extent::citizens)] * n +
                       per[static_cast<std::size_t>(Extent::citizens_plus_one)] * (n + 1) +
                       per[static_cast<std::size_t>(Extent::tie_slots)] * slots +
                       per[static_cast<std::size_t>(Extent::firms)] * firms +
                       per[static_cast<std::size_t>(Extent::regions)] * regions;
  return total >= 1.8e19 ? ~0ull : static_cast<std::uint64_t>(total);
}

}  // namespace socred

// Metrics. One parallel pass over citizens (and their ties) with per-thread integer and
// ExactSum accumulators, then percentiles and Gini coefficients from histograms, then the
// network metrics that need their own pass.
#include "socred/metrics.hpp"

#include <omp.h>

#include <algorithm>
#include <bit>
#include <utility>
#include <cmath>
#include <cstring>
#include <cstdio>
#include <limits>
#include <stdexcept>
#include <string>

#include "socred/rng.hpp"

namespace socred {

const std::array<MetricInfo, kMetricCount>& metric_info() {
  static const std::array<MetricInfo, kMetricCount> info = {{
#define SOCRED_METRIC_INFO(name, unit, meaning) {#name, unit, meaning},
      SOCRED_METRICS(SOCRED_METRIC_INFO)
#undef SOCRED_METRIC_INFO
  }};
  return info;
}

namespace {

constexpr std::size_t kFineBins = 60000;  // 0.01-point bins over [350, 950]
// Income bins: bin 0 below 1 yuan, then 256 bins per doubling from 1 to 2^20 yuan (bins 0.4%
// wide, read off the floating-point representation), the last bin open-ended.
constexpr std::size_t kIncomeOctaves = 20;
constexpr std::size_t kIncomeBins = 2 + kIncomeOctaves * 256;

std::size_t fine_bin(double score) {
  const auto b = static_cast<std::int64_t>((score - kMinScore) * 100.0);
  return static_cast<std::size_t>(std::clamp<std::int64_t>(b, 0, kFineBins - 1));
}

std::size_t income_bin(double income) {
  if (!(income >= 1.0)) return 0;
  std::uint64_t bits;
  std::memcpy(&bits, &income, sizeof bits);
  const std::uint64_t octave = ((bits >> 52) & 0x7ff) - 1023;  // floor(log2(income)) >= 0
  if (octave >= kIncomeOctaves) return kIncomeBins - 1;
  return 1 + octave * 256 + ((bits >> 44) & 0xff);
}

// Per-thread accumulators of the citizen pass.
struct Partial {
  std::uint64_t scored = 0, employed = 0, with_debt = 0, blacklisted = 0, isolated = 0;
  std::uint64_t rewarded = 0, published = 0, low = 0, high = 0, low_with_debt = 0, low_missed = 0;
  std::uint64_t degree_sum = 0, tie_ends = 0, cross_ends = 0;
  double score_min = std::numeric_limits<double>::infinity();
  double score_max = -std::numeric_limits<double>::infinity();
  ExactSum score, score_sq, income, savings, debt, censorship, knowledge, grievance;
  ExactSum low_income, high_income;
  ExactSum end_x, end_xx, end_xy;  // over directed ties between scored citizens
  std::array<std::uint64_t, 5> tiers{};
  std::vector<std::uint64_t> fine;
  std::vector<std::uint64_t> income_count;
  std::vector<ExactSum> income_sum;

  // Zeroes every sum, keeping (or making, the first time) the histogram arrays.
  void reset() {
    auto keep_fine = std::move(fine);
    auto keep_count = std::move(income_count);
    auto keep_sum = std::move(income_sum);
    *this = Partial{};
    keep_fine.assign(kFineBins, 0);
    keep_count.assign(kIncomeBins, 0);
    keep_sum.assign(kIncomeBins, ExactSum{});
    fine = std::move(keep_fine);
    income_count = std::move(keep_count);
    income_sum = std::move(keep_sum);
  }
};

std::size_t tier_of(double score) {
  if (score < 550) return 0;
  if (score < 600) return 1;
  if (score < 650) return 2;
  if (score < 700) return 3;
  return 4;
}

void accumulate(const Scenario& s, const World& w, CitizenId i, Partial& p) {
  const double line = s.metrics.trusted_line;
  const double income = w.income[i];
  p.income.add(income);
  p.savings.add(w.savings[i]);
  p.debt.add(w.debt[i]);
  p.censorship.add(w.self_censorship[i]);
  p.grievance.add(w.grievance[i]);
  p.income_count[income_bin(income)] += 1;
  p.income_sum[income_bin(income)].add(income);
  p.employed += w.employed(i) ? 1 : 0;
  p.with_debt += w.debt[i] > 0 ? 1 : 0;
  p.blacklisted += w.blacklisted(i) ? 1 : 0;
  const auto degree = w.friends.degree(i);
  p.degree_sum += degree;
  p.isolated += degree == 0 ? 1 : 0;
  const std::uint16_t r = w.restrictions[i];
  p.rewarded += (r & policy_bit(Policy::rewards)) ? 1 : 0;
  p.published += (r & policy_bit(Policy::published)) ? 1 : 0;
  if (!w.participates(i)) return;

  const double score = w.score[i];
  ++p.scored;
  p.score.add(score);
  p.score_sq.add(score * score);
  p.score_min = std::min(p.score_min, score);
  p.score_max = std::max(p.score_max, score);
  p.fine[fine_bin(score)] += 1;
  p.tiers[tier_of(score)] += 1;
  p.knowledge.add(w.knowledge[i]);
  if (score < line) {
    ++p.low;
    p.low_income.add(income);
    if (w.debt[i] > 0 || (w.happenings[i] & happened::missed_payment)) ++p.low_with_debt;
    if (w.happenings[i] & happened::missed_payment) ++p.low_missed;
  } else {
    ++p.high;
    p.high_income.add(income);
  }
  // Ties between scored citizens: score pairs for assortativity, and the trusted line. The
  // friends' sum is a plain double in a fixed order; only the citizen's total enters the
  // exact sums (three per citizen rather than three per tie).
  const bool trusted = score >= line;
  double friends_sum = 0;
  std::uint64_t ends = 0, cross = 0;
  // Without branches: whether a friend is scored is a coin flip the predictor cannot learn
  // under voluntary participation (+ 0.0 leaves the positive sum's bits unchanged).
  for (CitizenId j : w.friends.friends(i)) {
    const bool counts = w.participates(j);
    const double other = w.score[j];
    ends += counts;
    friends_sum += counts ? other : 0.0;
    cross += counts & (trusted != (other >= line));
  }
  p.tie_ends += ends;
  p.cross_ends += cross;
  p.end_x.add(score * static_cast<double>(ends));
  p.end_xx.add(score * score * static_cast<double>(ends));
  p.end_xy.add(score * friends_sum);
}

void merge(Partial& into, const Partial& from) {
  for (auto [a, b] : {std::pair{&into.scored, &from.scored}, {&into.employed, &from.employed},
                      {&into.with_debt, &from.with_debt}, {&into.blacklisted, &from.blacklisted},
                      {&into.isolated, &from.isolated}, {&into.rewarded, &from.rewarded},
                      {&into.published, &from.published}, {&into.low, &from.low},
                      {&into.high, &from.high}, {&into.low_with_debt, &from.low_with_debt},
                      {&into.low_missed, &from.low_missed}, {&into.degree_sum, &from.degree_sum},
                      {&into.tie_ends, &from.tie_ends}, {&into.cross_ends, &from.cross_ends}}) {
    *a += *b;
  }
  into.score_min = std::min(into.score_min, from.score_min);
  into.score_max = std::max(into.score_max, from.score_max);
  for (auto [a, b] : {std::pair{&into.score, &from.score}, {&into.score_sq, &from.score_sq},
                      {&into.income, &from.income}, {&into.savings, &from.savings},
                      {&into.debt, &from.debt}, {&into.censorship, &from.censorship},
                      {&into.knowledge, &from.knowledge}, {&into.grievance, &from.grievance},
                      {&into.low_income, &from.low_income}, {&into.high_income, &from.high_income},
                      {&into.end_x, &from.end_x}, {&into.end_xx, &from.end_xx},
                      {&into.end_xy, &from.end_xy}}) {
    *a += *b;
  }
  for (std::size_t k = 0; k < into.tiers.size(); ++k) into.tiers[k] += from.tiers[k];
  for (std::size_t k = 0; k < kFineBins; ++k) into.fine[k] += from.fine[k];
  for (std::size_t k = 0; k < kIncomeBins; ++k) {
    into.income_count[k] += from.income_count[k];
    into.income_sum[k] += from.income_sum[k];
  }
}

// Gini of grouped data: each group's members share the group's mean value.
double grouped_gini(const std::vector<std::uint64_t>& counts, auto&& group_total) {
  long double n = 0, total = 0, weighted = 0;
  for (std::size_t b = 0; b < counts.size(); ++b) {
    if (!counts[b]) continue;
    const long double c = counts[b];
    const long double sum = group_total(b);
    // Ranks n+1 .. n+c: sum of ranks = c*n + c(c+1)/2.
    weighted += (sum / c) * (c * n + c * (c + 1) / 2);
    total += sum;
    n += c;
  }
  if (n == 0 || total <= 0) return 0.0;
  return static_cast<double>(2 * weighted / (n * total) - (n + 1) / n);
}

double percentile(const std::vector<std::uint64_t>& fine, std::uint64_t n, double p) {
  if (n == 0) return 0.0;
  const auto rank = std::max<std::uint64_t>(1, static_cast<std::uint64_t>(std::ceil(p * n)));
  std::uint64_t seen = 0;
  for (std::size_t b = 0; b < fine.size(); ++b) {
    seen += fine[b];
    if (seen >= rank) return kMinScore + (b + 0.5) / 100.0;
  }
  return kMaxScore;
}

// Every field of a Partial, in a fixed order, for packing it into words and back.
template <class P, class F>
void visit_fields(P& p, F&& f) {
  for (auto* x : {&p.scored, &p.employed, &p.with_debt, &p.blacklisted, &p.isolated, &p.rewarded,
                  &p.published, &p.low, &p.high, &p.low_with_debt, &p.low_missed, &p.degree_sum,
                  &p.tie_ends, &p.cross_ends}) {
    f(*x);
  }
  f(p.score_min);
  f(p.score_max);
  for (auto* x : {&p.score, &p.score_sq, &p.income, &p.savings, &p.debt, &p.censorship,
                  &p.knowledge, &p.grievance, &p.low_income, &p.high_income, &p.end_x, &p.end_xx,
                  &p.end_xy}) {
    f(*x);
  }
  for (auto& x : p.tiers) f(x);
  for (auto& x : p.fine) f(x);
  for (auto& x : p.income_count) f(x);
  for (auto& x : p.income_sum) f(x);
}

__extension__ typedef unsigned __int128 Uint128;

struct Packer {
  std::vector<std::uint64_t>& out;
  void operator()(std::uint64_t x) { out.push_back(x); }
  void operator()(double x) { out.push_back(std::bit_cast<std::uint64_t>(x)); }
  void operator()(const ExactSum& x) {
    const auto raw = static_cast<Uint128>(x.raw());
    out.push_back(static_cast<std::uint64_t>(raw));
    out.push_back(static_cast<std::uint64_t>(raw >> 64));
  }
};

struct Unpacker {
  const std::uint64_t* at;
  void operator()(std::uint64_t& x) { x = *at++; }
  void operator()(double& x) { x = std::bit_cast<double>(*at++); }
  void operator()(ExactSum& x) {
    const auto raw = static_cast<Uint128>(at[0]) | (static_cast<Uint128>(at[1]) << 64);
    at += 2;
    x = ExactSum{};
    x.add_scaled(static_cast<Int128>(raw));
  }
};

}  // namespace

struct MetricsCollector::Scratch {
  std::vector<Partial> partials;  // one per thread, then [0] holds the total
  std::vector<std::int32_t> component_parent;
};

MetricsCollector::MetricsCollector() : scratch_(std::make_unique<Scratch>()) {}
MetricsCollector::~MetricsCollector() = default;
MetricsCollector::MetricsCollector(MetricsCollector&&) noexcept = default;
MetricsCollector& MetricsCollector::operator=(MetricsCollector&&) noexcept = default;

// The citizen pass over `part` into partials[0]: per-thread partials merged in thread order
// (exact sums: the order does not matter).
void MetricsCollector::accumulate_part(const Scenario& s, const World& w, CitizenRange part) {
  part = within(part, w);
  auto& partials = scratch_->partials;
  const auto threads = static_cast<std::size_t>(omp_get_max_threads());
  if (partials.size() < threads + 1) partials.resize(threads + 1);
  for (auto& p : partials) p.reset();
  const auto begin = static_cast<std::int64_t>(part.begin), end = static_cast<std::int64_t>(part.end);
#pragma omp parallel
  {
    Partial& local = partials[1 + static_cast<std::size_t>(omp_get_thread_num())];
#pragma omp for schedule(static, 1024)
    for (std::int64_t i = begin; i < end; ++i) accumulate(s, w, static_cast<CitizenId>(i), local);
  }
  for (std::size_t t = 1; t < partials.size(); ++t) merge(partials[0], partials[t]);
}

MetricsRow MetricsCollector::collect(const Scenario& s, const World& w, const TickEvents& ev) {
  accumulate_part(s, w, kAllCitizens);
  return finish(s, w, ev);
}

void MetricsCollector::pack_part(const Scenario& s, const World& w, CitizenRange part,
                                 std::vector<std::uint64_t>& words) {
  accumulate_part(s, w, part);
  words.clear();
  visit_fields(std::as_const(scratch_->partials[0]), Packer{words});
}

MetricsRow MetricsCollector::collect_parts(const Scenario& s, const World& w, const TickEvents& ev,
                                           const std::uint64_t* words, std::size_t parts) {
  auto& partials = scratch_->partials;
  if (partials.size() < 2) partials.resize(2);
  partials[0].reset();
  Unpacker in{words};
  for (std::size_t k = 0; k < parts; ++k) {
    partials[1].reset();
    visit_fields(partials[1], in);
    merge(partials[0], partials[1]);
  }
  return finish(s, w, ev);
}

MetricsRow MetricsCollector::finish(const Scenario& s, const World& w, const TickEvents& ev) {
  MetricsRow row;
  const std::size_t n = w.size();
  Partial& total = scratch_->partials[0];

  const double citizens = std::max<double>(1.0, static_cast<double>(n));
  const double scored = static_cast<double>(total.scored);
  const double per_scored = scored > 0 ? 1.0 / scored : 0.0;
  const TickCounts& c = ev.counts;
  auto set = [&row](Metric m, double v) { row[m] = v; };

  set(Metric::tick, static_cast<double>(w.tick));
  set(Metric::scored, scored);
  set(Metric::participation_share, scored / citizens);
  const double mean = total.score.value() * per_scored;
  set(Metric::score_mean, mean);
  set(Metric::score_sd, std::sqrt(std::max(0.0, total.score_sq.value() * per_scored - mean * mean)));
  set(Metric::score_min, total.scored ? total.score_min : 0.0);
  set(Metric::score_max, total.scored ? total.score_max : 0.0);
  set(Metric::score_p10, percentile(total.fine, total.scored, 0.10));
  set(Metric::score_p25, percentile(total.fine, total.scored, 0.25));
  set(Metric::score_median, percentile(total.fine, total.scored, 0.50));
  set(Metric::score_p75, percentile(total.fine, total.scored, 0.75));
  set(Metric::score_p90, percentile(total.fine, total.scored, 0.90));
  const Metric tiers[] = {Metric::tier_poor, Metric::tier_medium, Metric::tier_good,
                          Metric::tier_very_good, Metric::tier_excellent};
  for (std::size_t k = 0; k < 5; ++k) set(tiers[k], total.tiers[k] * per_scored);
  set(Metric::gini_score, grouped_gini(total.fine, [&](std::size_t b) {
        return static_cast<long double>(total.fine[b]) * (kMinScore + (b + 0.5) / 100.0);
      }));

  set(Metric::income_mean, total.income.value() / citizens);
  set(Metric::gini_income, grouped_gini(total.income_count, [&](std::size_t b) {
        return static_cast<long double>(total.income_sum[b].value());
      }));
  set(Metric::low_scorer_income_mean, total.low ? total.low_income.value() / total.low : 0.0);
  set(Metric::high_scorer_income_mean, total.high ? total.high_income.value() / total.high : 0.0);
  set(Metric::savings_mean, total.savings.value() / citizens);
  set(Metric::debt_mean, total.debt.value() / citizens);
  set(Metric::with_debt, static_cast<double>(total.with_debt));
  set(Metric::missed_payments, static_cast<double>(c.missed_payments));
  set(Metric::default_rate, c.with_debt ? static_cast<double>(c.missed_payments) / c.with_debt : 0.0);
  set(Metric::low_scorer_default_rate,
      total.low_with_debt ? static_cast<double>(total.low_missed) / total.low_with_debt : 0.0);
  set(Metric::blacklisted, static_cast<double>(total.blacklisted));
  set(Metric::listed, static_cast<double>(c.listed));
  set(Metric::delisted, static_cast<double>(c.delisted));
  set(Metric::unemployment, 1.0 - total.employed / citizens);

  set(Metric::restricted_any, c.restricted_any * per_scored);
  const Metric per_policy[] = {
      Metric::restricted_travel_ban,        Metric::restricted_luxury_ban,
      Metric::restricted_internet_throttling, Metric::restricted_surcharges,
      Metric::restricted_job_exclusion,     Metric::restricted_social_security_loss,
      Metric::restricted_customs,           Metric::restricted_school_ban,
      Metric::restricted_firm_sanctions};
  std::uint64_t fresh = 0;
  for (std::size_t k = 0; k < std::size(per_policy); ++k) {
    set(per_policy[k], static_cast<double>(c.restricted[k]));
    fresh += c.newly_restricted[k];
  }
  set(Metric::new_restrictions, static_cast<double>(fresh));
  set(Metric::rewarded, static_cast<double>(total.rewarded));
  set(Metric::published, static_cast<double>(total.published));
  set(Metric::firms_sanctioned, static_cast<double>(c.firms_sanctioned));
  set(Metric::jobs_excluded, static_cast<double>(c.jobs_excluded));
  set(Metric::trips_attempted, static_cast<double>(c.trips_attempted));
  set(Metric::trips_blocked, static_cast<double>(c.trips_blocked));
  set(Metric::flights_blocked, static_cast<double>(c.flights_blocked));
  set(Metric::trains_blocked, static_cast<double>(c.trains_blocked));
  set(Metric::customs_held, static_cast<double>(c.customs_held));
  set(Metric::luxury_refused, static_cast<double>(c.luxury_refused));
  set(Metric::school_refused, static_cast<double>(c.school_refused));
  set(Metric::surcharges_paid, static_cast<double>(c.surcharges_paid));
  set(Metric::benefits_withheld, static_cast<double>(c.benefits_withheld));
  set(Metric::loans, static_cast<double>(c.loans));
  set(Metric::loans_refused, static_cast<double>(c.loans_refused));
  set(Metric::posts, static_cast<double>(c.posts));
  set(Metric::dissent_posts, static_cast<double>(c.dissent_posts));
  set(Metric::rumour_posts, static_cast<double>(c.rumour_posts));
  set(Metric::approving_posts, static_cast<double>(c.approving_posts));
  set(Metric::posts_penalised, static_cast<double>(c.posts_penalised));
  set(Metric::dissent_per_capita, (c.dissent_posts + c.rumour_posts) / citizens);
  set(Metric::civic_acts, static_cast<double>(c.civic_acts));
  set(Metric::self_censorship_mean, total.censorship.value() / citizens);
  set(Metric::knowledge_mean, total.knowledge.value() * per_scored);
  set(Metric::grievance_mean, total.grievance.value() / citizens);
  const Metric spending[] = {Metric::spend_necessities, Metric::spend_children,
                             Metric::spend_education,   Metric::spend_luxury,
                             Metric::spend_games,       Metric::spend_alcohol_tobacco,
                             Metric::spend_travel,      Metric::spend_charity};
  for (std::size_t k = 0; k < kSpendingCount; ++k) set(spending[k], c.spending[k].value() / citizens);

  // Network.
  set(Metric::ties, static_cast<double>(total.degree_sum / 2));
  set(Metric::mean_degree, total.degree_sum / citizens);
  set(Metric::isolated, static_cast<double>(total.isolated));
  set(Metric::ties_added, static_cast<double>(c.ties_added));
  set(Metric::ties_dropped, static_cast<double>(c.ties_dropped));
  set(Metric::ties_lapsed, static_cast<double>(c.ties_lapsed));
  set(Metric::ties_refused_full, static_cast<double>(c.ties_refused_full));
  if (total.tie_ends > 0) {
    // Pearson correlation over directed ties; both ends have the same marginal moments.
    const double m = static_cast<double>(total.tie_ends);
    const double ex = total.end_x.value() / m;
    const double var = total.end_xx.value() / m - ex * ex;
    const double cov = total.end_xy.value() / m - ex * ex;
    set(Metric::assortativity, var > 1e-12 ? cov / var : 0.0);
    set(Metric::cross_line_share, total.cross_ends / m);
  }
  const auto every = s.metrics.component_every;
  if (every > 0 && (w.tick % every == 0 || !have_component_)) {
    last_component_share_ = largest_component_share(w.friends, scratch_->component_parent);
    have_component_ = true;
  }
  set(Metric::largest_component_share, last_component_share_);
  set(Metric::clustering, mean_clustering(w.friends, static_cast<std::uint64_t>(s.metrics.clustering_sample),
                                          w.seed, w.tick));

  // Firms.
  double firm_sum = 0;
  std::uint64_t firm_low = 0;
  for (std::size_t f = 0; f < w.firms.count(); ++f) {
    firm_sum += w.firms.score[f];
    firm_low += w.firms.score[f] < s.metrics.trusted_line ? 1 : 0;
  }
  const double firms = std::max<double>(1.0, static_cast<double>(w.firms.count()));
  set(Metric::firm_score_mean, firm_sum / firms);
  set(Metric::firm_low_share, firm_low / firms);

  // The coarse histogram for charts and histogram.csv.
  histogram_.counts.fill(0);
  for (std::size_t b = 0; b < kFineBins; ++b) {
    const std::size_t coarse = std::min(ScoreHistogram::kBins - 1,
                                        static_cast<std::size_t>(b / (ScoreHistogram::kWidth * 100)));
    histogram_.counts[coarse] += total.fine[b];
  }
  return row;
}

void check_metrics(const MetricsRow& row) {
  constexpr double kSlack = 1e-9;  // rounding in shares computed as ratios
  static constexpr std::string_view whole_units[] = {
      "week", "citizens", "restrictions", "firms", "trips", "purchases", "families",
      "loans", "posts", "acts", "ties"};
  for (std::size_t k = 0; k < kMetricCount; ++k) {
    const double x = row.values[k];
    const MetricInfo& info = metric_info()[k];
    auto fail = [&](const char* expected) {
      char value[32];
      std::snprintf(value, sizeof value, "%g", x);
      throw std::logic_error("metric " + std::string(info.name) + " = " + value + " at tick " +
                             std::to_string(static_cast<long long>(row[Metric::tick])) +
                             "; expected " + expected);
    };
    if (!std::isfinite(x)) fail("a finite number");
    if (info.unit == "-1..1") {
      if (x < -1 - kSlack || x > 1 + kSlack) fail("a value in [-1, 1]");
      continue;
    }
    if (x < 0) fail("a value of at least 0");
    if ((info.unit == "share" || info.unit == "0-1") && x > 1 + kSlack) fail("a value in [0, 1]");
    if (info.unit == "points" && x > kMaxScore) fail("a score of at most 950");
    if (std::find(std::begin(whole_units), std::end(whole_units), info.unit) !=
            std::end(whole_units) &&
        x != std::floor(x)) {
      fail("a whole number");
    }
  }
}

double largest_component_share(const Adjacency& a, std::vector<std::int32_t>& parent) {
  const std::size_t n = a.size();
  if (n == 0 || n > static_cast<std::size_t>(std::numeric_limits<std::int32_t>::max())) return 0.0;
  // Union by size (a root holds minus its size) with path halving.
  parent.assign(n, -1);
  auto find = [&parent](std::int32_t x) {
    while (parent[x] >= 0) {
      if (parent[parent[x]] >= 0) parent[x] = parent[parent[x]];
      x = parent[x];
    }
    return x;
  };
  auto unite = [&](std::int32_t u, std::int32_t v) {
    std::int32_t ru = find(u), rv = find(v);
    if (ru == rv) return;
    if (parent[ru] > parent[rv]) std::swap(ru, rv);
    parent[ru] += parent[rv];
    parent[rv] = ru;
  };
  // Afforest's shortcut (Sutton et al. 2018): link each citizen to two friends, find the
  // component that is already the largest, then link the remaining ties only of citizens
  // outside it (a tie from inside it to outside is seen from the outside end).
  constexpr std::uint32_t kFirst = 2;
  for (std::size_t u = 0; u < n; ++u) {
    const auto friends = a.friends(static_cast<CitizenId>(u));
    for (std::size_t k = 0; k < std::min<std::size_t>(kFirst, friends.size()); ++k) {
      unite(static_cast<std::int32_t>(u), static_cast<std::int32_t>(friends[k]));
    }
  }
  std::int32_t giant = 0;
  for (std::size_t u = 0; u < n; ++u) {
    if (parent[u] < 0 && parent[u] < parent[giant]) giant = static_cast<std::int32_t>(u);
  }
  const std::int32_t giant_member = giant;
  for (std::size_t u = 0; u < n; ++u) {
    if (find(static_cast<std::int32_t>(u)) == find(giant_member)) continue;
    const auto friends = a.friends(static_cast<CitizenId>(u));
    for (std::size_t k = kFirst; k < friends.size(); ++k) {
      unite(static_cast<std::int32_t>(u), static_cast<std::int32_t>(friends[k]));
    }
  }
  std::int32_t largest = 1;
  for (std::size_t u = 0; u < n; ++u) {
    if (parent[u] < 0) largest = std::max(largest, -parent[u]);
  }
  return static_cast<double>(largest) / static_cast<double>(n);
}

double exact_clustering(const Adjacency& a, std::vector<CitizenId>& sorted) {
  const std::uint64_t n = a.size();
  if (n == 0) return 0.0;
  double sum = 0;
  for (CitizenId i = 0; i < n; ++i) {
    const auto friends = a.friends(i);
    const std::size_t d = friends.size();
    if (d < 2) continue;
    sorted.assign(friends.begin(), friends.end());
    std::sort(sorted.begin(), sorted.end());
    std::uint64_t links = 0;  // each tie among friends is seen from both ends
    for (CitizenId j : sorted) {
      for (CitizenId x : a.friends(j)) {
        links += std::binary_search(sorted.begin(), sorted.end(), x) ? 1 : 0;
      }
    }
    sum += static_cast<double>(links) / (static_cast<double>(d) * (d - 1));
  }
  return sum / static_cast<double>(n);
}

double mean_clustering(const Adjacency& a, std::uint64_t sample, std::uint64_t seed,
                       std::int64_t tick) {
  const std::uint64_t n = a.size();
  if (n == 0 || sample == 0) return 0.0;
  // For each sampled citizen, one random pair of their friends; the share of pairs who are
  // friends themselves is an unbiased estimate of the mean local clustering (standard error
  // at most 0.5 / sqrt(sample)).
  std::uint64_t closed = 0;
  for (std::uint64_t k = 0; k < sample; ++k) {
    Rng rng(seed, static_cast<std::uint32_t>(tick), k, Stream::metrics);
    const auto i = static_cast<CitizenId>(rng.below(0, n));
    const auto friends = a.friends(i);
    const std::size_t d = friends.size();
    if (d < 2) continue;
    const std::uint64_t first = rng.below(2, d);
    std::uint64_t second = rng.below(4, d - 1);
    if (second >= first) ++second;
    closed += a.has_tie(friends[first], friends[second]) ? 1 : 0;
  }
  return static_cast<double>(closed) / static_cast<double>(sample);
}

}  // namespace socred

// Metrics of a society after a tick (Mesa's DataCollector: collection sits outside the step).
// One row per tick, one column per metric; the table below names each column, its unit and
// meaning, and feeds metrics.csv, docs/outputs.md and the GUI's charts.
//
// Every sum is an ExactSum or an integer count, so a row is bit-identical whatever the
// thread count.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "socred/events.hpp"
#include "socred/partition.hpp"
#include "socred/scenario.hpp"
#include "socred/world.hpp"

namespace socred {

// X(name, unit, meaning)
#define SOCRED_METRICS(X)                                                                      \
  X(tick, "week", "Tick number; one tick is one week")                                         \
  X(scored, "citizens", "Citizens with a score (participants)")                               \
  X(participation_share, "share", "Scored citizens as a share of all citizens")               \
  X(score_mean, "points", "Mean score of scored citizens")                                    \
  X(score_sd, "points", "Standard deviation of scores")                                       \
  X(score_min, "points", "Lowest score")                                                      \
  X(score_p10, "points", "10th percentile of scores (to 0.01 point)")                         \
  X(score_p25, "points", "25th percentile of scores")                                         \
  X(score_median, "points", "Median score")                                                   \
  X(score_p75, "points", "75th percentile of scores")                                         \
  X(score_p90, "points", "90th percentile of scores")                                         \
  X(score_max, "points", "Highest score")                                                     \
  X(tier_poor, "share", "Share of scored citizens in Sesame's 350-549 'poor' band")           \
  X(tier_medium, "share", "Share in the 550-599 'medium' band")                               \
  X(tier_good, "share", "Share in the 600-649 'good' band")                                   \
  X(tier_very_good, "share", "Share in the 650-699 'very good' band")                         \
  X(tier_excellent, "share", "Share in the 700-950 'excellent' band")                         \
  X(gini_score, "0-1", "Gini coefficient of scores")                                          \
  X(income_mean, "yuan/week", "Mean weekly income (wage plus benefits)")                      \
  X(gini_income, "0-1", "Gini coefficient of weekly income")                                  \
  X(low_scorer_income_mean, "yuan/week", "Mean income of scored citizens below the trusted line") \
  X(high_scorer_income_mean, "yuan/week", "Mean income of scored citizens at or above the line") \
  X(savings_mean, "yuan", "Mean savings")                                                     \
  X(debt_mean, "yuan", "Mean debt")                                                           \
  X(with_debt, "citizens", "Citizens owing money")                                            \
  X(missed_payments, "citizens", "Citizens who missed a loan payment this week")              \
  X(default_rate, "share", "Missed payments as a share of citizens with debt this week")      \
  X(low_scorer_default_rate, "share", "Default rate among indebted citizens below the line")  \
  X(blacklisted, "citizens", "Citizens on the courts' list of judgment defaulters")           \
  X(listed, "citizens", "Citizens newly listed this week")                                    \
  X(delisted, "citizens", "Citizens taken off the list this week (debt repaid)")              \
  X(unemployment, "share", "Share of citizens without a job")                                 \
  X(restricted_any, "share", "Share of scored citizens under at least one restriction")       \
  X(restricted_travel_ban, "citizens", "Citizens under the travel ban")                       \
  X(restricted_luxury_ban, "citizens", "Citizens under the luxury ban")                       \
  X(restricted_internet_throttling, "citizens", "Citizens with slowed internet")              \
  X(restricted_surcharges, "citizens", "Citizens paying surcharges")                          \
  X(restricted_job_exclusion, "citizens", "Citizens barred from civil-service and senior jobs") \
  X(restricted_social_security_loss, "citizens", "Citizens without social security")          \
  X(restricted_customs, "citizens", "Citizens under stricter customs checks")                 \
  X(restricted_school_ban, "citizens", "Citizens whose children are barred from private schools") \
  X(restricted_firm_sanctions, "citizens", "Workers of sanctioned firms")                     \
  X(new_restrictions, "restrictions", "Restrictions newly imposed this week (all policies)")  \
  X(rewarded, "citizens", "Citizens receiving high-score rewards")                            \
  X(published, "citizens", "Citizens whose names are published on the blacklist")            \
  X(firms_sanctioned, "firms", "Firms under joint punishment")                                \
  X(jobs_excluded, "citizens", "Citizens pushed out of a barred job this week")               \
  X(trips_attempted, "trips", "Trips attempted this week")                                    \
  X(trips_blocked, "trips", "Trips refused under the travel ban this week")                   \
  X(flights_blocked, "trips", "Flight purchases refused this week")                           \
  X(trains_blocked, "trips", "Train tickets refused this week")                               \
  X(customs_held, "trips", "Trips abroad held up at customs this week")                       \
  X(luxury_refused, "purchases", "Luxury purchases refused this week")                        \
  X(school_refused, "families", "Private-school places refused (at the school year's start)") \
  X(surcharges_paid, "citizens", "Citizens who paid a surcharge this week")                   \
  X(benefits_withheld, "citizens", "Citizens whose benefits were withheld this week")         \
  X(loans, "loans", "New loans this week")                                                    \
  X(loans_refused, "loans", "Loans refused to listed defaulters this week")                   \
  X(posts, "posts", "Online posts this week")                                                 \
  X(dissent_posts, "posts", "Dissenting posts this week")                                     \
  X(rumour_posts, "posts", "Rumours posted this week")                                        \
  X(approving_posts, "posts", "Posts praising the authorities this week")                     \
  X(posts_penalised, "posts", "Posts that cost their author points this week")                \
  X(dissent_per_capita, "posts/citizen", "Dissent and rumours per citizen this week")         \
  X(civic_acts, "acts", "Civic acts (volunteering, blood donation) this week")                \
  X(self_censorship_mean, "0-1", "Mean self-censorship")                                      \
  X(knowledge_mean, "0-1", "Mean knowledge that friends' scores matter (scored citizens)")    \
  X(grievance_mean, "", "Mean grievance")                                                     \
  X(spend_necessities, "yuan/citizen", "Mean spending on necessities this week")              \
  X(spend_children, "yuan/citizen", "Mean spending on children's goods")                      \
  X(spend_education, "yuan/citizen", "Mean spending on books, education and private school")  \
  X(spend_luxury, "yuan/citizen", "Mean spending on luxury (hotels, restaurants, agencies)")  \
  X(spend_games, "yuan/citizen", "Mean spending on video games")                              \
  X(spend_alcohol_tobacco, "yuan/citizen", "Mean spending on alcohol and tobacco")            \
  X(spend_travel, "yuan/citizen", "Mean spending on trips")                                   \
  X(spend_charity, "yuan/citizen", "Mean donations")                                          \
  X(ties, "ties", "Friendship ties")                                                          \
  X(mean_degree, "friends", "Mean number of friends")                                         \
  X(isolated, "citizens", "Citizens without a friend")                                        \
  X(ties_added, "ties", "Ties made this week")                                                \
  X(ties_dropped, "ties", "Ties dropped by choice this week (a low score, a published name)") \
  X(ties_lapsed, "ties", "Ties that lapsed this week whatever the scores")                    \
  X(ties_refused_full, "ties", "New ties refused because a friend list was full")             \
  X(assortativity, "-1..1", "Correlation of scores across ties between scored citizens")      \
  X(cross_line_share, "share", "Share of ties between scored citizens that cross the trusted line") \
  X(largest_component_share, "share", "Share of citizens in the largest connected group")     \
  X(clustering, "0-1", "Mean local clustering coefficient (estimated from sampled pairs of friends)")    \
  X(firm_score_mean, "points", "Mean firm score")                                             \
  X(firm_low_share, "share", "Share of firms scoring below the trusted line")

enum class Metric : std::uint16_t {
#define SOCRED_METRIC_ENUM(name, unit, meaning) name,
  SOCRED_METRICS(SOCRED_METRIC_ENUM)
#undef SOCRED_METRIC_ENUM
      count
};
inline constexpr std::size_t kMetricCount = static_cast<std::size_t>(Metric::count);

struct MetricInfo {
  std::string_view name;
  std::string_view unit;
  std::string_view meaning;
};
const std::array<MetricInfo, kMetricCount>& metric_info();

struct MetricsRow {
  std::array<double, kMetricCount> values{};
  double& operator[](Metric m) { return values[static_cast<std::size_t>(m)]; }
  double operator[](Metric m) const { return values[static_cast<std::size_t>(m)]; }
  bool operator==(const MetricsRow&) const = default;
};

// Scores in 20-point bins from 350 (the last bin includes 950).
struct ScoreHistogram {
  static constexpr std::size_t kBins = 30;
  static constexpr double kWidth = 20.0;
  std::array<std::uint64_t, kBins> counts{};
};

// Computes rows; owns its scratch memory (per-thread partial sums, union-find arrays),
// allocated on first use and reused, so collecting a row does not allocate after that.
class MetricsCollector {
 public:
  MetricsCollector();
  ~MetricsCollector();
  MetricsCollector(MetricsCollector&&) noexcept;
  MetricsCollector& operator=(MetricsCollector&&) noexcept;

  MetricsRow collect(const Scenario& s, const World& w, const TickEvents& ev);

  // A society split across machines: each part's sums packed into words (about 600 kB,
  // whatever the part's size), then the row from every part's words, in any order (the sums
  // are exact). `w` must hold the firms' scores and every tie (the network metrics and firm
  // means are computed from them, not from the parts).
  void pack_part(const Scenario& s, const World& w, CitizenRange part,
                 std::vector<std::uint64_t>& words);
  MetricsRow collect_parts(const Scenario& s, const World& w, const TickEvents& ev,
                           const std::uint64_t* words, std::size_t parts);
  const ScoreHistogram& histogram() const { return histogram_; }

  // What one row carries over to the next (the component share is recomputed only every
  // metrics.component_every ticks), for checkpoints.
  struct Carry {
    double component_share = 0;
    bool have_component = false;
    ScoreHistogram histogram;
  };
  Carry carry() const { return {last_component_share_, have_component_, histogram_}; }
  void restore(const Carry& c) {
    last_component_share_ = c.component_share;
    have_component_ = c.have_component;
    histogram_ = c.histogram;
  }

 private:
  void accumulate_part(const Scenario& s, const World& w, CitizenRange part);
  MetricsRow finish(const Scenario& s, const World& w, const TickEvents& ev);

  struct Scratch;
  std::unique_ptr<Scratch> scratch_;
  ScoreHistogram histogram_;
  double last_component_share_ = 0;
  bool have_component_ = false;
};

// Throws std::logic_error naming the metric when a value is NaN or infinite, or outside what
// its unit allows: shares and 0-1 measures in [0, 1], correlations in [-1, 1], scores in
// [0, 950] (0 when nobody is scored), counts whole and not negative, money not negative.
// Run after every tick in debug builds, and by the long-run tests in every build.
void check_metrics(const MetricsRow& row);

// Largest connected component as a share of citizens (union-find over all ties).
double largest_component_share(const Adjacency& a, std::vector<std::int32_t>& scratch);

// Mean local clustering, counting citizens with fewer than two friends as 0 (as networkx
// does), estimated from one random pair of friends of each of `sample` citizens drawn with
// keyed randomness.
double mean_clustering(const Adjacency& a, std::uint64_t sample, std::uint64_t seed,
                       std::int64_t tick);
// The same, exactly, over every citizen (O(sum of degree squared): for tests and small networks).
double exact_clustering(const Adjacency& a, std::vector<CitizenId>& scratch);

}  // namespace socred

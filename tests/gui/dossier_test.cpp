#include "dossier.hpp"

#include <catch2/catch.hpp>

#include "../core/test_support.hpp"

using namespace socred;
using namespace socred::gui;

namespace {

Moment moment(float score, std::uint32_t happenings = 0, std::uint16_t restrictions = 0) {
  Moment m;
  m.score = score;
  m.happenings = happenings;
  m.restrictions = restrictions;
  return m;
}

bool has_line(const std::vector<StoryLine>& story, std::int64_t first, std::int64_t last,
              const std::string& text) {
  for (const auto& line : story) {
    if (line.first == first && line.last == last && line.text == text) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("the story feed tells what happened in plain sentences, newest first") {
  const auto ban = policy_bit(Policy::travel_ban);
  const std::vector<Moment> history = {
      moment(560),                                        // week 0
      moment(552, happened::missed_payment),              // week 1
      moment(548, happened::missed_payment, ban),         // week 2: fell into 'poor', banned
      moment(547, happened::missed_payment | happened::trip_blocked, ban),  // week 3
      moment(547, happened::trip_blocked | happened::flight_blocked, ban),  // week 4
      moment(556, happened::repaid),                      // week 5: ban lifted
  };
  const auto story = write_story(history, 0, 100);
  REQUIRE_FALSE(story.empty());
  CHECK(story.back().text == "Starts with a score of 560 ('medium').");
  CHECK(story.front().first == 5);
  CHECK(has_line(story, 1, 3, "Missed a loan payment."));  // three weeks merged into one line
  CHECK(has_line(story, 2, 2, "Travel ban imposed."));
  CHECK(has_line(story, 2, 2, "Score fell to 548 ('poor')."));
  CHECK(has_line(story, 3, 3, "Train ticket refused (travel ban)."));
  CHECK(has_line(story, 4, 4, "Plane ticket refused (travel ban)."));
  CHECK(has_line(story, 5, 5, "Travel ban lifted."));
  CHECK(has_line(story, 5, 5, "Score rose to 556 ('medium')."));
  CHECK(has_line(story, 5, 5, "Paid off a loan."));
  for (std::size_t k = 1; k < story.size(); ++k) CHECK(story[k - 1].first >= story[k].first);

  // A history that starts later (the oldest weeks forgotten) has no "Starts with" line.
  const auto later = write_story(history, 40, 100);
  CHECK(later.back().first == 41);
  CHECK(write_story(history, 0, 2).size() == 2);
}

TEST_CASE("last week's change is explained by its largest factor in its direction") {
  std::vector<FactorPart> parts = {
      {Factor::friends, -5.1, "friends' scores: -5.1 (3 of 12 friends below 550)"},
      {Factor::credit_history, 1.5, "repayment history: +1.5"},
      {Factor::online_conduct, -2.0, "online posts: -2.0"}};
  CHECK(summarise_change(-5.6, parts) ==
        "Fell 5.6 points last week, mostly because of friends' scores (3 of 12 friends below "
        "550).");
  CHECK(summarise_change(1.2, parts) ==
        "Rose 1.2 points last week, mostly thanks to repayment history.");
  CHECK(summarise_change(0.0, parts) == "Unchanged last week.");
}

TEST_CASE("a dossier holds the citizen's profile, restrictions, friends and factors") {
  Scenario s = test::small_scenario(400);
  s.policies.travel_ban.threshold = 949;  // almost everyone is banned from travel
  Simulation sim(s);
  test::run_ticks(sim, 4);
  const World& w = sim.world();
  CitizenId id = 0;
  while (id < w.size() && w.friends.degree(id) < 2) ++id;
  REQUIRE(id < w.size());

  const Dossier d = build_dossier(sim.scenario(), w, id, {}, 0);
  CHECK(d.id == id);
  CHECK(d.score == w.score[id]);
  CHECK(d.tier == tier_of(w.score[id]));
  CHECK(d.friends.size() == w.friends.degree(id));
  for (std::size_t k = 1; k < d.friends.size(); ++k) CHECK(d.friends[k - 1].score <= d.friends[k].score);
  CHECK(d.score_history.empty());
  CHECK(d.profile.size() >= 10);
  CHECK(d.profile.front().label == "City");

  bool travel = false;
  for (const auto& r : d.restrictions) {
    travel |= r.rfind("Travel ban:", 0) == 0 && r.find("(score below 949)") != std::string::npos;
  }
  CHECK(travel == ((w.restrictions[id] & policy_bit(Policy::travel_ban)) != 0));
  CHECK(travel);
  CHECK(d.restricted_by.size() == d.restrictions.size());
  CHECK(std::find(d.restricted_by.begin(), d.restricted_by.end(), Policy::travel_ban) !=
        d.restricted_by.end());

  double sum = 0;
  for (const auto& f : d.factors) sum += f.points;
  double explained = 0;
  for (auto c : w.explanation[id]) explained += c / 100.0;
  CHECK(sum == Approx(explained));
  CHECK(d.change == Approx(explained));
  for (std::size_t k = 1; k < d.factors.size(); ++k) {
    CHECK(std::abs(d.factors[k - 1].points) >= std::abs(d.factors[k].points));
  }
}

#include "socred/network.hpp"

#include <catch2/catch.hpp>
#include <set>

#include "socred/society.hpp"
#include "test_support.hpp"

using namespace socred;

TEST_CASE("clean_edges orders pairs and drops self-loops and duplicates with counts") {
  std::vector<std::pair<CitizenId, CitizenId>> edges = {{3, 1}, {1, 3}, {2, 2}, {0, 1}, {1, 3}};
  const auto stats = clean_edges(edges);
  CHECK(stats.self_loops == 1);
  CHECK(stats.duplicates == 2);
  CHECK(edges == std::vector<std::pair<CitizenId, CitizenId>>{{0, 1}, {1, 3}});
}

TEST_CASE("adjacency keeps both directions and room for new ties") {
  EdgeList list{4, {{0, 1}, {0, 2}, {1, 2}}};
  Adjacency a = Adjacency::from_edges(list, 0.0, 1);
  CHECK(a.tie_count() == 3);
  CHECK(a.degree(0) == 2);
  CHECK(a.capacity(0) == 3);
  CHECK(a.capacity(3) == 1);
  CHECK(a.has_tie(2, 0));
  CHECK_FALSE(a.has_tie(0, 3));

  CHECK(a.add_tie(0, 3));
  CHECK(a.has_tie(3, 0));
  CHECK_FALSE(a.add_tie(0, 3));      // exists
  CHECK_FALSE(a.add_tie(0, 0));      // self
  CHECK_FALSE(a.add_tie(3, 1));      // 3 is full (capacity 1)
  CHECK(a.remove_tie(1, 0));
  CHECK_FALSE(a.has_tie(0, 1));
  CHECK_FALSE(a.remove_tie(1, 0));
  CHECK(a.tie_count() == 3);
  CHECK(a.to_edge_list().edges == std::vector<std::pair<CitizenId, CitizenId>>{{0, 2}, {0, 3}, {1, 2}});
}

namespace {

void check_clean(const EdgeList& list) {
  std::set<std::pair<CitizenId, CitizenId>> seen;
  for (const auto& [u, v] : list.edges) {
    CHECK(u < v);
    CHECK(v < list.nodes);
    CHECK(seen.insert({u, v}).second);
  }
}

double mean_degree(const EdgeList& list) { return 2.0 * list.edges.size() / list.nodes; }

}  // namespace

TEST_CASE("each generator gives a clean network of about the requested mean degree") {
  for (auto generator : {NetworkGenerator::random, NetworkGenerator::small_world,
                         NetworkGenerator::scale_free, NetworkGenerator::homophilous}) {
    Scenario s = test::small_scenario(3000);
    s.network.generator = generator;
    s.network.mean_degree = 10;
    const World w = build_world(s);
    const EdgeList list = w.friends.to_edge_list();
    INFO("generator " << static_cast<int>(generator));
    check_clean(list);
    CHECK(mean_degree(list) == Approx(10).epsilon(0.12));
  }
}

TEST_CASE("the homophilous generator makes most ties within a city and at similar education") {
  Scenario s = test::small_scenario(4000);
  s.society.regions = 8;
  const World w = build_world(s);
  std::size_t same_city = 0, same_education = 0, total = 0;
  for (const auto& [u, v] : w.friends.to_edge_list().edges) {
    ++total;
    same_city += w.region[u] == w.region[v];
    same_education += w.education[u] == w.education[v];
  }
  CHECK(same_city > 0.8 * total);  // firm and city ties are 90%, plus chance
  CHECK(same_education > 0.45 * total);
}

TEST_CASE("a scale-free network has hubs, a small world has none") {
  Scenario s = test::small_scenario(5000);
  s.network.mean_degree = 6;
  s.network.generator = NetworkGenerator::scale_free;
  const World sf = build_world(s);
  s.network.generator = NetworkGenerator::small_world;
  const World sw = build_world(s);
  auto max_degree = [](const World& w) {
    std::uint32_t m = 0;
    for (CitizenId i = 0; i < w.size(); ++i) m = std::max(m, w.friends.degree(i));
    return m;
  };
  CHECK(max_degree(sf) > 60);
  CHECK(max_degree(sw) < 20);
}

TEST_CASE("generated networks do not depend on the thread count") {
  Scenario s = test::small_scenario(3000);
  EdgeList one, two;
  {
    test::ThreadCount t(1);
    one = build_world(s).friends.to_edge_list();
  }
  {
    test::ThreadCount t(2);
    two = build_world(s).friends.to_edge_list();
  }
  CHECK(one.edges == two.edges);
}

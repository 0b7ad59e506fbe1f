// Friendship network generators. Each citizen's proposals are drawn from its own keyed random
// numbers into fixed positions of one array, so the result does not depend on threads.
#include <algorithm>
#include <cmath>

#include "parallel.hpp"
#include "socred/rng.hpp"
#include "socred/society.hpp"

namespace socred {
namespace {

using Edges = std::vector<std::pair<CitizenId, CitizenId>>;

// Erdos-Renyi G(n, m): m uniform pairs; self-loops and duplicates are then dropped.
Edges random_edges(const Scenario& s, std::uint64_t n) {
  const auto m = static_cast<std::uint64_t>(std::llround(n * s.network.mean_degree / 2.0));
  Edges edges(m);
  detail::for_each_index(m, [&](std::size_t e) {
    Rng rng(s.seed, kInitTick, e, Stream::network);
    edges[e] = {static_cast<CitizenId>(rng.below(0, n)), static_cast<CitizenId>(rng.below(2, n))};
  });
  return edges;
}

// Watts-Strogatz: a ring where each citizen knows k neighbours on each side; each tie is
// rewired to a random citizen with probability p.
Edges small_world_edges(const Scenario& s, std::uint64_t n) {
  const auto k = static_cast<std::uint64_t>(std::max(1.0, std::round(s.network.mean_degree / 2.0)));
  Edges edges(n * k);
  detail::for_each_index(n, [&](std::size_t i) {
    Rng rng(s.seed, kInitTick, i, Stream::network);
    for (std::uint64_t j = 1; j <= k; ++j) {
      auto v = static_cast<CitizenId>((i + j) % n);
      if (rng.uniform(static_cast<std::uint32_t>(3 * j)) < s.network.small_world_rewire) {
        v = static_cast<CitizenId>(rng.below(static_cast<std::uint32_t>(3 * j + 1), n));
      }
      edges[i * k + (j - 1)] = {static_cast<CitizenId>(i), v};
    }
  });
  return edges;
}

// Barabasi-Albert: each newcomer ties to m existing citizens chosen in proportion to their
// degree (uniform picks from the list of tie ends). Sequential by nature.
Edges scale_free_edges(const Scenario& s, std::uint64_t n) {
  const auto m = static_cast<std::uint64_t>(std::max(1.0, std::round(s.network.mean_degree / 2.0)));
  const std::uint64_t seed_size = std::min<std::uint64_t>(n, m + 1);
  Edges edges;
  edges.reserve(n * m);
  std::vector<CitizenId> ends;
  ends.reserve(2 * n * m);
  for (CitizenId u = 0; u < seed_size; ++u) {
    for (CitizenId v = u + 1; v < seed_size; ++v) {
      edges.emplace_back(u, v);
      ends.push_back(u);
      ends.push_back(v);
    }
  }
  std::vector<CitizenId> chosen;
  for (std::uint64_t t = seed_size; t < n; ++t) {
    Rng rng(s.seed, kInitTick, t, Stream::network);
    chosen.clear();
    for (std::uint32_t tries = 0; chosen.size() < m && tries < 8 * m; ++tries) {
      const CitizenId v = ends[rng.below(2 * tries, ends.size())];
      if (std::find(chosen.begin(), chosen.end(), v) == chosen.end()) chosen.push_back(v);
    }
    for (CitizenId v : chosen) {
      edges.emplace_back(static_cast<CitizenId>(t), v);
      ends.push_back(static_cast<CitizenId>(t));
      ends.push_back(v);
    }
  }
  return edges;
}

// Homophilous: each citizen starts about mean_degree/2 ties (more if sociable): some with
// colleagues, most in their city, preferring people of similar education, a few anywhere.
Edges homophilous_edges(const Scenario& s, const World& w) {
  const std::uint64_t n = w.size();
  const double half = s.network.mean_degree / 2.0;
  std::vector<std::uint64_t> offset(n + 1, 0);
  for (std::uint64_t i = 0; i < n; ++i) {
    offset[i + 1] = offset[i] + static_cast<std::uint64_t>(std::lround(half * (0.5 + w.sociability[i])));
  }
  Edges edges(offset[n]);
  const double h = s.network.education_homophily;
  detail::for_each_index(n, [&](std::size_t idx) {
    const auto i = static_cast<CitizenId>(idx);
    Rng rng(s.seed, kInitTick, i, Stream::network);
    const std::size_t f = w.firm[i];
    const std::size_t r = w.region[i];
    std::uint32_t slot = 0;
    for (std::uint64_t e = offset[i]; e < offset[i + 1]; ++e, slot += 16) {
      const double where = rng.uniform(slot);
      CitizenId j = i;
      if (where < s.network.firm_tie_share && w.firms.size[f] > 1) {
        j = w.firms.first[f] + static_cast<CitizenId>(rng.below(slot + 1, w.firms.size[f]));
      } else if (where < s.network.firm_tie_share + s.network.region_tie_share) {
        // Rejection sampling on education distance, a few tries.
        for (std::uint32_t attempt = 0; attempt < 6; ++attempt) {
          j = w.regions.first[r] +
              static_cast<CitizenId>(rng.below(slot + 2 + 2 * attempt, w.regions.size[r]));
          const int gap = std::abs(int(w.education[i]) - int(w.education[j]));
          if (rng.uniform(slot + 3 + 2 * attempt) < std::exp(-h * gap)) break;
        }
      } else {
        j = static_cast<CitizenId>(rng.below(slot + 15, n));
      }
      edges[e] = {i, j};
    }
  });
  return edges;
}

}  // namespace

EdgeList generate_network(const Scenario& s, const World& w) {
  const std::uint64_t n = w.size();
  Edges edges;
  switch (s.network.generator) {
    case NetworkGenerator::random:
      edges = random_edges(s, n);
      break;
    case NetworkGenerator::small_world:
      edges = small_world_edges(s, n);
      break;
    case NetworkGenerator::scale_free:
      edges = scale_free_edges(s, n);
      break;
    case NetworkGenerator::homophilous:
    case NetworkGenerator::file:  // a file scenario without a file falls back here
      edges = homophilous_edges(s, w);
      break;
  }
  clean_edges(edges);
  EdgeList list;
  list.nodes = n;
  list.edges = std::move(edges);
  return list;
}

}  // namespace socred

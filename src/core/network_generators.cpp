// Friendship network generators. Each citizen's proposals come from its own keyed random
// numbers, and friend lists are built from them directly (network_build.hpp), so the network
// does not depend on the thread count and no global edge list is ever held.
#include <algorithm>
#include <array>
#include <cmath>

#include "network_build.hpp"
#include "socred/rng.hpp"
#include "socred/society.hpp"

namespace socred {
namespace {

using Edges = std::vector<std::pair<CitizenId, CitizenId>>;

// A random network: each citizen proposes round(k/2) ties to uniformly random citizens, so
// degrees are k/2 plus a Poisson(k/2) number of incoming proposals (mean k), with no locality.
auto random_proposals(const Scenario& s, std::uint64_t n) {
  const auto per_citizen = static_cast<std::uint32_t>(std::lround(s.network.mean_degree / 2.0));
  return [&s, n, per_citizen](CitizenId i, auto&& emit) {
    Rng rng(s.seed, kInitTick, i, Stream::network);
    for (std::uint32_t e = 0; e < per_citizen; ++e) emit(static_cast<CitizenId>(rng.below(2 * e, n)));
  };
}

// Watts-Strogatz: a ring where each citizen knows k neighbours on each side; each tie is
// rewired to a random citizen with probability p.
auto small_world_proposals(const Scenario& s, std::uint64_t n) {
  const auto k = static_cast<std::uint32_t>(std::max(1.0, std::round(s.network.mean_degree / 2.0)));
  return [&s, n, k](CitizenId i, auto&& emit) {
    Rng rng(s.seed, kInitTick, i, Stream::network);
    for (std::uint32_t j = 1; j <= k; ++j) {
      auto v = static_cast<CitizenId>((i + j) % n);
      if (rng.uniform(3 * j) < s.network.small_world_rewire) {
        v = static_cast<CitizenId>(rng.below(3 * j + 1, n));
      }
      emit(v);
    }
  };
}

// Homophilous: each citizen starts about mean_degree/2 ties (more if sociable): some with
// colleagues, most in their city, preferring people of similar education, a few anywhere.
auto homophilous_proposals(const Scenario& s, const World& w) {
  // Acceptance by education gap (0..3), computed once.
  std::array<double, 4> accept{};
  for (int gap = 0; gap < 4; ++gap) accept[gap] = std::exp(-s.network.education_homophily * gap);
  return [&s, &w, accept](CitizenId i, auto&& emit) {
    const double half = s.network.mean_degree / 2.0;
    const auto count = static_cast<std::uint32_t>(std::lround(half * (0.5 + w.sociability[i])));
    const std::uint64_t n = w.size();
    Rng rng(s.seed, kInitTick, i, Stream::network);
    const std::size_t f = w.firm[i];
    const std::size_t r = w.region[i];
    for (std::uint32_t e = 0, slot = 0; e < count; ++e, slot += 16) {
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
          if (rng.uniform(slot + 3 + 2 * attempt) < accept[gap]) break;
        }
      } else {
        j = static_cast<CitizenId>(rng.below(slot + 15, n));
      }
      emit(j);
    }
  };
}

// Barabasi-Albert: each newcomer ties to m existing citizens chosen in proportion to their
// degree (uniform picks from the list of tie ends). Sequential by nature, so it builds an edge
// list first.
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
  clean_edges(edges);
  return edges;
}

}  // namespace

Adjacency generate_friendships(const Scenario& s, const World& w) {
  const std::uint64_t n = w.size();
  const double slack = s.network.slack;
  const auto min_slack = static_cast<std::uint32_t>(s.network.min_slack);
  switch (s.network.generator) {
    case NetworkGenerator::random:
      return detail::adjacency_from_proposals(n, slack, min_slack, random_proposals(s, n));
    case NetworkGenerator::small_world:
      return detail::adjacency_from_proposals(n, slack, min_slack, small_world_proposals(s, n));
    case NetworkGenerator::scale_free:
      return Adjacency::from_edges(EdgeList{n, scale_free_edges(s, n)}, slack, min_slack);
    case NetworkGenerator::homophilous:
    case NetworkGenerator::file:  // a file scenario without a file falls back here
      break;
  }
  return detail::adjacency_from_proposals(n, slack, min_slack, homophilous_proposals(s, w));
}

}  // namespace socred

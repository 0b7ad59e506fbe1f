// The friendship graph's storage and its clean-up.
#include "socred/network.hpp"

#include <algorithm>
#include <cmath>

namespace socred {

CleanStats clean_edges(std::vector<std::pair<CitizenId, CitizenId>>& edges) {
  CleanStats stats;
  std::size_t kept = 0;
  for (auto& e : edges) {
    if (e.first == e.second) {
      ++stats.self_loops;
      continue;
    }
    if (e.first > e.second) std::swap(e.first, e.second);
    edges[kept++] = e;
  }
  edges.resize(kept);
  std::sort(edges.begin(), edges.end());
  const auto last = std::unique(edges.begin(), edges.end());
  stats.duplicates = static_cast<std::uint64_t>(edges.end() - last);
  edges.erase(last, edges.end());
  return stats;
}

Adjacency Adjacency::from_edges(const EdgeList& list, double slack, std::uint32_t min_slack) {
  Adjacency a;
  const std::size_t n = list.nodes;
  a.degree_.assign(n, 0);
  for (const auto& [u, v] : list.edges) {
    ++a.degree_[u];
    ++a.degree_[v];
  }
  a.start_.assign(n + 1, 0);
  for (std::size_t i = 0; i < n; ++i) {
    const auto room = std::max<std::uint64_t>(
        min_slack, static_cast<std::uint64_t>(std::ceil(slack * a.degree_[i])));
    a.start_[i + 1] = a.start_[i] + a.degree_[i] + room;
  }
  a.neighbours_.assign(a.start_[n], kNoCitizen);
  std::vector<std::uint32_t> fill(n, 0);
  for (const auto& [u, v] : list.edges) {
    a.neighbours_[a.start_[u] + fill[u]++] = v;
    a.neighbours_[a.start_[v] + fill[v]++] = u;
  }
  return a;
}

bool Adjacency::has_tie(CitizenId u, CitizenId v) const {
  // Scan the shorter list.
  if (degree_[v] < degree_[u]) std::swap(u, v);
  const auto f = friends(u);
  return std::find(f.begin(), f.end(), v) != f.end();
}

bool Adjacency::add_tie(CitizenId u, CitizenId v) {
  if (u == v || degree_[u] >= capacity(u) || degree_[v] >= capacity(v) || has_tie(u, v)) {
    return false;
  }
  neighbours_[start_[u] + degree_[u]++] = v;
  neighbours_[start_[v] + degree_[v]++] = u;
  return true;
}

bool Adjacency::remove_half(CitizenId u, CitizenId v) {
  CitizenId* first = neighbours_.data() + start_[u];
  CitizenId* last = first + degree_[u];
  CitizenId* hit = std::find(first, last, v);
  if (hit == last) return false;
  *hit = *(last - 1);
  *(last - 1) = kNoCitizen;
  --degree_[u];
  return true;
}

bool Adjacency::remove_tie(CitizenId u, CitizenId v) {
  if (!remove_half(u, v)) return false;
  remove_half(v, u);
  return true;
}

std::uint64_t Adjacency::tie_count() const {
  std::uint64_t total = 0;
  for (auto d : degree_) total += d;
  return total / 2;
}

EdgeList Adjacency::to_edge_list() const {
  EdgeList out;
  out.nodes = size();
  out.edges.reserve(tie_count());
  for (CitizenId u = 0; u < size(); ++u) {
    for (CitizenId v : friends(u)) {
      if (u < v) out.edges.emplace_back(u, v);
    }
  }
  std::sort(out.edges.begin(), out.edges.end());
  return out;
}

}  // namespace socred

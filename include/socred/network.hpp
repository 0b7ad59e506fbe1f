// The friendship network: an undirected graph stored as compressed rows with room to grow.
//
// Citizen i's friends are neighbours[start[i] .. start[i] + degree[i]); the slots up to
// start[i + 1] are free room for new ties (the slack rewiring needs), so a tick never
// allocates. Both directions of every tie are stored.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace socred {

using CitizenId = std::uint32_t;
inline constexpr CitizenId kNoCitizen = 0xFFFFFFFFu;

// An undirected edge list with u < v, sorted and without duplicates.
struct EdgeList {
  std::uint64_t nodes = 0;
  std::vector<std::pair<CitizenId, CitizenId>> edges;
};

class Adjacency {
 public:
  Adjacency() = default;

  // Builds from a clean edge list; each list gets room for
  // max(min_slack, ceil(slack * degree)) more ties.
  static Adjacency from_edges(const EdgeList& list, double slack, std::uint32_t min_slack);

  std::size_t size() const { return degree_.size(); }
  std::uint32_t degree(CitizenId i) const { return degree_[i]; }
  std::uint32_t capacity(CitizenId i) const {
    return static_cast<std::uint32_t>(start_[i + 1] - start_[i]);
  }
  std::span<const CitizenId> friends(CitizenId i) const {
    return {neighbours_.data() + start_[i], degree_[i]};
  }
  bool has_tie(CitizenId u, CitizenId v) const;

  // Adds the tie in both lists if both have room and it does not exist yet.
  bool add_tie(CitizenId u, CitizenId v);
  // Removes the tie from both lists; false if there was none.
  bool remove_tie(CitizenId u, CitizenId v);

  std::uint64_t tie_count() const;  // undirected ties
  std::uint64_t slot_count() const { return neighbours_.size(); }
  EdgeList to_edge_list() const;

  // Raw arrays, for the hot loops and for checkpoints.
  const std::vector<std::uint64_t>& starts() const { return start_; }
  const std::vector<std::uint32_t>& degrees() const { return degree_; }
  const std::vector<CitizenId>& slots() const { return neighbours_; }
  std::vector<std::uint64_t>& starts() { return start_; }
  std::vector<std::uint32_t>& degrees() { return degree_; }
  std::vector<CitizenId>& slots() { return neighbours_; }

  bool operator==(const Adjacency&) const = default;

 private:
  bool remove_half(CitizenId u, CitizenId v);
  std::vector<std::uint64_t> start_;  // size n + 1
  std::vector<std::uint32_t> degree_;
  std::vector<CitizenId> neighbours_;
};

// Sorts pairs (u < v), drops self-loops and duplicates; returns the counts dropped.
struct CleanStats {
  std::uint64_t self_loops = 0;
  std::uint64_t duplicates = 0;
};
CleanStats clean_edges(std::vector<std::pair<CitizenId, CitizenId>>& edges);

// Reads a SNAP-style edge list (`u v` per line, `#` or `%` comments, plain or gzip).
// Ids are remapped densely in increasing order of the original id. Throws InputError
// naming the file and line on a malformed line or an id beyond the cap.
struct EdgeListReport {
  EdgeList list;
  std::vector<std::uint64_t> original_ids;  // dense id -> id in the file
  CleanStats dropped;
  std::uint64_t lines = 0;
  std::uint64_t bytes = 0;         // of text, after decompression
  std::uint64_t content_hash = 0;  // FNV-1a (64-bit) of that text, to tell a changed file
};

// "fnv1a64:0123456789abcdef", as run.json records a network file's content hash.
std::string format_content_hash(std::uint64_t hash);
// FNV-1a (64-bit) of some bytes: the content hash edge lists and run identities use.
std::uint64_t fnv1a64(std::string_view bytes);
EdgeListReport read_edge_list(const std::string& path, std::uint64_t max_id = 4'000'000'000ull);
// The same from text in memory (plain, not gzip); `label` stands for the path in errors.
EdgeListReport parse_edge_list(std::string_view text, const std::string& label,
                               std::uint64_t max_id = 4'000'000'000ull);

}  // namespace socred

// Fuzzes the SNAP edge-list reader. Plain text goes through parse_edge_list (the reader
// the file path shares); input starting with the gzip magic is written to a file and read
// with read_edge_list, so zlib's side is fuzzed too. Properties: errors are one line; a
// list read is clean (u < v, sorted, no duplicates, ids dense and below the node count,
// original ids increasing) and builds a friendship network with every tie in both lists.
#include <fstream>

#include "fuzz_support.hpp"
#include "socred/errors.hpp"
#include "socred/network.hpp"

using namespace socred;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* bytes, std::size_t size) {
  const std::string_view data(reinterpret_cast<const char*>(bytes), size);
  EdgeListReport report;
  try {
    if (size >= 2 && bytes[0] == 0x1f && bytes[1] == 0x8b) {
      const auto path = fuzz::scratch_dir() / "edges.gz";
      std::ofstream(path, std::ios::binary | std::ios::trunc) << data;
      report = read_edge_list(path.string());
    } else {
      report = parse_edge_list(data, "edges.txt");
    }
  } catch (const InputError& e) {
    fuzz::require_one_line(e.what());
    return 0;
  }
  const EdgeList& list = report.list;
  if (list.nodes != report.original_ids.size()) fuzz::finding("node count != original ids");
  for (std::size_t k = 1; k < report.original_ids.size(); ++k) {
    if (report.original_ids[k - 1] >= report.original_ids[k]) fuzz::finding("ids not increasing");
  }
  for (std::size_t k = 0; k < list.edges.size(); ++k) {
    const auto [u, v] = list.edges[k];
    if (!(u < v) || v >= list.nodes) fuzz::finding("an edge that is not u < v < nodes");
    if (k && !(list.edges[k - 1] < list.edges[k])) fuzz::finding("edges not sorted and unique");
  }
  const Adjacency friends = Adjacency::from_edges(list, 0.25, 4);
  if (friends.tie_count() != list.edges.size()) fuzz::finding("ties lost building the network");
  for (const auto& [u, v] : list.edges) {
    if (!friends.has_tie(u, v) || !friends.has_tie(v, u)) fuzz::finding("a tie in one list only");
  }
  return 0;
}

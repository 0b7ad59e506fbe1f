// Building a society: cities, workplaces, citizens, their starting records and scores, and
// the friendship network (generated, or read from a SNAP edge list).
#pragma once

#include <cstdint>

#include "socred/network.hpp"
#include "socred/scenario.hpp"
#include "socred/world.hpp"

namespace socred {

// Builds the world. When `network` is given, its node count replaces society.agents and its
// ties are the friendships; cities and firms are laid over contiguous id ranges.
World build_world(const Scenario& s, const EdgeList* network = nullptr);

// The friendship network of a world whose citizens exist but have no ties yet.
Adjacency generate_friendships(const Scenario& s, const World& w);

// Citizens per city: Zipf's law, largest-remainder rounding, at least one each.
std::vector<std::uint32_t> city_sizes(std::uint64_t citizens, std::uint64_t cities,
                                      double exponent);

// Bytes a world of this scenario needs, estimated before building it.
std::uint64_t estimate_world_bytes(const Scenario& s, std::uint64_t citizens,
                                   std::uint64_t ties);

}  // namespace socred

// Counts heap allocations made by this program (global operator new is replaced in
// alloc_counter.cpp), so `socred bench` can show that a tick allocates nothing in steady state.
#pragma once

#include <cstdint>

namespace socred::cli {

std::uint64_t allocation_count();

}  // namespace socred::cli

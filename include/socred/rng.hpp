// Counter-based random numbers: every draw is a pure function of
// (seed, tick, citizen, stream, slot), computed with Random123's Philox4x32-10.
//
// There is no generator state to share between threads, so results do not depend on the
// thread count or the order citizens are visited. Each decision reads a fixed slot, so two
// runs that differ in one policy still see the same draws for every other decision (common
// random numbers: the counterfactual twin of `socred compare`). Distributions are our own
// (std::*_distribution differ between standard libraries).
#pragma once

// Random123 leaves its 32x32->64 multiply (mulhilo32, 20 calls per block) to the compiler's
// inlining judgement; GCC 12 keeps it out of line, which more than doubles the cost of a block.
// Force it inline for every Random123 helper.
#ifndef R123_STATIC_INLINE
#define R123_STATIC_INLINE static inline __attribute__((always_inline))
#endif
#include <Random123/philox.h>

#include <cmath>
#include <cstdint>
#include <numbers>

namespace socred {

// Streams separate independent families of draws. Values are part of the output format:
// changing one changes every run's results (the golden-hash test will say so).
enum class Stream : std::uint32_t {
  init_region = 1,
  init_person = 2,
  init_income = 3,
  init_finance = 4,
  init_firm = 5,
  init_score = 6,
  network = 7,
  network_rewire = 8,
  behaviour = 16,
  posts = 17,
  adaptation = 18,
  adaptation_search = 19,
  metrics = 32,
  bootstrap = 33,  // socred compare's resamples of replicates, not part of any run
};

// Tick value used for draws made while building the society.
inline constexpr std::uint32_t kInitTick = 0xFFFFFFFFu;

class Rng {
 public:
  Rng(std::uint64_t seed, std::uint32_t tick, std::uint64_t citizen, Stream stream) {
    key_ = {{static_cast<std::uint32_t>(seed), static_cast<std::uint32_t>(seed >> 32)}};
    // The citizen's high bits go into the stream word so ids beyond 2^32 stay distinct.
    counter_ = {{tick, static_cast<std::uint32_t>(citizen),
                 static_cast<std::uint32_t>(stream) | static_cast<std::uint32_t>(citizen >> 32) << 8,
                 0}};
  }

  // 32 random bits at a fixed slot.
  std::uint32_t bits(std::uint32_t slot) {
    const std::uint32_t block = slot >> 2;
    if (block != cached_block_) {
      counter_[3] = block;
      cached_ = philox_(counter_, key_);
      cached_block_ = block;
    }
    return cached_[slot & 3u];
  }

  // Uniform in [0, 1) with 32 bits of resolution.
  double uniform(std::uint32_t slot) { return bits(slot) * 0x1p-32; }

  // Uniform in (0, 1), never exactly zero (for logarithms).
  double uniform_open(std::uint32_t slot) { return (bits(slot) + 0.5) * 0x1p-32; }

  bool bernoulli(std::uint32_t slot, double p) { return uniform(slot) < p; }

  // Integer in [0, n) without modulo bias worth measuring (Lemire's multiply-shift).
  std::uint64_t below(std::uint32_t slot, std::uint64_t n) {
    if (n <= 0xFFFFFFFFull) {
      return (static_cast<std::uint64_t>(bits(slot)) * n) >> 32;
    }
    const double u = (static_cast<double>(bits(slot)) * 0x1p-32) +
                     static_cast<double>(bits(slot + 1)) * 0x1p-64;
    const auto r = static_cast<std::uint64_t>(u * static_cast<double>(n));
    return r < n ? r : n - 1;
  }

  // Standard normal by Box-Muller from two slots.
  double normal(std::uint32_t slot) {
    const double u1 = uniform_open(slot);
    const double u2 = uniform(slot + 1);
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
  }

  // A cheap bell-shaped draw from two slots: triangular on [-sqrt 6, sqrt 6], mean 0, standard
  // deviation 1. For small multiplicative noise, where tails do not matter and Box-Muller's
  // logarithm and cosine would be most of the cost.
  double triangular(std::uint32_t slot) {
    return (uniform(slot) + uniform(slot + 1) - 1.0) * 2.449489742783178;
  }

  // Poisson by inversion for small means (posts, acts per week), capped at `cap`.
  // One uniform draw (at `slot`), inverted through the cumulative distribution.
  std::uint32_t poisson(std::uint32_t slot, double mean, std::uint32_t cap) {
    if (mean <= 0.0) return 0;
    const double u = uniform(slot);
    double p = std::exp(-mean);
    double cumulative = p;
    std::uint32_t k = 0;
    while (u >= cumulative && k < cap) {
      ++k;
      p *= mean / k;
      cumulative += p;
    }
    return k;
  }

 private:
  r123::Philox4x32 philox_;
  r123::Philox4x32::key_type key_;
  r123::Philox4x32::ctr_type counter_;
  r123::Philox4x32::ctr_type cached_{};
  std::uint32_t cached_block_ = 0xFFFFFFFFu;
};

// Logistic and logit, used for traits drawn as logit-normal variables in (0, 1).
inline double logistic(double x) { return 1.0 / (1.0 + std::exp(-x)); }
inline double logit(double p) { return std::log(p / (1.0 - p)); }

}  // namespace socred

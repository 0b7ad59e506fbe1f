#include "palette.hpp"

namespace socred::gui {

const std::array<TierBand, kTierCount>& tier_bands() {
  static const std::array<TierBand, kTierCount> bands = {{
      {Tier::poor, 350, 550, "poor"},
      {Tier::medium, 550, 600, "medium"},
      {Tier::good, 600, 650, "good"},
      {Tier::very_good, 650, 700, "very good"},
      {Tier::excellent, 700, 950, "excellent"},
  }};
  return bands;
}

Tier tier_of(double score) {
  for (const auto& band : tier_bands()) {
    if (score < band.high) return band.tier;
  }
  return Tier::excellent;
}

std::string_view tier_name(Tier tier) { return tier_bands()[static_cast<std::size_t>(tier)].name; }

const Palette& palette(Theme theme) {
  static const Palette dark = {
      {{{215, 25, 28}, {253, 174, 97}, {255, 255, 191}, {171, 217, 233}, {44, 123, 182}}},
      {25, 28, 35},  // the same as the panels (theme.cpp), so the two meet without a seam
      {170, 180, 200},
      {255, 150, 60},
      {255, 255, 255},
      {230, 60, 230},
      {255, 235, 60},
      {110, 110, 120},
      {120, 190, 255},
      {200, 200, 210},
      {255, 210, 60},
      {150, 150, 165},
  };
  static const Palette projector = {
      {{{178, 24, 43}, {239, 138, 98}, {201, 168, 0}, {103, 169, 207}, {33, 102, 172}}},
      {255, 255, 255},
      {60, 60, 70},
      {200, 80, 0},
      {0, 0, 0},
      {170, 0, 170},
      {0, 150, 60},
      {150, 150, 150},
      {20, 70, 160},
      {80, 80, 80},
      {200, 120, 0},
      {110, 110, 110},
  };
  return theme == Theme::projector ? projector : dark;
}

Rgba tier_colour(Theme theme, double score) {
  return palette(theme).tier[static_cast<std::size_t>(tier_of(score))];
}

Rgba with_alpha(Rgba colour, std::uint8_t alpha) {
  colour.a = alpha;
  return colour;
}

}  // namespace socred::gui

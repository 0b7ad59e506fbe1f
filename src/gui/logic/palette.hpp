// Colours and score tiers, shared by the network view, the charts and the legend.
//
// Tiers are Sesame Credit's published bands (the same cut-offs as the tier_* metrics). The
// tier colours are ColorBrewer's RdYlBu diverging scheme, which ColorBrewer marks safe for
// colour-blind readers: red for "poor" through blue for "excellent". The projector theme
// darkens the pale middle so that it still shows on a white background.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace socred::gui {

struct Rgba {
  std::uint8_t r = 0, g = 0, b = 0, a = 255;
  bool operator==(const Rgba&) const = default;
};

enum class Tier : std::uint8_t { poor, medium, good, very_good, excellent };
inline constexpr std::size_t kTierCount = 5;

struct TierBand {
  Tier tier;
  double low;   // inclusive
  double high;  // exclusive, except the last band, which includes 950
  std::string_view name;
};
const std::array<TierBand, kTierCount>& tier_bands();
Tier tier_of(double score);
std::string_view tier_name(Tier tier);

enum class Theme : std::uint8_t { dark, projector };

struct Palette {
  std::array<Rgba, kTierCount> tier;
  Rgba background;
  Rgba tie;          // a friendship (alpha applied by the view's tie opacity)
  Rgba cross_tie;    // a friendship across the trusted line
  Rgba restricted;   // the ring around a restricted citizen
  Rgba blacklisted;  // the cross on someone on the courts' list
  Rgba selection;
  Rgba unscored;     // citizens outside a voluntary scheme
  Rgba series;       // chart lines
  Rgba baseline;     // the week-0 histogram outline
  Rgba user_change;  // chart markers: a change made in the GUI
  Rgba timeline_change;  // chart markers: a scheduled change from the scenario
};
const Palette& palette(Theme theme);

Rgba tier_colour(Theme theme, double score);
Rgba with_alpha(Rgba colour, std::uint8_t alpha);

}  // namespace socred::gui

// Small helpers that turn the model's identifiers and numbers into words for people.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "socred/world.hpp"

namespace socred::gui {

// "travel_ban" -> "Travel ban"
std::string humanise(std::string_view snake_case);

// What a factor of the score is called in plain words ("friends' scores").
std::string_view factor_label(Factor factor);

// "Travel ban", "High-score rewards", "Name published" for a policy bit.
std::string policy_title(Policy policy);

// "Week 34" or "Weeks 30-41".
std::string week_label(std::int64_t first, std::int64_t last);

// A number with a fixed count of decimals and thousands separators ("12,345.6").
std::string with_commas(double value, int decimals = 0);

}  // namespace socred::gui

#include "words.hpp"

#include <cctype>
#include <cmath>
#include <cstdio>

#include "cli_common.hpp"

namespace socred::gui {

std::string humanise(std::string_view snake_case) {
  std::string out(snake_case);
  for (char& c : out) {
    if (c == '_') c = ' ';
  }
  if (!out.empty()) out[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(out[0])));
  return out;
}

std::string_view factor_label(Factor factor) {
  static constexpr std::string_view labels[] = {
      "repayment history",   "income and savings", "what they buy",
      "education and job",   "drift back to the base", "the courts' blacklist",
      "online posts",        "civic acts",         "friends' scores",
      "workplace's score",   "the 350-950 limits"};
  static_assert(std::size(labels) == kFactorCount);
  return labels[static_cast<std::size_t>(factor)];
}

std::string policy_title(Policy policy) {
  if (policy == Policy::rewards) return "High-score rewards";
  if (policy == Policy::published) return "Name published on the blacklist";
  return humanise(policy_name(policy));
}

std::string week_label(std::int64_t first, std::int64_t last) {
  if (first == last) return "Week " + std::to_string(first);
  return "Weeks " + std::to_string(first) + "-" + std::to_string(last);
}

std::string with_commas(double value, int decimals) {
  const double scale = std::pow(10.0, decimals);
  const double rounded = std::round(std::abs(value) * scale);
  const auto whole = static_cast<std::uint64_t>(rounded / scale);
  std::string out;
  if (value < 0 && rounded > 0) out += '-';
  out += cli::thousands(whole);
  if (decimals > 0) {
    char frac[32];
    std::snprintf(frac, sizeof frac, "%0*llu", decimals,
                  static_cast<unsigned long long>(std::fmod(rounded, scale)));
    out += '.';
    out += frac;
  }
  return out;
}

}  // namespace socred::gui

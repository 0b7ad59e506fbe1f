#include "parameter_panel.hpp"

#include <algorithm>

#include "words.hpp"

namespace socred::gui {

std::vector<ParameterGroup> parameter_groups(std::string_view section) {
  std::vector<ParameterGroup> groups;
  for (const auto& field : scenario_fields()) {
    if (!field.runtime || !field.path.starts_with(section)) continue;
    const std::string rest = field.path.substr(section.size());
    const auto dot = rest.find('.');
    const std::string key = rest.substr(0, dot);
    auto it = std::find_if(groups.begin(), groups.end(),
                           [&](const ParameterGroup& g) { return g.key == key; });
    if (it == groups.end()) {
      groups.push_back({key, humanise(key), nullptr, {}});
      it = groups.end() - 1;
    }
    const bool is_toggle = field.kind == FieldKind::boolean &&
                           (dot == std::string::npos || rest.substr(dot + 1) == "enabled");
    if (is_toggle && !it->toggle) {
      it->toggle = &field;
    } else {
      it->settings.push_back(&field);
    }
  }
  return groups;
}

std::vector<std::string> other_sections(const std::vector<std::string>& shown) {
  std::vector<std::string> out;
  for (const auto& field : scenario_fields()) {
    if (!field.runtime) continue;
    const auto dot = field.path.find('.');
    if (dot == std::string::npos) continue;
    const std::string section = field.path.substr(0, dot + 1);
    if (std::find(shown.begin(), shown.end(), section) == shown.end() &&
        std::find(out.begin(), out.end(), section) == out.end()) {
      out.push_back(section);
    }
  }
  return out;
}

std::string setting_label(const FieldSpec& field) {
  // Inside a group ("policies.travel_ban.threshold") the group's title says the rest.
  return humanise(field.path.substr(field.path.rfind('.') + 1));
}

std::string slider_format(const FieldSpec& field) {
  const SliderRange r = slider_range(field);
  const double span = r.max - r.min;
  std::string format = field.kind == FieldKind::integer || span >= 100 ? "%.0f"
                       : span >= 10                                    ? "%.1f"
                                                                       : "%.3f";
  // Short units read well inside the slider; long ones are in the tooltip.
  if (!field.unit.empty() && field.unit.size() <= 12) {
    format += ' ';
    for (char c : field.unit) {
      if (c == '%') format += '%';
      format += c;
    }
  }
  return format;
}

bool logarithmic(const FieldSpec& field) {
  return field.min > 0 && field.max / field.min >= 1000;
}

SliderRange slider_range(const FieldSpec& field) {
  SliderRange r{field.min, field.max};
  if (field.kind == FieldKind::real || field.kind == FieldKind::integer) {
    if (field.unit == "relative weight") r.max = std::min(r.max, 100.0);
    if (field.unit == "points" && field.min == 0) r.max = std::min(r.max, 200.0);
    if (field.max >= 1e6) r.max = std::min(r.max, std::max(field.min * 1000, 1000.0));
  }
  return r;
}

}  // namespace socred::gui

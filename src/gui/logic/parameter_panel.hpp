// The model behind the Policies and Scoring panels, generated from the field table
// (scenario_fields()), so that every run-time parameter of the model appears with its range,
// unit and meaning, and a new parameter shows up without GUI code.
//
// Fields are grouped by the path component after the section: "policies.travel_ban.enabled",
// ".threshold", ".strength" and ".include_blacklisted" form the group "travel_ban", whose
// `enabled` field is its toggle. A field directly under the section is a group of its own.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "socred/scenario_schema.hpp"

namespace socred::gui {

struct ParameterGroup {
  std::string key;    // "travel_ban"
  std::string title;  // "Travel ban"
  const FieldSpec* toggle = nullptr;     // the group's on/off switch, if it has one
  std::vector<const FieldSpec*> settings;  // the rest, in table order
};

// Run-time fields under `section` ("policies." or "scoring."), grouped, in table order.
std::vector<ParameterGroup> parameter_groups(std::string_view section);

// Sections of run-time fields other than the given ones ("behaviour.", "adaptation.", ...).
std::vector<std::string> other_sections(const std::vector<std::string>& shown);

// The label of a setting inside its group: "Threshold" (the slider shows the unit).
std::string setting_label(const FieldSpec& field);

// Whether a slider over this field's range should be logarithmic (ranges over 3 decades).
bool logarithmic(const FieldSpec& field);

// The slider's text: the value and its unit, as an ImGui format ("%.0f points").
std::string slider_format(const FieldSpec& field);

// The slider range: the field's range, but a practical one for open-ended fields
// (e.g. 0-1000 weights slide over 0-100 and accept typed values beyond).
struct SliderRange {
  double min = 0, max = 1;
};
SliderRange slider_range(const FieldSpec& field);

}  // namespace socred::gui

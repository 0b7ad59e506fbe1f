// The field table: one row per scenario parameter, shared by the validator, `--set`,
// timeline events, the generated reference (docs/scenario-reference.md) and the GUI.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "socred/scenario.hpp"

namespace socred {

enum class FieldKind { boolean, integer, real, text, choice };

struct FieldSpec {
  std::string path;  // dotted, e.g. "policies.travel_ban.threshold"
  FieldKind kind = FieldKind::real;
  double min = 0.0;  // inclusive range for integer and real fields
  double max = 0.0;
  std::vector<std::string> choices;  // for choice fields
  std::string unit;
  std::string meaning;
  std::string basis;     // "assumption", or the source a default rests on
  bool runtime = true;   // may change during a run (timeline events, GUI)
  std::function<FieldValue(const Scenario&)> get;
  std::function<void(Scenario&, const FieldValue&)> set;  // value already checked
};

// Every field, in document order.
const std::vector<FieldSpec>& scenario_fields();

// The field at a dotted path, or nullptr.
const FieldSpec* find_field(std::string_view dotted_path);

// Checks a value against a field's type and range. Integer values are accepted for real
// fields and converted. Returns the value to store, or an error such as
// `expected a number in [350, 950], got "low"` (the caller adds file and pointer).
struct CheckedValue {
  std::optional<FieldValue> value;
  std::string error;
};
CheckedValue check_field_value(const FieldSpec& field, const FieldValue& value);

// "expected ..." phrase for a field, used in errors and in the reference.
std::string describe_expected(const FieldSpec& field);

// Human-readable value ("true", "550", "\"homophilous\"").
std::string format_value(const FieldValue& value);

// Closest candidate by edit distance, if close enough to be a plausible typo.
std::optional<std::string> did_you_mean(std::string_view word,
                                        const std::vector<std::string>& candidates);

// Names of choice values, for enum <-> string conversions.
std::string_view to_string(NetworkGenerator g);
std::string_view to_string(ScoringVariant v);
std::string_view to_string(Participation p);

}  // namespace socred

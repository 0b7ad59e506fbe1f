// docs/scenario-reference.md, generated from the field table the validator uses, so the
// reference cannot drift from what the program accepts (a test compares them).
#pragma once

#include <string>

namespace socred {

std::string scenario_reference_markdown();

// The table of metrics (column, unit, meaning) that docs/outputs.md embeds between its
// BEGIN/END markers, generated from metric_info() so it cannot drift either.
std::string metrics_reference_markdown();

}  // namespace socred

// The one style sheet of every report page, inlined (the policy allows inline style only).
#pragma once

#include <string_view>

namespace crm::reports {

// Screen layout, chart tones, and @media print rules for A4 sign-off (margins, no navigation,
// tables that do not split rows across pages, a signature block).
extern const std::string_view kPageStyle;

}  // namespace crm::reports

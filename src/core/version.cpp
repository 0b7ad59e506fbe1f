#include <string>

namespace socred {

std::string socred_version() { return SOCRED_VERSION; }

}  // namespace socred

// The checkpoint file's fixed header, shared by the writer and the reader (the layout is
// described in include/socred/checkpoint.hpp).
#pragma once

#include <cstddef>
#include <cstdint>

namespace socred::detail {

inline constexpr char kCheckpointMagic[8] = {'S', 'O', 'C', 'R', 'E', 'D', 'C', 'P'};
inline constexpr std::uint32_t kCheckpointByteOrder = 0x01020304u;
inline constexpr std::size_t kCheckpointHeaderBytes = 32;

}  // namespace socred::detail

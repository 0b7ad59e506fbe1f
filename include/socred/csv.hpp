// Writing numbers so they read back exactly: the shortest decimal that round-trips
// (std::to_chars), "nan"/"inf" spelled the way pandas and R read them.
#pragma once

#include <charconv>
#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>

namespace socred {

template <class T>
inline void append_number(std::string& out, T value) {
  if constexpr (std::is_floating_point_v<T>) {
    if (std::isnan(value)) {
      out += "nan";
      return;
    }
    if (std::isinf(value)) {
      out += value > 0 ? "inf" : "-inf";
      return;
    }
    // Integral values print without an exponent so spreadsheets show 1000000, not 1e+06.
    if (value == std::floor(value) && std::abs(value) < 1e15) {
      append_number(out, static_cast<long long>(value));
      return;
    }
  }
  char buf[64];
  const auto result = std::to_chars(buf, buf + sizeof buf, value);
  out.append(buf, static_cast<std::size_t>(result.ptr - buf));
}

// A CSV field: quoted when it contains a comma, quote or newline.
inline void append_field(std::string& out, std::string_view text) {
  if (text.find_first_of(",\"\n\r") == std::string_view::npos) {
    out += text;
    return;
  }
  out += '"';
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

}  // namespace socred

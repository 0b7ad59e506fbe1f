#include "socred/input_file.hpp"

#include <fstream>

#include "socred/resources.hpp"

namespace socred {
namespace fs = std::filesystem;

std::optional<std::string> read_input_file(const fs::path& path, std::string& text,
                                           std::uint64_t max_bytes) {
  std::error_code ec;
  const auto status = fs::status(path, ec);
  if (!fs::exists(status)) return "no such file";
  if (fs::is_directory(status)) return "is a directory";
  if (!fs::is_regular_file(status)) return "is not a regular file (a device, pipe or socket)";
  const auto size = fs::file_size(path, ec);
  if (ec) return "cannot be read";
  if (size > max_bytes) {
    return "is too large (" + format_bytes(size) + "; at most " + format_bytes(max_bytes) + ")";
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return "cannot be read";
  text.resize(static_cast<std::size_t>(size));
  in.read(text.data(), static_cast<std::streamsize>(size));
  // The file may have changed size since: keep what was read.
  text.resize(static_cast<std::size_t>(in.gcount()));
  if (in.bad()) return "cannot be read";
  return std::nullopt;
}

}  // namespace socred

// Memory and disk probes from /proc, cgroup files and statvfs.
#include "socred/resources.hpp"

#include <sys/statvfs.h>

#include <cstdio>
#include <fstream>
#include <sstream>

namespace socred {
namespace fs = std::filesystem;
namespace {

std::optional<std::string> slurp(const fs::path& path) {
  std::ifstream in(path);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// A cgroup file holding one number, or "max" (no limit: nothing).
std::optional<std::uint64_t> cgroup_number(const fs::path& path) {
  const auto text = slurp(path);
  if (!text || text->empty() || text->compare(0, 3, "max") == 0) return std::nullopt;
  try {
    return std::stoull(*text);
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

// Headroom left under this process's cgroup memory limit (v2, then v1), if there is one.
std::optional<std::uint64_t> cgroup_headroom() {
  const auto self = slurp("/proc/self/cgroup");
  if (!self) return std::nullopt;
  std::istringstream lines(*self);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.compare(0, 3, "0::") == 0) {
      const fs::path dir = fs::path("/sys/fs/cgroup") / fs::path(line.substr(3)).relative_path();
      const auto limit = cgroup_number(dir / "memory.max");
      const auto used = cgroup_number(dir / "memory.current");
      if (limit && used) return *limit > *used ? *limit - *used : 0;
      return std::nullopt;
    }
  }
  const auto limit = cgroup_number("/sys/fs/cgroup/memory/memory.limit_in_bytes");
  const auto used = cgroup_number("/sys/fs/cgroup/memory/memory.usage_in_bytes");
  // cgroup v1 reports "no limit" as a huge number rather than "max".
  if (limit && used && *limit < (1ull << 60)) return *limit > *used ? *limit - *used : 0;
  return std::nullopt;
}

}  // namespace

std::optional<std::uint64_t> proc_kib_field(const std::string& text, const std::string& key) {
  std::size_t at = 0;
  while ((at = text.find(key, at)) != std::string::npos) {
    if (at == 0 || text[at - 1] == '\n') break;
    at += key.size();
  }
  if (at == std::string::npos) return std::nullopt;
  std::size_t p = at + key.size();
  while (p < text.size() && (text[p] == ' ' || text[p] == '\t')) ++p;
  std::uint64_t kib = 0;
  const std::size_t digits = p;
  while (p < text.size() && text[p] >= '0' && text[p] <= '9') {
    if (kib > (~0ull >> 14)) return std::nullopt;  // would overflow once scaled to bytes
    kib = kib * 10 + static_cast<std::uint64_t>(text[p++] - '0');
  }
  if (p == digits) return std::nullopt;
  return kib * 1024;
}

std::optional<ResidentMemory> resident_memory() {
  const auto status = slurp("/proc/self/status");
  if (!status) return std::nullopt;
  const auto current = proc_kib_field(*status, "VmRSS:");
  const auto peak = proc_kib_field(*status, "VmHWM:");
  if (!current || !peak) return std::nullopt;
  return ResidentMemory{*current, *peak};
}

std::optional<std::uint64_t> available_memory() {
  const auto meminfo = slurp("/proc/meminfo");
  std::optional<std::uint64_t> available;
  if (meminfo) available = proc_kib_field(*meminfo, "MemAvailable:");
  if (const auto headroom = cgroup_headroom()) {
    available = available ? std::min(*available, *headroom) : *headroom;
  }
  return available;
}

std::optional<std::uint64_t> free_disk_space(const fs::path& path) {
  std::error_code ec;
  fs::path probe = fs::absolute(path, ec);
  if (ec) return std::nullopt;
  while (!fs::exists(probe, ec) && probe.has_relative_path()) probe = probe.parent_path();
  struct statvfs info {};
  if (statvfs(probe.c_str(), &info) != 0) return std::nullopt;
  return static_cast<std::uint64_t>(info.f_bavail) * info.f_frsize;
}

std::string format_bytes(std::uint64_t bytes) {
  static constexpr const char* units[] = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
  if (bytes < 1024) return std::to_string(bytes) + " B";
  double value = static_cast<double>(bytes);
  std::size_t unit = 0;
  while (value >= 1024.0 && unit + 1 < std::size(units)) {
    value /= 1024.0;
    ++unit;
  }
  char buf[32];
  std::snprintf(buf, sizeof buf, value < 10 ? "%.2f %s" : value < 100 ? "%.1f %s" : "%.0f %s",
                value, units[unit]);
  return buf;
}

std::string format_count(std::uint64_t n) {
  const std::string digits = std::to_string(n);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

}  // namespace socred

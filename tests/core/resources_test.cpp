// Machine probes (src/core/resources.cpp): /proc parsing, and readings that move the way
// they should when this process allocates.
#include "socred/resources.hpp"

#include <catch2/catch.hpp>
#include <cstring>
#include <memory>

#include "test_support.hpp"

using namespace socred;

TEST_CASE("fields of /proc files are read in bytes") {
  const std::string meminfo =
      "MemTotal:       24589532 kB\nMemFree:        20000000 kB\nMemAvailable:   22000000 kB\n";
  CHECK(proc_kib_field(meminfo, "MemAvailable:") == 22000000ull * 1024);
  CHECK(proc_kib_field(meminfo, "MemTotal:") == 24589532ull * 1024);
  CHECK_FALSE(proc_kib_field(meminfo, "SwapTotal:"));
  CHECK_FALSE(proc_kib_field("VmRSS:\n", "VmRSS:"));
  // A key found inside another line does not count.
  CHECK_FALSE(proc_kib_field("XMemAvailable: 5 kB\n", "MemAvailable:"));
  CHECK_FALSE(proc_kib_field("VmRSS: 99999999999999999999 kB\n", "VmRSS:"));
}

TEST_CASE("byte counts print in binary units") {
  CHECK(format_bytes(0) == "0 B");
  CHECK(format_bytes(1023) == "1023 B");
  CHECK(format_bytes(1536) == "1.50 KiB");
  CHECK(format_bytes(300ull << 20) == "300 MiB");
  CHECK(format_bytes(21ull << 30) == "21.0 GiB");
  CHECK(format_bytes(~0ull) == "16.0 EiB");
  CHECK(format_count(1234567) == "1,234,567");
}

TEST_CASE("resident memory rises when memory is touched, and the machine has some free") {
  const auto before = resident_memory();
  REQUIRE(before);
  CHECK(before->current > 0);
  CHECK(before->peak >= before->current);
  constexpr std::size_t kBytes = 64 << 20;
  auto block = std::make_unique<char[]>(kBytes);
  std::memset(block.get(), 1, kBytes);
  const auto after = resident_memory();
  REQUIRE(after);
  CHECK(after->peak >= before->current + kBytes / 2);
  CHECK(block[kBytes - 1] == 1);

  const auto available = available_memory();
  REQUIRE(available);
  CHECK(*available > (16ull << 20));
  const auto disk = free_disk_space(std::filesystem::temp_directory_path() / "not" / "yet");
  REQUIRE(disk);
  CHECK(*disk > 0);
}

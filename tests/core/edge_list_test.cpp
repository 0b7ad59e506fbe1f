#include <sys/stat.h>
#include <zlib.h>

#include <catch2/catch.hpp>
#include <fstream>

#include "socred/errors.hpp"
#include "socred/network.hpp"
#include "test_support.hpp"

using namespace socred;
namespace fs = std::filesystem;

namespace {

fs::path write_list(const test::TempDir& dir, const std::string& name, const std::string& text) {
  const fs::path p = dir.path() / name;
  std::ofstream(p, std::ios::binary) << text;
  return p;
}

std::string error_of(const fs::path& p) {
  try {
    read_edge_list(p.string());
  } catch (const InputError& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace

TEST_CASE("the SNAP Facebook network reads as 4,039 people and 88,234 ties") {
  const auto report = read_edge_list(test::facebook_path().string());
  CHECK(report.list.nodes == 4039);
  CHECK(report.list.edges.size() == 88234);
  CHECK(report.dropped.self_loops == 0);
  CHECK(report.dropped.duplicates == 0);
  CHECK(report.lines == 88234);
}

TEST_CASE("comments, blank lines, tabs, commas and extra columns are accepted") {
  test::TempDir dir("edges-ok");
  const auto p = write_list(dir, "ok.txt",
                            "# a comment\n% another\n\n10\t20\n20 30 0.5\n  30,10\r\n40 40\n10 20\n");
  const auto report = read_edge_list(p.string());
  CHECK(report.list.nodes == 4);  // 10, 20, 30, 40 (40 only in a self-loop)
  CHECK(report.original_ids == std::vector<std::uint64_t>{10, 20, 30, 40});
  CHECK(report.list.edges == std::vector<std::pair<CitizenId, CitizenId>>{{0, 1}, {0, 2}, {1, 2}});
  CHECK(report.dropped.self_loops == 1);
  CHECK(report.dropped.duplicates == 1);
}

TEST_CASE("sparse ids far apart are remapped densely in order") {
  test::TempDir dir("edges-sparse");
  const auto p = write_list(dir, "sparse.txt", "3000000000 7\n7 123456789\n");
  const auto report = read_edge_list(p.string());
  CHECK(report.original_ids == std::vector<std::uint64_t>{7, 123456789, 3000000000});
  CHECK(report.list.edges == std::vector<std::pair<CitizenId, CitizenId>>{{0, 1}, {0, 2}});
}

TEST_CASE("gzip-compressed edge lists read the same as plain ones") {
  test::TempDir dir("edges-gz");
  const fs::path p = dir.path() / "edges.txt.gz";
  gzFile f = gzopen(p.c_str(), "wb");
  const std::string text = "1 2\n2 3\n3 1\n";
  gzwrite(f, text.data(), static_cast<unsigned>(text.size()));
  gzclose(f);
  const auto report = read_edge_list(p.string());
  CHECK(report.list.nodes == 3);
  CHECK(report.list.edges.size() == 3);

  // The content hash is of the text, so the plain file hashes the same; it is FNV-1a 64
  // (value from an independent implementation), and any change to the text changes it.
  const auto plain = read_edge_list(write_list(dir, "edges.txt", text).string());
  CHECK(report.content_hash == plain.content_hash);
  CHECK(format_content_hash(plain.content_hash) == "fnv1a64:eacc3a1c170c2bfb");
  CHECK(read_edge_list(write_list(dir, "other.txt", "1 2\n2 3\n3 2\n").string()).content_hash !=
        plain.content_hash);

  // A gzip file cut short is refused, not read as a smaller network.
  const fs::path whole = dir.path() / "big.txt.gz";
  f = gzopen(whole.c_str(), "wb");
  for (int i = 1; i <= 3000; ++i) gzprintf(f, "%d %d\n", i, i + 1);
  gzclose(f);
  CHECK(read_edge_list(whole.string()).list.nodes == 3001);
  const std::string bytes = test::read_file(whole);
  const fs::path cut = dir.path() / "cut.txt.gz";
  std::ofstream(cut, std::ios::binary) << bytes.substr(0, bytes.size() / 2);
  CHECK(error_of(cut) == cut.string() +
                             ": the gzip file ends early (cut short, or still being written); "
                             "expected a complete edge list");
}

TEST_CASE("bad edge lists get one-line errors naming the file and line") {
  test::TempDir dir("edges-bad");
  auto p = write_list(dir, "letters.txt", "1 2\n# fine\n3 x\n");
  CHECK(error_of(p) == p.string() + ": line 3: expected two non-negative integer node ids `u v`, got \"3 x\"");
  p = write_list(dir, "one.txt", "1 2\n5\n");
  CHECK(error_of(p) == p.string() + ": line 2: expected two non-negative integer node ids `u v`, got \"5\"");
  p = write_list(dir, "negative.txt", "-1 2\n");
  CHECK(error_of(p) == p.string() + ": line 1: expected two non-negative integer node ids `u v`, got \"-1 2\"");
  p = write_list(dir, "huge.txt", "1 1000000000000\n");
  CHECK(error_of(p) == p.string() + ": line 1: node id exceeds the limit of 4000000000, got \"1 1000000000000\"");
  p = write_list(dir, "empty.txt", "# nothing here\n");
  CHECK(error_of(p) == p.string() + ": no edges found (expected `u v` per line)");
  p = write_list(dir, "binary.txt", std::string("1 2\n\0\0\x01", 7));
  CHECK(error_of(p) == p.string() + ": line 2: binary data (a NUL byte); expected a text edge list");
  CHECK(error_of(dir.path() / "missing.txt") ==
        (dir.path() / "missing.txt").string() + ": cannot open the edge list: no such file");
}

TEST_CASE("a run can use the Facebook network, keeping its ids") {
  Scenario s = test::small_scenario();
  s.network.generator = NetworkGenerator::file;
  s.network.file = test::facebook_path().string();
  Simulation sim(s);
  CHECK(sim.world().size() == 4039);
  CHECK(sim.world().friends.tie_count() == 88234);
  CHECK(sim.network_source().original_ids.size() == 4039);
  sim.step();
  CHECK(sim.metrics()[Metric::scored] == 4039);
}

TEST_CASE("the in-memory parser reads what the file reader reads") {
  test::TempDir dir("edges-memory");
  const std::string text = "# c\n10\t20\n20 30 0.5\n  30,10\r\n40 40\n10 20\n7 8";
  const auto from_file = read_edge_list(write_list(dir, "x.txt", text).string());
  const auto from_memory = parse_edge_list(text, "x.txt");
  CHECK(from_memory.list.edges == from_file.list.edges);
  CHECK(from_memory.original_ids == from_file.original_ids);
  CHECK(from_memory.lines == from_file.lines);
  CHECK(from_memory.bytes == text.size());
  CHECK_THROWS_WITH(parse_edge_list("1 2\n3\n", "--network"),
                    "--network: line 2: expected two non-negative integer node ids `u v`, got \"3\"");
}

TEST_CASE("a tiny edge list naming node 3,999,999,999 does not allocate for four billion") {
  // Two citizens: ids are remapped densely, and the lookup table is only used when ids are
  // about as dense as the edges.
  const auto report = parse_edge_list("0 3999999999\n", "far.txt");
  CHECK(report.list.nodes == 2);
  CHECK(report.original_ids == std::vector<std::uint64_t>{0, 3999999999ull});
  CHECK(report.original_ids.capacity() < 1000);
  // 4,000,000,000 itself is the cap (the id 0xFFFFFFFF means "nobody" inside socred).
  CHECK_THROWS_WITH(parse_edge_list("1 4294967295\n", "cap.txt"),
                    Catch::Contains("node id exceeds the limit of 4000000000"));
}

TEST_CASE("long lines: comments of any length up to 4 MiB, then a clear error") {
  const std::string comment = "# " + std::string(300000, 'c') + "\n1 2\n";
  CHECK(parse_edge_list(comment, "long.txt").list.edges.size() == 1);
  const std::string endless = "1 2\n" + std::string(5 << 20, '7');
  CHECK_THROWS_WITH(parse_edge_list(endless, "endless.txt"),
                    "endless.txt: line 2: longer than 4 MiB; expected `u v` per line");
}

TEST_CASE("an edge list may start with a UTF-8 byte-order mark (issue 19)") {
  test::TempDir dir("edges-bom");
  const std::string marked = "\xEF\xBB\xBF" "0 1\n1 2\n";
  const auto report = read_edge_list(write_list(dir, "bom.txt", marked).string());
  CHECK(report.list.nodes == 3);
  CHECK(report.list.edges.size() == 2);
  // The content hash is of the file's bytes, mark included.
  CHECK(report.content_hash == fnv1a64(marked));
  CHECK(parse_edge_list(marked, "bom.txt").list.edges == report.list.edges);
  // Only at the start: elsewhere it is not an id.
  CHECK_THROWS_WITH(parse_edge_list("0 1\n\xEF\xBB\xBF" "1 2\n", "mid.txt"),
                    "mid.txt: line 2: expected two non-negative integer node ids `u v`, got \"???1 2\"");
}

TEST_CASE("an edge list that is a FIFO, a directory or a device is refused at once (issue 19)") {
  test::TempDir dir("edges-not-a-file");
  REQUIRE(::mkfifo((dir.path() / "fifo").c_str(), 0600) == 0);
  // Without the check, gzopen waits for a writer forever.
  CHECK(error_of(dir.path() / "fifo") == (dir.path() / "fifo").string() +
                                             ": cannot open the edge list: is not a regular file "
                                             "(a device, pipe or socket)");
  CHECK(error_of(dir.path()) == dir.path().string() + ": cannot open the edge list: is a directory");
  CHECK(error_of("/dev/zero") ==
        "/dev/zero: cannot open the edge list: is not a regular file (a device, pipe or socket)");
}

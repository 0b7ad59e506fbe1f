#include "socred/output_dir.hpp"

#include <unistd.h>

#include <catch2/catch.hpp>
#include <fstream>

#include "socred/errors.hpp"
#include "test_support.hpp"

using namespace socred;
namespace fs = std::filesystem;

namespace {

void write(const fs::path& p, const std::string& text) {
  fs::create_directories(p.parent_path());
  std::ofstream(p) << text;
}

// A kind of output directory for the tests: out.csv, manifest.json and data/*.csv.
bool ours(const fs::path& relative, bool directory) {
  const std::string s = relative.string();
  if (directory) return s == "data";
  return s == "out.csv" || s == "manifest.json" ||
         (s.rfind("data/", 0) == 0 && relative.extension() == ".csv");
}

}  // namespace

TEST_CASE("an output directory has one writer at a time") {
  test::TempDir dir("output-lock");
  const fs::path out = dir.path() / "run";
  {
    const OutputLock first = OutputLock::beside(out, "choose another --out");
    CHECK(first.file() == fs::weakly_canonical(dir.path()) / "run.lock");
    CHECK(test::read_file(first.file()).rfind("pid " + std::to_string(::getpid()), 0) == 0);
    // Another writer (flock is per open file, so this process stands in for a second one).
    CHECK_THROWS_AS(OutputLock::beside(out, "choose another --out"), OutputError);
    CHECK_THROWS_WITH(OutputLock::beside(dir.path() / "run/", "choose another --out"),
                      Catch::StartsWith(out.string() + ": another socred is writing it (pid " +
                                        std::to_string(::getpid())) &&
                          Catch::EndsWith("wait for it to finish, or choose another --out"));
    // The same place by another name shares the lock.
    fs::create_directories(dir.path() / "sub");
    CHECK_THROWS_AS(OutputLock::beside(dir.path() / "sub" / ".." / "run", "x"), OutputError);
  }
  // Released (and its file removed), it can be taken again.
  CHECK_FALSE(fs::exists(dir.path() / "run.lock"));
  const OutputLock again = OutputLock::beside(out, "x");
  CHECK(fs::exists(dir.path() / "run.lock"));
  // A directory written in place (the GUI's export folder) is locked inside it.
  const OutputLock other = OutputLock::inside(dir.path(), "x");
  CHECK(other.file() == dir.path() / kInsideLockName);
  CHECK_THROWS_WITH(OutputLock::inside(dir.path(), "choose another folder"),
                    Catch::Contains("another socred is writing it"));
}

TEST_CASE("a moved lock is held once and released once") {
  test::TempDir dir("output-lock-move");
  OutputLock a = OutputLock::beside(dir.path() / "x", "x");
  OutputLock b = std::move(a);
  CHECK_THROWS_AS(OutputLock::beside(dir.path() / "x", "x"), OutputError);
  b = OutputLock::beside(dir.path() / "y", "y");
  const OutputLock c = OutputLock::beside(dir.path() / "x", "x");  // x was released
  CHECK(fs::exists(c.file()));
}

TEST_CASE("only files socred wrote are listed as its own, and only those are removed") {
  test::TempDir dir("output-owned");
  const fs::path d = dir.path() / "d";
  write(d / "out.csv", "1");
  write(d / "data" / "a.csv", "2");
  write(d / "data" / "mine.txt", "3");
  write(d / "notes.txt", "4");
  write(d / "figs" / "plot.png", "5");
  fs::create_symlink("/etc", d / "link");
  CHECK(foreign_entries(d, ours) == std::vector<std::string>{"data/mine.txt", "figs/", "link", "notes.txt"});
  CHECK(list_entries(foreign_entries(d, ours)) == "data/mine.txt, figs/, link and notes.txt");
  CHECK(list_entries({"a", "b", "c", "d", "e", "f"}) == "a, b, c, d and 2 more");
  CHECK(list_entries({"a"}) == "a");

  CHECK_FALSE(remove_owned(d, ours));
  CHECK_FALSE(fs::exists(d / "out.csv"));
  CHECK_FALSE(fs::exists(d / "data" / "a.csv"));
  for (const char* kept : {"data/mine.txt", "notes.txt", "figs/plot.png"}) {
    INFO(kept);
    CHECK(fs::exists(d / kept));
  }
  CHECK(fs::is_symlink(d / "link"));
  CHECK(fs::exists("/etc/passwd"));  // a link is never followed

  const fs::path only_ours = dir.path() / "e";
  write(only_ours / "out.csv", "1");
  write(only_ours / "data" / "b.csv", "2");
  CHECK(remove_owned(only_ours, ours));
  CHECK_FALSE(fs::exists(only_ours));
  CHECK(is_output_name("out.csv.partial.tmp", {"out.csv"}));
  CHECK(is_output_name("out.csv.tmp", {"out.csv"}));
  CHECK_FALSE(is_output_name("out.csv.bak", {"out.csv"}));
}

TEST_CASE("a finished directory replaces an earlier one whole, or beside foreign files") {
  test::TempDir dir("output-install");
  const fs::path d = dir.path() / "d";
  const fs::path partial = dir.path() / "d.partial";
  auto fresh = [&](const std::string& tag) {
    write(partial / "out.csv", tag);
    write(partial / "manifest.json", tag);
    write(partial / "data" / "new.csv", tag);
  };

  // Nothing there: renamed.
  fresh("1");
  CHECK(install_directory(partial, d, ours, "manifest.json").empty());
  CHECK(test::read_file(d / "manifest.json") == "1");
  CHECK_FALSE(fs::exists(partial));

  // Only socred's files there: exchanged, and nothing of the old run is left anywhere.
  write(d / "data" / "old.csv", "old");
  fresh("2");
  CHECK(install_directory(partial, d, ours, "manifest.json").empty());
  CHECK(test::read_file(d / "out.csv") == "2");
  CHECK_FALSE(fs::exists(d / "data" / "old.csv"));
  CHECK_FALSE(fs::exists(partial));

  // Beside a user's files: socred's are replaced, the user's stay where they were.
  write(d / "notes.txt", "mine");
  write(d / "data" / "mine.txt", "mine too");
  write(d / "data" / "old.csv", "old");
  fresh("3");
  const auto kept = install_directory(partial, d, ours, "manifest.json");
  CHECK(kept == std::vector<std::string>{"data/mine.txt", "notes.txt"});
  CHECK(test::read_file(d / "manifest.json") == "3");
  CHECK(test::read_file(d / "data" / "new.csv") == "3");
  CHECK_FALSE(fs::exists(d / "data" / "old.csv"));
  CHECK(test::read_file(d / "notes.txt") == "mine");
  CHECK(test::read_file(d / "data" / "mine.txt") == "mine too");
  CHECK_FALSE(fs::exists(partial));

  // A file where the directory should be: refused, the outputs left in PARTIAL.
  write(dir.path() / "f", "a file");
  fresh("4");
  CHECK_THROWS_WITH(install_directory(partial, dir.path() / "f", ours, "manifest.json"),
                    Catch::Contains("exists and is not a directory"));
  CHECK(fs::exists(partial / "manifest.json"));
}

// Reading SNAP-style edge lists: `u v` per line, `#` or `%` comment lines, whitespace or
// commas between ids, extra columns (weights, timestamps) ignored. zlib reads plain and
// gzip files alike. Ids are remapped densely in increasing order of the original id.
#include <zlib.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <memory>

#include "socred/errors.hpp"
#include "socred/input_file.hpp"
#include "socred/network.hpp"
#include "socred/resources.hpp"

namespace socred {
namespace {

constexpr std::size_t kMaxLine = 1 << 22;  // 4 MiB; a longer line is an error

struct GzCloser {
  void operator()(gzFile f) const { gzclose(f); }
};

constexpr std::uint64_t kFnvOffset = 0xcbf29ce484222325ull;
constexpr std::uint64_t kFnvPrime = 0x100000001b3ull;

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == ','; }

// Parses one line into (u, v); returns false for blank and comment lines; throws on error.
bool parse_line(const char* p, const char* end, std::uint64_t max_id, const std::string& path,
                std::uint64_t line_no, CitizenId& u, CitizenId& v) {
  while (p < end && is_space(*p)) ++p;
  if (p == end || *p == '#' || *p == '%') return false;
  const char* line_start = p;
  auto fail = [&](const std::string& why) {
    std::string text(line_start, static_cast<std::size_t>(std::min<std::ptrdiff_t>(end - line_start, 60)));
    for (char& c : text) {
      // Shown on a terminal: binary junk (a damaged .gz read as text) becomes "?".
      if (static_cast<unsigned char>(c) < 0x20) c = ' ';
      if (static_cast<unsigned char>(c) >= 0x7f) c = '?';
    }
    throw InputError(path + ": line " + std::to_string(line_no) + ": " + why + ", got \"" +
                     text + "\"");
  };
  std::uint64_t ids[2];
  for (int k = 0; k < 2; ++k) {
    while (p < end && is_space(*p)) ++p;
    if (p == end || *p < '0' || *p > '9') {
      fail("expected two non-negative integer node ids `u v`");
    }
    std::uint64_t x = 0;
    while (p < end && *p >= '0' && *p <= '9') {
      x = x * 10 + static_cast<std::uint64_t>(*p - '0');
      if (x > max_id) {
        fail("node id exceeds the limit of " + std::to_string(max_id));
      }
      ++p;
    }
    if (p < end && !is_space(*p)) fail("expected two non-negative integer node ids `u v`");
    ids[k] = x;
  }
  u = static_cast<CitizenId>(ids[0]);
  v = static_cast<CitizenId>(ids[1]);
  return true;
}

// Grows the edge list by doubling, refusing first when the machine cannot hold it: a file of
// billions of lines gets a clear message, not the kernel's out-of-memory killer.
void reserve_edges(std::vector<std::pair<CitizenId, CitizenId>>& raw, const std::string& path,
                   std::uint64_t line_no) {
  const std::size_t want = std::max<std::size_t>(1024, 2 * raw.capacity());
  const std::uint64_t bytes = want * sizeof(raw[0]);
  if (bytes >= (1ull << 30)) {
    const auto available = available_memory();
    // The old and the new buffer coexist while the list grows.
    if (available && bytes + raw.capacity() * sizeof(raw[0]) > *available) {
      throw InputError(path + ": line " + std::to_string(line_no) +
                       ": too large for this machine's memory (" + format_count(raw.size()) +
                       " edges read so far; holding more needs " + format_bytes(bytes) +
                       ", and " + format_bytes(*available) + " is available)");
    }
  }
  raw.reserve(want);
}

// Reads lines from `source` (a callable that fills a buffer and returns the bytes read, 0 at
// the end, and throws on a read error) and parses them into report.list and
// report.original_ids. Shared by the file reader and the in-memory parser, so the fuzzer
// tests what users run. The buffer starts at `chunk` bytes and grows for long lines.
template <class Source>
void parse_lines(Source&& source, std::size_t chunk, const std::string& path,
                 std::uint64_t max_id, EdgeListReport& report) {
  max_id = std::min<std::uint64_t>(max_id, kNoCitizen - 1);
  std::vector<std::pair<CitizenId, CitizenId>> raw;
  std::vector<char> buffer(std::min(chunk, kMaxLine));
  std::size_t carry = 0;  // bytes of an unfinished line kept at the front of the buffer
  std::uint64_t line_no = 0;
  CitizenId largest = 0;
  bool any = false;
  std::uint64_t hash = kFnvOffset;
  bool first_chunk = true;
  for (;;) {
    const std::size_t got = source(buffer.data() + carry, buffer.size() - carry);
    report.bytes += static_cast<std::uint64_t>(got);
    for (const char* q = buffer.data() + carry; q < buffer.data() + carry + got; ++q) {
      hash = (hash ^ static_cast<unsigned char>(*q)) * kFnvPrime;
    }
    const std::size_t filled = carry + static_cast<std::size_t>(got);
    const bool at_end = got == 0;
    const char* p = buffer.data();
    // A UTF-8 byte-order mark (Windows editors add one) is not part of the first line. The
    // content hash still covers it: it is the file's bytes.
    // (Until 3 bytes have come, no whole line has either: a mark has no newline.)
    if (first_chunk && filled >= 3) {
      if (std::memcmp(p, "\xEF\xBB\xBF", 3) == 0) p += 3;
      first_chunk = false;
    } else if (first_chunk && (at_end || std::memchr(p, '\n', filled))) {
      first_chunk = false;
    }
    const char* end = buffer.data() + filled;
    for (;;) {
      const char* nl = static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(end - p)));
      if (!nl && !(at_end && p < end)) break;
      const char* line_end = nl ? nl : end;
      ++line_no;
      if (std::memchr(p, '\0', static_cast<std::size_t>(line_end - p))) {
        throw InputError(path + ": line " + std::to_string(line_no) +
                         ": binary data (a NUL byte); expected a text edge list");
      }
      CitizenId u = 0, v = 0;
      if (parse_line(p, line_end, max_id, path, line_no, u, v)) {
        if (raw.size() == raw.capacity()) reserve_edges(raw, path, line_no);
        raw.emplace_back(u, v);
        largest = std::max({largest, u, v});
        any = true;
      }
      p = nl ? nl + 1 : end;
    }
    carry = static_cast<std::size_t>(end - p);
    if (at_end) break;
    std::memmove(buffer.data(), p, carry);
    if (carry == buffer.size()) {
      if (buffer.size() >= kMaxLine) {
        throw InputError(path + ": line " + std::to_string(line_no + 1) +
                         ": longer than 4 MiB; expected `u v` per line");
      }
      buffer.resize(std::min(2 * buffer.size(), kMaxLine));
    }
  }
  report.lines = line_no;
  report.content_hash = hash;
  if (!any) throw InputError(path + ": no edges found (expected `u v` per line)");

  // Dense ids in increasing order of the original id. A lookup table when ids are not far
  // more spread out than the edges (it then costs at most what the edges cost), else a
  // sorted list of the ids seen.
  std::vector<CitizenId> dense;
  const std::uint64_t table_size = static_cast<std::uint64_t>(largest) + 1;
  if (table_size <= 2 * raw.size() + (1u << 20)) {
    dense.assign(table_size, 0);
    for (const auto& [u, v] : raw) dense[u] = dense[v] = 1;
    CitizenId next = 0;
    for (std::uint64_t id = 0; id < table_size; ++id) {
      if (dense[id]) {
        dense[id] = next++;
        report.original_ids.push_back(id);
      }
    }
    for (auto& [u, v] : raw) {
      u = dense[u];
      v = dense[v];
    }
  } else {
    std::vector<CitizenId> ids;
    ids.reserve(raw.size() * 2);
    for (const auto& [u, v] : raw) {
      ids.push_back(u);
      ids.push_back(v);
    }
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    report.original_ids.assign(ids.begin(), ids.end());
    auto index = [&](CitizenId x) {
      return static_cast<CitizenId>(std::lower_bound(ids.begin(), ids.end(), x) - ids.begin());
    };
    for (auto& [u, v] : raw) {
      u = index(u);
      v = index(v);
    }
  }
  report.list.nodes = report.original_ids.size();
  report.dropped = clean_edges(raw);
  report.list.edges = std::move(raw);
}

}  // namespace

std::string format_content_hash(std::uint64_t hash) {
  char text[32];
  std::snprintf(text, sizeof text, "fnv1a64:%016llx", static_cast<unsigned long long>(hash));
  return text;
}

std::uint64_t fnv1a64(std::string_view bytes) {
  std::uint64_t hash = kFnvOffset;
  for (const char c : bytes) hash = (hash ^ static_cast<unsigned char>(c)) * kFnvPrime;
  return hash;
}

EdgeListReport read_edge_list(const std::string& path, std::uint64_t max_id) {
  // Opened and checked first: gzopen would wait forever on a FIFO and read /dev/zero forever.
  InputFile input(path);
  if (!input.ok()) throw InputError(path + ": cannot open the edge list: " + input.problem());
  std::unique_ptr<gzFile_s, GzCloser> file(gzdopen(input.fd(), "rb"));
  if (!file) throw InputError(path + ": cannot open the edge list (out of memory)");
  input.release();  // gzclose closes it
  gzbuffer(file.get(), 1 << 20);
  EdgeListReport report;
  parse_lines(
      [&](char* into, std::size_t room) -> std::size_t {
        const int got = gzread(file.get(), into, static_cast<unsigned>(room));
        if (got < 0) {
          int code = 0;
          throw InputError(path + ": cannot read the edge list (" + gzerror(file.get(), &code) +
                           ")");
        }
        if (got == 0) {
          // zlib hands over what a cut-short gzip file holds and only then reports the cut: a
          // network silently missing its tail must not run.
          int code = Z_OK;
          gzerror(file.get(), &code);
          if (code == Z_BUF_ERROR) {
            throw InputError(path + ": the gzip file ends early (cut short, or still being "
                             "written); expected a complete edge list");
          }
        }
        return static_cast<std::size_t>(got);
      },
      1 << 20, path, max_id, report);
  return report;
}

EdgeListReport parse_edge_list(std::string_view text, const std::string& label,
                               std::uint64_t max_id) {
  EdgeListReport report;
  parse_lines(
      [&](char* into, std::size_t room) {
        const std::size_t n = std::min(room, text.size());
        if (n) std::memcpy(into, text.data(), n);
        text.remove_prefix(n);
        return n;
      },
      1 << 16, label, max_id, report);
  return report;
}

}  // namespace socred

#include "json_text.hpp"

#include <algorithm>
#include <iterator>

namespace socred::detail {
namespace {

using json = nlohmann::ordered_json;

// An iterator over the text that remembers how far the parser has read, so that a key's
// line is known when the parser hands it over (just after its closing quote).
class TrackedChar {
 public:
  using iterator_category = std::input_iterator_tag;
  using value_type = char;
  using difference_type = std::ptrdiff_t;
  using pointer = const char*;
  using reference = const char&;

  TrackedChar(const char* at, const char** furthest) : at_(at), furthest_(furthest) {}
  reference operator*() const { return *at_; }
  TrackedChar& operator++() {
    *furthest_ = ++at_;
    return *this;
  }
  TrackedChar operator++(int) {
    TrackedChar before = *this;
    ++*this;
    return before;
  }
  bool operator==(const TrackedChar& other) const { return at_ == other.at_; }
  bool operator!=(const TrackedChar& other) const { return at_ != other.at_; }

 private:
  const char* at_;
  const char** furthest_;
};

// nlohmann's DOM builder, plus the pointer of every value, the keys seen in each open
// object and the text of non-integer numbers.
class StrictBuilder {
 public:
  using string_t = json::string_t;
  using binary_t = json::binary_t;

  StrictBuilder(JsonText& out, std::string_view text, const char** furthest)
      : dom_(out.doc), out_(out), text_(text), furthest_(furthest) {}

  bool null() { return scalar(dom_.null()); }
  bool boolean(bool v) { return scalar(dom_.boolean(v)); }
  bool number_integer(json::number_integer_t v) { return scalar(dom_.number_integer(v)); }
  bool number_unsigned(json::number_unsigned_t v) { return scalar(dom_.number_unsigned(v)); }
  bool number_float(json::number_float_t v, const string_t& s) {
    out_.numbers[value_pointer()] = s;
    return scalar(dom_.number_float(v, s));
  }
  bool string(string_t& v) { return scalar(dom_.string(v)); }
  bool binary(binary_t& v) { return scalar(dom_.binary(v)); }
  bool start_object(std::size_t n) {
    frames_.push_back({false, {}, 0, {}});
    return dom_.start_object(n);
  }
  bool key(string_t& k) {
    Frame& f = frames_.back();
    f.token = pointer_token(k);
    const std::size_t line = line_now();
    const auto [seen, fresh] = f.lines.emplace(k, line);
    if (!fresh) out_.duplicates.push_back({value_pointer(), seen->second, line});
    return dom_.key(k);
  }
  bool end_object() {
    frames_.pop_back();
    return scalar(dom_.end_object());
  }
  bool start_array(std::size_t n) {
    frames_.push_back({true, {}, 0, {}});
    return dom_.start_array(n);
  }
  bool end_array() {
    frames_.pop_back();
    return scalar(dom_.end_array());
  }
  template <class Exception>
  bool parse_error(std::size_t position, const std::string& last_token, const Exception& e) {
    return dom_.parse_error(position, last_token, e);
  }

 private:
  struct Frame {
    bool array = false;
    std::string token;                          // the current key's token (objects)
    std::size_t next = 0;                       // the current index (arrays)
    std::map<std::string, std::size_t> lines;  // key -> line (objects)
  };

  // A value is complete: the enclosing array moves to its next index.
  bool scalar(bool ok) {
    if (!frames_.empty() && frames_.back().array) ++frames_.back().next;
    return ok;
  }
  std::string value_pointer() const {
    std::string p;
    for (const Frame& f : frames_) p += "/" + (f.array ? std::to_string(f.next) : f.token);
    return p;
  }
  // Counted on from the last call (the parser only moves forward), so a large file costs
  // one pass.
  std::size_t line_now() {
    const auto upto = static_cast<std::size_t>(*furthest_ - text_.data());
    for (; counted_ < upto && counted_ < text_.size(); ++counted_) {
      if (text_[counted_] == '\n') ++line_;
    }
    return line_;
  }

  nlohmann::detail::json_sax_dom_parser<json> dom_;
  JsonText& out_;
  std::string_view text_;
  const char** furthest_;
  std::vector<Frame> frames_;
  std::size_t counted_ = 0;  // bytes of text_ whose newlines are in line_
  std::size_t line_ = 1;
};

}  // namespace

std::string DuplicateKey::message() const {
  return "given twice in one object (line " + std::to_string(first_line) + " and line " +
         std::to_string(second_line) +
         "); JSON would keep only the second, silently losing the first: keep one";
}

std::string pointer_token(const std::string& key) {
  std::string out;
  for (char c : key) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out += c;
    }
  }
  return out;
}

JsonText parse_json_text(std::string_view text) {
  JsonText out;
  const char* furthest = text.data();
  StrictBuilder builder(out, text, &furthest);
  json::sax_parse(TrackedChar(text.data(), &furthest), TrackedChar(text.data() + text.size(), &furthest),
                  &builder);
  return out;
}

}  // namespace socred::detail

// Checking one value against one field, and the phrases errors are made of.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>

#include "socred/scenario_schema.hpp"

namespace socred {
namespace {

std::string number_text(double x) {
  if (std::isfinite(x) && std::abs(x) < 1e15 && x == std::floor(x)) {
    return std::to_string(static_cast<long long>(x));
  }
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof buf, x);
  return std::string(buf, res.ptr);
}

std::string quote(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    if (static_cast<unsigned char>(c) < 0x20) {
      out += "?";
      continue;
    }
    out += c;
  }
  out += '"';
  if (out.size() > 60) out = out.substr(0, 56) + "...\"";
  return out;
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diag = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diag = up;
    }
  }
  return row[b.size()];
}

}  // namespace

std::string format_value(const FieldValue& value) {
  struct Visitor {
    std::string operator()(bool b) const { return b ? "true" : "false"; }
    std::string operator()(std::int64_t i) const { return std::to_string(i); }
    std::string operator()(double d) const { return number_text(d); }
    std::string operator()(const std::string& s) const { return quote(s); }
  };
  return std::visit(Visitor{}, value);
}

// Well-formed UTF-8 (no overlong forms, surrogates or code points above U+10FFFF).
static bool valid_utf8(const std::string& text) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const auto* end = p + text.size();
  while (p < end) {
    const unsigned char c = *p;
    std::size_t extra = 0;
    std::uint32_t cp = 0;
    if (c < 0x80) {
      ++p;
      continue;
    } else if ((c & 0xE0) == 0xC0) {
      extra = 1;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      extra = 2;
      cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      extra = 3;
      cp = c & 0x07;
    } else {
      return false;
    }
    if (static_cast<std::size_t>(end - p) <= extra) return false;
    for (std::size_t k = 1; k <= extra; ++k) {
      if ((p[k] & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (p[k] & 0x3F);
    }
    static constexpr std::uint32_t kSmallest[] = {0, 0x80, 0x800, 0x10000};
    if (cp < kSmallest[extra] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    p += extra + 1;
  }
  return true;
}

std::string describe_expected(const FieldSpec& field) {
  switch (field.kind) {
    case FieldKind::boolean:
      return "expected true or false";
    case FieldKind::integer:
      return "expected an integer in [" + number_text(field.min) + ", " +
             number_text(field.max) + "]";
    case FieldKind::real:
      return "expected a number in [" + number_text(field.min) + ", " +
             number_text(field.max) + "]";
    case FieldKind::text:
      return "expected a string";
    case FieldKind::choice: {
      std::string out = "expected one of ";
      for (std::size_t i = 0; i < field.choices.size(); ++i) {
        out += (i ? ", " : "") + quote(field.choices[i]);
      }
      return out;
    }
  }
  return "expected a value";
}

CheckedValue check_field_value(const FieldSpec& field, const FieldValue& value) {
  auto fail = [&](std::string extra = {}) {
    return CheckedValue{std::nullopt,
                        describe_expected(field) + ", got " + format_value(value) + extra};
  };
  switch (field.kind) {
    case FieldKind::boolean:
      if (std::holds_alternative<bool>(value)) return {value, {}};
      return fail();
    case FieldKind::integer: {
      std::int64_t i = 0;
      if (const auto* p = std::get_if<std::int64_t>(&value)) {
        i = *p;
      } else if (const auto* d = std::get_if<double>(&value);
                 d && std::isfinite(*d) && *d == std::floor(*d) && std::abs(*d) < 9.2e18) {
        i = static_cast<std::int64_t>(*d);
      } else {
        return fail();
      }
      if (static_cast<double>(i) < field.min || static_cast<double>(i) > field.max) {
        return fail();
      }
      return {FieldValue{i}, {}};
    }
    case FieldKind::real: {
      double x = 0;
      if (const auto* p = std::get_if<double>(&value)) {
        x = *p;
      } else if (const auto* i = std::get_if<std::int64_t>(&value)) {
        x = static_cast<double>(*i);
      } else {
        return fail();
      }
      if (!std::isfinite(x) || x < field.min || x > field.max) return fail();
      return {FieldValue{x}, {}};
    }
    case FieldKind::text: {
      const auto* s = std::get_if<std::string>(&value);
      if (!s) return fail();
      // Text reaches JSON files (run.json, saved scenarios), which must be UTF-8.
      if (!valid_utf8(*s)) return CheckedValue{std::nullopt, "expected UTF-8 text, got invalid bytes"};
      return {value, {}};
    }
    case FieldKind::choice: {
      const auto* s = std::get_if<std::string>(&value);
      if (!s) return fail();
      if (std::find(field.choices.begin(), field.choices.end(), *s) != field.choices.end()) {
        return {value, {}};
      }
      if (auto hint = did_you_mean(*s, field.choices)) {
        return fail(" (did you mean \"" + *hint + "\"?)");
      }
      return fail();
    }
  }
  return fail();
}

std::optional<std::string> did_you_mean(std::string_view word,
                                        const std::vector<std::string>& candidates) {
  std::optional<std::string> best;
  std::size_t best_distance = std::numeric_limits<std::size_t>::max();
  const std::size_t limit = std::max<std::size_t>(2, word.size() / 3);
  for (const auto& c : candidates) {
    // The distance is at least the difference in length: skip the quadratic work when that
    // alone rules a candidate out (a megabyte-long key used to take seconds here).
    const std::size_t gap = word.size() > c.size() ? word.size() - c.size() : c.size() - word.size();
    if (gap > limit) continue;
    const std::size_t d = edit_distance(word, c);
    if (d < best_distance) {
      best_distance = d;
      best = c;
    }
  }
  if (best && best_distance <= limit && best_distance > 0) return best;
  return std::nullopt;
}

}  // namespace socred

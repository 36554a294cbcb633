#include "nlp/analyze/entities/rules.h"

#include <cstddef>

namespace wordloom::analyze::entities {
namespace {

constexpr std::string_view kMonths[] = {
    "january", "february", "march",     "april",   "may",      "june",
    "july",    "august",   "september", "october", "november", "december"};
constexpr std::string_view kMonthAbbrevs[] = {
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"};
constexpr std::string_view kWeekdays[] = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};
constexpr std::string_view kRelative[] = {"today", "yesterday", "tomorrow",
                                                       "tonight"};
constexpr std::string_view kYearPreps[] = {"in", "since", "until", "by", "during"};
constexpr std::string_view kScales[] = {
    "thousand", "million", "billion", "trillion", "mln", "bln", "m", "bn", "k"};
constexpr std::string_view kCurrencySigns[] = {
    "$", "€", "£", "¥", "us$", "usd", "eur", "gbp", "jpy", "dm", "c$", "a$"};
constexpr std::string_view kUnits[] = {
    "percent", "%",       "pct",     "points",   "point",  "tonnes", "tonne",  "tons",
    "ton",     "barrels", "bpd",     "kg",       "km",     "miles",  "mile",   "metres",
    "meters",  "feet",    "dollars", "dollar",   "yen",    "marks",  "francs", "pounds",
    "euros",   "shares",  "people",  "hectares", "ounces", "lbs",    "cents",  "years",
    "months",  "weeks",   "days",    "hours",    "minutes", "seconds", "kilometres",
    "litres",  "liters",  "runs"};
constexpr std::string_view kNumberWords[] = {
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "dozen", "hundred", "twenty"};

template <size_t N>
bool In(const std::string_view (&list)[N], std::string_view w) {
  for (std::string_view x : list) {
    if (x == w) return true;
  }
  return false;
}

bool IsNumber(std::string_view w) {
  if (w.empty() || w[0] < '0' || w[0] > '9') return false;
  for (char c : w) {
    if (!((c >= '0' && c <= '9') || c == ',' || c == '.')) return false;
  }
  return true;
}

int IntValue(std::string_view w) {
  if (w.empty() || w.size() > 4) return -1;
  int v = 0;
  for (char c : w) {
    if (c < '0' || c > '9') return -1;
    v = v * 10 + (c - '0');
  }
  return v;
}

bool IsDay(std::string_view w) {
  size_t digits = 0;
  while (digits < w.size() && w[digits] >= '0' && w[digits] <= '9') ++digits;
  const std::string_view suffix = w.substr(digits);
  if (!(suffix.empty() || suffix == "st" || suffix == "nd" || suffix == "rd" || suffix == "th")) {
    return false;
  }
  const int v = IntValue(w.substr(0, digits));
  return v >= 1 && v <= 31;
}

bool IsYear(std::string_view w) {
  const int v = IntValue(w);
  return w.size() == 4 && v >= 1000 && v <= 2999;
}

bool Capitalized(std::string_view w) { return !w.empty() && w[0] >= 'A' && w[0] <= 'Z'; }

// Matcher state over one sentence.
struct Matcher {
  const TokenView& t;
  const std::vector<uint8_t>& taken;

  size_t n() const { return t.size(); }
  bool Free(size_t i) const { return i < n() && !taken[i]; }
  std::string_view L(size_t i) const { return i < n() ? t.lower[i] : std::string_view(); }

  bool IsMonth(size_t i) const {
    if (!Free(i) || !Capitalized(t.words[i])) return false;
    return In(kMonths, L(i)) || In(kMonthAbbrevs, L(i));
  }
  // A month name that is also a common word needs a day or year beside it.
  bool AmbiguousMonth(size_t i) const {
    return L(i) == "may" || L(i) == "march" || In(kMonthAbbrevs, L(i));
  }

  // DATE at `i`: returns one past its last token, or i.
  size_t Date(size_t i, double* score) const {
    size_t e = i;
    if (Free(i) && In(kRelative, L(i))) { *score = 0.8; return i + 1; }
    if (Free(i) && In(kWeekdays, L(i)) && Capitalized(t.words[i])) {
      *score = 0.85;
      e = i + 1;
      if (L(e) == ",") ++e;
      size_t more = MonthDate(e, score);
      return more > e ? more : i + 1;
    }
    if (Free(i) && IsDay(L(i)) && IsMonth(i + 1)) {
      e = i + 2;
      if (Free(e) && IsYear(L(e))) ++e;
      *score = 0.9;
      return e;
    }
    e = MonthDate(i, score);
    if (e > i) return e;
    return NumericDate(i, score);
  }
  size_t MonthDate(size_t i, double* score) const {
    if (!IsMonth(i)) return i;
    size_t e = i + 1;
    if (L(e) == "." && In(kMonthAbbrevs, L(i))) ++e;
    bool anchored = false;
    if (Free(e) && IsDay(L(e))) { ++e; anchored = true; }
    if (Free(e) && L(e) == "," && Free(e + 1) && IsYear(L(e + 1))) ++e;
    if (Free(e) && IsYear(L(e))) { ++e; anchored = true; }
    if (!anchored && AmbiguousMonth(i)) return i;
    *score = 0.9;
    return e;
  }
  size_t NumericDate(size_t i, double* score) const {
    if (!(Free(i + 4) && IntValue(L(i)) >= 0 && IntValue(L(i + 2)) >= 0 &&
          IntValue(L(i + 4)) >= 0)) {
      return i;
    }
    const std::string_view sep = L(i + 1);
    if (!((sep == "-" || sep == "/") && L(i + 3) == sep)) return i;
    const int a = IntValue(L(i)), b = IntValue(L(i + 2)), c = IntValue(L(i + 4));
    const bool ymd = IsYear(L(i)) && b >= 1 && b <= 12 && c >= 1 && c <= 31;
    const bool dmy = IsYear(L(i + 4)) && a >= 1 && a <= 31 && b >= 1 && b <= 31;
    if (!ymd && !dmy) return i;
    *score = 0.85;
    return i + 5;
  }

  // QUANTITY at `i`: returns one past its last token, or i.
  size_t Quantity(size_t i, double* score) const {
    size_t e = i;
    const bool currency = Free(e) && In(kCurrencySigns, L(e));
    if (currency) ++e;
    if (!Free(e) || !(IsNumber(L(e)) || (!currency && In(kNumberWords, L(e))))) return i;
    ++e;
    bool scaled = false;
    while (Free(e) && In(kScales, L(e))) { ++e; scaled = true; }
    bool unit = false;
    if (Free(e) && In(kUnits, L(e))) { ++e; unit = true; }
    else if (Free(e + 1) && L(e) == "per" && L(e + 1) == "cent") { e += 2; unit = true; }
    if (!currency && !unit && !(scaled && IsNumber(L(i)))) return i;
    *score = currency || unit ? 0.85 : 0.7;
    return e;
  }
};

}  // namespace

void FindDatesAndQuantities(const TokenView& tokens, const std::vector<uint8_t>& taken,
                            std::vector<RuleMatch>* out) {
  Matcher m{tokens, taken};
  for (size_t i = 0; i < tokens.size();) {
    double score = 0;
    size_t e = m.Date(i, &score);
    if (e == i && m.Free(i + 1) && In(kYearPreps, m.L(i)) && IsYear(m.L(i + 1))) {
      out->push_back({i + 1, i + 1, "DATE", 0.7});
      i += 2;
      continue;
    }
    if (e > i) {
      out->push_back({i, e - 1, "DATE", score});
      i = e;
      continue;
    }
    e = m.Quantity(i, &score);
    if (e > i) {
      out->push_back({i, e - 1, "QUANTITY", score});
      i = e;
      continue;
    }
    ++i;
  }
}

}  // namespace wordloom::analyze::entities

#include "nlp/analyze/pii/checksums.h"

namespace wordloom::analyze::pii {
namespace {

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

}  // namespace

std::string StripSeparators(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    if (c != ' ' && c != '-') out.push_back(c);
  }
  return out;
}

bool LuhnValid(std::string_view digits) {
  if (!AllDigits(digits)) return false;
  int sum = 0;
  bool twice = false;
  for (size_t i = digits.size(); i-- > 0;) {
    int d = digits[i] - '0';
    if (twice && (d *= 2) > 9) d -= 9;
    sum += d;
    twice = !twice;
  }
  return sum % 10 == 0;
}

bool CardNumberValid(std::string_view d) {
  if (d.size() < 13 || d.size() > 19 || !LuhnValid(d)) return false;
  const int two = (d[0] - '0') * 10 + (d[1] - '0');
  return d[0] == '4' || (two >= 51 && two <= 55) || (two >= 22 && two <= 27) || two == 34 ||
         two == 37 || d[0] == '6' || two == 30 || two == 36 || two == 38 || two == 35;
}

bool IbanValid(std::string_view iban) {
  if (iban.size() < 15 || iban.size() > 34) return false;
  for (int i = 0; i < 2; ++i) {
    if (iban[i] < 'A' || iban[i] > 'Z') return false;
  }
  if (!AllDigits(iban.substr(2, 2))) return false;
  int remainder = 0;
  for (size_t k = 0; k < iban.size(); ++k) {
    const char c = iban[(k + 4) % iban.size()];
    if (c >= '0' && c <= '9') {
      remainder = (remainder * 10 + (c - '0')) % 97;
    } else if (c >= 'A' && c <= 'Z') {
      remainder = (remainder * 100 + (c - 'A' + 10)) % 97;
    } else {
      return false;
    }
  }
  return remainder == 1;
}

bool SsnValid(std::string_view d) {
  if (d.size() != 9 || !AllDigits(d)) return false;
  const std::string_view area = d.substr(0, 3);
  if (area == "000" || area == "666" || area[0] == '9') return false;
  return d.substr(3, 2) != "00" && d.substr(5, 4) != "0000";
}

}  // namespace wordloom::analyze::pii

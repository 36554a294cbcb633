#include "nlp/text/special_spans.h"

#include <algorithm>
#include <cstring>

namespace wordloom::nlp {
namespace {

bool IsAlpha(char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAlnum(char c) { return IsAlpha(c) || IsDigit(c); }
bool IsLocalChar(char c) {
  return IsAlnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
}
bool IsHostChar(char c) { return IsAlnum(c) || c == '-'; }
// Bytes that end a URL: whitespace, controls, quotes, angle brackets.
bool EndsUrl(unsigned char c) {
  return c <= ' ' || c == '"' || c == '<' || c == '>' || c == '`' || c == 0x7F;
}

// End of a domain starting at `i` (labels joined by single dots, the last one
// 2+ letters), or `i` when there is none.
size_t ScanDomain(std::string_view t, size_t i) {
  size_t end = i, pos = i;
  while (true) {
    size_t label = pos;
    while (pos < t.size() && IsHostChar(t[pos])) ++pos;
    if (pos == label) break;
    size_t letters = 0;
    for (size_t k = label; k < pos && IsAlpha(t[k]); ++k) ++letters;
    if (label != i && letters == pos - label && letters >= 2) end = pos;
    if (pos + 1 < t.size() && t[pos] == '.' && IsHostChar(t[pos + 1])) {
      ++pos;
      continue;
    }
    break;
  }
  return end;
}

size_t TrimUrlEnd(std::string_view t, size_t begin, size_t end) {
  while (end > begin) {
    char c = t[end - 1];
    if (c == ')') {
      std::string_view url = t.substr(begin, end - begin);
      if (std::count(url.begin(), url.end(), '(') >= std::count(url.begin(), url.end(), ')')) break;
    } else if (!std::strchr(".,;:!?]'", c)) {
      break;
    }
    --end;
  }
  return end;
}

// A URL starting at `begin` (a scheme's first letter or "www."), or 0 length.
size_t ScanUrl(std::string_view t, size_t begin, size_t host) {
  size_t end = host;
  while (end < t.size() && !EndsUrl(static_cast<unsigned char>(t[end]))) ++end;
  end = TrimUrlEnd(t, begin, end);
  return end > host ? end : begin;
}

bool MatchesCaseless(std::string_view t, size_t i, std::string_view word) {
  if (i + word.size() > t.size()) return false;
  for (size_t k = 0; k < word.size(); ++k) {
    if ((t[i + k] | 0x20) != word[k]) return false;
  }
  return true;
}

// Tries a URL whose "://" is at `colon`. Returns {begin, end} or {0,0}.
Span UrlAtColon(std::string_view t, size_t colon) {
  if (colon + 3 >= t.size() || t.compare(colon, 3, "://") != 0) return {};
  for (std::string_view scheme : {"https", "http", "ftp", "file"}) {
    if (colon < scheme.size()) continue;
    size_t begin = colon - scheme.size();
    if (!MatchesCaseless(t, begin, scheme)) continue;
    if (begin > 0 && IsAlnum(t[begin - 1])) continue;
    size_t end = ScanUrl(t, begin, colon + 3);
    if (end > colon + 3) return {begin, end};
  }
  return {};
}

Span UrlAtWww(std::string_view t, size_t w) {
  if (!MatchesCaseless(t, w, "www.") || (w > 0 && (IsAlnum(t[w - 1]) || t[w - 1] == '/' ||
                                                   t[w - 1] == '.' || t[w - 1] == '@'))) {
    return {};
  }
  if (ScanDomain(t, w) == w) return {};
  size_t end = ScanUrl(t, w, w + 4);
  return end > w + 4 ? Span{w, end} : Span{};
}

Span EmailAt(std::string_view t, size_t at) {
  size_t begin = at;
  while (begin > 0 && IsLocalChar(t[begin - 1])) --begin;
  while (begin < at && t[begin] == '.') ++begin;  // no leading dot
  if (begin == at) return {};
  size_t end = ScanDomain(t, at + 1);
  if (end == at + 1) return {};
  return {begin, end};
}

}  // namespace

void FindSpecialSpans(std::string_view text, std::vector<SpecialSpan>* out) {
  std::vector<SpecialSpan> found;
  const char* base = text.data();
  // '@' for e-mail, ':' for scheme URLs, and "www." for bare web URLs.
  for (const char* p = base; (p = static_cast<const char*>(
                                  std::memchr(p, '@', text.size() - (p - base))));
       ++p) {
    Span s = EmailAt(text, p - base);
    if (s.end > s.begin) found.push_back({s, TokenClass::kEmail});
  }
  for (const char* p = base; (p = static_cast<const char*>(
                                  std::memchr(p, ':', text.size() - (p - base))));
       ++p) {
    Span s = UrlAtColon(text, p - base);
    if (s.end > s.begin) found.push_back({s, TokenClass::kUrl});
  }
  for (size_t w = text.find("www."); w != std::string_view::npos; w = text.find("www.", w + 1)) {
    Span s = UrlAtWww(text, w);
    if (s.end > s.begin) found.push_back({s, TokenClass::kUrl});
  }
  if (found.empty()) return;
  // Order by start, longest first; drop spans inside an earlier one.
  std::sort(found.begin(), found.end(), [](const SpecialSpan& a, const SpecialSpan& b) {
    return a.span.begin != b.span.begin ? a.span.begin < b.span.begin : a.span.end > b.span.end;
  });
  uint64_t covered = 0;
  bool any = false;
  for (const SpecialSpan& s : found) {
    if (any && s.span.begin < covered) continue;
    out->push_back(s);
    covered = s.span.end;
    any = true;
  }
}

}  // namespace wordloom::nlp

#include "nlp/analyze/pii/pii_detector.h"

#include <re2/re2.h>

#include <algorithm>
#include <string>

#include "absl/strings/str_cat.h"
#include "core/status_macros.h"
#include "nlp/analyze/pii/checksums.h"
#include "nlp/text/utf8.h"

namespace wordloom::analyze::pii {

// A compiled pattern, the type it finds, its score, and an optional check
// of the matched text (group 1 when the pattern has one, else the match).
struct PiiDetector::Pattern {
  PiiType type;
  double score;
  std::unique_ptr<re2::RE2> re;
  bool (*valid)(std::string_view match);
};

namespace {

constexpr char kMonth[] =
    "(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    "Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)";

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// False when the match [begin, end) continues a longer run of separated
// digit groups ("1111 2222 3333 4444" holds a phone-shaped "1111 2222 3333").
bool StandsAlone(std::string_view text, size_t begin, size_t end) {
  auto sep = [](char c) { return c == ' ' || c == '-' || c == '.'; };
  if (end + 1 < text.size() && sep(text[end]) && IsDigit(text[end + 1])) return false;
  if (begin >= 2 && sep(text[begin - 1]) && IsDigit(text[begin - 2])) return false;
  return true;
}

bool ValidCard(std::string_view m) { return CardNumberValid(StripSeparators(m)); }
bool ValidIban(std::string_view m) { return IbanValid(StripSeparators(m)); }
bool ValidSsn(std::string_view m) { return SsnValid(StripSeparators(m)); }
bool ValidPhone(std::string_view m) {
  const std::string d = StripSeparators(m);
  size_t digits = 0;
  for (char c : d) digits += c >= '0' && c <= '9';
  return digits >= 10 && digits <= 15;
}

struct PatternSpec {
  PiiType type;
  double score;
  std::string pattern;
  bool (*valid)(std::string_view);
};

std::vector<PatternSpec> Specs() {
  const std::string octet = "(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])";
  const std::string month(kMonth);
  return {
      {PiiType::kEmail, 0.99, R"(\b[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b)", nullptr},
      {PiiType::kUrl, 0.99, R"((?i)\b(?:https?://|ftp://|www\.)[^\s<>"']*[^\s<>"'.,;:!?)\]])", nullptr},
      {PiiType::kIban, 0.99, R"(\b[A-Z]{2}[0-9]{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?\b)", ValidIban},
      {PiiType::kCreditDebitNumber, 0.99, R"(\b[0-9](?:[ -]?[0-9]){12,18}\b)", ValidCard},
      {PiiType::kSsn, 0.98, R"(\b[0-9]{3}-[0-9]{2}-[0-9]{4}\b)", ValidSsn},
      {PiiType::kIpAddress, 0.99, "\\b" + octet + "(?:\\." + octet + "){3}\\b", nullptr},
      {PiiType::kIpAddress, 0.97, R"(\b(?:[0-9A-Fa-f]{1,4}:){7}[0-9A-Fa-f]{1,4}\b)", nullptr},
      {PiiType::kPhone, 0.95,
       R"((?:\+[0-9]{1,3}[ .-]?)?(?:\([0-9]{2,4}\)|\b[0-9]{2,4})[ .-]?[0-9]{3,4}[ .-]?[0-9]{3,4}\b)",
       ValidPhone},
      {PiiType::kDateTime, 0.97,
       R"(\b[0-9]{4}-[01][0-9]-[0-3][0-9](?:[T ][0-2][0-9]:[0-5][0-9](?::[0-5][0-9])?(?:Z|[+-][0-9]{2}:?[0-9]{2})?)?\b)",
       nullptr},
      {PiiType::kDateTime, 0.95, R"(\b[0-3]?[0-9][/.][0-3]?[0-9][/.](?:[0-9]{4}|[0-9]{2})\b)", nullptr},
      {PiiType::kDateTime, 0.95,
       "(?i)\\b" + month + "\\.? [0-3]?[0-9](?:st|nd|rd|th)?(?:,? [0-9]{4})?\\b", nullptr},
      {PiiType::kDateTime, 0.95, "(?i)\\b[0-3]?[0-9](?:st|nd|rd|th)? (?:of )?" + month + ",? [0-9]{4}\\b",
       nullptr},
      {PiiType::kDateTime, 0.9, R"((?i)\b[0-2]?[0-9]:[0-5][0-9](?::[0-5][0-9])?(?: ?[ap]\.?m\b\.?)?)", nullptr},
      {PiiType::kAddress, 0.9,
       R"(\b[0-9]{1,5} (?:[A-Z][a-z]+ ){1,3}(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Way|Place|Pl|Terrace|Square|Sq)\b\.?(?:,? (?:Apt|Suite|Unit) [0-9A-Za-z]+)?(?:, (?:[A-Z][a-z]+ ){0,2}[A-Z][a-z]+(?:, [A-Z]{2})?(?: [0-9]{5}(?:-[0-9]{4})?)?)?)",
       nullptr},
  };
}

}  // namespace

PiiDetector::PiiDetector(PiiOptions options, std::vector<Pattern> patterns)
    : options_(std::move(options)), patterns_(std::move(patterns)) {}

PiiDetector::~PiiDetector() = default;

absl::StatusOr<std::unique_ptr<PiiDetector>> PiiDetector::Create(PiiOptions options) {
  std::vector<Pattern> patterns;
  for (PatternSpec& spec : Specs()) {
    auto re = std::make_unique<re2::RE2>(spec.pattern);
    if (!re->ok()) {
      return absl::InternalError(absl::StrCat("PII pattern for ", PiiTypeName(spec.type).data(),
                                              " does not compile: ", re->error()));
    }
    patterns.push_back({spec.type, spec.score, std::move(re), spec.valid});
  }
  return std::unique_ptr<PiiDetector>(new PiiDetector(std::move(options), std::move(patterns)));
}

void PiiDetector::FindPattern(const Pattern& p, std::string_view text,
                              std::vector<PiiEntity>* out) const {
  const re2::StringPiece input(text.data(), text.size());
  re2::StringPiece match;
  size_t pos = 0;
  while (pos <= text.size() &&
         p.re->Match(input, pos, text.size(), re2::RE2::UNANCHORED, &match, 1)) {
    const size_t begin = match.data() - text.data();
    const size_t end = begin + match.size();
    const std::string_view m(match.data(), match.size());
    const bool numeric = p.type == PiiType::kPhone || p.type == PiiType::kCreditDebitNumber ||
                         p.type == PiiType::kSsn;
    if (!m.empty() && (p.valid == nullptr || p.valid(m)) &&
        (!numeric || StandsAlone(text, begin, end))) {
      out->push_back({p.type, p.score, begin, end});
    }
    pos = end > begin ? end : begin + 1;
  }
}

absl::StatusOr<std::vector<PiiEntity>> PiiDetector::Detect(std::string_view text) const {
  if (text.size() > options_.max_bytes) {
    return absl::InvalidArgumentError(absl::StrCat("text is ", text.size(),
                                                   " bytes, over the limit of ",
                                                   options_.max_bytes, " bytes"));
  }
  WL_RETURN_IF_ERROR(nlp::ValidateUtf8(text));
  std::vector<PiiEntity> candidates;
  for (const Pattern& p : patterns_) FindPattern(p, text, &candidates);
  if (options_.entities) {
    WL_ASSIGN_OR_RETURN(std::vector<PiiEntity> named, options_.entities(text));
    candidates.insert(candidates.end(), named.begin(), named.end());
  }
  return ResolveOverlaps(std::move(candidates));
}

std::vector<PiiEntity> ResolveOverlaps(std::vector<PiiEntity> candidates) {
  std::sort(candidates.begin(), candidates.end(), [](const PiiEntity& a, const PiiEntity& b) {
    if (a.type != b.type) return a.type < b.type;
    if (a.end - a.begin != b.end - b.begin) return a.end - a.begin > b.end - b.begin;
    return a.begin < b.begin;
  });
  std::vector<PiiEntity> kept;
  for (const PiiEntity& c : candidates) {
    const bool overlaps = std::any_of(kept.begin(), kept.end(), [&](const PiiEntity& k) {
      return c.begin < k.end && k.begin < c.end;
    });
    if (!overlaps) kept.push_back(c);
  }
  std::sort(kept.begin(), kept.end(),
            [](const PiiEntity& a, const PiiEntity& b) { return a.begin < b.begin; });
  return kept;
}

std::string_view PiiTypeName(PiiType type) {
  switch (type) {
    case PiiType::kEmail: return "EMAIL";
    case PiiType::kUrl: return "URL";
    case PiiType::kIban: return "INTERNATIONAL_BANK_ACCOUNT_NUMBER";
    case PiiType::kCreditDebitNumber: return "CREDIT_DEBIT_NUMBER";
    case PiiType::kSsn: return "SSN";
    case PiiType::kIpAddress: return "IP_ADDRESS";
    case PiiType::kPhone: return "PHONE";
    case PiiType::kDateTime: return "DATE_TIME";
    case PiiType::kAddress: return "ADDRESS";
    case PiiType::kName: return "NAME";
  }
  return "OTHER";
}

}  // namespace wordloom::analyze::pii

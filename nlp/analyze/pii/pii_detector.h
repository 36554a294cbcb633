// PII detection (Comprehend's DetectPiiEntities): RE2 patterns with
// checksum validation for structured identifiers (EMAIL, URL, IP_ADDRESS,
// PHONE, CREDIT_DEBIT_NUMBER with Luhn, INTERNATIONAL_BANK_ACCOUNT_NUMBER
// with mod 97, SSN, DATE_TIME, street ADDRESS), plus NAME / ADDRESS spans
// from an optional entity provider (the named-entity tagger). Overlapping
// candidates are resolved by type priority (PiiType order), then length.
//
// Immutable after Create(); Detect() is thread-safe if the provider is.
#ifndef WORDLOOM_NLP_ANALYZE_PII_PII_DETECTOR_H_
#define WORDLOOM_NLP_ANALYZE_PII_PII_DETECTOR_H_

#include <functional>
#include <memory>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "nlp/analyze/pii/pii_types.h"

namespace re2 {
class RE2;
}

namespace wordloom::analyze::pii {

// Finds NAME and ADDRESS spans (byte offsets) in a text, e.g. by mapping a
// tagger's PERSON and LOCATION entities. Must be thread-safe.
using EntityProvider = std::function<absl::StatusOr<std::vector<PiiEntity>>(std::string_view)>;

struct PiiOptions {
  // Texts over this many bytes are rejected (Comprehend: 100 KB).
  size_t max_bytes = 100000;
  // Optional source of NAME / ADDRESS entities.
  EntityProvider entities;
};

class PiiDetector {
 public:
  // Internal if a built-in pattern fails to compile.
  static absl::StatusOr<std::unique_ptr<PiiDetector>> Create(PiiOptions options);
  ~PiiDetector();

  // Non-overlapping PII entities sorted by offset. InvalidArgument for
  // ill-formed UTF-8 (naming the byte) or a text over max_bytes; errors of
  // the entity provider are passed on. Empty text gives no entities.
  absl::StatusOr<std::vector<PiiEntity>> Detect(std::string_view text) const;

 private:
  struct Pattern;
  PiiDetector(PiiOptions options, std::vector<Pattern> patterns);
  void FindPattern(const Pattern& p, std::string_view text, std::vector<PiiEntity>* out) const;

  const PiiOptions options_;
  std::vector<Pattern> patterns_;
};

// Keeps the best of overlapping entities: lower PiiType first, then longer,
// then earlier. Result is sorted by begin.
std::vector<PiiEntity> ResolveOverlaps(std::vector<PiiEntity> candidates);

}  // namespace wordloom::analyze::pii

#endif  // WORDLOOM_NLP_ANALYZE_PII_PII_DETECTOR_H_

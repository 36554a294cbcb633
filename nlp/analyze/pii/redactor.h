// Redaction of detected PII: each entity's characters replaced by a mask
// character, or the entity replaced by its type in brackets ("[EMAIL]").
#ifndef WORDLOOM_NLP_ANALYZE_PII_REDACTOR_H_
#define WORDLOOM_NLP_ANALYZE_PII_REDACTOR_H_

#include <string>
#include <string_view>
#include <vector>

#include "nlp/analyze/pii/pii_types.h"

namespace wordloom::analyze::pii {

struct RedactOptions {
  enum class Mode { kMask, kReplaceWithType };
  Mode mode = Mode::kMask;
  // kMask: every code point of an entity becomes this character.
  char mask_char = '*';
};

// `text` with `entities` (non-overlapping, sorted, byte offsets within
// text, as PiiDetector::Detect returns) redacted.
std::string Redact(std::string_view text, const std::vector<PiiEntity>& entities,
                   const RedactOptions& options);

}  // namespace wordloom::analyze::pii

#endif  // WORDLOOM_NLP_ANALYZE_PII_REDACTOR_H_

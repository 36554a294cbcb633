// Rule-based DATE and QUANTITY entities over tagged tokens (the CoNLL
// model has no such types): month names with day / year, weekdays,
// today / yesterday / tomorrow, numeric y-m-d and d/m/y dates, a year after
// in / since / until / by / during; amounts with a currency sign or code,
// a scale word (million, bln, ...) or a unit (percent, %, tonnes, miles,
// shares, ...). Tokens already in a model entity are never used.
//
// Functions only; thread-safe. Each rule has a fixed score (its confidence
// is not learned).
#ifndef WORDLOOM_NLP_ANALYZE_ENTITIES_RULES_H_
#define WORDLOOM_NLP_ANALYZE_ENTITIES_RULES_H_

#include <cstdint>
#include <string_view>
#include <vector>

#include "nlp/analyze/entities/features.h"

namespace wordloom::analyze::entities {

struct RuleMatch {
  size_t first = 0;  // token range [first, last]
  size_t last = 0;
  std::string_view type;  // "DATE" or "QUANTITY"
  double score = 0;
};

// Appends the matches in `tokens`, in order, skipping tokens with taken[i].
void FindDatesAndQuantities(const TokenView& tokens, const std::vector<uint8_t>& taken,
                            std::vector<RuleMatch>* out);

}  // namespace wordloom::analyze::entities

#endif  // WORDLOOM_NLP_ANALYZE_ENTITIES_RULES_H_

// PII entity types (Comprehend's DetectPiiEntities names) and the entity
// record the detector returns.
#ifndef WORDLOOM_NLP_ANALYZE_PII_PII_TYPES_H_
#define WORDLOOM_NLP_ANALYZE_PII_PII_TYPES_H_

#include <cstdint>
#include <string_view>

namespace wordloom::analyze::pii {

// In priority order: when candidates overlap, the earlier type wins.
enum class PiiType : uint8_t {
  kEmail,
  kUrl,
  kIban,
  kCreditDebitNumber,
  kSsn,
  kIpAddress,
  kPhone,
  kDateTime,
  kAddress,
  kName,
};

// "EMAIL", "URL", "INTERNATIONAL_BANK_ACCOUNT_NUMBER", "CREDIT_DEBIT_NUMBER",
// "SSN", "IP_ADDRESS", "PHONE", "DATE_TIME", "ADDRESS", "NAME".
std::string_view PiiTypeName(PiiType type);

struct PiiEntity {
  PiiType type = PiiType::kName;
  double score = 0;     // confidence in (0, 1]
  uint64_t begin = 0;   // UTF-8 byte offsets in the text, [begin, end)
  uint64_t end = 0;
};

}  // namespace wordloom::analyze::pii

#endif  // WORDLOOM_NLP_ANALYZE_PII_PII_TYPES_H_

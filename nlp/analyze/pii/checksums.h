// Check digits that separate real account numbers from random digit runs.
#ifndef WORDLOOM_NLP_ANALYZE_PII_CHECKSUMS_H_
#define WORDLOOM_NLP_ANALYZE_PII_CHECKSUMS_H_

#include <string>
#include <string_view>

namespace wordloom::analyze::pii {

// The characters of `s` other than spaces and hyphens.
std::string StripSeparators(std::string_view s);

// Luhn (mod 10) check of a digit string; false for non-digits.
bool LuhnValid(std::string_view digits);

// A plausible payment card: 13-19 digits, a known issuer prefix (Visa 4,
// Mastercard 51-55 / 22-27, Amex 34/37, Discover 6, Diners 30/36/38, JCB 35)
// and a valid Luhn digit.
bool CardNumberValid(std::string_view digits);

// ISO 13616 IBAN: two letters, two check digits, 11-30 alphanumerics,
// mod 97 == 1 after moving the first four characters to the end.
bool IbanValid(std::string_view iban);

// US SSN AAA-GG-SSSS rules: area not 000, 666 or 9xx; group not 00;
// serial not 0000.
bool SsnValid(std::string_view digits);

}  // namespace wordloom::analyze::pii

#endif  // WORDLOOM_NLP_ANALYZE_PII_CHECKSUMS_H_

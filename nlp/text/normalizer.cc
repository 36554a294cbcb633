#include "nlp/text/normalizer.h"

#include "absl/strings/str_cat.h"
#include "unicode/normalizer2.h"
#include "unicode/unistr.h"

namespace wordloom::nlp {

absl::StatusOr<std::unique_ptr<Normalizer>> Normalizer::Create(const NormalizerOptions& options) {
  const icu::Normalizer2* icu = nullptr;
  if (options.nfkc) {
    UErrorCode status = U_ZERO_ERROR;
    icu = options.case_fold ? icu::Normalizer2::getNFKCCasefoldInstance(status)
                            : icu::Normalizer2::getNFKCInstance(status);
    if (U_FAILURE(status) || icu == nullptr) {
      return absl::InternalError(
          absl::StrCat("cannot load ICU NFKC normalization data: ", u_errorName(status)));
    }
  }
  return std::unique_ptr<Normalizer>(new Normalizer(options, icu));
}

absl::StatusOr<std::string> Normalizer::Normalize(std::string_view text) const {
  if (options_.invalid_utf8 == InvalidUtf8Policy::kError) {
    absl::Status valid = ValidateUtf8(text);
    if (!valid.ok()) return valid;
  }
  std::string out;
  out.reserve(text.size());
  AppendNormalized(text, &out);
  return out;
}

void Normalizer::AppendNormalized(std::string_view token, std::string* out) const {
  size_t start = out->size();
  out->append(token);
  bool ascii = true;
  for (size_t i = start; i < out->size(); ++i) {
    unsigned char c = (*out)[i];
    if (c >= 0x80) {
      ascii = false;
      break;
    }
    if (options_.case_fold && c >= 'A' && c <= 'Z') (*out)[i] = static_cast<char>(c + 32);
  }
  if (ascii) return;
  out->resize(start);
  AppendNormalizedNonAscii(token, out);
}

void Normalizer::AppendNormalizedNonAscii(std::string_view token, std::string* out) const {
  // fromUTF8 reads ill-formed sequences as U+FFFD.
  icu::UnicodeString text = icu::UnicodeString::fromUTF8(
      icu::StringPiece(token.data(), static_cast<int32_t>(token.size())));
  if (icu_ != nullptr) {
    UErrorCode status = U_ZERO_ERROR;
    icu::UnicodeString normalized = icu_->normalize(text, status);
    if (U_SUCCESS(status)) text = std::move(normalized);
  } else if (options_.case_fold) {
    text.foldCase();
  }
  text.toUTF8String(*out);
}

}  // namespace wordloom::nlp

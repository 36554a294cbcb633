#include "nlp/text/icu_segmenter.h"

#include <cstdint>

#include "absl/strings/str_cat.h"
#include "unicode/brkiter.h"
#include "unicode/uchar.h"
#include "unicode/utext.h"
#include "unicode/utf8.h"

namespace wordloom::nlp {
namespace {

bool IsSkippableCodePoint(UChar32 c) {
  if (c < 0x80) return c <= ' ' || c == 0x7F;
  if (u_isUWhiteSpace(c)) return true;
  int8_t type = u_charType(c);
  return type == U_CONTROL_CHAR || type == U_FORMAT_CHAR;
}

// Offset just past the last non-skippable code point of `text`.
size_t TrimmedEnd(std::string_view text) {
  const auto* p = reinterpret_cast<const uint8_t*>(text.data());
  int32_t end = static_cast<int32_t>(text.size());
  while (end > 0) {
    int32_t i = end;
    UChar32 c;
    U8_PREV(p, 0, i, c);
    if (c < 0 || !IsSkippableCodePoint(c)) break;
    end = i;
  }
  return static_cast<size_t>(end);
}

// Offset of the first non-skippable code point of `text` (its size if none).
size_t TrimmedBegin(std::string_view text) {
  const auto* p = reinterpret_cast<const uint8_t*>(text.data());
  const int32_t n = static_cast<int32_t>(text.size());
  int32_t begin = 0;
  while (begin < n) {
    int32_t i = begin;
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0 || !IsSkippableCodePoint(c)) break;
    begin = i;
  }
  return static_cast<size_t>(begin);
}

}  // namespace

bool IsSkippableSegment(std::string_view segment) {
  const auto* p = reinterpret_cast<const uint8_t*>(segment.data());
  const int32_t n = static_cast<int32_t>(segment.size());
  for (int32_t i = 0; i < n;) {
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0 || !IsSkippableCodePoint(c)) return false;
  }
  return true;
}

absl::StatusOr<std::unique_ptr<IcuSegmenter>> IcuSegmenter::Create(Unit unit,
                                                                   const std::string& locale) {
  UErrorCode status = U_ZERO_ERROR;
  icu::Locale icu_locale = locale.empty() ? icu::Locale::getRoot() : icu::Locale(locale.c_str());
  std::unique_ptr<icu::BreakIterator> prototype(
      unit == Unit::kWord ? icu::BreakIterator::createWordInstance(icu_locale, status)
                          : icu::BreakIterator::createSentenceInstance(icu_locale, status));
  if (U_FAILURE(status) || !prototype) {
    return absl::InternalError(absl::StrCat("cannot create ICU break iterator for locale '",
                                            locale, "': ", u_errorName(status)));
  }
  return std::unique_ptr<IcuSegmenter>(new IcuSegmenter(unit, std::move(prototype)));
}

IcuSegmenter::IcuSegmenter(Unit unit, std::unique_ptr<icu::BreakIterator> prototype)
    : unit_(unit), prototype_(std::move(prototype)) {}

IcuSegmenter::~IcuSegmenter() = default;

std::unique_ptr<icu::BreakIterator> IcuSegmenter::Acquire() const {
  {
    absl::MutexLock lock(&mu_);
    if (!pool_.empty()) {
      auto iterator = std::move(pool_.back());
      pool_.pop_back();
      return iterator;
    }
  }
  return std::unique_ptr<icu::BreakIterator>(prototype_->clone());
}

void IcuSegmenter::Release(std::unique_ptr<icu::BreakIterator> iterator) const {
  absl::MutexLock lock(&mu_);
  pool_.push_back(std::move(iterator));
}

absl::Status IcuSegmenter::Segment(std::string_view text, uint64_t base,
                                   std::vector<Span>* out) const {
  if (text.empty()) return absl::OkStatus();
  if (text.size() >= INT32_MAX) {
    return absl::InvalidArgumentError("text for ICU segmentation must be under 2 GiB");
  }
  UErrorCode status = U_ZERO_ERROR;
  UText* ut = utext_openUTF8(nullptr, text.data(), static_cast<int64_t>(text.size()), &status);
  std::unique_ptr<icu::BreakIterator> iterator = Acquire();
  if (U_SUCCESS(status)) iterator->setText(ut, status);
  if (U_FAILURE(status)) {
    utext_close(ut);
    Release(std::move(iterator));
    return absl::InternalError(absl::StrCat("ICU segmentation failed: ", u_errorName(status)));
  }
  int32_t start = iterator->first();
  for (int32_t end = iterator->next(); end != icu::BreakIterator::DONE;
       start = end, end = iterator->next()) {
    std::string_view segment = text.substr(start, end - start);
    if (unit_ == Unit::kSentence) {
      const size_t trimmed_end = TrimmedEnd(segment);
      const size_t trimmed_begin = TrimmedBegin(segment.substr(0, trimmed_end));
      if (trimmed_begin < trimmed_end) {
        out->push_back({base + start + trimmed_begin, base + start + trimmed_end});
      }
    } else if (!IsSkippableSegment(segment)) {
      out->push_back({base + start, base + end});
    }
  }
  // Detach the iterator from the UText before closing it.
  iterator->setText(icu::UnicodeString());
  utext_close(ut);
  Release(std::move(iterator));
  return absl::OkStatus();
}

}  // namespace wordloom::nlp

// Word and sentence segmentation with ICU's BreakIterator (UAX #29 plus
// ICU's dictionaries for Chinese, Japanese, Thai, Lao, Khmer and Burmese),
// reading UTF-8 in place through UText so offsets are original byte offsets.
//
// Immutable after Create(); Segment() is thread-safe: each call borrows a
// BreakIterator clone from an internal pool (iterators are not thread-safe
// and costly to clone, so they are reused).
#ifndef WORDLOOM_NLP_TEXT_ICU_SEGMENTER_H_
#define WORDLOOM_NLP_TEXT_ICU_SEGMENTER_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "nlp/text/token.h"

#include "unicode/uversion.h"

U_NAMESPACE_BEGIN
class BreakIterator;
U_NAMESPACE_END

namespace wordloom::nlp {

class IcuSegmenter {
 public:
  enum class Unit { kWord, kSentence };

  // `locale` is an ICU locale id ("" = root). Internal if ICU's break data
  // cannot be loaded.
  static absl::StatusOr<std::unique_ptr<IcuSegmenter>> Create(Unit unit,
                                                              const std::string& locale = "");
  ~IcuSegmenter();

  // Appends the segments of `text` that are not only whitespace or control
  // characters, as spans offset by `base`. Sentences are trimmed of trailing
  // whitespace. `text` must be under 2 GiB (ICU indexes with int32); ill-formed
  // UTF-8 reads as U+FFFD. Internal on ICU errors.
  absl::Status Segment(std::string_view text, uint64_t base, std::vector<Span>* out) const;

 private:
  IcuSegmenter(Unit unit, std::unique_ptr<icu::BreakIterator> prototype);
  std::unique_ptr<icu::BreakIterator> Acquire() const;
  void Release(std::unique_ptr<icu::BreakIterator> iterator) const;

  const Unit unit_;
  const std::unique_ptr<icu::BreakIterator> prototype_;
  mutable absl::Mutex mu_;
  mutable std::vector<std::unique_ptr<icu::BreakIterator>> pool_ ABSL_GUARDED_BY(mu_);
};

// True when the UTF-8 bytes hold only White_Space, control (Cc) and format
// (Cf) code points: such a segment is not a token. Ill-formed bytes count as
// U+FFFD (not skippable).
bool IsSkippableSegment(std::string_view segment);

}  // namespace wordloom::nlp

#endif  // WORDLOOM_NLP_TEXT_ICU_SEGMENTER_H_

// Imports a supervised model trained by fastText 0.9.x (`fasttext supervised`,
// a `.bin` file, or quantized by `fasttext quantize`, a `.ftz` file) as
// classifier ModelData, so that wordloom predicts exactly
// what `fasttext predict-prob` prints (to float rounding): whitespace
// tokens, fastText's dense bucket layout (word rows then `bucket` n-gram
// rows; after `quantize -cutoff` only the kept buckets, as the compact
// layout), product-quantised matrices kept as codebooks, word n-grams and
// character n-grams, fastText's label order and counts (the
// hierarchical-softmax tree is rebuilt from them).
//
// Pure functions; thread-safe.
#ifndef WORDLOOM_EMBEDDINGS_CLASSIFIER_FASTTEXT_IMPORT_H_
#define WORDLOOM_EMBEDDINGS_CLASSIFIER_FASTTEXT_IMPORT_H_

#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "embeddings/classifier/model_data.h"

namespace wordloom::embeddings::classifier {

// True when `bytes` starts with fastText's model magic number.
bool LooksLikeFastTextModel(std::string_view bytes);

// Parses a fastText `.bin` / `.ftz` held in `bytes` (`name` is used in
// errors). Errors: as FastTextModel::Parse (DataLoss for truncated or
// corrupt files), InvalidArgument for an unsupervised
// (skipgram / cbow) model or one without labels.
absl::StatusOr<ModelData> ImportFastTextSupervised(std::string_view bytes,
                                                   const std::string& name);

}  // namespace wordloom::embeddings::classifier

#endif  // WORDLOOM_EMBEDDINGS_CLASSIFIER_FASTTEXT_IMPORT_H_

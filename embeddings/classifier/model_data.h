// The plain parts of a trained supervised classifier: hyper-parameters,
// vocabulary, labels and the two weight matrices. Produced by the trainer,
// the model file reader and the fastText importer; ClassifierModel::Create
// turns it into an immutable, queryable model. A value type, no invariants
// enforced here (Create validates).
#ifndef WORDLOOM_EMBEDDINGS_CLASSIFIER_MODEL_DATA_H_
#define WORDLOOM_EMBEDDINGS_CLASSIFIER_MODEL_DATA_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "embeddings/linalg/dense_matrix.h"
#include "embeddings/linalg/quant_matrix.h"

namespace wordloom::embeddings::classifier {

enum class LossKind : uint32_t { kSoftmax = 0, kHierarchicalSoftmax = 1, kNegativeSampling = 2,
                                 kOneVsAll = 3 };

// How text becomes tokens. kWhitespace is fastText's split on ASCII
// whitespace (bytes kept as is) and is what fastText-trained models need;
// kNlp is wordloom's nlp::Tokenizer (NFKC + case folding + word segmentation).
enum class TokenizerMode : uint32_t { kWhitespace = 0, kNlp = 1 };

// "softmax", "hs", "ns", "ova" <-> LossKind. InvalidArgument otherwise.
absl::StatusOr<LossKind> ParseLossKind(std::string_view name);
std::string_view LossKindName(LossKind loss);
// "whitespace", "nlp" <-> TokenizerMode.
absl::StatusOr<TokenizerMode> ParseTokenizerMode(std::string_view name);
std::string_view TokenizerModeName(TokenizerMode mode);

// The end-of-line token every document ends with (as fastText's "</s>").
inline constexpr std::string_view kEndOfLine = "</s>";

struct ModelData {
  // Feature extraction.
  TokenizerMode tokenizer = TokenizerMode::kNlp;
  int32_t word_ngrams = 1;     // 1 = unigrams only
  uint64_t buckets = 2000000;  // n-gram hash space (word and char n-grams)
  // Character n-grams of "<word>" with minn..maxn code points (fastText's
  // subwords; 0 = none). They share the bucket space with word n-grams.
  int32_t minn = 0;
  int32_t maxn = 0;
  // Output.
  LossKind loss = LossKind::kSoftmax;
  // Training record (informational once trained).
  int32_t epochs = 5;
  float lr = 0.1f;
  int32_t negatives = 5;
  uint64_t seed = 1;

  std::vector<std::string> words;       // row i of `input` for i < words.size()
  std::vector<uint32_t> word_hashes;    // FastTextHash(words[i])
  std::vector<std::string> labels;      // without prefix, row i of `output`
  std::vector<int64_t> label_counts;    // training frequency (Huffman tree)
  // N-gram bucket rows. If `bucket_ids` is empty and `dense_buckets` is set,
  // bucket b lives at row words.size() + b (fastText's layout); otherwise
  // bucket_ids[i] lives at row words.size() + i and every other bucket has
  // no row (never seen in training, or dropped by a quantize cutoff). Sorted
  // ascending in models wordloom trains or prunes; in fastText's norm order
  // in an imported pruned `.ftz` (lookups do not depend on the order).
  bool dense_buckets = false;
  std::vector<uint32_t> bucket_ids;

  linalg::DenseMatrix input;   // (words + bucket rows) x dim
  linalg::DenseMatrix output;  // labels x dim (hs: labels - 1 inner nodes)
  // Product-quantised weights (fastText `quantize`, `wordloom quantize`).
  // When set, each replaces its dense matrix above, which is then empty.
  std::optional<linalg::QuantMatrix> quant_input;
  std::optional<linalg::QuantMatrix> quant_output;

  // ns / ova probabilities through fastText's truncating sigmoid table, so
  // imported fastText models print what `fasttext predict-prob` prints. Set
  // by the fastText importer; not stored in wordloom model files.
  bool fasttext_sigmoid = false;

  int32_t dim() const { return static_cast<int32_t>(input_cols() ? input_cols() : output_cols()); }
  // Shapes of the input / output weights, dense or quantised.
  size_t input_rows() const { return quant_input ? quant_input->rows() : input.rows(); }
  size_t input_cols() const { return quant_input ? quant_input->cols() : input.cols(); }
  size_t output_rows() const { return quant_output ? quant_output->rows() : output.rows(); }
  size_t output_cols() const { return quant_output ? quant_output->cols() : output.cols(); }
  bool quantized() const { return quant_input.has_value() || quant_output.has_value(); }
};

}  // namespace wordloom::embeddings::classifier

#endif  // WORDLOOM_EMBEDDINGS_CLASSIFIER_MODEL_DATA_H_

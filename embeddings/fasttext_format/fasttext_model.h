// A fastText 0.9.x `.bin` model loaded into memory: the training arguments,
// the dictionary (words then labels, with counts), the input matrix (word
// rows then n-gram bucket rows) and the output matrix. Covers unsupervised
// (skipgram, cbow) and supervised models, and quantized supervised models
// (`.ftz`, from `fasttext quantize`): product-quantised input (and with
// -qout output) matrices, and with -cutoff a pruned dictionary whose kept
// n-gram buckets map to compact rows after the words.
//
// Word lookup follows fastText exactly: whitespace tokens, "</s>" for end of
// line, subwords = the word's own row plus the char n-grams of "<word>"
// hashed with FastTextHash (see fasttext_hash.h); an out-of-vocabulary word
// is the mean of its n-gram rows (zero when it has none).
//
// Immutable after Load(); safe to share across threads.
//
//   WL_ASSIGN_OR_RETURN(auto model, FastTextModel::Load("model.bin"));
//   std::vector<float> v(model->args().dim);
//   model->WordVector("hello", v.data());
#ifndef WORDLOOM_EMBEDDINGS_FASTTEXT_FORMAT_FASTTEXT_MODEL_H_
#define WORDLOOM_EMBEDDINGS_FASTTEXT_FORMAT_FASTTEXT_MODEL_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "core/progress.h"
#include "core/strings.h"
#include "absl/container/flat_hash_map.h"
#include "embeddings/linalg/dense_matrix.h"
#include "embeddings/linalg/quant_matrix.h"

namespace wordloom::embeddings {
class ByteReader;
}  // namespace wordloom::embeddings

namespace wordloom::embeddings::fasttext {

// fastText's enums, with their on-disk values.
enum class ModelName : int32_t { kCbow = 1, kSkipgram = 2, kSupervised = 3 };
enum class LossName : int32_t { kHierarchicalSoftmax = 1, kNegativeSampling = 2, kSoftmax = 3,
                                kOneVsAll = 4 };
enum class EntryType : int8_t { kWord = 0, kLabel = 1 };

// fastText's Args as saved in a model (field names as fastText's flags).
struct Args {
  int32_t dim = 100;
  int32_t ws = 5;
  int32_t epoch = 5;
  int32_t min_count = 5;
  int32_t neg = 5;
  int32_t word_ngrams = 1;
  LossName loss = LossName::kNegativeSampling;
  ModelName model = ModelName::kSkipgram;
  int32_t bucket = 2000000;
  int32_t minn = 3;
  int32_t maxn = 6;
  int32_t lr_update_rate = 100;
  double t = 1e-4;
};

// One dictionary entry.
struct Entry {
  std::string word;
  int64_t count = 0;
  EntryType type = EntryType::kWord;
};

class FastTextModel {
 public:
  static constexpr int32_t kMagic = 793712314;
  static constexpr int32_t kVersion = 12;

  // Reads a `.bin` file. NotFound / PermissionDenied for the file; DataLoss
  // naming the byte offset for a truncated or corrupt file; InvalidArgument
  // for a foreign file (wrong magic) or unsupported version.
  // `progress`, when given, is told the bytes read as they go (the
  // matrices of a 2M-bucket model are ~800 MB).
  static absl::StatusOr<std::unique_ptr<FastTextModel>> Load(const std::string& path,
                                                             ProgressReporter* progress = nullptr);
  // As Load(), from bytes already in memory; `name` is used in errors.
  static absl::StatusOr<std::unique_ptr<FastTextModel>> Parse(
      std::string_view data, const std::string& name, ProgressReporter* progress = nullptr);

  const Args& args() const { return args_; }
  // All entries: the nwords() words (frequency order) then the nlabels() labels.
  const std::vector<Entry>& entries() const { return entries_; }
  int32_t nwords() const { return nwords_; }
  int32_t nlabels() const { return nlabels_; }
  int64_t ntokens() const { return ntokens_; }
  // Rows: nwords() + bucket (nwords() + pruned buckets after -cutoff).
  // Columns: dim. Empty (0 x 0) when quant_input() holds the weights.
  const linalg::DenseMatrix& input() const { return input_; }
  // Rows: nwords (ns, skipgram/cbow), nlabels (supervised) or tree nodes (hs).
  // Empty when quant_output() holds the weights (-qout).
  const linalg::DenseMatrix& output() const { return output_; }
  // The product-quantised matrices of a `.ftz` model (nullopt otherwise).
  const std::optional<linalg::QuantMatrix>& quant_input() const { return quant_input_; }
  const std::optional<linalg::QuantMatrix>& quant_output() const { return quant_output_; }
  bool quantized() const { return quant_input_.has_value(); }
  // After `quantize -cutoff`: n-gram bucket -> row nwords() + value for the
  // buckets kept; every other bucket has no row. Meaningless unless pruned().
  bool pruned() const { return pruned_; }
  const absl::flat_hash_map<int32_t, int32_t>& prune_index() const { return prune_index_; }

  // Entry id of `token` (word or label), or -1.
  int32_t Find(std::string_view token) const;
  // Label id in [0, nlabels()) of `label` ("__label__x"), or -1.
  int32_t FindLabel(std::string_view label) const;

  // Input-matrix rows that make up `word`'s vector, as fastText's
  // getSubwords: in vocabulary: the word's id then its char n-grams (none for
  // "</s>"); out of vocabulary: its char n-grams only.
  std::vector<int32_t> SubwordIds(std::string_view word) const;

  // Writes the mean of the SubwordIds rows (decoded through the codebooks
  // for a quantized model) to out[0..dim) (zeros if none), as
  // `fasttext print-word-vectors`.
  void WordVector(std::string_view word, float* out) const;

  // Moves the dense weight matrices out, leaving this model without weights;
  // for converters that must not hold two copies of a large model. Only
  // entries(), args() and Find() may be used afterwards. A quantized model
  // has no dense matrices: use quant_input() / quant_output().
  void ReleaseMatrices(linalg::DenseMatrix* input, linalg::DenseMatrix* output) {
    *input = std::move(input_);
    *output = std::move(output_);
  }

 private:
  FastTextModel() = default;
  absl::Status ReadDictionary(ByteReader& in);
  absl::Status ReadMatrices(ByteReader& in, ProgressReporter* progress);

  Args args_;
  std::vector<Entry> entries_;
  int32_t nwords_ = 0;
  int32_t nlabels_ = 0;
  int64_t ntokens_ = 0;
  StringMap<int32_t> ids_;
  linalg::DenseMatrix input_;
  linalg::DenseMatrix output_;
  std::optional<linalg::QuantMatrix> quant_input_;
  std::optional<linalg::QuantMatrix> quant_output_;
  bool pruned_ = false;
  absl::flat_hash_map<int32_t, int32_t> prune_index_;
};

}  // namespace wordloom::embeddings::fasttext

#endif  // WORDLOOM_EMBEDDINGS_FASTTEXT_FORMAT_FASTTEXT_MODEL_H_

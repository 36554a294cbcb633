// Intrinsic evaluation of word vectors: Google analogy accuracy
// (questions-words.txt) restricted to the most frequent words as word2vec's
// compute-accuracy does, and Spearman correlation with human similarity
// judgements (WordSim-353, SimLex-999).
//
// Free functions, thread-safe. Words of the test files are lower-cased
// (ASCII) before lookup, since wordloom's vocabularies are case-folded.
#ifndef WORDLOOM_EMBEDDINGS_WORD2VEC_EVALUATION_H_
#define WORDLOOM_EMBEDDINGS_WORD2VEC_EVALUATION_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "embeddings/word2vec/neighbor_index.h"
#include "embeddings/word2vec/word_vectors.h"

namespace wordloom::embeddings::word2vec {

struct AnalogyResult {
  int64_t questions = 0;  // analogy lines in the file
  int64_t seen = 0;       // questions whose four words are all in the top words
  int64_t correct = 0;    // of those, answered right
  // correct / seen (word2vec's reported accuracy); 0 when nothing was seen.
  double accuracy() const { return seen ? static_cast<double>(correct) / seen : 0.0; }
  // correct / questions: unanswerable questions count as wrong.
  double accuracy_all() const { return questions ? static_cast<double>(correct) / questions : 0.0; }
};

struct AnalogyOptions {
  size_t top_words = 30000;  // restrict to the most frequent words (0 = all)
  AnalogyMethod method = AnalogyMethod::k3CosAdd;
  int32_t threads = 0;       // 0 = all cores
};

// Reads questions-words.txt (": section" headers, "a b c d" lines).
// InvalidArgument naming file and line for a line without four words.
absl::StatusOr<AnalogyResult> EvaluateAnalogies(const WordVectors& vectors,
                                                const std::string& path,
                                                const AnalogyOptions& options);

struct SimilarityResult {
  int64_t pairs = 0;  // pairs in the file
  int64_t found = 0;  // pairs with both words in the vocabulary (the ones scored)
  double spearman = 0;
};

// Reads "word1<TAB>word2<TAB>score" lines ('#' lines skipped; spaces also
// accepted as separators). InvalidArgument naming file and line when the
// score is not a number.
absl::StatusOr<SimilarityResult> EvaluateSimilarity(const WordVectors& vectors,
                                                    const std::string& path);

// Spearman's rank correlation (ties get their average rank); 0 for fewer
// than 2 values or zero variance.
double SpearmanCorrelation(const std::vector<double>& x, const std::vector<double>& y);

}  // namespace wordloom::embeddings::word2vec

#endif  // WORDLOOM_EMBEDDINGS_WORD2VEC_EVALUATION_H_

// fastText's / word2vec's `.vec` text format: a header line "<count> <dim>",
// then one line per word: the word and `dim` numbers separated by spaces
// (fastText leaves a trailing space; both forms are read).
//
// Free functions, thread-safe on distinct arguments.
//
//   WL_ASSIGN_OR_RETURN(VecFile vec, ReadVec("model.vec"));
//   WL_RETURN_IF_ERROR(WriteVec("copy.vec", vec.words, vec.vectors));
#ifndef WORDLOOM_EMBEDDINGS_FASTTEXT_FORMAT_VEC_FORMAT_H_
#define WORDLOOM_EMBEDDINGS_FASTTEXT_FORMAT_VEC_FORMAT_H_

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "core/progress.h"
#include "embeddings/linalg/dense_matrix.h"

namespace wordloom::embeddings::fasttext {

struct VecFile {
  std::vector<std::string> words;   // in file order (fastText: by frequency)
  linalg::DenseMatrix vectors;      // words.size() x dim
};

// Reads a .vec file. InvalidArgument naming the file and 1-based line for a
// malformed header, a row with the wrong number of values, a value that is
// not a finite number, a duplicate word, or fewer/more rows than the header
// says; NotFound etc. when the file cannot be opened. `progress`, when
// given, is told the rows (items) and bytes parsed as they go.
absl::StatusOr<VecFile> ReadVec(const std::string& path, ProgressReporter* progress = nullptr);
absl::StatusOr<VecFile> ParseVec(std::string_view data, const std::string& name,
                                 ProgressReporter* progress = nullptr);

// Writes `words` and the matching rows of `vectors` atomically, values in
// "%.6g". InvalidArgument if sizes disagree or a word holds whitespace.
absl::Status WriteVec(const std::string& path, const std::vector<std::string>& words,
                      const linalg::DenseMatrix& vectors);

// Appends "word v1 v2 ... vdim \n" formatted as fastText's print-word-vectors
// (5 significant digits, a space after every value).
void AppendWordVectorLine(std::string_view word, const float* v, size_t dim, std::string* out);

}  // namespace wordloom::embeddings::fasttext

#endif  // WORDLOOM_EMBEDDINGS_FASTTEXT_FORMAT_VEC_FORMAT_H_

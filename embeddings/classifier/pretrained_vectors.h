// Pretrained word vectors as the classifier's initial input rows (fastText's
// -pretrainedVectors), from a `.vec` file or a wordloom word-vectors model
// (`wordloom train-vectors` .wlm): every word of the file joins the vocabulary
// (so test words never seen in training still carry meaning), and the rows
// of those words start from their vectors instead of random values.
//
// Free functions over the trainer's state; not thread-safe.
#ifndef WORDLOOM_EMBEDDINGS_CLASSIFIER_PRETRAINED_VECTORS_H_
#define WORDLOOM_EMBEDDINGS_CLASSIFIER_PRETRAINED_VECTORS_H_

#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "embeddings/classifier/training_set.h"
#include "embeddings/fasttext_format/vec_format.h"

namespace wordloom::embeddings::classifier {

// Reads pretrained vectors: a wordloom word-vectors model (told apart by its
// magic; subword models give each vocabulary word's full vector, as
// `wordloom vectors` prints it) or else a fastText `.vec` text file. Errors
// as word2vec::ParseModel / fasttext::ParseVec; InvalidArgument for a
// wordloom classifier file given by mistake.
absl::StatusOr<fasttext::VecFile> ReadPretrainedVectors(const std::string& path);

// Appends the words of `vec` that the training set lacks to its vocabulary
// (shifting n-gram bucket rows behind them). InvalidArgument when the
// vectors' dimension is not `dim` (naming both).
absl::Status AddPretrainedWords(const fasttext::VecFile& vec, int32_t dim, TrainingSet* set);

// Copies the vectors of `vec` into the input rows of the same words of
// `model` (after AddPretrainedWords and the input matrix's initialisation).
void CopyPretrainedRows(const fasttext::VecFile& vec, ModelData* model);

}  // namespace wordloom::embeddings::classifier

#endif  // WORDLOOM_EMBEDDINGS_CLASSIFIER_PRETRAINED_VECTORS_H_

#include "embeddings/classifier/pretrained_vectors.h"

#include "absl/strings/str_cat.h"
#include "core/mapped_file.h"
#include "core/status_macros.h"
#include "core/strings.h"
#include "embeddings/classifier/ngram_hash.h"
#include "embeddings/linalg/vector_ops.h"
#include "embeddings/word2vec/model_io.h"

namespace wordloom::embeddings::classifier {

absl::StatusOr<fasttext::VecFile> ReadPretrainedVectors(const std::string& path) {
  WL_ASSIGN_OR_RETURN(auto file, MappedFile::Open(path));
  const std::string_view bytes = file->view();
  if (bytes.substr(0, word2vec::kModelMagic.size()) == word2vec::kModelMagic) {
    WL_ASSIGN_OR_RETURN(auto vectors, word2vec::ParseModel(bytes, path));
    fasttext::VecFile vec;
    vec.words = vectors->words();
    vec.vectors = vectors->VocabularyMatrix();
    return vec;
  }
  if (bytes.substr(0, 8) == "WORDLOOM") {
    return absl::InvalidArgumentError(absl::StrCat(
        path, ": a wordloom classifier model, not word vectors (use a train-vectors .wlm or a "
              ".vec file)"));
  }
  return fasttext::ParseVec(bytes, path);
}

absl::Status AddPretrainedWords(const fasttext::VecFile& vec, int32_t dim, TrainingSet* set) {
  if (vec.vectors.cols() != static_cast<size_t>(dim)) {
    return absl::InvalidArgumentError(absl::StrCat("pretrained vectors have dimension ",
                                                   vec.vectors.cols(), " but --dim is ", dim));
  }
  ModelData& model = set->skeleton;
  StringSet known(model.words.begin(), model.words.end());
  const int32_t old_words = static_cast<int32_t>(model.words.size());
  for (const std::string& word : vec.words) {
    if (known.contains(word)) continue;
    model.words.push_back(word);
    model.word_hashes.push_back(FastTextHash(word));
  }
  const int32_t added = static_cast<int32_t>(model.words.size()) - old_words;
  if (added > 0) {
    for (int32_t& row : set->features) {
      if (row >= old_words) row += added;  // n-gram bucket rows follow the words
    }
  }
  return absl::OkStatus();
}

void CopyPretrainedRows(const fasttext::VecFile& vec, ModelData* model) {
  StringMap<int32_t> ids;
  ids.reserve(model->words.size());
  for (size_t i = 0; i < model->words.size(); ++i) {
    ids.emplace(model->words[i], static_cast<int32_t>(i));
  }
  const size_t dim = vec.vectors.cols();
  for (size_t i = 0; i < vec.words.size(); ++i) {
    auto it = ids.find(vec.words[i]);
    if (it == ids.end()) continue;
    linalg::Copy(vec.vectors.Row(i), model->input.Row(it->second), dim);
  }
}

}  // namespace wordloom::embeddings::classifier

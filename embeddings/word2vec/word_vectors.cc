#include "embeddings/word2vec/word_vectors.h"

#include "absl/strings/str_cat.h"
#include "embeddings/fasttext_format/fasttext_hash.h"
#include "embeddings/linalg/vector_ops.h"

namespace wordloom::embeddings::word2vec {

absl::StatusOr<std::unique_ptr<WordVectors>> WordVectors::Create(WordVectorsParts parts) {
  const size_t n = parts.words.size();
  if (parts.input.cols() == 0) return absl::InvalidArgumentError("word vectors: dimension is 0");
  const size_t want_rows = n + (parts.subwords.enabled() ? parts.subwords.bucket : 0);
  if (parts.input.rows() != want_rows) {
    return absl::InvalidArgumentError(absl::StrCat("word vectors: input matrix has ",
                                                   parts.input.rows(), " rows, expected ",
                                                   want_rows));
  }
  if (!parts.counts.empty() && parts.counts.size() != n) {
    return absl::InvalidArgumentError("word vectors: counts and words differ in size");
  }
  if (parts.output.rows() > 0 && parts.output.cols() != parts.input.cols()) {
    return absl::InvalidArgumentError("word vectors: output and input dimensions differ");
  }
  std::unique_ptr<WordVectors> v(new WordVectors(std::move(parts)));
  v->ids_.reserve(n);
  for (size_t i = 0; i < n; ++i) {
    const std::string& w = v->parts_.words[i];
    if (w.empty()) return absl::InvalidArgumentError(absl::StrCat("word vectors: word ", i, " is empty"));
    if (!v->ids_.emplace(w, static_cast<int32_t>(i)).second) {
      return absl::InvalidArgumentError(absl::StrCat("word vectors: duplicate word \"", w, "\""));
    }
  }
  return v;
}

int32_t WordVectors::Find(std::string_view word) const {
  auto it = ids_.find(word);
  return it == ids_.end() ? -1 : it->second;
}

std::vector<int32_t> WordVectors::SubwordIds(std::string_view word) const {
  std::vector<int32_t> ids;
  const int32_t id = Find(word);
  if (id >= 0) ids.push_back(id);
  const SubwordConfig& s = parts_.subwords;
  if (s.enabled() && word != fasttext::kEos) {
    fasttext::AppendCharNgramIds(fasttext::WithBoundaries(word), s.minn, s.maxn, s.bucket,
                                 static_cast<int32_t>(size()), &ids);
  }
  return ids;
}

bool WordVectors::WordVector(std::string_view word, float* out) const {
  const size_t d = dim();
  linalg::Zero(out, d);
  const std::vector<int32_t> ids = SubwordIds(word);
  for (int32_t id : ids) linalg::Axpy(1.0f, parts_.input.Row(id), out, d);
  if (ids.empty()) return false;
  linalg::Scale(1.0f / static_cast<float>(ids.size()), out, d);
  return true;
}

bool WordVectors::SentenceVector(const std::vector<std::string_view>& words, float* out) const {
  const size_t d = dim();
  linalg::Zero(out, d);
  std::vector<float> v(d);
  int count = 0;
  for (std::string_view w : words) {
    WordVector(w, v.data());
    float norm = linalg::Norm(v.data(), d);
    if (norm > 0) {
      linalg::Axpy(1.0f / norm, v.data(), out, d);
      ++count;
    }
  }
  if (count == 0) return false;
  linalg::Scale(1.0f / static_cast<float>(count), out, d);
  return true;
}

linalg::DenseMatrix WordVectors::VocabularyMatrix() const {
  linalg::DenseMatrix m(size(), dim());
  if (!parts_.subwords.enabled()) {
    std::memcpy(m.data(), parts_.input.data(), size() * dim() * sizeof(float));
    return m;
  }
  for (size_t i = 0; i < size(); ++i) WordVector(parts_.words[i], m.Row(i));
  return m;
}

}  // namespace wordloom::embeddings::word2vec

#include "embeddings/word2vec/model_io.h"

#define XXH_STATIC_LINKING_ONLY  // XXH64_state_t on the stack
#include <xxhash.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <cstring>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "core/atomic_file.h"
#include "core/mapped_file.h"
#include "core/status_macros.h"
#include "embeddings/fasttext_format/byte_reader.h"
#include "embeddings/fasttext_format/fasttext_model.h"
#include "embeddings/fasttext_format/vec_format.h"

namespace wordloom::embeddings::word2vec {
namespace {

constexpr uint64_t kMaxWords = 1ull << 31;
constexpr uint64_t kMaxDim = 1ull << 16;

// Appends to an AtomicFileWriter while hashing everything written.
class HashingWriter {
 public:
  explicit HashingWriter(AtomicFileWriter* out) : out_(out) { XXH64_reset(&state_, 0); }
  absl::Status Bytes(std::string_view data) {
    XXH64_update(&state_, data.data(), data.size());
    offset_ += data.size();
    return out_->Append(data);
  }
  template <typename T>
  absl::Status Value(T v) {
    return Bytes(std::string_view(reinterpret_cast<const char*>(&v), sizeof(T)));
  }
  absl::Status String(std::string_view s) {
    WL_RETURN_IF_ERROR(Value<uint32_t>(static_cast<uint32_t>(s.size())));
    return Bytes(s);
  }
  absl::Status Matrix(const linalg::DenseMatrix& m) {
    WL_RETURN_IF_ERROR(Value<uint64_t>(m.rows()));
    WL_RETURN_IF_ERROR(Value<uint64_t>(m.cols()));
    WL_RETURN_IF_ERROR(Bytes(std::string((64 - offset_ % 64) % 64, '\0')));
    return Bytes(std::string_view(reinterpret_cast<const char*>(m.data()), m.size() * sizeof(float)));
  }
  uint64_t Digest() const { return XXH64_digest(&state_); }

 private:
  AtomicFileWriter* out_;
  XXH64_state_t state_;
  uint64_t offset_ = 0;
};

// XXH64 of `data` in slices, telling `progress` the bytes hashed and then
// the 8 checksum bytes after them (hashing is the first touch of every page
// of a mapped model: the slow part of a load).
uint64_t Checksum(std::string_view data, ProgressReporter* progress) {
  constexpr size_t kSlice = 16 << 20;
  XXH64_state_t state;
  XXH64_reset(&state, 0);
  for (size_t done = 0; done < data.size();) {
    const size_t n = std::min(kSlice, data.size() - done);
    XXH64_update(&state, data.data() + done, n);
    done += n;
    if (progress != nullptr) progress->Add(0, n);
  }
  if (progress != nullptr) progress->Add(0, sizeof(uint64_t));  // the stored checksum
  return XXH64_digest(&state);
}

absl::StatusOr<std::string> ReadString(ByteReader& in, std::string_view what) {
  WL_ASSIGN_OR_RETURN(uint32_t len, in.Read<uint32_t>(what));
  WL_ASSIGN_OR_RETURN(std::string_view s, in.ReadBytes(len, what));
  return std::string(s);
}

absl::StatusOr<linalg::DenseMatrix> ReadMatrix(ByteReader& in, std::string_view what) {
  WL_ASSIGN_OR_RETURN(uint64_t rows, in.Read<uint64_t>(what));
  WL_ASSIGN_OR_RETURN(uint64_t cols, in.Read<uint64_t>(what));
  if (cols > kMaxDim || rows > (1ull << 40) / std::max<uint64_t>(cols, 1)) {
    return in.Corrupt(absl::StrCat("bad ", ToAbsl(what), " shape ", rows, " x ", cols));
  }
  WL_RETURN_IF_ERROR(in.ReadBytes((64 - in.position() % 64) % 64, what).status());
  WL_ASSIGN_OR_RETURN(std::string_view data, in.ReadBytes(rows * cols * sizeof(float), what));
  linalg::DenseMatrix m(rows, cols);
  if (!data.empty()) std::memcpy(m.data(), data.data(), data.size());
  return m;
}

absl::Status ReadHeader(ByteReader& in, const std::string& name) {
  WL_ASSIGN_OR_RETURN(std::string_view magic, in.ReadBytes(kModelMagic.size(), "magic"));
  if (magic != kModelMagic) {
    return absl::InvalidArgumentError(absl::StrCat(name, ": not a wordloom model (bad magic)"));
  }
  WL_ASSIGN_OR_RETURN(uint32_t version, in.Read<uint32_t>("format version"));
  if (version != kModelFormatVersion) {
    return absl::InvalidArgumentError(absl::StrCat(name, ": unsupported model format version ",
                                                   version, " (this build reads ",
                                                   kModelFormatVersion, ")"));
  }
  WL_ASSIGN_OR_RETURN(std::string kind, ReadString(in, "kind"));
  if (kind != kWord2VecKind) {
    return absl::InvalidArgumentError(
        absl::StrCat(name, ": model kind is \"", kind, "\", expected \"word2vec\""));
  }
  return absl::OkStatus();
}

absl::Status ReadVocabulary(ByteReader& in, WordVectorsParts& parts) {
  WL_ASSIGN_OR_RETURN(uint64_t n, in.Read<uint64_t>("word count"));
  if (n > kMaxWords || n > in.remaining()) return in.Corrupt(absl::StrCat("bad word count ", n));
  parts.words.reserve(n);
  parts.counts.reserve(n);
  for (uint64_t i = 0; i < n; ++i) {
    WL_ASSIGN_OR_RETURN(std::string w, ReadString(in, "word"));
    WL_ASSIGN_OR_RETURN(int64_t count, in.Read<int64_t>("word count"));
    parts.words.push_back(std::move(w));
    parts.counts.push_back(count);
  }
  return absl::OkStatus();
}

// DataLoss naming the file and the first row (word, or n-gram bucket) of
// `m` holding a NaN or infinity: such a model would answer every query
// touching that row with NaN.
absl::Status CheckFinite(const linalg::DenseMatrix& m, const std::vector<std::string>& words,
                         const std::string& name, std::string_view what) {
  const float* d = m.data();
  for (size_t i = 0; i < m.size(); ++i) {
    if (std::isfinite(d[i])) continue;
    const size_t row = i / m.cols();
    return absl::DataLossError(absl::StrCat(
        name, ": ", ToAbsl(what), " row ", row,
        row < words.size() ? absl::StrCat(" (word \"", words[row], "\")") : " (n-gram bucket)",
        " holds a non-finite value"));
  }
  return absl::OkStatus();
}

absl::StatusOr<std::unique_ptr<WordVectors>> FromFastText(const std::string& path,
                                                          ProgressReporter* progress) {
  WL_ASSIGN_OR_RETURN(auto model, fasttext::FastTextModel::Load(path, progress));
  if (model->quantized()) {
    return absl::InvalidArgumentError(absl::StrCat(
        path, ": a quantized fastText model (.ftz) holds a classifier, not word vectors"));
  }
  WordVectorsParts parts;
  for (int32_t i = 0; i < model->nwords(); ++i) {
    parts.words.push_back(model->entries()[i].word);
    parts.counts.push_back(model->entries()[i].count);
  }
  const fasttext::Args& a = model->args();
  if (a.maxn > 0 && a.bucket > 0) parts.subwords = {a.minn, a.maxn, a.bucket};
  model->ReleaseMatrices(&parts.input, &parts.output);
  if (!parts.subwords.enabled()) {  // drop unused bucket rows (word n-grams)
    linalg::DenseMatrix words(parts.words.size(), parts.input.cols());
    std::memcpy(words.data(), parts.input.data(), words.size() * sizeof(float));
    parts.input = std::move(words);
  }
  WL_RETURN_IF_ERROR(CheckFinite(parts.input, parts.words, path, "input matrix"));
  parts.params = {{"source", "fasttext-bin"}};
  return WordVectors::Create(std::move(parts));
}

}  // namespace

absl::Status SaveModel(const WordVectors& v, const std::string& path) {
  WL_ASSIGN_OR_RETURN(auto file, AtomicFileWriter::Create(path));
  HashingWriter out(file.get());
  WL_RETURN_IF_ERROR(out.Bytes(kModelMagic));
  WL_RETURN_IF_ERROR(out.Value<uint32_t>(kModelFormatVersion));
  WL_RETURN_IF_ERROR(out.String(kWord2VecKind));
  WL_RETURN_IF_ERROR(out.Value<uint32_t>(v.params().size()));
  for (const auto& [key, value] : v.params()) {
    WL_RETURN_IF_ERROR(out.String(key));
    WL_RETURN_IF_ERROR(out.String(value));
  }
  WL_RETURN_IF_ERROR(out.Value<int32_t>(v.subwords().minn));
  WL_RETURN_IF_ERROR(out.Value<int32_t>(v.subwords().maxn));
  WL_RETURN_IF_ERROR(out.Value<int32_t>(v.subwords().bucket));
  WL_RETURN_IF_ERROR(out.Value<uint8_t>(static_cast<uint8_t>(v.query_normalization())));
  WL_RETURN_IF_ERROR(out.Value<uint64_t>(v.size()));
  for (size_t i = 0; i < v.size(); ++i) {
    WL_RETURN_IF_ERROR(out.String(v.word(i)));
    WL_RETURN_IF_ERROR(out.Value<int64_t>(v.count(i)));
  }
  WL_RETURN_IF_ERROR(out.Matrix(v.input()));
  WL_RETURN_IF_ERROR(out.Matrix(v.output()));
  const uint64_t digest = out.Digest();
  WL_RETURN_IF_ERROR(file->Append(std::string_view(reinterpret_cast<const char*>(&digest), 8)));
  return file->Commit();
}

absl::StatusOr<std::unique_ptr<WordVectors>> LoadModel(const std::string& path,
                                                       ProgressReporter* progress) {
  WL_ASSIGN_OR_RETURN(auto file, MappedFile::Open(path));
  file->AdviseSequential();
  return ParseModel(file->view(), path, progress);
}

absl::StatusOr<std::unique_ptr<WordVectors>> ParseModel(std::string_view data,
                                                        const std::string& name,
                                                        ProgressReporter* progress) {
  ByteReader in(data, name);
  WL_RETURN_IF_ERROR(ReadHeader(in, name));
  if (data.size() < in.position() + 8) return in.Corrupt("truncated file (no checksum)");
  uint64_t stored;
  std::memcpy(&stored, data.data() + data.size() - 8, 8);
  if (Checksum(data.substr(0, data.size() - 8), progress) != stored) {
    return absl::DataLossError(absl::StrCat(name, ": checksum mismatch: the file is truncated or corrupt (",
                                            data.size(), " bytes)"));
  }
  ByteReader body(data.substr(0, data.size() - 8), name);
  body.Skip(in.position());
  WordVectorsParts parts;
  WL_ASSIGN_OR_RETURN(uint32_t nparams, body.Read<uint32_t>("parameter count"));
  if (nparams > 4096) return body.Corrupt(absl::StrCat("bad parameter count ", nparams));
  for (uint32_t i = 0; i < nparams; ++i) {
    WL_ASSIGN_OR_RETURN(std::string key, ReadString(body, "parameter name"));
    WL_ASSIGN_OR_RETURN(std::string value, ReadString(body, "parameter value"));
    parts.params.emplace_back(std::move(key), std::move(value));
  }
  WL_ASSIGN_OR_RETURN(parts.subwords.minn, body.Read<int32_t>("minn"));
  WL_ASSIGN_OR_RETURN(parts.subwords.maxn, body.Read<int32_t>("maxn"));
  WL_ASSIGN_OR_RETURN(parts.subwords.bucket, body.Read<int32_t>("bucket"));
  WL_ASSIGN_OR_RETURN(uint8_t norm, body.Read<uint8_t>("query normalization"));
  if (norm > 1) return body.Corrupt(absl::StrCat("bad query normalization ", norm));
  parts.normalization = static_cast<QueryNormalization>(norm);
  WL_RETURN_IF_ERROR(ReadVocabulary(body, parts));
  WL_ASSIGN_OR_RETURN(parts.input, ReadMatrix(body, "input matrix"));
  WL_ASSIGN_OR_RETURN(parts.output, ReadMatrix(body, "output matrix"));
  if (body.remaining() != 0) return body.Corrupt("unexpected bytes before the checksum");
  WL_RETURN_IF_ERROR(CheckFinite(parts.input, parts.words, name, "input matrix"));
  auto vectors = WordVectors::Create(std::move(parts));
  if (!vectors.ok()) return absl::DataLossError(absl::StrCat(name, ": ", vectors.status().message()));
  return vectors;
}

absl::Status SaveVec(const WordVectors& v, const std::string& path) {
  return fasttext::WriteVec(path, v.words(), v.VocabularyMatrix());
}

// LoadVectors() telling `progress`.
static absl::StatusOr<std::unique_ptr<WordVectors>> LoadVectorsWithProgress(
    const std::string& path, ProgressReporter* progress) {
  if (absl::EndsWith(path, ".wlm")) return LoadModel(path, progress);
  if (absl::EndsWith(path, ".bin")) return FromFastText(path, progress);
  if (absl::EndsWith(path, ".vec") || absl::EndsWith(path, ".txt")) {
    WL_ASSIGN_OR_RETURN(fasttext::VecFile vec, fasttext::ReadVec(path, progress));
    WordVectorsParts parts;
    parts.words = std::move(vec.words);
    parts.input = std::move(vec.vectors);
    parts.params = {{"source", "vec"}};
    return WordVectors::Create(std::move(parts));
  }
  return absl::InvalidArgumentError(
      absl::StrCat(path, ": unknown model type; expected a .wlm, fastText .bin or .vec file"));
}

absl::StatusOr<std::unique_ptr<WordVectors>> LoadVectors(const std::string& path,
                                                         ProgressOptions::Mode progress_mode) {
  std::error_code error;
  const uintmax_t size = std::filesystem::file_size(path, error);
  ProgressReporter progress({.label = "load " + path, .unit = "words",
                             .total_bytes = error ? 0 : static_cast<uint64_t>(size),
                             .mode = progress_mode});
  auto vectors = LoadVectorsWithProgress(path, &progress);
  progress.Finish();
  return vectors;
}

}  // namespace wordloom::embeddings::word2vec

#include "embeddings/classifier/model_io.h"

#include <cstring>
#include <functional>
#include <limits>
#include <optional>
#include <type_traits>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "core/atomic_file.h"
#include "core/mapped_file.h"
#include "core/status_macros.h"
#include "core/strings.h"
#include "embeddings/classifier/fasttext_import.h"
#include "xxhash.h"

namespace wordloom::embeddings::classifier {
namespace {

constexpr std::string_view kMagic = "WORDLOOM";
constexpr std::string_view kKind = "classifier";

// Streams the file body to `write` in chunks of about 1 MiB while hashing
// it, so saving never holds a second copy of the model in memory. The first
// write error sticks and is returned by Finish().
class ModelSink {
 public:
  explicit ModelSink(std::function<absl::Status(std::string_view)> write)
      : write_(std::move(write)), hash_(XXH3_createState()) {
    XXH3_64bits_reset(hash_);
  }
  ~ModelSink() { XXH3_freeState(hash_); }
  ModelSink(const ModelSink&) = delete;
  ModelSink& operator=(const ModelSink&) = delete;

  template <typename T>
  void Put(T value) {
    static_assert(std::is_trivially_copyable_v<T>);
    PutBytes(&value, sizeof(T));
  }
  void PutString(std::string_view s) {
    Put<uint32_t>(static_cast<uint32_t>(s.size()));
    PutBytes(s.data(), s.size());
  }
  void PutBytes(const void* data, size_t size) {
    XXH3_64bits_update(hash_, data, size);
    if (buffer_.size() + size > kChunk) Flush();
    if (size >= kChunk) {
      Write(std::string_view(static_cast<const char*>(data), size));
    } else {
      buffer_.append(static_cast<const char*>(data), size);
    }
  }
  // Writes the checksum of everything put so far, then flushes.
  absl::Status Finish() {
    const uint64_t checksum = XXH3_64bits_digest(hash_);
    buffer_.append(reinterpret_cast<const char*>(&checksum), sizeof(checksum));
    Flush();
    return status_;
  }

 private:
  static constexpr size_t kChunk = 1 << 20;
  void Flush() {
    Write(buffer_);
    buffer_.clear();
  }
  void Write(std::string_view data) {
    if (status_.ok() && !data.empty()) status_ = write_(data);
  }

  std::function<absl::Status(std::string_view)> write_;
  XXH3_state_t* hash_;
  std::string buffer_;
  absl::Status status_;
};

void PutMatrix(ModelSink* out, const linalg::DenseMatrix& m) {
  out->Put<uint64_t>(m.rows());
  out->Put<uint64_t>(m.cols());
  out->PutBytes(m.data(), m.size() * sizeof(float));
}

// A quantised matrix: u8 qnorm, u64 rows, u64 cols, i32 dsub, i32
// subspaces, i32 last subspace width, codes (rows x subspaces bytes),
// cols x 256 f32 centroids, then with qnorm one norm code per row and the
// 256 norm levels.
void PutQuantMatrix(ModelSink* out, const linalg::QuantMatrix& q) {
  out->Put<uint8_t>(q.qnorm() ? 1 : 0);
  out->Put<uint64_t>(q.rows());
  out->Put<uint64_t>(q.cols());
  out->Put<int32_t>(q.pq().dsub());
  out->Put<int32_t>(q.pq().num_subspaces());
  out->Put<int32_t>(q.pq().last_dsub());
  out->PutBytes(q.codes().data(), q.codes().size());
  out->PutBytes(q.pq().centroids().data(), q.pq().centroids().size() * sizeof(float));
  if (q.qnorm()) {
    out->PutBytes(q.norm_codes().data(), q.norm_codes().size());
    out->PutBytes(q.norm_pq().centroids().data(), q.norm_pq().centroids().size() * sizeof(float));
  }
}

// Format 3: each matrix is preceded by its encoding (kDense or kQuantized).
constexpr uint8_t kDense = 0;
constexpr uint8_t kQuantized = 1;

void PutWeights(ModelSink* out, const linalg::DenseMatrix& dense,
                const std::optional<linalg::QuantMatrix>& quant) {
  out->Put<uint8_t>(quant ? kQuantized : kDense);
  if (quant) {
    PutQuantMatrix(out, *quant);
  } else {
    PutMatrix(out, dense);
  }
}

void WriteModel(const ModelData& d, ModelSink* out) {
  out->PutBytes(kMagic.data(), kMagic.size());
  out->Put<uint32_t>(kClassifierFormatVersion);
  out->PutString(kKind);
  out->Put<uint32_t>(static_cast<uint32_t>(d.tokenizer));
  out->Put<int32_t>(d.word_ngrams);
  out->Put<uint64_t>(d.buckets);
  out->Put<uint32_t>(static_cast<uint32_t>(d.loss));
  out->Put<int32_t>(d.epochs);
  out->Put<float>(d.lr);
  out->Put<int32_t>(d.negatives);
  out->Put<uint64_t>(d.seed);
  out->Put<uint8_t>(d.dense_buckets ? 1 : 0);
  out->Put<int32_t>(d.minn);
  out->Put<int32_t>(d.maxn);
  out->Put<uint64_t>(d.words.size());
  for (size_t i = 0; i < d.words.size(); ++i) {
    out->PutString(d.words[i]);
    out->Put<uint32_t>(d.word_hashes[i]);
  }
  out->Put<uint64_t>(d.labels.size());
  for (size_t i = 0; i < d.labels.size(); ++i) {
    out->PutString(d.labels[i]);
    out->Put<int64_t>(d.label_counts[i]);
  }
  out->Put<uint64_t>(d.bucket_ids.size());
  out->PutBytes(d.bucket_ids.data(), d.bucket_ids.size() * sizeof(uint32_t));
  PutWeights(out, d.input, d.quant_input);
  PutWeights(out, d.output, d.quant_output);
}

// Bounds-checked little-endian reader over the file body.
class Reader {
 public:
  Reader(std::string_view bytes, std::string_view name) : bytes_(bytes), name_(name) {}

  template <typename T>
  absl::Status Get(T* value) {
    WL_RETURN_IF_ERROR(Need(sizeof(T)));
    std::memcpy(value, bytes_.data() + pos_, sizeof(T));
    pos_ += sizeof(T);
    return absl::OkStatus();
  }
  absl::Status GetString(std::string* s) {
    uint32_t size;
    WL_RETURN_IF_ERROR(Get(&size));
    WL_RETURN_IF_ERROR(Need(size));
    s->assign(bytes_.data() + pos_, size);
    pos_ += size;
    return absl::OkStatus();
  }
  absl::Status GetCount(uint64_t* n, size_t min_bytes_each) {
    WL_RETURN_IF_ERROR(Get(n));
    if (*n > (bytes_.size() - pos_) / min_bytes_each) return Truncated();
    return absl::OkStatus();
  }
  absl::Status GetMatrix(linalg::DenseMatrix* m) {
    uint64_t rows, cols;
    WL_RETURN_IF_ERROR(Get(&rows));
    WL_RETURN_IF_ERROR(Get(&cols));
    if (cols > (1u << 20) || (cols > 0 && rows > (bytes_.size() - pos_) / 4 / cols)) {
      return Truncated();
    }
    WL_RETURN_IF_ERROR(Need(rows * cols * sizeof(float)));
    m->Resize(rows, cols);
    if (m->size() > 0) std::memcpy(m->data(), bytes_.data() + pos_, m->size() * sizeof(float));
    pos_ += rows * cols * sizeof(float);
    return absl::OkStatus();
  }
  // A view of the next `n` bytes.
  absl::Status GetBytes(uint64_t n, std::string_view* out) {
    WL_RETURN_IF_ERROR(Need(n));
    *out = bytes_.substr(pos_, n);
    pos_ += n;
    return absl::OkStatus();
  }
  template <typename T>
  absl::Status GetArray(uint64_t n, std::vector<T>* out) {
    if (n > (bytes_.size() - pos_) / sizeof(T)) return Truncated();
    out->resize(n);
    if (n > 0) std::memcpy(out->data(), bytes_.data() + pos_, n * sizeof(T));
    pos_ += n * sizeof(T);
    return absl::OkStatus();
  }
  bool AtEnd() const { return pos_ == bytes_.size(); }
  absl::Status Corrupt(std::string_view what) const {
    return absl::DataLossError(absl::StrCat(ToAbsl(name_), ": corrupt classifier model at byte ",
                                            pos_, ": ", ToAbsl(what)));
  }
  absl::Status Truncated() const {
    return absl::DataLossError(
        absl::StrCat(ToAbsl(name_), ": truncated or corrupt classifier model at byte ", pos_));
  }

 private:
  absl::Status Need(uint64_t n) const {
    return n <= bytes_.size() - pos_ ? absl::OkStatus() : Truncated();
  }
  std::string_view bytes_;
  std::string_view name_;
  size_t pos_ = 0;
};

absl::Status GetQuantMatrix(Reader* r, std::optional<linalg::QuantMatrix>* out) {
  uint8_t qnorm;
  uint64_t rows, cols;
  int32_t dsub, subspaces, last_dsub;
  WL_RETURN_IF_ERROR(r->Get(&qnorm));
  WL_RETURN_IF_ERROR(r->Get(&rows));
  WL_RETURN_IF_ERROR(r->Get(&cols));
  WL_RETURN_IF_ERROR(r->Get(&dsub));
  WL_RETURN_IF_ERROR(r->Get(&subspaces));
  WL_RETURN_IF_ERROR(r->Get(&last_dsub));
  if (qnorm > 1 || cols == 0 || cols > (1u << 20) || subspaces <= 0) return r->Truncated();
  std::vector<uint8_t> codes, norm_codes;
  std::vector<float> centroids, norm_centroids;
  if (rows > std::numeric_limits<uint64_t>::max() / static_cast<uint64_t>(subspaces)) {
    return r->Truncated();
  }
  WL_RETURN_IF_ERROR(r->GetArray(rows * subspaces, &codes));
  WL_RETURN_IF_ERROR(r->GetArray(cols * linalg::ProductQuantizer::kCentroids, &centroids));
  auto pq = linalg::ProductQuantizer::FromParts(static_cast<int32_t>(cols), subspaces, dsub,
                                                last_dsub, std::move(centroids));
  if (!pq.ok()) return r->Corrupt(std::string(pq.status().message()));
  linalg::ProductQuantizer norm_pq;
  if (qnorm) {
    WL_RETURN_IF_ERROR(r->GetArray(rows, &norm_codes));
    WL_RETURN_IF_ERROR(r->GetArray(linalg::ProductQuantizer::kCentroids, &norm_centroids));
    auto npq = linalg::ProductQuantizer::FromParts(1, 1, 1, 1, std::move(norm_centroids));
    if (!npq.ok()) return r->Corrupt(std::string(npq.status().message()));
    norm_pq = *std::move(npq);
  }
  auto q = linalg::QuantMatrix::FromParts(rows, cols, *std::move(pq), std::move(codes), qnorm,
                                          std::move(norm_pq), std::move(norm_codes));
  if (!q.ok()) return r->Corrupt(std::string(q.status().message()));
  *out = *std::move(q);
  return absl::OkStatus();
}

// One weight matrix; from format 3 on, preceded by its encoding.
absl::Status GetWeights(Reader* r, uint32_t version, linalg::DenseMatrix* dense,
                        std::optional<linalg::QuantMatrix>* quant) {
  uint8_t encoding = kDense;
  if (version >= 3) WL_RETURN_IF_ERROR(r->Get(&encoding));
  if (encoding == kDense) return r->GetMatrix(dense);
  if (encoding == kQuantized) return GetQuantMatrix(r, quant);
  return r->Corrupt(absl::StrCat("unknown matrix encoding ", encoding));
}

absl::Status ParseBody(Reader* r, uint32_t version, ModelData* d) {
  uint32_t tokenizer, loss;
  uint8_t dense;
  WL_RETURN_IF_ERROR(r->Get(&tokenizer));
  WL_RETURN_IF_ERROR(r->Get(&d->word_ngrams));
  WL_RETURN_IF_ERROR(r->Get(&d->buckets));
  WL_RETURN_IF_ERROR(r->Get(&loss));
  WL_RETURN_IF_ERROR(r->Get(&d->epochs));
  WL_RETURN_IF_ERROR(r->Get(&d->lr));
  WL_RETURN_IF_ERROR(r->Get(&d->negatives));
  WL_RETURN_IF_ERROR(r->Get(&d->seed));
  WL_RETURN_IF_ERROR(r->Get(&dense));
  if (version >= 2) {
    WL_RETURN_IF_ERROR(r->Get(&d->minn));
    WL_RETURN_IF_ERROR(r->Get(&d->maxn));
  }
  if (tokenizer > 1 || loss > 3 || dense > 1 || d->minn < 0 || d->maxn < 0 || d->maxn > 64) {
    return r->Truncated();
  }
  d->tokenizer = static_cast<TokenizerMode>(tokenizer);
  d->loss = static_cast<LossKind>(loss);
  d->dense_buckets = dense != 0;
  uint64_t n;
  WL_RETURN_IF_ERROR(r->GetCount(&n, 8));
  d->words.resize(n);
  d->word_hashes.resize(n);
  for (uint64_t i = 0; i < n; ++i) {
    WL_RETURN_IF_ERROR(r->GetString(&d->words[i]));
    WL_RETURN_IF_ERROR(r->Get(&d->word_hashes[i]));
  }
  WL_RETURN_IF_ERROR(r->GetCount(&n, 12));
  d->labels.resize(n);
  d->label_counts.resize(n);
  for (uint64_t i = 0; i < n; ++i) {
    WL_RETURN_IF_ERROR(r->GetString(&d->labels[i]));
    WL_RETURN_IF_ERROR(r->Get(&d->label_counts[i]));
  }
  WL_RETURN_IF_ERROR(r->GetCount(&n, 4));
  d->bucket_ids.resize(n);
  for (uint64_t i = 0; i < n; ++i) WL_RETURN_IF_ERROR(r->Get(&d->bucket_ids[i]));
  WL_RETURN_IF_ERROR(GetWeights(r, version, &d->input, &d->quant_input));
  WL_RETURN_IF_ERROR(GetWeights(r, version, &d->output, &d->quant_output));
  if (!r->AtEnd()) return r->Truncated();
  return absl::OkStatus();
}

}  // namespace

std::string SerializeModel(const ModelData& d) {
  std::string out;
  ModelSink sink([&out](std::string_view data) {
    out.append(data);
    return absl::OkStatus();
  });
  WriteModel(d, &sink);
  sink.Finish().IgnoreError();  // appending to a string cannot fail
  return out;
}

absl::StatusOr<ModelData> ParseModel(std::string_view bytes, std::string_view name) {
  const std::string where(name);
  if (bytes.size() < kMagic.size() || bytes.substr(0, kMagic.size()) != kMagic) {
    return absl::InvalidArgumentError(absl::StrCat(where, ": not a wordloom model file"));
  }
  Reader header(bytes.substr(kMagic.size()), name);
  uint32_t version;
  std::string kind;
  if (!header.Get(&version).ok() || !header.GetString(&kind).ok()) {
    return absl::DataLossError(absl::StrCat(where, ": truncated model header"));
  }
  if (kind != kKind) {
    return absl::InvalidArgumentError(
        absl::StrCat(where, ": a wordloom '", kind, "' model, not a classifier"));
  }
  if (version < 1 || version > kClassifierFormatVersion) {
    return absl::FailedPreconditionError(absl::StrCat(
        where, ": classifier format version ", version, " (this build reads 1 to ",
        kClassifierFormatVersion, ")"));
  }
  if (bytes.size() < kMagic.size() + 4 + 4 + kKind.size() + 8) {
    return absl::DataLossError(absl::StrCat(where, ": truncated classifier model"));
  }
  std::string_view body = bytes.substr(0, bytes.size() - 8);
  uint64_t stored;
  std::memcpy(&stored, bytes.data() + body.size(), 8);
  if (XXH3_64bits(body.data(), body.size()) != stored) {
    return absl::DataLossError(
        absl::StrCat(where, ": checksum mismatch (truncated or corrupt classifier model)"));
  }
  const size_t header_size = kMagic.size() + 4 + 4 + kKind.size();
  Reader reader(body.substr(header_size), name);
  ModelData data;
  WL_RETURN_IF_ERROR(ParseBody(&reader, version, &data));
  return data;
}

absl::Status SaveClassifier(const ClassifierModel& model, const std::string& path) {
  WL_ASSIGN_OR_RETURN(auto file, AtomicFileWriter::Create(path));
  ModelSink sink([&file](std::string_view data) { return file->Append(data); });
  WriteModel(model.data(), &sink);
  WL_RETURN_IF_ERROR(sink.Finish());
  return file->Commit();
}

absl::StatusOr<std::unique_ptr<ClassifierModel>> LoadClassifier(const std::string& path) {
  WL_ASSIGN_OR_RETURN(auto file, MappedFile::Open(path));
  ModelData data;
  if (LooksLikeFastTextModel(file->view())) {
    WL_ASSIGN_OR_RETURN(data, ImportFastTextSupervised(file->view(), path));
  } else {
    WL_ASSIGN_OR_RETURN(data, ParseModel(file->view(), path));
  }
  auto model = ClassifierModel::Create(std::move(data));
  if (!model.ok()) {
    return absl::DataLossError(absl::StrCat(path, ": ", model.status().message()));
  }
  return model;
}

}  // namespace wordloom::embeddings::classifier

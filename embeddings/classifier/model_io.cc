#include "embeddings/classifier/model_io.h"

#include <cstring>
#include <utility>

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

template <typename T>
void Put(std::string* out, T value) {
  out->append(reinterpret_cast<const char*>(&value), sizeof(T));
}

void PutString(std::string* out, std::string_view s) {
  Put<uint32_t>(out, static_cast<uint32_t>(s.size()));
  out->append(s);
}

void PutMatrix(std::string* out, const linalg::DenseMatrix& m) {
  Put<uint64_t>(out, m.rows());
  Put<uint64_t>(out, m.cols());
  out->append(reinterpret_cast<const char*>(m.data()), m.size() * sizeof(float));
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
  bool AtEnd() const { return pos_ == bytes_.size(); }
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
  WL_RETURN_IF_ERROR(r->GetMatrix(&d->input));
  WL_RETURN_IF_ERROR(r->GetMatrix(&d->output));
  if (!r->AtEnd()) return r->Truncated();
  return absl::OkStatus();
}

}  // namespace

std::string SerializeModel(const ModelData& d) {
  std::string out;
  out.reserve(256 + (d.input.size() + d.output.size()) * sizeof(float) + d.words.size() * 16);
  out.append(kMagic);
  Put<uint32_t>(&out, kClassifierFormatVersion);
  PutString(&out, kKind);
  Put<uint32_t>(&out, static_cast<uint32_t>(d.tokenizer));
  Put<int32_t>(&out, d.word_ngrams);
  Put<uint64_t>(&out, d.buckets);
  Put<uint32_t>(&out, static_cast<uint32_t>(d.loss));
  Put<int32_t>(&out, d.epochs);
  Put<float>(&out, d.lr);
  Put<int32_t>(&out, d.negatives);
  Put<uint64_t>(&out, d.seed);
  Put<uint8_t>(&out, d.dense_buckets ? 1 : 0);
  Put<int32_t>(&out, d.minn);
  Put<int32_t>(&out, d.maxn);
  Put<uint64_t>(&out, d.words.size());
  for (size_t i = 0; i < d.words.size(); ++i) {
    PutString(&out, d.words[i]);
    Put<uint32_t>(&out, d.word_hashes[i]);
  }
  Put<uint64_t>(&out, d.labels.size());
  for (size_t i = 0; i < d.labels.size(); ++i) {
    PutString(&out, d.labels[i]);
    Put<int64_t>(&out, d.label_counts[i]);
  }
  Put<uint64_t>(&out, d.bucket_ids.size());
  for (uint32_t b : d.bucket_ids) Put<uint32_t>(&out, b);
  PutMatrix(&out, d.input);
  PutMatrix(&out, d.output);
  Put<uint64_t>(&out, XXH3_64bits(out.data(), out.size()));
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
  return WriteFileAtomically(path, SerializeModel(model.data()));
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

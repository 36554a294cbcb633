#include "embeddings/fasttext_format/fasttext_model.h"

#include <algorithm>
#include <cstring>
#include <optional>
#include <utility>

#include "absl/strings/str_cat.h"
#include "core/mapped_file.h"
#include "core/status_macros.h"
#include "embeddings/fasttext_format/byte_reader.h"
#include "embeddings/fasttext_format/fasttext_hash.h"
#include "embeddings/linalg/vector_ops.h"

namespace wordloom::embeddings::fasttext {
namespace {

// Sanity limits that reject garbage sizes before allocating.
constexpr int64_t kMaxDim = 1 << 16;
constexpr int64_t kMaxEntries = 1 << 28;

absl::StatusOr<Args> ReadArgs(ByteReader& in) {
  Args a;
  WL_ASSIGN_OR_RETURN(a.dim, in.Read<int32_t>("args.dim"));
  WL_ASSIGN_OR_RETURN(a.ws, in.Read<int32_t>("args.ws"));
  WL_ASSIGN_OR_RETURN(a.epoch, in.Read<int32_t>("args.epoch"));
  WL_ASSIGN_OR_RETURN(a.min_count, in.Read<int32_t>("args.minCount"));
  WL_ASSIGN_OR_RETURN(a.neg, in.Read<int32_t>("args.neg"));
  WL_ASSIGN_OR_RETURN(a.word_ngrams, in.Read<int32_t>("args.wordNgrams"));
  WL_ASSIGN_OR_RETURN(int32_t loss, in.Read<int32_t>("args.loss"));
  WL_ASSIGN_OR_RETURN(int32_t model, in.Read<int32_t>("args.model"));
  WL_ASSIGN_OR_RETURN(a.bucket, in.Read<int32_t>("args.bucket"));
  WL_ASSIGN_OR_RETURN(a.minn, in.Read<int32_t>("args.minn"));
  WL_ASSIGN_OR_RETURN(a.maxn, in.Read<int32_t>("args.maxn"));
  WL_ASSIGN_OR_RETURN(a.lr_update_rate, in.Read<int32_t>("args.lrUpdateRate"));
  WL_ASSIGN_OR_RETURN(a.t, in.Read<double>("args.t"));
  if (a.dim <= 0 || a.dim > kMaxDim) return in.Corrupt(absl::StrCat("bad dim ", a.dim));
  if (loss < 1 || loss > 4) return in.Corrupt(absl::StrCat("bad loss ", loss));
  if (model < 1 || model > 3) return in.Corrupt(absl::StrCat("bad model ", model));
  if (a.bucket < 0) return in.Corrupt(absl::StrCat("bad bucket ", a.bucket));
  a.loss = static_cast<LossName>(loss);
  a.model = static_cast<ModelName>(model);
  return a;
}

// A matrix as fastText saves it: a quantized flag, then a DenseMatrix
// (i64 rows, i64 cols, floats) or a QuantMatrix.
struct AnyMatrix {
  linalg::DenseMatrix dense;
  std::optional<linalg::QuantMatrix> quant;
  size_t rows() const { return quant ? quant->rows() : dense.rows(); }
  size_t cols() const { return quant ? quant->cols() : dense.cols(); }
};

// Copies `bytes` from `from` to `to` in slices, telling `progress`.
void CopyWithProgress(const char* from, char* to, uint64_t bytes, ProgressReporter* progress) {
  constexpr uint64_t kSlice = 16 << 20;
  for (uint64_t done = 0; done < bytes;) {
    const uint64_t n = std::min(kSlice, bytes - done);
    std::memcpy(to + done, from + done, n);
    done += n;
    if (progress != nullptr) progress->Add(0, n);
  }
}

// The dense matrix after its quant flag, which was read from `start` on.
absl::StatusOr<linalg::DenseMatrix> ReadDenseMatrix(ByteReader& in, std::string_view what,
                                                    uint64_t start, ProgressReporter* progress) {
  WL_ASSIGN_OR_RETURN(int64_t rows, in.Read<int64_t>(absl::StrCat(ToAbsl(what), " rows")));
  WL_ASSIGN_OR_RETURN(int64_t cols, in.Read<int64_t>(absl::StrCat(ToAbsl(what), " cols")));
  if (rows < 0 || cols <= 0 || cols > kMaxDim) {
    return in.Corrupt(absl::StrCat("bad ", ToAbsl(what), " shape ", rows, " x ", cols));
  }
  const uint64_t bytes = static_cast<uint64_t>(rows) * static_cast<uint64_t>(cols) * 4;
  if (progress != nullptr) progress->Add(0, in.position() - start);
  WL_ASSIGN_OR_RETURN(std::string_view data, in.ReadBytes(bytes, what));
  linalg::DenseMatrix m(rows, cols);
  CopyWithProgress(data.data(), reinterpret_cast<char*>(m.data()), bytes, progress);
  return m;
}

// fastText's ProductQuantizer::save: i32 dim, nsubq, dsub, lastdsub, then
// dim * 256 centroid floats.
absl::StatusOr<linalg::ProductQuantizer> ReadQuantizer(ByteReader& in, std::string_view what) {
  const std::string w(what);
  WL_ASSIGN_OR_RETURN(int32_t dim, in.Read<int32_t>(w + " dim"));
  WL_ASSIGN_OR_RETURN(int32_t nsubq, in.Read<int32_t>(w + " nsubq"));
  WL_ASSIGN_OR_RETURN(int32_t dsub, in.Read<int32_t>(w + " dsub"));
  WL_ASSIGN_OR_RETURN(int32_t lastdsub, in.Read<int32_t>(w + " lastdsub"));
  if (dim <= 0 || dim > kMaxDim) return in.Corrupt(absl::StrCat("bad ", w, " dim ", dim));
  const uint64_t count = static_cast<uint64_t>(dim) * linalg::ProductQuantizer::kCentroids;
  WL_ASSIGN_OR_RETURN(std::string_view data, in.ReadBytes(count * 4, w + " centroids"));
  std::vector<float> centroids(count);
  std::memcpy(centroids.data(), data.data(), count * 4);
  auto pq = linalg::ProductQuantizer::FromParts(dim, nsubq, dsub, lastdsub, std::move(centroids));
  if (!pq.ok()) return in.Corrupt(std::string(pq.status().message()));
  return pq;
}

// fastText's QuantMatrix::save: bool qnorm, i64 rows, i64 cols, i32 code
// size, codes, quantizer, then (qnorm) one norm code per row and the norm
// quantizer.
absl::StatusOr<linalg::QuantMatrix> ReadQuantMatrix(ByteReader& in, std::string_view what) {
  const std::string w(what);
  WL_ASSIGN_OR_RETURN(bool qnorm, in.Read<bool>(w + " qnorm"));
  WL_ASSIGN_OR_RETURN(int64_t rows, in.Read<int64_t>(w + " rows"));
  WL_ASSIGN_OR_RETURN(int64_t cols, in.Read<int64_t>(w + " cols"));
  WL_ASSIGN_OR_RETURN(int32_t code_size, in.Read<int32_t>(w + " code size"));
  if (rows < 0 || cols <= 0 || cols > kMaxDim || code_size < 0) {
    return in.Corrupt(absl::StrCat("bad ", w, " shape ", rows, " x ", cols, " (", code_size,
                                   " code bytes)"));
  }
  WL_ASSIGN_OR_RETURN(std::string_view code_bytes, in.ReadBytes(code_size, w + " codes"));
  std::vector<uint8_t> codes(code_bytes.begin(), code_bytes.end());
  WL_ASSIGN_OR_RETURN(linalg::ProductQuantizer pq, ReadQuantizer(in, w + " quantizer"));
  linalg::ProductQuantizer norm_pq;
  std::vector<uint8_t> norm_codes;
  if (qnorm) {
    WL_ASSIGN_OR_RETURN(std::string_view nb, in.ReadBytes(rows, w + " norm codes"));
    norm_codes.assign(nb.begin(), nb.end());
    WL_ASSIGN_OR_RETURN(norm_pq, ReadQuantizer(in, w + " norm quantizer"));
  }
  auto q = linalg::QuantMatrix::FromParts(rows, cols, std::move(pq), std::move(codes), qnorm,
                                          std::move(norm_pq), std::move(norm_codes));
  if (!q.ok()) return in.Corrupt(std::string(q.status().message()));
  return q;
}

absl::StatusOr<AnyMatrix> ReadMatrix(ByteReader& in, std::string_view what,
                                     ProgressReporter* progress) {
  const uint64_t start = in.position();
  WL_ASSIGN_OR_RETURN(bool quantized, in.Read<bool>(absl::StrCat(ToAbsl(what), " quant flag")));
  AnyMatrix m;
  if (quantized) {
    WL_ASSIGN_OR_RETURN(m.quant, ReadQuantMatrix(in, what));
    if (progress != nullptr) progress->Add(0, in.position() - start);
  } else {
    WL_ASSIGN_OR_RETURN(m.dense, ReadDenseMatrix(in, what, start, progress));
  }
  return m;
}

}  // namespace

absl::StatusOr<std::unique_ptr<FastTextModel>> FastTextModel::Load(const std::string& path,
                                                                   ProgressReporter* progress) {
  WL_ASSIGN_OR_RETURN(auto file, MappedFile::Open(path));
  file->AdviseSequential();
  return Parse(file->view(), path, progress);
}

absl::StatusOr<std::unique_ptr<FastTextModel>> FastTextModel::Parse(std::string_view data,
                                                                    const std::string& name,
                                                                    ProgressReporter* progress) {
  ByteReader in(data, name);
  WL_ASSIGN_OR_RETURN(int32_t magic, in.Read<int32_t>("magic"));
  if (magic != kMagic) {
    return absl::InvalidArgumentError(
        absl::StrCat(name, ": not a fastText .bin model (wrong magic number)"));
  }
  WL_ASSIGN_OR_RETURN(int32_t version, in.Read<int32_t>("version"));
  if (version != kVersion) {
    return absl::InvalidArgumentError(absl::StrCat(name, ": unsupported fastText model version ",
                                                   version, " (expected ", kVersion, ")"));
  }
  std::unique_ptr<FastTextModel> m(new FastTextModel());
  WL_ASSIGN_OR_RETURN(m->args_, ReadArgs(in));
  WL_RETURN_IF_ERROR(m->ReadDictionary(in));
  if (progress != nullptr) progress->Add(m->entries_.size(), in.position());
  WL_RETURN_IF_ERROR(m->ReadMatrices(in, progress));
  if (in.remaining() != 0) {
    return in.Corrupt(absl::StrCat(in.remaining(), " unexpected trailing bytes"));
  }
  return m;
}

absl::Status FastTextModel::ReadDictionary(ByteReader& in) {
  WL_ASSIGN_OR_RETURN(int32_t size, in.Read<int32_t>("dictionary size"));
  WL_ASSIGN_OR_RETURN(nwords_, in.Read<int32_t>("dictionary nwords"));
  WL_ASSIGN_OR_RETURN(nlabels_, in.Read<int32_t>("dictionary nlabels"));
  WL_ASSIGN_OR_RETURN(ntokens_, in.Read<int64_t>("dictionary ntokens"));
  WL_ASSIGN_OR_RETURN(int64_t prune_size, in.Read<int64_t>("dictionary pruneidx size"));
  if (size < 0 || size > kMaxEntries || nwords_ < 0 || nlabels_ < 0 ||
      nwords_ + nlabels_ != size) {
    return in.Corrupt(absl::StrCat("bad dictionary sizes ", size, " / ", nwords_, " / ",
                                   nlabels_));
  }
  if (prune_size < -1 || prune_size > args_.bucket) {
    return in.Corrupt(absl::StrCat("bad pruned n-gram count ", prune_size));
  }
  entries_.resize(size);
  ids_.reserve(size);
  for (int32_t i = 0; i < size; ++i) {
    Entry& e = entries_[i];
    WL_ASSIGN_OR_RETURN(std::string_view word, in.ReadCString("dictionary word"));
    e.word = std::string(word);
    WL_ASSIGN_OR_RETURN(e.count, in.Read<int64_t>("dictionary count"));
    WL_ASSIGN_OR_RETURN(int8_t type, in.Read<int8_t>("dictionary entry type"));
    if (type != 0 && type != 1) return in.Corrupt(absl::StrCat("bad entry type ", type));
    e.type = static_cast<EntryType>(type);
    ids_.emplace(e.word, i);
  }
  pruned_ = prune_size >= 0;
  for (int64_t i = 0; i < prune_size; ++i) {  // bucket -> compact n-gram row
    WL_ASSIGN_OR_RETURN(int32_t bucket, in.Read<int32_t>("pruneidx bucket"));
    WL_ASSIGN_OR_RETURN(int32_t row, in.Read<int32_t>("pruneidx row"));
    if (bucket < 0 || bucket >= args_.bucket || row < 0 || row >= prune_size ||
        !prune_index_.emplace(bucket, row).second) {
      return in.Corrupt(absl::StrCat("bad pruneidx entry ", bucket, " -> ", row));
    }
  }
  return absl::OkStatus();
}

absl::Status FastTextModel::ReadMatrices(ByteReader& in, ProgressReporter* progress) {
  WL_ASSIGN_OR_RETURN(AnyMatrix input, ReadMatrix(in, "input matrix", progress));
  WL_ASSIGN_OR_RETURN(AnyMatrix output, ReadMatrix(in, "output matrix", progress));
  const int64_t want_rows =
      int64_t{nwords_} + (pruned_ ? static_cast<int64_t>(prune_index_.size()) : args_.bucket);
  if (input.cols() != static_cast<size_t>(args_.dim) ||
      static_cast<int64_t>(input.rows()) != want_rows) {
    return absl::DataLossError(absl::StrCat(in.name(), ": input matrix is ", input.rows(), " x ",
                                            input.cols(), ", expected ", want_rows, " x ",
                                            args_.dim));
  }
  if (output.cols() != static_cast<size_t>(args_.dim)) {
    return absl::DataLossError(absl::StrCat(in.name(), ": output matrix has ", output.cols(),
                                            " columns, expected ", args_.dim));
  }
  input_ = std::move(input.dense);
  quant_input_ = std::move(input.quant);
  output_ = std::move(output.dense);
  quant_output_ = std::move(output.quant);
  return absl::OkStatus();
}

int32_t FastTextModel::Find(std::string_view token) const {
  auto it = ids_.find(token);
  return it == ids_.end() ? -1 : it->second;
}

int32_t FastTextModel::FindLabel(std::string_view label) const {
  int32_t id = Find(label);
  return id >= nwords_ ? id - nwords_ : -1;
}

std::vector<int32_t> FastTextModel::SubwordIds(std::string_view word) const {
  std::vector<int32_t> ids;
  int32_t id = Find(word);
  if (id >= 0 && id < nwords_) ids.push_back(id);
  if (word == kEos) return ids;
  if (!pruned_) {
    AppendCharNgramIds(WithBoundaries(word), args_.minn, args_.maxn, args_.bucket, nwords_, &ids);
    return ids;
  }
  std::vector<int32_t> buckets;
  AppendCharNgramIds(WithBoundaries(word), args_.minn, args_.maxn, args_.bucket, 0, &buckets);
  for (int32_t b : buckets) {
    auto it = prune_index_.find(b);
    if (it != prune_index_.end()) ids.push_back(nwords_ + it->second);
  }
  return ids;
}

void FastTextModel::WordVector(std::string_view word, float* out) const {
  const size_t dim = static_cast<size_t>(args_.dim);
  linalg::Zero(out, dim);
  std::vector<int32_t> ids = SubwordIds(word);
  for (int32_t id : ids) {
    if (quant_input_) {
      quant_input_->AddRowTo(id, 1.0f, out);
    } else {
      linalg::Axpy(1.0f, input_.Row(id), out, dim);
    }
  }
  if (!ids.empty()) linalg::Scale(1.0f / static_cast<float>(ids.size()), out, dim);
}

}  // namespace wordloom::embeddings::fasttext

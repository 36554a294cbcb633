#include "embeddings/fasttext_format/fasttext_model.h"

#include <algorithm>
#include <cstring>
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

absl::StatusOr<linalg::DenseMatrix> ReadDenseMatrix(ByteReader& in, std::string_view what,
                                                    ProgressReporter* progress) {
  const uint64_t start = in.position();
  WL_ASSIGN_OR_RETURN(bool quantized, in.Read<bool>(absl::StrCat(ToAbsl(what), " quant flag")));
  if (quantized) {
    return absl::UnimplementedError(absl::StrCat(
        in.name(), ": quantized fastText models (.ftz) are not supported; use the .bin"));
  }
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
  WL_ASSIGN_OR_RETURN(int32_t size, in.Read<int32_t>("dictionary size"));
  WL_ASSIGN_OR_RETURN(m->nwords_, in.Read<int32_t>("dictionary nwords"));
  WL_ASSIGN_OR_RETURN(m->nlabels_, in.Read<int32_t>("dictionary nlabels"));
  WL_ASSIGN_OR_RETURN(m->ntokens_, in.Read<int64_t>("dictionary ntokens"));
  WL_ASSIGN_OR_RETURN(int64_t prune_size, in.Read<int64_t>("dictionary pruneidx size"));
  if (size < 0 || size > kMaxEntries || m->nwords_ < 0 || m->nlabels_ < 0 ||
      m->nwords_ + m->nlabels_ != size) {
    return in.Corrupt(absl::StrCat("bad dictionary sizes ", size, " / ", m->nwords_, " / ",
                                   m->nlabels_));
  }
  if (prune_size != -1) {
    return absl::UnimplementedError(
        absl::StrCat(name, ": pruned (quantized) fastText dictionaries are not supported"));
  }
  m->entries_.resize(size);
  m->ids_.reserve(size);
  for (int32_t i = 0; i < size; ++i) {
    Entry& e = m->entries_[i];
    WL_ASSIGN_OR_RETURN(std::string_view word, in.ReadCString("dictionary word"));
    e.word = std::string(word);
    WL_ASSIGN_OR_RETURN(e.count, in.Read<int64_t>("dictionary count"));
    WL_ASSIGN_OR_RETURN(int8_t type, in.Read<int8_t>("dictionary entry type"));
    if (type != 0 && type != 1) return in.Corrupt(absl::StrCat("bad entry type ", type));
    e.type = static_cast<EntryType>(type);
    m->ids_.emplace(e.word, i);
  }
  if (progress != nullptr) progress->Add(size, in.position());
  WL_ASSIGN_OR_RETURN(m->input_, ReadDenseMatrix(in, "input matrix", progress));
  WL_ASSIGN_OR_RETURN(m->output_, ReadDenseMatrix(in, "output matrix", progress));
  const int64_t want_rows = int64_t{m->nwords_} + m->args_.bucket;
  if (m->input_.cols() != static_cast<size_t>(m->args_.dim) ||
      static_cast<int64_t>(m->input_.rows()) != want_rows) {
    return absl::DataLossError(absl::StrCat(name, ": input matrix is ", m->input_.rows(), " x ",
                                            m->input_.cols(), ", expected ", want_rows, " x ",
                                            m->args_.dim));
  }
  if (m->output_.cols() != static_cast<size_t>(m->args_.dim)) {
    return absl::DataLossError(absl::StrCat(name, ": output matrix has ", m->output_.cols(),
                                            " columns, expected ", m->args_.dim));
  }
  if (in.remaining() != 0) {
    return in.Corrupt(absl::StrCat(in.remaining(), " unexpected trailing bytes"));
  }
  return m;
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
  if (word != kEos) {
    AppendCharNgramIds(WithBoundaries(word), args_.minn, args_.maxn, args_.bucket, nwords_, &ids);
  }
  return ids;
}

void FastTextModel::WordVector(std::string_view word, float* out) const {
  const size_t dim = input_.cols();
  linalg::Zero(out, dim);
  std::vector<int32_t> ids = SubwordIds(word);
  for (int32_t id : ids) linalg::Axpy(1.0f, input_.Row(id), out, dim);
  if (!ids.empty()) linalg::Scale(1.0f / static_cast<float>(ids.size()), out, dim);
}

}  // namespace wordloom::embeddings::fasttext

#include "topics/model_file.h"

#include <bit>
#include <cstring>
#include <type_traits>

#include "absl/strings/str_cat.h"
#include "core/atomic_file.h"
#include "core/mapped_file.h"
#include "core/status_macros.h"
#include "core/strings.h"

#define XXH_INLINE_ALL
#include <xxhash.h>

namespace wordloom::topics {
namespace {

static_assert(std::endian::native == std::endian::little, "model files are little-endian");

template <typename T>
void Put(std::string* out, T value) {
  static_assert(std::is_trivially_copyable_v<T>);
  out->append(reinterpret_cast<const char*>(&value), sizeof(T));
}
void PutString(std::string* out, std::string_view s) {
  Put<uint32_t>(out, static_cast<uint32_t>(s.size()));
  out->append(s);
}

// Bounds-checked reading of the fields Put() wrote.
class Cursor {
 public:
  Cursor(std::string_view bytes, std::string_view source) : bytes_(bytes), source_(source) {}
  template <typename T>
  absl::StatusOr<T> Get() {
    if (bytes_.size() - pos_ < sizeof(T)) return Truncated();
    T value;
    std::memcpy(&value, bytes_.data() + pos_, sizeof(T));
    pos_ += sizeof(T);
    return value;
  }
  absl::StatusOr<std::string_view> GetString() {
    WL_ASSIGN_OR_RETURN(uint32_t n, Get<uint32_t>());
    if (bytes_.size() - pos_ < n) return Truncated();
    std::string_view s = bytes_.substr(pos_, n);
    pos_ += n;
    return s;
  }
  absl::Status Truncated() const {
    return absl::DataLossError(absl::StrCat(ToAbsl(source_), ": model file truncated or corrupt at byte ", pos_));
  }
  size_t pos() const { return pos_; }

 private:
  std::string_view bytes_;
  std::string_view source_;
  size_t pos_ = 0;
};

absl::Status CheckHeader(std::string_view bytes, std::string_view source) {
  if (bytes.size() < kModelMagic.size() || bytes.substr(0, kModelMagic.size()) != kModelMagic) {
    return absl::InvalidArgumentError(
        absl::StrCat(ToAbsl(source), ": not a wordloom model file (bad magic)"));
  }
  Cursor c(bytes.substr(kModelMagic.size()), source);
  WL_ASSIGN_OR_RETURN(uint32_t version, c.Get<uint32_t>());
  WL_ASSIGN_OR_RETURN(std::string_view kind, c.GetString());
  if (kind != kLdaKind) {
    return absl::FailedPreconditionError(absl::StrCat(
        ToAbsl(source), ": holds a '", ToAbsl(kind), "' model, not an LDA topic model ('lda')"));
  }
  if (version != kLdaFormatVersion) {
    return absl::FailedPreconditionError(absl::StrCat(ToAbsl(source), ": LDA model format version ",
                                                      version, "; this build reads version ",
                                                      kLdaFormatVersion));
  }
  if (bytes.size() < kModelMagic.size() + 8 + sizeof(uint64_t)) return c.Truncated();
  const size_t body = bytes.size() - sizeof(uint64_t);
  uint64_t stored;
  std::memcpy(&stored, bytes.data() + body, sizeof(stored));
  if (XXH64(bytes.data(), body, 0) != stored) {
    return absl::DataLossError(
        absl::StrCat(ToAbsl(source), ": model file checksum mismatch (truncated or corrupt)"));
  }
  return absl::OkStatus();
}

absl::Status ReadCounts(Cursor& c, uint32_t k, uint32_t v, LdaModelData* data) {
  data->word_topics.resize(v);
  for (uint32_t w = 0; w < v; ++w) {
    WL_ASSIGN_OR_RETURN(uint32_t n, c.Get<uint32_t>());
    if (n > k) return c.Truncated();
    auto& row = data->word_topics[w];
    row.resize(n);
    for (uint32_t i = 0; i < n; ++i) {
      WL_ASSIGN_OR_RETURN(row[i].topic, c.Get<int32_t>());
      WL_ASSIGN_OR_RETURN(row[i].count, c.Get<int32_t>());
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<LdaModelData> ReadBody(Cursor& c, std::string_view source) {
  LdaModelData data;
  WL_ASSIGN_OR_RETURN(uint32_t k, c.Get<uint32_t>());
  WL_ASSIGN_OR_RETURN(uint32_t v, c.Get<uint32_t>());
  if (k > (1u << 20) || v > (1u << 28)) return c.Truncated();
  data.alpha.resize(k);
  for (auto& a : data.alpha) {
    WL_ASSIGN_OR_RETURN(a, c.Get<double>());
  }
  data.beta.resize(v);
  for (auto& b : data.beta) {
    WL_ASSIGN_OR_RETURN(b, c.Get<double>());
  }
  WL_ASSIGN_OR_RETURN(std::string_view language, c.GetString());
  data.text.stopwords_language = std::string(language);
  WL_ASSIGN_OR_RETURN(uint8_t words_only, c.Get<uint8_t>());
  data.text.words_only = words_only != 0;
  TrainingStats& s = data.stats;
  WL_ASSIGN_OR_RETURN(s.iterations, c.Get<int32_t>());
  WL_ASSIGN_OR_RETURN(s.threads, c.Get<int32_t>());
  WL_ASSIGN_OR_RETURN(s.seed, c.Get<uint64_t>());
  WL_ASSIGN_OR_RETURN(s.documents, c.Get<int64_t>());
  WL_ASSIGN_OR_RETURN(s.tokens, c.Get<int64_t>());
  WL_ASSIGN_OR_RETURN(s.seconds, c.Get<double>());
  WL_ASSIGN_OR_RETURN(std::string_view vocab, c.GetString());
  WL_ASSIGN_OR_RETURN(data.vocab, nlp::Vocabulary::Parse(vocab, source));
  if (data.vocab.size() != v) return c.Truncated();
  WL_RETURN_IF_ERROR(ReadCounts(c, k, v, &data));
  return data;
}

}  // namespace

std::string SerializeLdaModel(const LdaModel& model) {
  const LdaModelData& d = model.data();
  std::string out(kModelMagic);
  Put<uint32_t>(&out, kLdaFormatVersion);
  PutString(&out, kLdaKind);
  Put<uint32_t>(&out, model.num_topics());
  Put<uint32_t>(&out, model.vocab_size());
  for (double a : d.alpha) Put(&out, a);
  for (double b : d.beta) Put(&out, b);
  PutString(&out, d.text.stopwords_language);
  Put<uint8_t>(&out, d.text.words_only ? 1 : 0);
  Put(&out, d.stats.iterations);
  Put(&out, d.stats.threads);
  Put(&out, d.stats.seed);
  Put(&out, d.stats.documents);
  Put(&out, d.stats.tokens);
  Put(&out, d.stats.seconds);
  PutString(&out, d.vocab.Serialize());
  for (const auto& row : d.word_topics) {
    Put<uint32_t>(&out, static_cast<uint32_t>(row.size()));
    for (const TopicCount& tc : row) {
      Put(&out, tc.topic);
      Put(&out, tc.count);
    }
  }
  Put<uint64_t>(&out, XXH64(out.data(), out.size(), 0));
  return out;
}

absl::Status SaveLdaModel(const LdaModel& model, const std::string& path) {
  return WriteFileAtomically(path, SerializeLdaModel(model));
}

absl::StatusOr<std::unique_ptr<LdaModel>> ParseLdaModel(std::string_view bytes,
                                                        std::string_view source) {
  WL_RETURN_IF_ERROR(CheckHeader(bytes, source));
  Cursor c(bytes.substr(0, bytes.size() - sizeof(uint64_t)), source);
  WL_ASSIGN_OR_RETURN(auto magic, c.Get<uint64_t>());
  (void)magic;
  WL_ASSIGN_OR_RETURN(auto version, c.Get<uint32_t>());
  (void)version;
  WL_ASSIGN_OR_RETURN(auto kind, c.GetString());
  (void)kind;
  WL_ASSIGN_OR_RETURN(LdaModelData data, ReadBody(c, source));
  if (c.pos() != bytes.size() - sizeof(uint64_t)) return c.Truncated();
  auto model = LdaModel::Create(std::move(data));
  if (!model.ok()) {
    return absl::DataLossError(absl::StrCat(ToAbsl(source), ": ", model.status().message()));
  }
  return model;
}

absl::StatusOr<std::unique_ptr<LdaModel>> LoadLdaModel(const std::string& path) {
  WL_ASSIGN_OR_RETURN(auto file, MappedFile::Open(path));
  return ParseLdaModel(file->view(), path);
}

}  // namespace wordloom::topics

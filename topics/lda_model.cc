#include "topics/lda_model.h"

#include <algorithm>
#include <cmath>

#include "absl/strings/str_cat.h"
#include "core/status_macros.h"

namespace wordloom::topics {
namespace {

absl::Status CheckPositive(const std::vector<double>& values, const char* name) {
  for (size_t i = 0; i < values.size(); ++i) {
    if (!(values[i] > 0) || !std::isfinite(values[i])) {
      return absl::InvalidArgumentError(
          absl::StrCat(name, "[", i, "] = ", values[i], " must be positive and finite"));
    }
  }
  return absl::OkStatus();
}

absl::Status Validate(const LdaModelData& data) {
  const size_t k = data.alpha.size(), v = data.vocab.size();
  if (k == 0) return absl::InvalidArgumentError("an LDA model needs at least one topic");
  if (v == 0) return absl::InvalidArgumentError("an LDA model needs a non-empty vocabulary");
  if (data.beta.size() != v || data.word_topics.size() != v) {
    return absl::InvalidArgumentError(absl::StrCat("vocabulary has ", v, " terms but beta has ",
                                                   data.beta.size(), " and counts ",
                                                   data.word_topics.size()));
  }
  WL_RETURN_IF_ERROR(CheckPositive(data.alpha, "alpha"));
  WL_RETURN_IF_ERROR(CheckPositive(data.beta, "beta"));
  for (size_t w = 0; w < v; ++w) {
    int32_t last = -1;
    for (const TopicCount& tc : data.word_topics[w]) {
      if (tc.topic <= last || tc.topic >= static_cast<int32_t>(k) || tc.count <= 0) {
        return absl::InvalidArgumentError(absl::StrCat("bad topic count (", tc.topic, ", ",
                                                       tc.count, ") for term ", w));
      }
      last = tc.topic;
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::unique_ptr<LdaModel>> LdaModel::Create(LdaModelData data) {
  WL_RETURN_IF_ERROR(Validate(data));
  auto model = std::unique_ptr<LdaModel>(new LdaModel(std::move(data)));
  model->Derive();
  return model;
}

void LdaModel::Derive() {
  const int32_t k = num_topics(), v = vocab_size();
  alpha_sum_ = 0;
  for (double a : data_.alpha) alpha_sum_ += a;
  double beta_sum = 0;
  for (double b : data_.beta) beta_sum += b;
  topic_totals_.assign(k, 0);
  for (const auto& row : data_.word_topics) {
    for (const TopicCount& tc : row) topic_totals_[tc.topic] += tc.count;
  }
  std::vector<double> inv(k);
  for (int32_t t = 0; t < k; ++t) inv[t] = 1.0 / (static_cast<double>(topic_totals_[t]) + beta_sum);
  phi_.resize(static_cast<size_t>(v) * k);
  for (int32_t w = 0; w < v; ++w) {
    float* row = &phi_[static_cast<size_t>(w) * k];
    for (int32_t t = 0; t < k; ++t) row[t] = static_cast<float>(data_.beta[w] * inv[t]);
    for (const TopicCount& tc : data_.word_topics[w]) {
      row[tc.topic] = static_cast<float>((tc.count + data_.beta[w]) * inv[tc.topic]);
    }
  }
  const size_t n = std::min<size_t>(kMaxTopTerms, v);
  top_terms_.assign(k, {});
  std::vector<TermWeight> column(v);
  for (int32_t t = 0; t < k; ++t) {
    for (int32_t w = 0; w < v; ++w) column[w] = {w, Phi(t, w)};
    std::partial_sort(column.begin(), column.begin() + n, column.end(),
                      [](const TermWeight& a, const TermWeight& b) {
                        return a.weight != b.weight ? a.weight > b.weight : a.term < b.term;
                      });
    top_terms_[t].assign(column.begin(), column.begin() + n);
  }
}

std::vector<TermWeight> LdaModel::TopTerms(int32_t k, size_t n) const {
  const auto& top = top_terms_[k];
  return std::vector<TermWeight>(top.begin(), top.begin() + std::min(n, top.size()));
}

}  // namespace wordloom::topics

#include "topics/trainer.h"

#include <algorithm>
#include <cmath>

#include "absl/strings/str_cat.h"
#include "core/status_macros.h"
#include "core/thread_pool.h"
#include "topics/random.h"

namespace wordloom::topics {

namespace {

absl::Status CheckPriors(const std::vector<double>& values, size_t size, const char* name) {
  if (values.size() != size) {
    return absl::InvalidArgumentError(
        absl::StrCat(name, " has ", values.size(), " values, expected ", size));
  }
  for (double x : values) {
    if (!(x > 0) || !std::isfinite(x)) {
      return absl::InvalidArgumentError(absl::StrCat(name, " values must be positive, got ", x));
    }
  }
  return absl::OkStatus();
}

absl::Status CheckOptions(const Corpus& corpus, const TrainerOptions& o) {
  WL_RETURN_IF_ERROR(ValidateCorpus(corpus, "training corpus"));
  const size_t v = corpus.vocab.size();
  if (o.num_topics <= 0) {
    return absl::InvalidArgumentError(absl::StrCat("number of topics must be at least 1, got ", o.num_topics));
  }
  if (static_cast<size_t>(o.num_topics) > v) {
    return absl::InvalidArgumentError(absl::StrCat("number of topics (", o.num_topics,
                                                   ") exceeds the vocabulary size (", v, ")"));
  }
  WL_RETURN_IF_ERROR(CheckPriors(o.alpha_vector.empty() ? std::vector<double>(o.num_topics, o.alpha)
                                                        : o.alpha_vector,
                                 o.num_topics, "alpha"));
  WL_RETURN_IF_ERROR(CheckPriors(o.beta_vector.empty() ? std::vector<double>(1, o.beta) : o.beta_vector,
                                 o.beta_vector.empty() ? 1 : v, "beta"));
  if (o.iterations < 0 || o.mh_steps < 1 || o.optimize_interval < 1) {
    return absl::InvalidArgumentError("iterations must be >= 0, mh_steps and optimize_interval >= 1");
  }
  if (corpus.NumTokens() >= (int64_t{1} << 31)) {
    return absl::ResourceExhaustedError("more than 2^31 tokens: shard the corpus");
  }
  return absl::OkStatus();
}

}  // namespace

LdaTrainer::LdaTrainer(const TrainerOptions& options, int32_t vocab_size)
    : options_(options), k_(options.num_topics), v_(vocab_size) {
  threads_ = options.threads ? options.threads : ThreadPool::DefaultThreads();
  SetAlpha(options.alpha_vector.empty() ? std::vector<double>(k_, options.alpha) : options.alpha_vector);
  beta_ = options.beta_vector.empty() ? std::vector<double>(v_, options.beta) : options.beta_vector;
  for (double b : beta_) beta_sum_ += b;
}

absl::StatusOr<std::unique_ptr<LdaTrainer>> LdaTrainer::Create(const Corpus& corpus,
                                                               const TrainerOptions& options) {
  WL_RETURN_IF_ERROR(CheckOptions(corpus, options));
  auto trainer = std::unique_ptr<LdaTrainer>(
      new LdaTrainer(options, static_cast<int32_t>(corpus.vocab.size())));
  trainer->Layout(corpus);
  trainer->Initialize();
  if (options.check_invariants) WL_RETURN_IF_ERROR(trainer->CheckInvariants());
  return trainer;
}

void LdaTrainer::SetAlpha(std::vector<double> alpha) {
  alpha_ = std::move(alpha);
  alpha_sum_ = 0;
  alpha_symmetric_ = true;
  for (double a : alpha_) {
    alpha_sum_ += a;
    alpha_symmetric_ = alpha_symmetric_ && a == alpha_[0];
  }
  alpha_table_.Build(alpha_.data(), k_);
}

// Token-balanced blocks of the n items with cumulative token offsets
// `offsets` (n + 1 values), one block per thread.
template <typename Index>
std::vector<Index> BalancedBlocks(const std::vector<int64_t>& offsets, size_t threads) {
  const size_t n = offsets.size() - 1;
  const int64_t total = offsets.back();
  std::vector<Index> blocks(1, 0);
  size_t i = 0;
  for (size_t t = 1; t < threads; ++t) {
    const int64_t target = static_cast<int64_t>(total * t / threads);
    while (i < n && offsets[i + 1] <= target) ++i;
    blocks.push_back(std::max(static_cast<Index>(i), blocks.back()));
  }
  blocks.push_back(static_cast<Index>(n));
  return blocks;
}

// Flattens the documents and builds the word-major token order.
void LdaTrainer::Layout(const Corpus& corpus) {
  const size_t n = static_cast<size_t>(corpus.NumTokens());
  words_.reserve(n);
  doc_offsets_.assign(1, 0);
  word_offsets_.assign(v_ + 1, 0);
  for (const auto& doc : corpus.docs) {
    for (int32_t w : doc) {
      words_.push_back(w);
      ++word_offsets_[w + 1];
    }
    doc_offsets_.push_back(static_cast<int64_t>(words_.size()));
  }
  for (int32_t w = 0; w < v_; ++w) word_offsets_[w + 1] += word_offsets_[w];
  std::vector<int64_t> next(word_offsets_.begin(), word_offsets_.end() - 1);
  word_pos_.resize(n);
  for (size_t i = 0; i < n; ++i) word_pos_[i] = static_cast<uint32_t>(next[words_[i]]++);
  threads_ = std::max<size_t>(1, std::min(threads_, corpus.docs.size()));
  thread_docs_ = BalancedBlocks<size_t>(doc_offsets_, threads_);
  thread_words_ = BalancedBlocks<int32_t>(word_offsets_, threads_);
}

// Random topics, then the word proposals the first document phase evaluates.
void LdaTrainer::Initialize() {
  stride_ = 2 + static_cast<size_t>(options_.mh_steps);
  slots_.assign(words_.size() * stride_, 0);
  n_k_.assign(k_, 0);
  for (size_t d = 0; d + 1 < doc_offsets_.size(); ++d) {
    Rng rng(options_.seed ^ MixSeed(d));
    for (int64_t i = doc_offsets_[d]; i < doc_offsets_[d + 1]; ++i) {
      const int32_t t = static_cast<int32_t>(rng.Below(static_cast<uint32_t>(k_)));
      SlotTopic(word_pos_[i]) = t;
      ++n_k_[t];
    }
  }
  InitialWordProposals();
}

std::vector<double> LdaTrainer::DocTopics(size_t doc) const {
  std::vector<double> theta(alpha_);
  const int64_t begin = doc_offsets_[doc], end = doc_offsets_[doc + 1];
  for (int64_t i = begin; i < end; ++i) theta[SlotTopic(word_pos_[i])] += 1;
  const double norm = static_cast<double>(end - begin) + alpha_sum_;
  for (double& x : theta) x /= norm;
  return theta;
}

absl::StatusOr<std::unique_ptr<LdaModel>> LdaTrainer::MakeModel(const nlp::Vocabulary& vocab,
                                                                const TopicTextOptions& text) const {
  LdaModelData data;
  data.vocab = vocab;
  data.alpha = alpha_;
  data.beta = beta_;
  data.text = text;
  data.stats = {.iterations = iteration_,
                .threads = static_cast<int32_t>(threads_),
                .seed = options_.seed,
                .documents = static_cast<int64_t>(doc_offsets_.size() - 1),
                .tokens = num_tokens(),
                .seconds = seconds_};
  data.word_topics.resize(v_);
  std::vector<int32_t> counts(k_, 0);
  for (int32_t w = 0; w < v_; ++w) {
    auto& row = data.word_topics[w];
    for (int64_t slot = word_offsets_[w]; slot < word_offsets_[w + 1]; ++slot) {
      const int32_t t = SlotTopic(slot);
      if (counts[t]++ == 0) row.push_back({t, 0});
    }
    std::sort(row.begin(), row.end(), [](const TopicCount& a, const TopicCount& b) { return a.topic < b.topic; });
    for (TopicCount& tc : row) {
      tc.count = counts[tc.topic];
      counts[tc.topic] = 0;
    }
  }
  return LdaModel::Create(std::move(data));
}

absl::Status LdaTrainer::CheckInvariants() const {
  std::vector<int64_t> n_k(k_, 0);
  for (size_t slot = 0; slot < words_.size(); ++slot) {
    const int32_t t = SlotTopic(slot);
    if (t < 0 || t >= k_) return absl::InternalError(absl::StrCat("token slot ", slot, " has topic ", t));
    ++n_k[t];
    for (int32_t j = 0; j < options_.mh_steps; ++j) {
      const int32_t p = slots_[slot * stride_ + 2 + j];
      if (p < 0 || p >= k_) return absl::InternalError(absl::StrCat("token slot ", slot, " has proposal ", p));
    }
  }
  if (n_k != n_k_) {
    return absl::InternalError(absl::StrCat("LDA topic totals out of sync with assignments after iteration ",
                                            iteration_));
  }
  // Each token carries n_wk of its topic, from which its word proposals came.
  std::vector<int32_t> counts(k_, 0);
  for (int32_t w = 0; w < v_; ++w) {
    for (int64_t slot = word_offsets_[w]; slot < word_offsets_[w + 1]; ++slot) ++counts[SlotTopic(slot)];
    for (int64_t slot = word_offsets_[w]; slot < word_offsets_[w + 1]; ++slot) {
      if (slots_[slot * stride_ + 1] != counts[SlotTopic(slot)]) {
        return absl::InternalError(absl::StrCat("LDA word-topic count of term ", w, " out of sync after iteration ",
                                                iteration_));
      }
    }
    for (int64_t slot = word_offsets_[w]; slot < word_offsets_[w + 1]; ++slot) counts[SlotTopic(slot)] = 0;
  }
  return absl::OkStatus();
}

}  // namespace wordloom::topics

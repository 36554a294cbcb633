#include "embeddings/word2vec/trainer.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <random>
#include <span>
#include <thread>

#include "absl/strings/str_cat.h"
#include "core/progress.h"
#include "core/status_macros.h"
#include "core/thread_pool.h"
#include "core/work_control.h"
#include "embeddings/fasttext_format/fasttext_hash.h"
#include "embeddings/linalg/dense_matrix.h"
#include "embeddings/word2vec/huffman_tree.h"
#include "embeddings/word2vec/sgd_kernels.h"

namespace wordloom::embeddings::word2vec {
namespace {

constexpr int64_t kLrUpdateWords = 10000;

// Read-only training state plus the shared (Hogwild) weights.
struct Model {
  Model(const TrainOptions& options, const TrainingCorpus& training_corpus)
      : o(options), corpus(training_corpus) {}
  const TrainOptions& o;
  const TrainingCorpus& corpus;
  size_t dim = 0;
  std::vector<float> keep_prob;        // per word, subsampling
  std::vector<int32_t> negatives;      // noise table
  HuffmanTree tree;
  std::vector<uint32_t> sub_offsets;   // per word into sub_ids (subwords only)
  std::vector<int32_t> sub_ids;        // own row first, then n-gram rows
  linalg::DenseMatrix input, output;
  std::atomic<int64_t> processed{0};
  int64_t total_words = 0;
  ProgressReporter* progress = nullptr;
  const WorkControl* control = nullptr;
  std::atomic<bool> stopped{false};  // set once control asks to stop
};

void BuildTables(Model& m) {
  const nlp::Vocabulary& vocab = m.corpus.vocab();
  const size_t n = vocab.size();
  const double total = static_cast<double>(m.corpus.num_words());
  m.keep_prob.resize(n);
  for (size_t i = 0; i < n; ++i) {
    double f = static_cast<double>(vocab.Count(i)) / total;
    double t = m.o.sampling_threshold;
    m.keep_prob[i] = t > 0 ? static_cast<float>(std::min(1.0, std::sqrt(t / f) + t / f)) : 1.0f;
  }
  if (m.o.loss == Loss::kNegativeSampling) {
    const size_t table = std::clamp<size_t>(n * 1000, 100000, 10000000);
    double z = 0;
    const double power = NsExponent(m.o);
    for (size_t i = 0; i < n; ++i) z += std::pow(static_cast<double>(vocab.Count(i)), power);
    m.negatives.reserve(table + n);
    for (size_t i = 0; i < n; ++i) {
      double c = std::pow(static_cast<double>(vocab.Count(i)), power);
      size_t k = std::max<size_t>(1, static_cast<size_t>(c * table / z));
      m.negatives.insert(m.negatives.end(), k, static_cast<int32_t>(i));
    }
    // Shuffled once, then walked sequentially by each worker (as fastText):
    // a random index into this 40 MB table was a cache miss per negative
    // and a third of the training time.
    std::shuffle(m.negatives.begin(), m.negatives.end(), std::mt19937_64(m.o.seed));
  } else {
    std::vector<int64_t> counts(n);
    for (size_t i = 0; i < n; ++i) counts[i] = vocab.Count(i);
    m.tree = HuffmanTree::Build(counts);
  }
  if (m.o.subwords) {
    m.sub_offsets.push_back(0);
    for (size_t i = 0; i < n; ++i) {
      m.sub_ids.push_back(static_cast<int32_t>(i));
      fasttext::AppendCharNgramIds(fasttext::WithBoundaries(vocab.Term(i)), m.o.min_char,
                                   m.o.max_char, m.o.buckets, static_cast<int32_t>(n), &m.sub_ids);
      m.sub_offsets.push_back(static_cast<uint32_t>(m.sub_ids.size()));
    }
  }
}

// One training thread: its starting sentence, scratch vectors and generator.
class Worker {
 public:
  Worker(Model& m, size_t thread, size_t threads)
      : m_(m),
        dim_(m.dim),
        thread_(thread),
        threads_(threads),
        rng_(m.o.seed * 1000003 + thread),
        hidden_(dim_),
        grad_(dim_),
        loss_(m.o.epochs, 0.0),
        examples_(m.o.epochs, 0) {
    const auto& tokens = m.corpus.tokens();
    begin_ = SentenceStart(tokens.size() * thread / threads);
    neg_pos_ = m.negatives.size() * thread / threads;
  }

  // Walks the whole corpus cyclically from this thread's starting sentence
  // (as fastText's threads read the file from their offsets) until all
  // threads together have trained epochs x corpus words. No thread owns a
  // fixed share: when one runs slower (a loaded machine), the others keep
  // training every part of the corpus instead of leaving the slow thread's
  // slice alone at the end of the schedule.
  void Run() {
    float lr = m_.o.learning_rate;
    int64_t pending = 0;
    const auto& tokens = m_.corpus.tokens();
    const int64_t update_every = std::clamp<int64_t>(
        m_.total_words / (64 * static_cast<int64_t>(threads_)), 1, kLrUpdateWords);
    size_t start = begin_ < tokens.size() ? begin_ : 0;
    for (size_t i = start;; ++i) {
      if (i == tokens.size()) i = start = 0;  // tokens ends with kSentenceEnd
      if (tokens[i] != TrainingCorpus::kSentenceEnd) continue;
      std::span<const int32_t> sentence(tokens.data() + start, i - start);
      TrainSentence(sentence, lr);
      pending += static_cast<int64_t>(sentence.size());
      start = i + 1;
      if (pending >= update_every) {
        lr = UpdateLearningRate(&pending);
        if (m_.stopped.load(std::memory_order_relaxed) || done_) return;
      }
    }
  }

  double loss(int epoch) const { return loss_[epoch]; }
  int64_t examples(int epoch) const { return examples_[epoch]; }

 private:
  size_t SentenceStart(size_t pos) const {
    const auto& tokens = m_.corpus.tokens();
    if (pos == 0 || pos >= tokens.size()) return std::min(pos, tokens.size());
    while (pos < tokens.size() && tokens[pos - 1] != TrainingCorpus::kSentenceEnd) ++pos;
    return pos;
  }

  float UpdateLearningRate(int64_t* pending) {
    int64_t done = m_.processed.fetch_add(*pending, std::memory_order_relaxed) + *pending;
    if (m_.progress) m_.progress->Add(*pending, 0);
    *pending = 0;
    double progress = static_cast<double>(done) / static_cast<double>(m_.total_words);
    done_ = done >= m_.total_words;
    epoch_ = std::min(m_.o.epochs - 1, static_cast<int>(progress * m_.o.epochs));
    if (m_.control != nullptr) {
      if (StopRequested(m_.control)) m_.stopped.store(true, std::memory_order_relaxed);
      if (thread_ == 0) ReportProgress(m_.control, std::min(1.0, progress));
    }
    return m_.o.learning_rate * static_cast<float>(std::max(1e-4, 1.0 - progress));
  }

  void TrainSentence(std::span<const int32_t> sentence, float lr) {
    kept_.clear();
    for (int32_t w : sentence) {
      if (m_.keep_prob[w] >= 1.0f || rng_.Uniform() < m_.keep_prob[w]) kept_.push_back(w);
    }
    const int32_t size = static_cast<int32_t>(kept_.size());
    const bool skipgram = m_.o.mode == Mode::kSkipgram;
    // The input rows the next position brings in: the next centre word in
    // skip-gram, the word entering the widest window in CBOW.
    const int32_t lead = skipgram ? 1 : m_.o.window_size + 1;
    for (int32_t i = 0; i < size; ++i) {
      if (i + lead < size) PrefetchInputs(kept_[i + lead]);
      const int32_t b = 1 + static_cast<int32_t>(rng_.Below(m_.o.window_size));
      const int32_t lo = std::max(0, i - b), hi = std::min(size - 1, i + b);
      if (skipgram) {
        Skipgram(i, lo, hi, lr);
      } else {
        Cbow(i, lo, hi, lr);
      }
    }
  }

  // Input rows of `word` when subwords are on.
  std::span<const int32_t> Rows(int32_t word) const {
    return {m_.sub_ids.data() + m_.sub_offsets[word],
            m_.sub_offsets[word + 1] - m_.sub_offsets[word]};
  }

  // Prefetches the input rows of `word` (its own, plus its n-gram rows).
  void PrefetchInputs(int32_t word) {
    if (m_.sub_offsets.empty()) {
      PrefetchRow(m_.input.Row(word), dim_);
      return;
    }
    for (int32_t r : Rows(word)) PrefetchRow(m_.input.Row(r), dim_);
  }

  // hidden_ = mean of the input rows `rows`.
  void MeanOfRows(std::span<const int32_t> rows) {
    linalg::Zero(hidden_.data(), dim_);
    for (int32_t r : rows) linalg::Axpy(1.0f, m_.input.Row(r), hidden_.data(), dim_);
    linalg::Scale(1.0f / static_cast<float>(rows.size()), hidden_.data(), dim_);
  }

  void Skipgram(int32_t i, int32_t lo, int32_t hi, float lr) {
    const int32_t center = kept_[i];
    const bool plain = m_.sub_offsets.empty();
    std::span<const int32_t> rows = plain ? std::span<const int32_t>(&kept_[i], 1) : Rows(center);
    const int32_t first = lo == i ? lo + 1 : lo;
    if (first <= hi) PrefetchOutputs(kept_[first], /*ahead=*/0);
    for (int32_t c = lo; c <= hi; ++c) {
      if (c == i) continue;
      const int32_t next = c + 1 == i ? c + 2 : c + 1;
      if (next <= hi) PrefetchOutputs(kept_[next], /*ahead=*/1);
      const float* hidden = m_.input.Row(center);  // no subwords: the row itself
      if (!plain) {
        MeanOfRows(rows);
        hidden = hidden_.data();
      }
      linalg::Zero(grad_.data(), dim_);
      Predict(hidden, kept_[c], lr);
      for (int32_t r : rows) linalg::Axpy(1.0f, grad_.data(), m_.input.Row(r), dim_);
    }
  }

  void Cbow(int32_t i, int32_t lo, int32_t hi, float lr) {
    bow_.clear();
    for (int32_t c = lo; c <= hi; ++c) {
      if (c == i) continue;
      if (m_.sub_offsets.empty()) {
        bow_.push_back(kept_[c]);
      } else {
        std::span<const int32_t> rows = Rows(kept_[c]);
        bow_.insert(bow_.end(), rows.begin(), rows.end());
      }
    }
    if (bow_.empty()) return;
    if (i + 1 < static_cast<int32_t>(kept_.size())) PrefetchOutputs(kept_[i + 1], /*ahead=*/1);
    MeanOfRows(bow_);
    linalg::Zero(grad_.data(), dim_);
    Predict(hidden_.data(), kept_[i], lr);
    for (int32_t r : bow_) linalg::Axpy(1.0f, grad_.data(), m_.input.Row(r), dim_);
  }

  // The next entry of the shuffled noise table that is not `target` (gives
  // up after a few tries, returning `target`, only for degenerate tables).
  int32_t NextNegative(int32_t target) {
    const size_t size = m_.negatives.size();
    int32_t neg = target;
    for (int tries = 0; tries < 16 && neg == target; ++tries) {
      neg = m_.negatives[neg_pos_];
      if (++neg_pos_ == size) neg_pos_ = 0;
    }
    return neg;
  }

  // Prefetches the output rows the prediction `ahead` targets from now will
  // touch: `target`'s row, and under negative sampling the rows of the
  // noise words it will most likely draw (the table is walked in order).
  void PrefetchOutputs(int32_t target, int ahead) {
    if (m_.o.loss != Loss::kNegativeSampling) return;
    PrefetchRow(m_.output.Row(target), dim_);
    const size_t size = m_.negatives.size();
    size_t pos = neg_pos_ + static_cast<size_t>(ahead) * m_.o.negative_samples;
    for (int32_t k = 0; k < m_.o.negative_samples; ++k, ++pos) {
      PrefetchRow(m_.output.Row(m_.negatives[pos % size]), dim_);
    }
  }

  // Accumulates into grad_ the input gradient of predicting `target` from
  // `hidden`, updating output rows (Hogwild).
  void Predict(const float* hidden, int32_t target, float lr) {
    float loss = 0;
    if (m_.o.loss == Loss::kNegativeSampling) {
      loss += BinaryLogisticStep(hidden, m_.output.Row(target), true, lr, grad_.data(), dim_);
      for (int32_t k = 0; k < m_.o.negative_samples; ++k) {
        const int32_t neg = NextNegative(target);
        if (neg == target) continue;  // vocabulary of one word
        loss += BinaryLogisticStep(hidden, m_.output.Row(neg), false, lr, grad_.data(), dim_);
      }
    } else {
      std::span<const int32_t> path = m_.tree.Path(target);
      std::span<const uint8_t> code = m_.tree.Code(target);
      for (size_t k = 0; k < path.size(); ++k) {
        loss += BinaryLogisticStep(hidden, m_.output.Row(path[k]), code[k] == 0, lr,
                                   grad_.data(), dim_);
      }
    }
    loss_[epoch_] += loss;
    ++examples_[epoch_];
  }

  Model& m_;
  const size_t dim_;
  const size_t thread_, threads_;
  Rng rng_;
  std::vector<float> hidden_, grad_;
  std::vector<int32_t> kept_, bow_;
  std::vector<double> loss_;
  std::vector<int64_t> examples_;
  size_t begin_ = 0;  // first sentence this thread trains
  bool done_ = false;  // the corpus words x epochs are all trained
  size_t neg_pos_ = 0;  // this worker's position in m_.negatives
  int epoch_ = 0;
};

std::vector<std::pair<std::string, std::string>> ParamsOf(const TrainOptions& o,
                                                          const TrainingCorpus& corpus) {
  return {{"mode", std::string(ModeName(o.mode))},
          {"loss", o.loss == Loss::kNegativeSampling ? "ns" : "hs"},
          {"vector_dim", absl::StrCat(o.vector_dim)},
          {"window_size", absl::StrCat(o.window_size)},
          {"negative_samples", absl::StrCat(o.negative_samples)},
          {"min_count", absl::StrCat(o.min_count)},
          {"epochs", absl::StrCat(o.epochs)},
          {"sampling_threshold", absl::StrCat(o.sampling_threshold)},
          {"ns_exponent", absl::StrCat(NsExponent(o))},
          {"learning_rate", absl::StrCat(o.learning_rate)},
          {"subwords", o.subwords ? "true" : "false"},
          {"min_char", absl::StrCat(o.min_char)},
          {"max_char", absl::StrCat(o.max_char)},
          {"buckets", absl::StrCat(o.buckets)},
          {"seed", absl::StrCat(o.seed)},
          {"corpus", corpus.name()},
          {"corpus_words", absl::StrCat(corpus.num_words())}};
}

}  // namespace

absl::StatusOr<std::unique_ptr<WordVectors>> Train(const TrainingCorpus& corpus,
                                                   const TrainOptions& options,
                                                   TrainStats* stats, const WorkControl* control) {
  WL_RETURN_IF_ERROR(ValidateOptions(options));
  if (corpus.num_words() < options.window_size + 1) {
    return absl::InvalidArgumentError(
        absl::StrCat(corpus.name(), ": corpus has ", corpus.num_words(),
                     " words after min_count filtering, fewer than window_size + 1 = ",
                     options.window_size + 1));
  }
  const size_t n = corpus.vocab().size();
  const size_t threads = options.threads > 0 ? options.threads : ThreadPool::DefaultThreads();
  Model m(options, corpus);
  m.dim = options.vector_dim;
  BuildTables(m);
  m.input.Resize(n + (options.subwords ? options.buckets : 0), m.dim);
  m.input.UniformInit(1.0f / m.dim, options.seed, threads);
  m.output.Resize(n, m.dim);
  m.total_words = corpus.num_words() * options.epochs;
  ProgressReporter progress({.label = absl::StrCat("train ", ToAbsl(ModeName(options.mode))),
                             .unit = "words",
                             .mode = options.quiet ? ProgressOptions::Mode::kNever
                                     : options.force_progress ? ProgressOptions::Mode::kAlways
                                                              : ProgressOptions::Mode::kAuto});
  m.progress = &progress;
  m.control = control;
  std::vector<std::unique_ptr<Worker>> workers;
  for (size_t t = 0; t < threads; ++t) workers.push_back(std::make_unique<Worker>(m, t, threads));
  const auto start = std::chrono::steady_clock::now();
  std::vector<std::thread> running;
  for (auto& w : workers) running.emplace_back([&w] { w->Run(); });
  for (auto& t : running) t.join();
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  progress.Finish();
  if (m.stopped.load()) {
    return StoppedError("word2vec training", absl::StrCat("after ", m.processed.load(), " of ",
                                                         m.total_words, " words"));
  }
  for (size_t i = 0; i < m.input.size(); ++i) {
    if (!std::isfinite(m.input.data()[i])) {
      return absl::InternalError("training diverged (non-finite weights); lower learning_rate");
    }
  }
  if (stats != nullptr) {
    stats->threads = static_cast<int32_t>(threads);
    stats->words = m.processed.load();
    stats->seconds = seconds;
    stats->words_per_second_per_thread = stats->words / std::max(seconds, 1e-9) / threads;
    stats->epoch_loss.assign(options.epochs, 0.0);
    for (int e = 0; e < options.epochs; ++e) {
      double loss = 0;
      int64_t count = 0;
      for (auto& w : workers) loss += w->loss(e), count += w->examples(e);
      stats->epoch_loss[e] = count > 0 ? loss / count : 0.0;
    }
  }
  WordVectorsParts parts;
  for (size_t i = 0; i < n; ++i) {
    parts.words.push_back(corpus.vocab().Term(i));
    parts.counts.push_back(corpus.vocab().Count(i));
  }
  parts.input = std::move(m.input);
  parts.output = std::move(m.output);
  if (options.subwords) parts.subwords = {options.min_char, options.max_char, options.buckets};
  parts.normalization = QueryNormalization::kWordloom;
  parts.params = ParamsOf(options, corpus);
  return WordVectors::Create(std::move(parts));
}

}  // namespace wordloom::embeddings::word2vec

#include "embeddings/classifier/trainer.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <numeric>
#include <random>
#include <utility>

#include "absl/strings/str_cat.h"
#include "core/status_macros.h"
#include "core/thread_pool.h"
#include "core/work_control.h"
#include "embeddings/classifier/metrics.h"
#include "embeddings/classifier/pretrained_vectors.h"
#include "embeddings/classifier/sgd_step.h"
#include "embeddings/classifier/training_set.h"

namespace wordloom::embeddings::classifier {
namespace {

absl::Status ValidateOptions(const TrainerOptions& o) {
  if (o.dim <= 0 || o.dim > 10000) return absl::InvalidArgumentError("--dim must be in [1, 10000]");
  if (o.epochs <= 0) return absl::InvalidArgumentError("--epoch must be positive");
  if (!(o.lr > 0.0f)) return absl::InvalidArgumentError("--lr must be positive");
  if (o.word_ngrams < 1) return absl::InvalidArgumentError("--word-ngrams must be >= 1");
  if (o.word_ngrams > 1 && (o.buckets == 0 || o.buckets >= (1ull << 31))) {
    return absl::InvalidArgumentError("--bucket must be in [1, 2^31) with word n-grams");
  }
  if (o.negatives < 1) return absl::InvalidArgumentError("--neg must be positive");
  if (o.patience < 1) return absl::InvalidArgumentError("patience must be positive");
  return absl::OkStatus();
}

constexpr size_t kControlEvery = 4096;  // examples between stop checks
// Tokens a thread processes between publishing its count to the shared
// progress (fastText's -lrUpdateRate default).
constexpr uint64_t kLrUpdateTokens = 100;

// Runs one epoch: each thread takes its fixed contiguous share of the
// shuffled order, reshuffles it, and applies SGD. The learning rate decays
// linearly to 0 with the share of all tokens processed by all threads
// together (fastText's schedule): one shared, monotone schedule, however the
// OS interleaves the threads, and long documents weigh more than short ones.
// Every kControlEvery examples a thread polls `control` (thread 0 also
// reports progress); a stop request ends the epoch early and sets `stopped`.
void RunEpoch(const TrainingSet& set, const SgdContext& context, const TrainerOptions& options,
              size_t threads, const WorkControl* control, std::atomic<bool>* stopped,
              std::vector<uint32_t>* order, std::vector<SgdState>* states,
              std::atomic<uint64_t>* tokens_done, ModelData* model) {
  const size_t n = order->size();
  const double total = static_cast<double>(options.epochs) * static_cast<double>(set.total_tokens);
  ParallelFor(threads, threads, [&](size_t begin, size_t end, size_t) {
    for (size_t t = begin; t < end; ++t) {
      SgdState& state = (*states)[t];
      size_t lo = n * t / threads, hi = n * (t + 1) / threads;
      std::shuffle(order->begin() + lo, order->begin() + hi, state.rng);
      uint64_t local = 0;
      for (size_t j = lo; j < hi; ++j) {
        double progress = static_cast<double>(tokens_done->load(std::memory_order_relaxed)) / total;
        if (control != nullptr && (j - lo) % kControlEvery == kControlEvery - 1) {
          if (StopRequested(control)) stopped->store(true, std::memory_order_relaxed);
          if (t == 0) ReportProgress(control, std::min(progress, 1.0));
        }
        if (stopped->load(std::memory_order_relaxed)) return;
        float lr = options.lr * static_cast<float>(1.0 - std::min(progress, 1.0));
        uint32_t ex = (*order)[j];
        const uint64_t f0 = set.feature_offsets[ex], f1 = set.feature_offsets[ex + 1];
        const uint64_t l0 = set.label_offsets[ex], l1 = set.label_offsets[ex + 1];
        SgdUpdate(context, set.features.data() + f0, f1 - f0, set.labels.data() + l0, l1 - l0, lr,
                  &model->input, &model->output, &state);
        local += set.tokens[ex];
        if (local > kLrUpdateTokens) {
          tokens_done->fetch_add(local, std::memory_order_relaxed);
          local = 0;
        }
      }
      tokens_done->fetch_add(local, std::memory_order_relaxed);
    }
  });
}

// Copies the trainable state into a queryable model.
absl::StatusOr<std::unique_ptr<ClassifierModel>> Snapshot(const ModelData& model) {
  return ClassifierModel::Create(model);
}

// Builds the training set and the initial model: vocabulary, labels,
// randomly initialised input rows (pretrained vectors copied in), zero
// output rows.
absl::StatusOr<ModelData> PrepareModel(const LabeledData& train, const TrainerOptions& options,
                                       size_t threads, TrainingSet* set) {
  TrainingSetOptions set_options;
  set_options.tokenizer = options.tokenizer;
  set_options.word_ngrams = options.word_ngrams;
  set_options.buckets = options.buckets;
  set_options.min_count = options.min_count;
  set_options.threads = threads;
  WL_ASSIGN_OR_RETURN(*set, BuildTrainingSet(train, set_options));
  fasttext::VecFile pretrained;
  if (!options.pretrained_vectors.empty()) {
    WL_ASSIGN_OR_RETURN(pretrained, ReadPretrainedVectors(options.pretrained_vectors));
    WL_RETURN_IF_ERROR(AddPretrainedWords(pretrained, options.dim, set));
  }
  // Read the row count before the skeleton (words, bucket ids) moves out of
  // `set`: afterwards set->num_rows() would see empty vectors.
  const size_t input_rows = set->num_rows();
  ModelData model = std::move(set->skeleton);
  model.loss = options.loss;
  model.epochs = options.epochs;
  model.lr = options.lr;
  model.negatives = options.negatives;
  model.seed = options.seed;
  const size_t dim = static_cast<size_t>(options.dim);
  model.input.Resize(input_rows, dim);
  model.input.UniformInit(1.0f / static_cast<float>(dim), options.seed, threads);
  CopyPretrainedRows(pretrained, &model);
  model.output.Resize(model.labels.size(), dim);
  return model;
}

}  // namespace

absl::StatusOr<std::unique_ptr<ClassifierModel>> TrainClassifier(const LabeledData& train,
                                                                 const LabeledData* validation,
                                                                 const TrainerOptions& options,
                                                                 TrainingReport* report,
                                                                 const WorkControl* control) {
  WL_RETURN_IF_ERROR(ValidateOptions(options));
  auto start = std::chrono::steady_clock::now();
  const size_t threads = options.threads ? options.threads : ThreadPool::DefaultThreads();
  TrainingSet set;
  WL_ASSIGN_OR_RETURN(ModelData model, PrepareModel(train, options, threads, &set));
  HuffmanTree tree(model.label_counts);
  std::vector<int32_t> negative_table;
  SgdContext context{options.loss, options.negatives, &tree, nullptr};
  if (options.loss == LossKind::kNegativeSampling) {
    negative_table = BuildNegativeTable(model.label_counts, options.seed);
    context.negative_table = &negative_table;
  }
  std::vector<uint32_t> order(set.size());
  std::iota(order.begin(), order.end(), 0u);
  std::mt19937_64 shuffle_rng(options.seed);
  std::shuffle(order.begin(), order.end(), shuffle_rng);
  std::vector<SgdState> states;
  for (size_t t = 0; t < threads; ++t) {
    states.emplace_back(model.input.cols(), model.labels.size(), options.seed * 1000003 + t + 1);
  }
  TrainingReport local;
  ModelData best;
  int32_t since_best = 0;
  std::atomic<bool> stopped{StopRequested(control)};
  std::atomic<uint64_t> tokens_done{0};
  for (int32_t epoch = 0; epoch < options.epochs && !stopped.load(); ++epoch) {
    RunEpoch(set, context, options, threads, control, &stopped, &order, &states, &tokens_done,
             &model);
    if (!stopped.load() && StopRequested(control)) stopped.store(true);
    if (stopped.load()) {
      return StoppedError("classifier training",
                          absl::StrCat("in epoch ", epoch + 1, " of ", options.epochs));
    }
    ReportProgress(control, (epoch + 1.0) / options.epochs);
    local.epochs_run = epoch + 1;
    if (validation == nullptr) continue;
    WL_ASSIGN_OR_RETURN(auto snapshot, Snapshot(model));
    double p1 = Evaluate(*snapshot, *validation, {.threads = threads}).precision_at_k;
    if (p1 > local.best_validation_precision) {
      local.best_validation_precision = p1;
      local.best_epoch = epoch + 1;
      best = model;
      since_best = 0;
    } else if (++since_best >= options.patience) {
      break;
    }
  }
  if (validation != nullptr && local.best_epoch != local.epochs_run) model = std::move(best);
  if (validation == nullptr) local.best_epoch = local.epochs_run;
  local.examples = set.size();
  local.words = model.words.size();
  local.bucket_rows = model.bucket_ids.size();
  local.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (report != nullptr) *report = local;
  return ClassifierModel::Create(std::move(model));
}

}  // namespace wordloom::embeddings::classifier

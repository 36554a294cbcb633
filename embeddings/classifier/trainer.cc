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
#include "embeddings/classifier/sgd_epoch.h"
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
  EpochPlan plan{&set, &context, options.lr, options.epochs, threads, control};
  EpochState state;
  InitEpochState(plan, model.input.cols(), model.labels.size(), options.seed, &state);
  TrainingReport local;
  ModelData best;
  int32_t since_best = 0;
  std::atomic<bool>& stopped = state.stopped;
  for (int32_t epoch = 0; epoch < options.epochs && !stopped.load(); ++epoch) {
    RunSgdEpoch(plan, &state, &model);
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

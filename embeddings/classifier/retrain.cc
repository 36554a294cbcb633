#include "embeddings/classifier/retrain.h"

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "core/status_macros.h"
#include "core/thread_pool.h"
#include "embeddings/classifier/featurizer.h"
#include "embeddings/classifier/huffman_tree.h"
#include "embeddings/classifier/sgd_epoch.h"
#include "embeddings/classifier/sgd_step.h"
#include "embeddings/classifier/training_set.h"

namespace wordloom::embeddings::classifier {
namespace {

// The featurized examples of one contiguous block of the input.
struct Block {
  size_t begin = 0, end = 0;
  std::vector<int32_t> features, labels;
  std::vector<uint64_t> feature_ends, label_ends;
  std::vector<uint32_t> tokens;
  size_t skipped = 0;
};

void FeaturizeBlock(const LabeledData& data, const Featurizer& featurizer,
                    const absl::flat_hash_map<std::string, int32_t>& label_ids, Block* block) {
  FeatureScratch scratch;
  std::vector<int32_t> rows;
  for (size_t i = block->begin; i < block->end; ++i) {
    const LabeledExample& example = data.examples[i];
    const size_t labels_before = block->labels.size();
    for (const std::string& label : example.labels) {
      auto it = label_ids.find(label);
      if (it != label_ids.end()) block->labels.push_back(it->second);
    }
    if (block->labels.size() == labels_before) {
      ++block->skipped;
      continue;
    }
    featurizer.tokenizer().Tokenize(example.text, &scratch);
    // Tokens as fastText's getLine counts them: words, end of line, labels.
    block->tokens.push_back(
        static_cast<uint32_t>(scratch.tokens.size() + example.labels.size()));
    featurizer.FeaturizeTokens(&scratch, &rows);
    block->features.insert(block->features.end(), rows.begin(), rows.end());
    block->feature_ends.push_back(block->features.size());
    block->label_ends.push_back(block->labels.size());
  }
}

// The training set of `data` over the fixed rows and labels of `model`.
absl::StatusOr<TrainingSet> BuildFixedTrainingSet(const LabeledData& data, const ModelData& model,
                                                  size_t threads, size_t* skipped) {
  WL_ASSIGN_OR_RETURN(auto featurizer, Featurizer::Create(model));
  absl::flat_hash_map<std::string, int32_t> label_ids;
  for (size_t i = 0; i < model.labels.size(); ++i) {
    label_ids.emplace(model.labels[i], static_cast<int32_t>(i));
  }
  const size_t n = data.examples.size();
  std::vector<Block> blocks(std::max<size_t>(1, std::min<size_t>(n, 64)));
  for (size_t b = 0; b < blocks.size(); ++b) {
    blocks[b].begin = n * b / blocks.size();
    blocks[b].end = n * (b + 1) / blocks.size();
  }
  ParallelFor(blocks.size(), threads, [&](size_t begin, size_t end, size_t) {
    for (size_t b = begin; b < end; ++b) FeaturizeBlock(data, *featurizer, label_ids, &blocks[b]);
  });
  TrainingSet set;
  set.feature_offsets.push_back(0);
  set.label_offsets.push_back(0);
  *skipped = 0;
  for (Block& block : blocks) {
    const uint64_t fbase = set.features.size(), lbase = set.labels.size();
    set.features.insert(set.features.end(), block.features.begin(), block.features.end());
    set.labels.insert(set.labels.end(), block.labels.begin(), block.labels.end());
    for (uint64_t e : block.feature_ends) set.feature_offsets.push_back(fbase + e);
    for (uint64_t e : block.label_ends) set.label_offsets.push_back(lbase + e);
    for (uint32_t t : block.tokens) set.total_tokens += t;
    set.tokens.insert(set.tokens.end(), block.tokens.begin(), block.tokens.end());
    *skipped += block.skipped;
    block = Block();
  }
  if (set.size() == 0) {
    return absl::InvalidArgumentError(absl::StrCat(
        "retrain: none of the ", n, " training examples has a label of the model"));
  }
  return set;
}

}  // namespace

absl::Status RetrainModelData(const LabeledData& train, const RetrainOptions& options,
                              ModelData* model, RetrainReport* report) {
  if (options.epochs < 1) return absl::InvalidArgumentError("retrain: epochs must be >= 1");
  if (!(options.lr > 0.0f)) return absl::InvalidArgumentError("retrain: lr must be positive");
  if (model->quantized()) {
    return absl::FailedPreconditionError("retrain: the classifier is already quantised");
  }
  const size_t threads = options.threads ? options.threads : ThreadPool::DefaultThreads();
  size_t skipped = 0;
  WL_ASSIGN_OR_RETURN(TrainingSet set, BuildFixedTrainingSet(train, *model, threads, &skipped));
  HuffmanTree tree(model->label_counts);
  std::vector<int32_t> negative_table;
  SgdContext context{model->loss, model->negatives, &tree, nullptr};
  if (model->loss == LossKind::kNegativeSampling) {
    negative_table = BuildNegativeTable(model->label_counts, options.seed);
    context.negative_table = &negative_table;
  }
  EpochPlan plan{&set, &context, options.lr, options.epochs, threads, options.control};
  EpochState state;
  InitEpochState(plan, model->input.cols(), model->labels.size(), options.seed, &state);
  for (int32_t epoch = 0; epoch < options.epochs; ++epoch) {
    RunSgdEpoch(plan, &state, model);
    if (state.stopped.load() || StopRequested(options.control)) {
      return StoppedError("classifier retraining",
                          absl::StrCat("in epoch ", epoch + 1, " of ", options.epochs));
    }
    ReportProgress(options.control, (epoch + 1.0) / options.epochs);
  }
  if (report != nullptr) *report = {set.size(), skipped};
  return absl::OkStatus();
}

}  // namespace wordloom::embeddings::classifier

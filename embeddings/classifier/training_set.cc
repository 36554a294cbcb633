#include "embeddings/classifier/training_set.h"

#include <algorithm>
#include <numeric>
#include <string>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "core/status_macros.h"
#include "core/strings.h"
#include "core/thread_pool.h"
#include "embeddings/classifier/featurizer.h"
#include "embeddings/classifier/ngram_hash.h"

namespace wordloom::embeddings::classifier {
namespace {

// Tokens of one contiguous block of examples, as ids into a block-local
// vocabulary (blocks are tokenized in parallel, merged in block order).
struct Block {
  size_t begin = 0, end = 0;
  StringMap<int32_t> ids;
  std::vector<std::string> words;
  std::vector<int64_t> counts;
  std::vector<int32_t> sequence;
  std::vector<uint64_t> ends;  // per example: end offset in `sequence`
  std::vector<int32_t> to_global;
  std::vector<int32_t> features;  // unigram rows, or -1 - bucket
  std::vector<uint64_t> feature_ends;
  std::vector<uint32_t> tokens;  // per example, end-of-line included
};

void TokenizeBlock(const LabeledData& data, const TextTokenizer& tokenizer, Block* block) {
  FeatureScratch scratch;
  for (size_t i = block->begin; i < block->end; ++i) {
    tokenizer.Tokenize(data.examples[i].text, &scratch);
    for (std::string_view token : scratch.tokens) {
      auto it = block->ids.find(token);
      int32_t id;
      if (it == block->ids.end()) {
        id = static_cast<int32_t>(block->words.size());
        block->ids.emplace(std::string(token), id);
        block->words.emplace_back(token);
        block->counts.push_back(0);
      } else {
        id = it->second;
      }
      ++block->counts[id];
      block->sequence.push_back(id);
    }
    block->ends.push_back(block->sequence.size());
    block->tokens.push_back(static_cast<uint32_t>(scratch.tokens.size()));
  }
}

// Global provisional vocabulary in first-appearance order.
struct Vocabulary {
  StringMap<int32_t> ids;
  std::vector<std::string> words;
  std::vector<int64_t> counts;
};

void MergeBlocks(std::vector<Block>* blocks, Vocabulary* vocab) {
  for (Block& block : *blocks) {
    block.to_global.resize(block.words.size());
    for (size_t i = 0; i < block.words.size(); ++i) {
      auto [it, inserted] = vocab->ids.try_emplace(block.words[i], 0);
      if (inserted) {
        it->second = static_cast<int32_t>(vocab->words.size());
        vocab->words.push_back(block.words[i]);
        vocab->counts.push_back(0);
      }
      vocab->counts[it->second] += block.counts[i];
      block.to_global[i] = it->second;
    }
    block.ids.clear();
    block.words.clear();
  }
}

// Final word ids: count >= min_count, by decreasing count (ties: first seen).
std::vector<int32_t> ChooseWords(const Vocabulary& vocab, int32_t min_count, ModelData* model) {
  std::vector<int32_t> order(vocab.words.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](int32_t a, int32_t b) { return vocab.counts[a] > vocab.counts[b]; });
  std::vector<int32_t> final_id(vocab.words.size(), -1);
  for (int32_t prov : order) {
    if (vocab.counts[prov] < min_count) continue;
    final_id[prov] = static_cast<int32_t>(model->words.size());
    model->words.push_back(vocab.words[prov]);
    model->word_hashes.push_back(FastTextHash(vocab.words[prov]));
  }
  return final_id;
}

void FeaturizeBlock(const std::vector<int32_t>& final_id, const std::vector<uint32_t>& hashes,
                    const ModelData& model, Block* block) {
  std::vector<uint32_t> doc_hashes;
  uint64_t start = 0;
  for (uint64_t end : block->ends) {
    doc_hashes.clear();
    for (uint64_t t = start; t < end; ++t) {
      int32_t prov = block->to_global[block->sequence[t]];
      if (final_id[prov] >= 0) block->features.push_back(final_id[prov]);
      doc_hashes.push_back(hashes[prov]);
    }
    ForEachWordNgram(doc_hashes, model.word_ngrams, model.buckets, [&](uint64_t bucket) {
      block->features.push_back(-1 - static_cast<int32_t>(bucket));
    });
    block->feature_ends.push_back(block->features.size());
    start = end;
  }
  block->sequence.clear();
}

// Compacts n-gram buckets to rows words.size() + index in sorted bucket order.
void CompactBuckets(TrainingSet* set) {
  absl::flat_hash_set<uint32_t> seen;
  for (int32_t f : set->features) {
    if (f < 0) seen.insert(static_cast<uint32_t>(-1 - f));
  }
  auto& ids = set->skeleton.bucket_ids;
  ids.assign(seen.begin(), seen.end());
  std::sort(ids.begin(), ids.end());
  absl::flat_hash_map<uint32_t, int32_t> row;
  row.reserve(ids.size());
  const int32_t base = static_cast<int32_t>(set->skeleton.words.size());
  for (size_t i = 0; i < ids.size(); ++i) row[ids[i]] = base + static_cast<int32_t>(i);
  for (int32_t& f : set->features) {
    if (f < 0) f = row[static_cast<uint32_t>(-1 - f)];
  }
}

void BuildLabels(const LabeledData& data, TrainingSet* set) {
  StringMap<int32_t> ids;
  std::vector<std::string> names;
  std::vector<int64_t> counts;
  std::vector<int32_t> provisional;
  set->label_offsets.push_back(0);
  for (const LabeledExample& example : data.examples) {
    for (const std::string& label : example.labels) {
      auto [it, inserted] = ids.try_emplace(label, static_cast<int32_t>(names.size()));
      if (inserted) {
        names.push_back(label);
        counts.push_back(0);
      }
      ++counts[it->second];
      provisional.push_back(it->second);
    }
    set->label_offsets.push_back(provisional.size());
  }
  std::vector<int32_t> order(names.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](int32_t a, int32_t b) { return counts[a] > counts[b]; });
  std::vector<int32_t> final_id(names.size());
  for (size_t rank = 0; rank < order.size(); ++rank) {
    final_id[order[rank]] = static_cast<int32_t>(rank);
    set->skeleton.labels.push_back(names[order[rank]]);
    set->skeleton.label_counts.push_back(counts[order[rank]]);
  }
  for (int32_t p : provisional) set->labels.push_back(final_id[p]);
  for (size_t i = 0; i + 1 < set->label_offsets.size(); ++i) {
    set->tokens[i] += static_cast<uint32_t>(set->label_offsets[i + 1] - set->label_offsets[i]);
    set->total_tokens += set->tokens[i];
  }
}

}  // namespace

absl::StatusOr<TrainingSet> BuildTrainingSet(const LabeledData& data,
                                             const TrainingSetOptions& options) {
  if (data.examples.empty()) return absl::InvalidArgumentError("training set has no example");
  TrainingSet set;
  ModelData& model = set.skeleton;
  model.tokenizer = options.tokenizer;
  model.word_ngrams = std::max(1, options.word_ngrams);
  model.buckets = model.word_ngrams > 1 ? options.buckets : 0;
  WL_ASSIGN_OR_RETURN(auto tokenizer, TextTokenizer::Create(options.tokenizer));

  const size_t n = data.examples.size();
  const size_t num_blocks = std::min<size_t>(n, 64);
  std::vector<Block> blocks(num_blocks);
  for (size_t b = 0; b < num_blocks; ++b) {
    blocks[b].begin = n * b / num_blocks;
    blocks[b].end = n * (b + 1) / num_blocks;
  }
  ParallelFor(num_blocks, options.threads, [&](size_t begin, size_t end, size_t) {
    for (size_t b = begin; b < end; ++b) TokenizeBlock(data, *tokenizer, &blocks[b]);
  });
  Vocabulary vocab;
  MergeBlocks(&blocks, &vocab);
  std::vector<int32_t> final_id = ChooseWords(vocab, options.min_count, &model);
  std::vector<uint32_t> hashes(vocab.words.size());
  for (size_t i = 0; i < hashes.size(); ++i) hashes[i] = FastTextHash(vocab.words[i]);
  ParallelFor(num_blocks, options.threads, [&](size_t begin, size_t end, size_t) {
    for (size_t b = begin; b < end; ++b) FeaturizeBlock(final_id, hashes, model, &blocks[b]);
  });
  set.feature_offsets.push_back(0);
  for (Block& block : blocks) {
    const uint64_t base = set.features.size();
    set.features.insert(set.features.end(), block.features.begin(), block.features.end());
    for (uint64_t end : block.feature_ends) set.feature_offsets.push_back(base + end);
    set.tokens.insert(set.tokens.end(), block.tokens.begin(), block.tokens.end());
    block = Block();
  }
  CompactBuckets(&set);
  BuildLabels(data, &set);
  return set;
}

}  // namespace wordloom::embeddings::classifier

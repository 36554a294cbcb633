#include "embeddings/classifier/fasttext_import.h"

#include <cstring>
#include <utility>

#include "absl/strings/str_cat.h"
#include "core/status_macros.h"
#include "embeddings/classifier/featurizer.h"
#include "embeddings/classifier/ngram_hash.h"
#include "embeddings/fasttext_format/fasttext_model.h"

namespace wordloom::embeddings::classifier {
namespace {

LossKind ToLossKind(fasttext::LossName loss) {
  switch (loss) {
    case fasttext::LossName::kHierarchicalSoftmax: return LossKind::kHierarchicalSoftmax;
    case fasttext::LossName::kNegativeSampling: return LossKind::kNegativeSampling;
    case fasttext::LossName::kOneVsAll: return LossKind::kOneVsAll;
    case fasttext::LossName::kSoftmax: break;
  }
  return LossKind::kSoftmax;
}

// fastText keeps the label marker in the dictionary; wordloom stores bare
// label names and prints the marker back.
std::string StripLabelPrefix(const std::string& label) {
  if (label.compare(0, kLabelPrefix.size(), kLabelPrefix) == 0) {
    return label.substr(kLabelPrefix.size());
  }
  return label;
}

}  // namespace

bool LooksLikeFastTextModel(std::string_view bytes) {
  int32_t magic = 0;
  if (bytes.size() < sizeof(magic)) return false;
  std::memcpy(&magic, bytes.data(), sizeof(magic));
  return magic == fasttext::FastTextModel::kMagic;
}

absl::StatusOr<ModelData> ImportFastTextSupervised(std::string_view bytes,
                                                   const std::string& name) {
  WL_ASSIGN_OR_RETURN(auto ft, fasttext::FastTextModel::Parse(bytes, name));
  const fasttext::Args& args = ft->args();
  if (args.model != fasttext::ModelName::kSupervised) {
    return absl::InvalidArgumentError(absl::StrCat(
        name, ": a fastText word-vector (skipgram/cbow) model, not a supervised classifier"));
  }
  if (ft->nlabels() == 0) {
    return absl::InvalidArgumentError(absl::StrCat(name, ": fastText model has no labels"));
  }
  ModelData data;
  data.tokenizer = TokenizerMode::kWhitespace;
  data.word_ngrams = args.word_ngrams;
  data.buckets = static_cast<uint64_t>(args.bucket);
  data.minn = args.minn;
  data.maxn = args.maxn;
  data.loss = ToLossKind(args.loss);
  data.epochs = args.epoch;
  data.negatives = args.neg;
  data.dense_buckets = true;
  data.fasttext_sigmoid = true;
  const auto& entries = ft->entries();
  data.words.reserve(ft->nwords());
  data.word_hashes.reserve(ft->nwords());
  for (int32_t i = 0; i < ft->nwords(); ++i) {
    data.words.push_back(entries[i].word);
    data.word_hashes.push_back(FastTextHash(entries[i].word));
  }
  for (int32_t i = ft->nwords(); i < ft->nwords() + ft->nlabels(); ++i) {
    data.labels.push_back(StripLabelPrefix(entries[i].word));
    data.label_counts.push_back(entries[i].count);
  }
  if (ft->pruned()) {  // `quantize -cutoff`: only the kept buckets have rows
    data.dense_buckets = false;
    data.bucket_ids.assign(ft->prune_index().size(), 0);
    for (const auto& [bucket, row] : ft->prune_index()) {
      data.bucket_ids[row] = static_cast<uint32_t>(bucket);
    }
  }
  data.quant_input = ft->quant_input();
  data.quant_output = ft->quant_output();
  ft->ReleaseMatrices(&data.input, &data.output);
  return data;
}

}  // namespace wordloom::embeddings::classifier

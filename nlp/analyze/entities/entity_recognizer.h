// Named-entity recognition (Comprehend's DetectEntities): a first-order
// linear model over BILOU tags (features.h), decoded with Viterbi under the
// tag scheme's transition constraints, trained as an averaged structured
// perceptron (entity_trainer.h) on CoNLL-2003. Types are reported with
// Comprehend's names (PERSON, LOCATION, ORGANIZATION, OTHER) and joined by
// rule-based DATE and QUANTITY entities (rules.h) where the model found
// nothing. Each entity's Score is the smallest per-token marginal
// probability of its tags (forward-backward at a temperature calibrated on
// held-out data).
//
// Immutable after Load()/Create(); Detect() and TagWords() are thread-safe.
//
//   WL_ASSIGN_OR_RETURN(auto ner, EntityRecognizer::Load("models/entities.wlm"));
//   WL_ASSIGN_OR_RETURN(std::vector<Entity> found, ner->Detect("Peter lives in Paris."));
//   // found[0]: PERSON "Peter" [0, 5); found[1]: LOCATION "Paris" [15, 20)
#ifndef WORDLOOM_NLP_ANALYZE_ENTITIES_ENTITY_RECOGNIZER_H_
#define WORDLOOM_NLP_ANALYZE_ENTITIES_ENTITY_RECOGNIZER_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "nlp/analyze/entities/features.h"
#include "nlp/analyze/entities/gazetteer.h"
#include "nlp/analyze/entities/tag_set.h"
#include "nlp/text/tokenizer.h"

namespace wordloom::analyze::entities {

// The trained parameters (what the trainer produces and the file holds).
struct EntityModelData {
  std::vector<std::string> types;      // data's type labels (PER, LOC, ...)
  std::vector<uint64_t> feature_keys;  // feature hashes, ascending
  std::vector<float> weights;          // feature_keys.size() x num_tags
  std::vector<float> transitions;      // (num_tags + 1) x num_tags, row 0 = start
  std::vector<float> end;              // num_tags
  std::vector<uint64_t> gazetteer_keys;
  std::vector<uint8_t> gazetteer_types;
  std::vector<uint64_t> cluster_keys;  // empty when the model has no clusters
  std::vector<uint32_t> cluster_ids;
  float temperature = 1.0f;  // for Score (forward-backward marginals)
  uint32_t epochs = 0;       // training parameters, for the record
  uint64_t seed = 0;
  // The language of the training data (ISO 639-1): texts in another language
  // are refused (analyze/language/language_gate.h). Version-1 files: "en".
  std::string language_code = "en";
};

struct Entity {
  std::string text;   // the entity's bytes of the input
  std::string type;   // PERSON, LOCATION, ORGANIZATION, OTHER, DATE, QUANTITY
  double score = 0;   // in [0, 1]
  uint64_t begin = 0; // UTF-8 byte offsets in the input, [begin, end)
  uint64_t end = 0;
};

struct EntityOptions {
  // Texts longer than this many bytes are rejected (Comprehend: 100 KB).
  size_t max_bytes = 100000;
  // Add rule-based DATE and QUANTITY entities.
  bool rules = true;
};

class EntityRecognizer {
 public:
  // Errors: see ModelReader::Open; DataLoss for inconsistent contents.
  static absl::StatusOr<std::unique_ptr<EntityRecognizer>> Load(const std::string& path,
                                                                 const EntityOptions& options = {});
  // From trained parameters. InvalidArgument when they are inconsistent.
  static absl::StatusOr<std::unique_ptr<EntityRecognizer>> Create(
      EntityModelData data, const EntityOptions& options = {});

  // Writes the model file atomically.
  absl::Status Save(const std::string& path) const;

  // Entities of `text`, in text order, not overlapping. InvalidArgument for
  // ill-formed UTF-8 (naming the byte) or a text over max_bytes ("over the
  // limit"). Empty, blank or emoji-only text gives no entities.
  absl::StatusOr<std::vector<Entity>> Detect(std::string_view text) const;
  // As Detect() on `text` already tokenized (`doc`) by a Tokenizer with
  // TaggingTokenizerOptions() — for callers that run several analyzers over
  // one tokenization. InvalidArgument for a text over max_bytes.
  absl::StatusOr<std::vector<Entity>> DetectTokens(std::string_view text,
                                                   const nlp::TokenizedDoc& doc) const;

  // The model alone (no rules) over pre-split words, e.g. a CoNLL sentence:
  // IOB2 tags with the data's type labels, one per word, for conlleval.
  // The words are joined by spaces and tokenized as Detect() would; a word
  // gets an entity's tag when it lies inside that entity. `chunk_scores`
  // (optional) gets the Score of each tagged entity, in order.
  absl::StatusOr<std::vector<std::string>> TagWords(const std::vector<std::string>& words,
                                                    std::vector<double>* chunk_scores = nullptr) const;

  const EntityModelData& data() const { return data_; }
  const TagSet& tag_set() const { return tags_; }

 private:
  struct Span {
    size_t first = 0, last = 0;  // token range [first, last]
    int type = 0;
    double score = 0;
  };
  EntityRecognizer(EntityModelData data, EntityOptions options,
                   std::unique_ptr<nlp::Tokenizer> tokenizer);
  // Model entities over `view` (token ranges).
  void Tag(const TokenView& view, std::vector<Span>* spans) const;
  // Model spans over `doc` (with its `view`), those without a word dropped.
  std::vector<Span> TagTokens(const nlp::TokenizedDoc& doc, const TokenView& view) const;

  const EntityModelData data_;
  const EntityOptions options_;
  const std::unique_ptr<nlp::Tokenizer> tokenizer_;
  const TagSet tags_;
  Gazetteer gazetteer_;
  ClusterMap clusters_;
  absl::flat_hash_map<uint64_t, uint32_t> index_;  // feature key -> row
  std::vector<float> constrained_;  // transitions with kForbidden applied
  std::vector<float> constrained_end_;
  std::vector<float> exp_trans_;    // exp((transitions - max) / temperature)
  std::vector<float> exp_end_;
};

// Checks `data` for consistency (sizes, type count, finite weights).
absl::Status ValidateModelData(const EntityModelData& data);

}  // namespace wordloom::analyze::entities

#endif  // WORDLOOM_NLP_ANALYZE_ENTITIES_ENTITY_RECOGNIZER_H_

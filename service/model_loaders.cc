#include "service/model_loaders.h"

#include <cstring>

#include "absl/strings/str_cat.h"

#include "absl/strings/match.h"
#include "core/mapped_file.h"
#include "core/status_macros.h"
#include "core/strings.h"
#include "nlp/analyze/entities/entity_recognizer.h"
#include "nlp/analyze/keyphrases/background_model.h"
#include "nlp/analyze/keyphrases/keyphrase_extractor.h"
#include "nlp/analyze/language/language_identifier.h"
#include "nlp/analyze/sentiment/sentiment_analyzer.h"
#include "embeddings/classifier/classifier_model.h"
#include "embeddings/classifier/model_io.h"
#include "embeddings/word2vec/model_io.h"
#include "nlp/text/subword.h"
#include "topics/inference.h"
#include "topics/model_file.h"

namespace wordloom::service {

ModelLoader SubwordModelLoader() {
  ModelLoader loader;
  loader.kind = ModelKind::kSubword;
  // sentencepiece models are bare protobuf (no magic): known by extension.
  loader.accepts = [](std::string_view name, std::string_view) {
    return absl::EndsWith(ToAbsl(name), ".model");
  };
  loader.load = [](const std::string& path) -> absl::StatusOr<std::shared_ptr<const Model>> {
    absl::StatusOr<std::unique_ptr<nlp::SubwordModel>> model = nlp::SubwordModel::Load(path);
    if (!model.ok()) {
      // sentencepiece says InvalidArgument for a file it cannot parse.
      if (absl::IsInvalidArgument(model.status())) {
        return absl::DataLossError(model.status().message());
      }
      return model.status();
    }
    ModelDetails details;
    details.vocabulary_size = (*model)->vocab_size();
    return MakeModel(*std::move(model), std::move(details));
  };
  return loader;
}

bool ParseModelFrame(std::string_view head, std::string* kind, uint32_t* version) {
  constexpr std::string_view kMagic("WLMODEL\0", 8);
  if (head.size() < 16 || head.substr(0, 8) != kMagic) return false;
  uint32_t kind_size = 0;
  std::memcpy(version, head.data() + 8, 4);
  std::memcpy(&kind_size, head.data() + 12, 4);
  if (kind_size > head.size() - 16) return false;
  kind->assign(head.substr(16, kind_size));
  return true;
}

ModelLoader LanguageModelLoader() {
  ModelLoader loader;
  loader.kind = ModelKind::kLanguage;
  loader.accepts = [](std::string_view, std::string_view head) {
    std::string kind;
    uint32_t version;
    return ParseModelFrame(head, &kind, &version) && absl::StartsWith(kind, "language-id/");
  };
  loader.load = [](const std::string& path) -> absl::StatusOr<std::shared_ptr<const Model>> {
    auto model = analyze::language::LanguageIdentifier::Load(path);
    if (!model.ok()) {
      // The reader says InvalidArgument for a foreign file.
      if (absl::IsInvalidArgument(model.status())) {
        return absl::FailedPreconditionError(model.status().message());
      }
      return model.status();
    }
    ModelDetails details;
    details.labels = (*model)->codes();
    details.training_parameters["languages"] = std::to_string((*model)->codes().size());
    details.format_version = 1;
    return MakeModel(*std::move(model), std::move(details));
  };
  return loader;
}

namespace {

// The analyzers' readers say InvalidArgument for a foreign file: for the
// registry that is a file it cannot use (FailedPrecondition).
absl::Status ForeignAsPrecondition(const absl::Status& status) {
  if (absl::IsInvalidArgument(status)) return absl::FailedPreconditionError(status.message());
  return status;
}

// Accepts a file in the analyzers' model frame whose kind is `kind`.
std::function<bool(std::string_view, std::string_view)> FrameOfKind(std::string kind) {
  return [kind = std::move(kind)](std::string_view, std::string_view head) {
    std::string found;
    uint32_t version;
    return ParseModelFrame(head, &found, &version) && found == kind;
  };
}

}  // namespace

ModelLoader EntitiesModelLoader() {
  ModelLoader loader;
  loader.kind = ModelKind::kEntities;
  loader.accepts = FrameOfKind("entities");
  loader.load = [](const std::string& path) -> absl::StatusOr<std::shared_ptr<const Model>> {
    auto model = analyze::entities::EntityRecognizer::Load(path);
    if (!model.ok()) return ForeignAsPrecondition(model.status());
    const analyze::entities::EntityModelData& data = (*model)->data();
    ModelDetails details;
    details.labels = data.types;
    details.language_code = data.language_code;
    details.vocabulary_size = static_cast<int64_t>(data.feature_keys.size());
    details.training_parameters["epochs"] = std::to_string(data.epochs);
    details.training_parameters["seed"] = std::to_string(data.seed);
    details.format_version = 1;
    return MakeModel(*std::move(model), std::move(details));
  };
  return loader;
}

bool ParseLdaHead(std::string_view head, std::string* kind, uint32_t* version) {
  const std::string_view magic = topics::kModelMagic;
  if (head.size() < magic.size() + 8 || head.substr(0, magic.size()) != magic) return false;
  uint32_t kind_size = 0;
  std::memcpy(version, head.data() + magic.size(), 4);
  std::memcpy(&kind_size, head.data() + magic.size() + 4, 4);
  if (kind_size > head.size() - magic.size() - 8) return false;
  kind->assign(head.substr(magic.size() + 8, kind_size));
  return true;
}

ModelLoader TopicsModelLoader() {
  ModelLoader loader;
  loader.kind = ModelKind::kTopics;
  loader.accepts = [](std::string_view, std::string_view head) {
    std::string kind;
    uint32_t version;
    return ParseLdaHead(head, &kind, &version) && kind == topics::kLdaKind;
  };
  loader.load = [](const std::string& path) -> absl::StatusOr<std::shared_ptr<const Model>> {
    auto lda = topics::LoadLdaModel(path);
    if (!lda.ok()) return ForeignAsPrecondition(lda.status());
    std::shared_ptr<const topics::LdaModel> model = *std::move(lda);
    auto inferencer = topics::TopicInferencer::Create(model);
    if (!inferencer.ok()) {
      // NotFound: the model's stopword language is not in this build.
      return absl::FailedPreconditionError(absl::StrCat(
          path, ": ", inferencer.status().message()));
    }
    const topics::TrainingStats& stats = model->data().stats;
    ModelDetails details;
    details.number_of_topics = model->num_topics();
    details.vocabulary_size = model->vocab_size();
    details.language_code = model->data().text.stopwords_language;
    details.training_parameters = {{"iterations", std::to_string(stats.iterations)},
                                   {"seed", std::to_string(stats.seed)},
                                   {"documents", std::to_string(stats.documents)},
                                   {"tokens", std::to_string(stats.tokens)}};
    details.format_version = static_cast<int32_t>(topics::kLdaFormatVersion);
    return MakeModel(*std::move(inferencer), std::move(details));
  };
  return loader;
}

ModelLoader KeyphrasesModelLoader() {
  ModelLoader loader;
  loader.kind = ModelKind::kKeyphrases;
  // A corpus vocabulary (text) or a train-keyphrases background model.
  loader.accepts = [background = FrameOfKind(std::string(nlp::kBackgroundModelKind))](
                       std::string_view name, std::string_view head) {
    return head.substr(0, 19) == "#wordloom-vocab v1 " || background(name, head);
  };
  loader.load = [](const std::string& path) -> absl::StatusOr<std::shared_ptr<const Model>> {
    WL_ASSIGN_OR_RETURN(std::string bytes, ReadFileToString(path));
    std::shared_ptr<const nlp::Vocabulary> vocab;
    if (absl::StartsWith(bytes, "#wordloom-vocab v1 ")) {
      absl::StatusOr<nlp::Vocabulary> parsed = nlp::Vocabulary::Parse(bytes, path);
      if (!parsed.ok()) return absl::DataLossError(parsed.status().message());
      vocab = std::make_shared<const nlp::Vocabulary>(*std::move(parsed));
    } else {
      absl::StatusOr<nlp::BackgroundModel> model = nlp::LoadBackgroundModel(path);
      if (!model.ok()) return ForeignAsPrecondition(model.status());
      vocab = model->vocabulary;
    }
    nlp::KeyphraseOptions options;
    options.max_phrases = 0;  // every candidate; the call's options select
    ModelDetails details;
    details.language_code = options.stopwords_language;
    details.vocabulary_size = static_cast<int64_t>(vocab->size());
    details.training_parameters["documents"] = std::to_string(vocab->num_documents());
    details.format_version = 1;
    WL_ASSIGN_OR_RETURN(std::unique_ptr<nlp::KeyphraseExtractor> extractor,
                        nlp::KeyphraseExtractor::Create(options, std::move(vocab)));
    return MakeModel(std::move(extractor), std::move(details));
  };
  return loader;
}

ModelLoader SentimentModelLoader() {
  ModelLoader loader;
  loader.kind = ModelKind::kSentiment;
  loader.accepts = FrameOfKind("sentiment");
  loader.load = [](const std::string& path) -> absl::StatusOr<std::shared_ptr<const Model>> {
    auto model = analyze::sentiment::SentimentAnalyzer::Load(path);
    if (!model.ok()) return ForeignAsPrecondition(model.status());
    const analyze::sentiment::SentimentModelData& data = (*model)->data();
    ModelDetails details;
    details.labels = {"POSITIVE", "NEGATIVE", "NEUTRAL", "MIXED"};
    details.language_code = data.language_code;
    details.vocabulary_size = static_cast<int64_t>(data.keys.size());
    details.training_parameters = {{"epochs", std::to_string(data.epochs)},
                                   {"seed", std::to_string(data.seed)},
                                   {"examples", std::to_string(data.examples)}};
    return MakeModel(*std::move(model), std::move(details));
  };
  return loader;
}

ModelLoader ClassifierModelLoader() {
  ModelLoader loader;
  loader.kind = ModelKind::kClassifier;
  loader.accepts = [](std::string_view, std::string_view head) {
    std::string kind;
    uint32_t version;
    return ParseLdaHead(head, &kind, &version) && kind == "classifier";
  };
  loader.load = [](const std::string& path) -> absl::StatusOr<std::shared_ptr<const Model>> {
    namespace classifier = embeddings::classifier;
    auto model = classifier::LoadClassifier(path);
    if (!model.ok()) return ForeignAsPrecondition(model.status());
    const classifier::ModelData& data = (*model)->data();
    ModelDetails details;
    details.labels = data.labels;
    details.vocabulary_size = static_cast<int64_t>(data.words.size());
    details.training_parameters = {{"loss", std::string(classifier::LossKindName(data.loss))},
                                   {"epochs", std::to_string(data.epochs)},
                                   {"word_ngrams", std::to_string(data.word_ngrams)},
                                   {"seed", std::to_string(data.seed)},
                                   {"quantized", data.quantized() ? "true" : "false"}};
    details.format_version = static_cast<int32_t>(classifier::kClassifierFormatVersion);
    return MakeModel(*std::move(model), std::move(details));
  };
  return loader;
}

ModelLoader VectorsModelLoader() {
  namespace w2v = embeddings::word2vec;
  ModelLoader loader;
  loader.kind = ModelKind::kVectors;
  loader.accepts = FrameOfKind(std::string(w2v::kWord2VecKind));
  loader.load = [](const std::string& path) -> absl::StatusOr<std::shared_ptr<const Model>> {
    auto vectors = w2v::LoadModel(path);
    if (!vectors.ok()) return ForeignAsPrecondition(vectors.status());
    ModelDetails details;
    details.vocabulary_size = static_cast<int64_t>((*vectors)->size());
    details.dimension = static_cast<int32_t>((*vectors)->dim());
    for (const auto& [key, value] : (*vectors)->params()) details.training_parameters[key] = value;
    details.format_version = static_cast<int32_t>(w2v::kModelFormatVersion);
    return MakeModel(*std::move(vectors), std::move(details));
  };
  return loader;
}

std::vector<ModelLoader> BuiltinModelLoaders() {
  return {SubwordModelLoader(),   LanguageModelLoader(),   EntitiesModelLoader(),
          TopicsModelLoader(),    KeyphrasesModelLoader(), SentimentModelLoader(),
          ClassifierModelLoader(), VectorsModelLoader()};
}

}  // namespace wordloom::service

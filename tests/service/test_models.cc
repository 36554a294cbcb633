#include "tests/service/test_models.h"

#include "absl/strings/match.h"
#include "gtest/gtest.h"
#include "nlp/analyze/entities/conll.h"
#include "nlp/analyze/entities/entity_recognizer.h"
#include "nlp/analyze/entities/entity_trainer.h"
#include "embeddings/classifier/model_io.h"
#include "embeddings/classifier/trainer.h"
#include "nlp/analyze/language/language_trainer.h"
#include "nlp/analyze/sentiment/sentiment_analyzer.h"
#include "nlp/analyze/sentiment/sentiment_trainer.h"
#include "service/model_loaders.h"
#include "tests/test_util.h"
#include "topics/lda_model.h"
#include "topics/model_file.h"

namespace wordloom::service::testing {

ModelLoader FakeTopicsLoader() {
  ModelLoader loader;
  loader.kind = ModelKind::kTopics;
  loader.accepts = [](std::string_view, std::string_view head) {
    return head.substr(0, 7) == "WLFAKE ";
  };
  loader.load = [](const std::string& path) -> absl::StatusOr<std::shared_ptr<const Model>> {
    std::string payload = wordloom::testing::ReadFile(path).substr(7);
    if (payload == "CORRUPT") return absl::DataLossError(path + ": checksum mismatch");
    ModelDetails details;
    details.number_of_topics = static_cast<int32_t>(payload.size());
    return MakeModel(std::make_unique<std::string>(payload), details);
  };
  return loader;
}

void WriteFakeModel(const std::string& path, const std::string& payload) {
  // Through a rename, as model writers do (core/atomic_file.h).
  wordloom::testing::WriteFile(path + ".tmp", "WLFAKE " + payload);
  ASSERT_EQ(std::rename((path + ".tmp").c_str(), path.c_str()), 0);
}

void WriteLanguageModel(const std::string& path) {
  using analyze::language::LanguageExample;
  std::vector<LanguageExample> examples = {
      {"en", "The quick brown fox jumps over the lazy dog. All human beings are born free and "
             "equal in dignity and rights. They are endowed with reason and conscience."},
      {"fr", "Tous les êtres humains naissent libres et égaux en dignité et en droits. Ils sont "
             "doués de raison et de conscience et doivent agir les uns envers les autres."},
      {"de", "Alle Menschen sind frei und gleich an Würde und Rechten geboren. Sie sind mit "
             "Vernunft und Gewissen begabt und sollen einander im Geist der Brüderlichkeit."}};
  auto data = analyze::language::TrainLanguageModel(examples, {});
  ASSERT_TRUE(data.ok()) << data.status();
  auto model = analyze::language::LanguageIdentifier::Create(*std::move(data));
  ASSERT_TRUE(model.ok()) << model.status();
  ASSERT_TRUE((*model)->Save(path).ok());
}

void WriteEntitiesModel(const std::string& path) {
  using namespace analyze::entities;  // NOLINT: test helper
  constexpr char kTiny[] =
      "John NNP I-PER\nSmith NNP I-PER\nvisited VBD O\nParis NNP I-LOC\n. . O\n\n"
      "Acme NNP I-ORG\nCorp NNP I-ORG\nhired VBD O\nMary NNP I-PER\nJones NNP I-PER\n. . O\n\n"
      "The DT O\nBerlin NNP I-MISC\nFestival NNP I-MISC\nopened VBD O\nin IN O\nRome NNP I-LOC\n"
      ". . O\n\n"
      "Mary NNP I-PER\nflew VBD O\nto TO O\nRome NNP I-LOC\nwith IN O\nJohn NNP I-PER\n. . O\n\n"
      "Globex NNP I-ORG\nbought VBD O\nAcme NNP I-ORG\nCorp NNP I-ORG\nin IN O\nParis NNP I-LOC\n"
      ". . O\n\n"
      "Paris NNP I-LOC\nand CC O\nRome NNP I-LOC\nwelcomed VBD O\nGlobex NNP I-ORG\n. . O\n";
  auto sentences = ParseConll(kTiny, "tiny");
  ASSERT_TRUE(sentences.ok()) << sentences.status();
  EntityTrainerOptions options;
  options.epochs = 20;
  options.gazetteer_folds = 0;
  auto result = TrainEntityModel(*sentences, {}, options);
  ASSERT_TRUE(result.ok()) << result.status();
  auto model = EntityRecognizer::Create(std::move(result->model));
  ASSERT_TRUE(model.ok()) << model.status();
  ASSERT_TRUE((*model)->Save(path).ok());
}

void WriteTopicsModel(const std::string& path) {
  topics::LdaModelData data;
  const char* kWords[2][4] = {{"apple", "banana", "fruit", "orange"},
                              {"engine", "wheel", "car", "brake"}};
  for (int32_t k = 0; k < 2; ++k) {
    for (const char* word : kWords[k]) {
      data.vocab.Add(word, 50);
      data.word_topics.push_back({{k, 50}});
    }
  }
  data.alpha = {0.1, 0.1};
  data.beta.assign(data.vocab.size(), 0.01);
  data.stats.iterations = 100;
  data.stats.seed = 7;
  auto model = topics::LdaModel::Create(std::move(data));
  ASSERT_TRUE(model.ok()) << model.status();
  ASSERT_TRUE(topics::SaveLdaModel(**model, path).ok());
}

void WriteKeyphrasesModel(const std::string& path) {
  wordloom::testing::WriteFile(path, "#wordloom-vocab v1 1000\nthe\t5000\t1000\n"
                                     "data\t3000\t1000\nsensors\t40\t30\n");
}

void WriteSentimentModel(const std::string& path) {
  using namespace analyze::sentiment;  // NOLINT: test helper
  std::vector<SentimentExample> examples;
  const char* kPositive[] = {"great", "wonderful", "excellent", "lovely", "superb"};
  const char* kNegative[] = {"awful", "terrible", "horrible", "dreadful", "bad"};
  const char* kSubjects[] = {"film", "food", "service", "hotel", "book", "show"};
  for (const char* subject : kSubjects) {
    for (int i = 0; i < 5; ++i) {
      examples.push_back({true, std::string("A ") + kPositive[i] + " " + subject + "."});
      examples.push_back({false, std::string("A ") + kNegative[i] + " " + subject + "."});
    }
  }
  SentimentTrainerOptions options;
  options.calibration_folds = 0;
  auto data = TrainSentimentModel(examples, options);
  ASSERT_TRUE(data.ok()) << data.status();
  auto model = SentimentAnalyzer::Create(*std::move(data));
  ASSERT_TRUE(model.ok()) << model.status();
  ASSERT_TRUE((*model)->Save(path).ok());
}

void WriteClassifierModel(const std::string& path, bool one_vs_all) {
  using namespace embeddings::classifier;  // NOLINT: test helper
  std::string text;
  for (int i = 0; i < 20; ++i) {
    text += "__label__sports football match goal team player score\n";
    text += "__label__food pasta recipe sauce cheese bake dinner\n";
  }
  auto data = ParseLabeledData(text, "tiny", {});
  ASSERT_TRUE(data.ok()) << data.status();
  TrainerOptions options;
  options.dim = 10;
  options.epochs = 20;
  options.lr = 0.5f;
  options.buckets = 1000;
  options.threads = 1;
  options.loss = one_vs_all ? LossKind::kOneVsAll : LossKind::kSoftmax;
  TrainingReport report;
  auto model = TrainClassifier(*data, nullptr, options, &report);
  ASSERT_TRUE(model.ok()) << model.status();
  ASSERT_TRUE(SaveClassifier(**model, path).ok());
}

std::vector<ModelLoader> TestLoaders() {
  std::vector<ModelLoader> loaders = BuiltinModelLoaders();
  loaders.push_back(FakeTopicsLoader());
  return loaders;
}

}  // namespace wordloom::service::testing

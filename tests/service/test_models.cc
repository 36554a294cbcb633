#include "tests/service/test_models.h"

#include "absl/strings/match.h"
#include "gtest/gtest.h"
#include "nlp/analyze/language/language_trainer.h"
#include "service/model_loaders.h"
#include "tests/test_util.h"

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

std::vector<ModelLoader> TestLoaders() {
  std::vector<ModelLoader> loaders = BuiltinModelLoaders();
  loaders.push_back(FakeTopicsLoader());
  return loaders;
}

}  // namespace wordloom::service::testing

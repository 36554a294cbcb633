#include "service/model_registry.h"

#include <algorithm>
#include <filesystem>
#include <string>

#include "gtest/gtest.h"
#include "nlp/analyze/keyphrases/background_model.h"
#include "nlp/analyze/keyphrases/keyphrase_extractor.h"
#include "service/model_loaders.h"
#include "service/log.h"
#include "tests/service/test_models.h"
#include "tests/test_util.h"

namespace wordloom::service {
namespace {

using ::wordloom::service::testing::TestLoaders;
using ::wordloom::service::testing::WriteFakeModel;

class ModelRegistryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    SetLogEnabled(false);
    dir_ = wordloom::testing::TempDir();
  }
  std::unique_ptr<ModelRegistry> Open(bool eager = true) {
    auto registry = ModelRegistry::Create(
        {.models_dir = dir_, .eager_load = eager, .poll_interval = absl::ZeroDuration()},
        TestLoaders());
    EXPECT_TRUE(registry.ok()) << registry.status();
    return registry.ok() ? *std::move(registry) : nullptr;
  }
  std::string Payload(ModelRegistry& r, const std::string& id) {
    auto model = r.GetAs<std::string>(id, ModelKind::kTopics);
    EXPECT_TRUE(model.ok()) << model.status();
    return model.ok() ? **model : "";
  }
  std::string dir_;
};

TEST_F(ModelRegistryTest, ListsModelsByIdAndIgnoresOtherFiles) {
  WriteFakeModel(dir_ + "/news.wlm", "abc");
  WriteFakeModel(dir_ + "/legal.wlm", "abcd");
  wordloom::testing::WriteFile(dir_ + "/README.txt", "not a model");
  wordloom::testing::WriteFile(dir_ + "/.hidden.wlm", "WLFAKE x");
  auto registry = Open();
  std::vector<ModelEntryInfo> list = registry->List();
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].model_id, "legal");
  EXPECT_EQ(list[1].model_id, "news");
  EXPECT_EQ(list[1].kind, ModelKind::kTopics);
  EXPECT_EQ(list[1].state, ModelState::kLoaded);
  EXPECT_EQ(list[1].details.number_of_topics, 3);
  EXPECT_EQ(Payload(*registry, "news"), "abc");
  EXPECT_EQ(Payload(*registry, "legal"), "abcd");
}

TEST_F(ModelRegistryTest, ErrorsNameTheProblem) {
  WriteFakeModel(dir_ + "/bad.wlm", "CORRUPT");
  WriteFakeModel(dir_ + "/good.wlm", "x");
  auto registry = Open();
  EXPECT_TRUE(absl::IsNotFound(registry->Describe("nope").status()));
  EXPECT_TRUE(absl::IsNotFound(registry->Get("nope", ModelKind::kTopics).status()));
  absl::Status wrong_kind = registry->Get("good", ModelKind::kClassifier).status();
  EXPECT_TRUE(absl::IsFailedPrecondition(wrong_kind));
  EXPECT_NE(wrong_kind.message().find("TOPICS"), absl::string_view::npos);
  auto bad = registry->Describe("bad");
  ASSERT_TRUE(bad.ok());
  EXPECT_EQ(bad->state, ModelState::kFailed);
  EXPECT_NE(bad->status_message.find("checksum"), std::string::npos);
  EXPECT_TRUE(absl::IsFailedPrecondition(registry->Get("bad", ModelKind::kTopics).status()));
  EXPECT_TRUE(absl::IsDataLoss(registry->Load("bad").status()));
}

TEST_F(ModelRegistryTest, LoadUnloadAndLazyLoad) {
  WriteFakeModel(dir_ + "/m.wlm", "one");
  auto registry = Open(/*eager=*/false);
  EXPECT_EQ(registry->Describe("m")->state, ModelState::kAvailable);
  EXPECT_EQ(registry->loaded_count(), 0u);
  EXPECT_EQ(Payload(*registry, "m"), "one");  // loads on first use
  EXPECT_EQ(registry->loaded_count(), 1u);
  auto held = registry->GetAs<std::string>("m", ModelKind::kTopics);
  ASSERT_TRUE(held.ok());
  auto unloaded = registry->Unload("m");
  ASSERT_TRUE(unloaded.ok());
  EXPECT_EQ(unloaded->state, ModelState::kAvailable);
  EXPECT_EQ(**held, "one");  // an in-flight user keeps its model
  auto loaded = registry->Load("m");
  ASSERT_TRUE(loaded.ok());
  EXPECT_EQ(loaded->state, ModelState::kLoaded);
}

TEST_F(ModelRegistryTest, LoadByPathRegistersAnExternalFile) {
  const std::string other = wordloom::testing::TempDir() + "/elsewhere.bin";
  WriteFakeModel(other, "ext");
  auto registry = Open();
  auto loaded = registry->Load("external", other);
  ASSERT_TRUE(loaded.ok()) << loaded.status();
  EXPECT_EQ(Payload(*registry, "external"), "ext");
  ASSERT_TRUE(registry->Rescan().ok());  // not in models_dir, still kept
  EXPECT_TRUE(registry->Describe("external").ok());
  EXPECT_TRUE(absl::IsNotFound(registry->Load("x", dir_ + "/missing.wlm").status()));
  wordloom::testing::WriteFile(dir_ + "/junk.bin", "junk");
  EXPECT_TRUE(absl::IsFailedPrecondition(registry->Load("x", dir_ + "/junk.bin").status()));
}

TEST_F(ModelRegistryTest, HotReloadSwapsWithoutDroppingInFlightUsers) {
  WriteFakeModel(dir_ + "/m.wlm", "v1");
  auto registry = Open();
  auto old_model = registry->GetAs<std::string>("m", ModelKind::kTopics);
  ASSERT_TRUE(old_model.ok());
  WriteFakeModel(dir_ + "/m.wlm", "version2");  // size differs: a change even within one mtime tick
  ASSERT_TRUE(registry->Rescan().ok());
  EXPECT_EQ(Payload(*registry, "m"), "version2");
  EXPECT_EQ(**old_model, "v1");  // the call that held v1 finishes with it

  WriteFakeModel(dir_ + "/m.wlm", "CORRUPT");  // a bad new version: v2 keeps serving
  ASSERT_TRUE(registry->Rescan().ok());
  EXPECT_EQ(Payload(*registry, "m"), "version2");

  WriteFakeModel(dir_ + "/n.wlm", "new");  // new files appear
  std::filesystem::remove(dir_ + "/m.wlm");  // removed files disappear
  ASSERT_TRUE(registry->Rescan().ok());
  EXPECT_EQ(Payload(*registry, "n"), "new");
  EXPECT_TRUE(absl::IsNotFound(registry->Describe("m").status()));
}

TEST_F(ModelRegistryTest, WatcherPicksUpChanges) {
  WriteFakeModel(dir_ + "/m.wlm", "v1");
  auto registry = ModelRegistry::Create(
      {.models_dir = dir_, .poll_interval = absl::Milliseconds(20)}, TestLoaders());
  ASSERT_TRUE(registry.ok());
  WriteFakeModel(dir_ + "/m.wlm", "v22");
  std::string payload;
  for (int i = 0; i < 500 && payload != "v22"; ++i) {
    absl::SleepFor(absl::Milliseconds(10));
    payload = Payload(**registry, "m");
  }
  EXPECT_EQ(payload, "v22");
}

TEST_F(ModelRegistryTest, DefaultModelOfAKind) {
  auto empty = Open();
  EXPECT_TRUE(absl::IsFailedPrecondition(
      empty->GetDefault(ModelKind::kTopics, "en").status()));
  WriteFakeModel(dir_ + "/b.wlm", "bb");
  WriteFakeModel(dir_ + "/a.wlm", "a");
  auto registry = Open();
  auto model = registry->GetAs<std::string>("", ModelKind::kTopics, "en");
  ASSERT_TRUE(model.ok());
  EXPECT_EQ(**model, "a");
}

TEST_F(ModelRegistryTest, UnreadableDirectoryIsAnError) {
  wordloom::testing::WriteFile(dir_ + "/file", "x");
  auto registry = ModelRegistry::Create({.models_dir = dir_ + "/file/sub"}, TestLoaders());
  // A path under a regular file does not exist: an empty registry.
  ASSERT_TRUE(registry.ok());
  EXPECT_TRUE((*registry)->List().empty());
}

TEST_F(ModelRegistryTest, KeyphrasesBackgroundModelIsTheDefaultKeyphrasesModel) {
  auto builder = nlp::BackgroundBuilder::Create();
  ASSERT_TRUE(builder.ok());
  for (int i = 0; i < 5; ++i) ASSERT_TRUE((*builder)->Add("sensor data").ok());
  ASSERT_TRUE((*builder)->Save(dir_ + "/keyphrases-background.wlm", "test", 1).ok());
  std::vector<ModelLoader> loaders;
  loaders.push_back(KeyphrasesModelLoader());
  auto registry = ModelRegistry::Create(
      {.models_dir = dir_, .eager_load = true, .poll_interval = absl::ZeroDuration()}, std::move(loaders));
  ASSERT_TRUE(registry.ok()) << registry.status();
  auto model = (*registry)->GetAs<nlp::KeyphraseExtractor>("", ModelKind::kKeyphrases, "en");
  ASSERT_TRUE(model.ok()) << model.status();
  auto phrases = (*model)->Extract("sensor, lattice");
  ASSERT_TRUE(phrases.ok());
  ASSERT_FALSE(phrases->empty());
  // idf from the model: "lattice" (unseen there) outranks "sensor" (in
  // every background document); with idf 1 they would tie in text order.
  std::vector<std::string> texts;
  for (const nlp::KeyPhrase& p : *phrases) texts.push_back(p.text);
  const auto at = [&](const std::string& t) { return std::find(texts.begin(), texts.end(), t) - texts.begin(); };
  EXPECT_LT(at("lattice"), at("sensor"));
}

}  // namespace
}  // namespace wordloom::service

// The entity recognizer end to end on a tiny training set: learning,
// offsets, model files, bad input.
#include "nlp/analyze/entities/entity_recognizer.h"

#include <memory>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "nlp/analyze/entities/conll.h"
#include "nlp/analyze/entities/entity_trainer.h"
#include "nlp/analyze/entities/evaluate.h"
#include "tests/test_util.h"

namespace wordloom::analyze::entities {

std::ostream& operator<<(std::ostream& os, const Chunk& c) {
  return os << c.type << "[" << c.begin << "," << c.end << ")";
}

namespace {

constexpr char kTiny[] =
    "-DOCSTART- -X- O O\n\n"
    "John NNP I-PER\nSmith NNP I-PER\nvisited VBD O\nParis NNP I-LOC\n. . O\n\n"
    "Acme NNP I-ORG\nCorp NNP I-ORG\nhired VBD O\nMary NNP I-PER\nJones NNP I-PER\n. . O\n\n"
    "The DT O\nBerlin NNP I-MISC\nFestival NNP I-MISC\nopened VBD O\nin IN O\nRome NNP I-LOC\n"
    ". . O\n\n"
    "-DOCSTART- -X- O O\n\n"
    "Mary NNP I-PER\nflew VBD O\nto TO O\nRome NNP I-LOC\nwith IN O\nJohn NNP I-PER\n. . O\n\n"
    "Globex NNP I-ORG\nbought VBD O\nAcme NNP I-ORG\nCorp NNP I-ORG\nin IN O\nParis NNP I-LOC\n"
    ". . O\n\n"
    "Smith NNP I-PER\nsaid VBD O\nthe DT O\nFrench JJ I-MISC\nteam NN O\nwon VBD O\n. . O\n\n"
    "Paris NNP I-LOC\nand CC O\nRome NNP I-LOC\nwelcomed VBD O\nGlobex NNP I-ORG\n. . O\n";

std::vector<ConllSentence> Tiny() {
  auto s = ParseConll(kTiny, "tiny");
  EXPECT_TRUE(s.ok()) << s.status();
  return *s;
}

// Without gazetteers the tiny set is separable by word features, so the
// perceptron must reproduce it exactly.
std::unique_ptr<EntityRecognizer> TrainTiny(int gazetteer_folds = 0) {
  EntityTrainerOptions options;
  options.epochs = 20;
  options.gazetteer_folds = gazetteer_folds;
  auto result = TrainEntityModel(Tiny(), {}, options);
  EXPECT_TRUE(result.ok()) << result.status();
  auto model = EntityRecognizer::Create(std::move(result->model));
  EXPECT_TRUE(model.ok()) << model.status();
  return *std::move(model);
}

TEST(EntityRecognizerTest, TinyTrainingSetIsLearnedPerfectly) {
  auto model = TrainTiny();
  EXPECT_EQ(model->data().types, (std::vector<std::string>{"LOC", "MISC", "ORG", "PER"}));
  auto eval = EvaluateConll(*model, Tiny());
  ASSERT_TRUE(eval.ok()) << eval.status();
  for (const ConllSentence& c : Tiny()) {
    auto tags = model->TagWords(c.words);
    ASSERT_TRUE(tags.ok());
    EXPECT_EQ(ExtractChunks(*tags), ExtractChunks(c.tags)) << c.words[0] << " " << c.words[1];
  }
  EXPECT_EQ(eval->scores.overall.gold, 17);
  EXPECT_EQ(eval->scores.overall.correct, 17);
  EXPECT_EQ(eval->scores.overall.guessed, 17);
  for (const auto& [score, correct] : eval->scored) {
    EXPECT_GE(score, 0.0);
    EXPECT_LE(score, 1.0);
  }
}

TEST(EntityRecognizerTest, OffsetsRoundTripOverMultiByteText) {
  auto model = TrainTiny();
  const std::string text = "Über 🙂 café : John Smith visited Paris and Rome ’s Acme Corp.";
  auto found = model->Detect(text);
  ASSERT_TRUE(found.ok()) << found.status();
  bool person = false;
  for (const Entity& e : *found) {
    ASSERT_LE(e.end, text.size());
    ASSERT_LT(e.begin, e.end);
    EXPECT_EQ(e.text, text.substr(e.begin, e.end - e.begin));
    EXPECT_GE(e.score, 0.0);
    EXPECT_LE(e.score, 1.0);
    if (e.type == "PERSON" && e.text == "John Smith") {
      person = true;
      EXPECT_EQ(e.begin, text.find("John"));
    }
  }
  EXPECT_TRUE(person);
}

TEST(EntityRecognizerTest, PossessiveIsLeftOutOfTheEntity) {
  auto model = TrainTiny();
  const std::string text = "John Smith visited Paris's museums.";
  auto found = model->Detect(text);
  ASSERT_TRUE(found.ok());
  bool paris = false;
  for (const Entity& e : *found) paris |= e.text == "Paris" && e.type == "LOCATION";
  EXPECT_TRUE(paris);
}

TEST(EntityRecognizerTest, SavedModelLoadsAndTagsTheSame) {
  auto model = TrainTiny();
  const std::string path = testing::TempDir() + "/ner.wlm";
  ASSERT_TRUE(model->Save(path).ok());
  auto loaded = EntityRecognizer::Load(path);
  ASSERT_TRUE(loaded.ok()) << loaded.status();
  const std::string text = "Mary Jones flew to Rome with Acme Corp on 3 March 1997.";
  auto a = model->Detect(text);
  auto b = (*loaded)->Detect(text);
  ASSERT_TRUE(a.ok() && b.ok());
  ASSERT_EQ(a->size(), b->size());
  for (size_t i = 0; i < a->size(); ++i) {
    EXPECT_EQ((*a)[i].text, (*b)[i].text);
    EXPECT_EQ((*a)[i].type, (*b)[i].type);
    EXPECT_FLOAT_EQ((*a)[i].score, (*b)[i].score);
  }
}

TEST(EntityRecognizerTest, CorruptForeignAndMissingFilesGiveClearErrors) {
  auto model = TrainTiny();
  const std::string dir = testing::TempDir();
  const std::string path = dir + "/ner.wlm";
  ASSERT_TRUE(model->Save(path).ok());
  const std::string bytes = testing::ReadFile(path);
  testing::WriteFile(dir + "/cut.wlm", bytes.substr(0, bytes.size() / 2));
  auto cut = EntityRecognizer::Load(dir + "/cut.wlm");
  EXPECT_EQ(cut.status().code(), absl::StatusCode::kDataLoss);
  EXPECT_NE(std::string(cut.status().message()).find("cut.wlm"), std::string::npos);
  std::string flipped = bytes;
  flipped[bytes.size() / 2] ^= 0x40;
  testing::WriteFile(dir + "/flip.wlm", flipped);
  auto flip = EntityRecognizer::Load(dir + "/flip.wlm");
  EXPECT_EQ(flip.status().code(), absl::StatusCode::kDataLoss);
  EXPECT_NE(std::string(flip.status().message()).find("checksum"), std::string::npos);
  testing::WriteFile(dir + "/text.wlm", "John Smith\n");
  EXPECT_EQ(EntityRecognizer::Load(dir + "/text.wlm").status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(EntityRecognizer::Load(dir + "/missing.wlm").status().code(),
            absl::StatusCode::kNotFound);
  EntityModelData bad = model->data();
  bad.weights.pop_back();
  EXPECT_EQ(EntityRecognizer::Create(bad).status().code(), absl::StatusCode::kInvalidArgument);
}

TEST(EntityRecognizerTest, EmptyEmojiInvalidAndOversizedInput) {
  auto model = TrainTiny();
  for (const char* text : {"", "   \t ", "🙂🙂👍🏽", "... !!"}) {
    auto found = model->Detect(text);
    ASSERT_TRUE(found.ok()) << text << ": " << found.status();
    EXPECT_TRUE(found->empty()) << text;
  }
  auto bad = model->Detect("John \xff\xfe Smith");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(std::string(bad.status().message()).find("byte 5"), std::string::npos)
      << bad.status();
  auto big = model->Detect(std::string(100001, 'a'));
  ASSERT_FALSE(big.ok());
  EXPECT_NE(std::string(big.status().message()).find("over the limit"), std::string::npos);
}

// Score of the LOCATION "Lyon" in a fixed sentence for a model trained with
// `lyon_cluster` as Lyon's cluster (Lyon never occurs in training, so the
// models differ only in that entry).
double LyonScore(uint32_t lyon_cluster, std::unique_ptr<EntityRecognizer>* out = nullptr) {
  EntityTrainerOptions options;
  options.epochs = 20;
  options.gazetteer_folds = 0;
  for (const char* city : {"paris", "rome"}) options.clusters[ClusterKey(city)] = 0x10001;
  options.clusters[ClusterKey("john")] = 0x20002;
  options.clusters[ClusterKey("lyon")] = lyon_cluster;
  auto result = TrainEntityModel(Tiny(), {}, options);
  EXPECT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->model.cluster_keys.size(), 4u);
  auto model = EntityRecognizer::Create(std::move(result->model));
  EXPECT_TRUE(model.ok());
  auto found = (*model)->Detect("Mary flew to Lyon .");
  EXPECT_TRUE(found.ok());
  double score = 0;
  for (const Entity& e : *found) {
    if (e.text == "Lyon" && e.type == "LOCATION") score = e.score;
  }
  if (out != nullptr) *out = *std::move(model);
  return score;
}

TEST(EntityRecognizerTest, WordClustersAreUsedAndStored) {
  std::unique_ptr<EntityRecognizer> model;
  const double shared = LyonScore(0x10001, &model);
  const double other = LyonScore(0x30003);
  EXPECT_GT(shared, other);
  const std::string path = testing::TempDir() + "/clusters.wlm";
  ASSERT_TRUE(model->Save(path).ok());
  auto loaded = EntityRecognizer::Load(path);
  ASSERT_TRUE(loaded.ok()) << loaded.status();
  EXPECT_EQ((*loaded)->data().cluster_keys, model->data().cluster_keys);
  EXPECT_EQ((*loaded)->data().cluster_ids, model->data().cluster_ids);
  auto eval = EvaluateConll(**loaded, Tiny());
  ASSERT_TRUE(eval.ok());
  EXPECT_EQ(eval->scores.overall.correct, 17);
}

TEST(EntityRecognizerTest, TrainingRejectsDataWithoutEntities) {
  auto s = ParseConll("a DT O\nb NN O\n", "none");
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(TrainEntityModel(*s, {}, {}).status().code(), absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace wordloom::analyze::entities

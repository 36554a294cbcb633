#include "topics/model_file.h"

#include <cstring>
#include <memory>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/test_util.h"
#include "tests/topics/synthetic_corpus.h"
#include "topics/inference.h"
#include "topics/trainer.h"

namespace wordloom::topics {
namespace {

using ::testing::HasSubstr;

std::shared_ptr<const LdaModel> TrainSmall() {
  const auto s = testing::MakeSyntheticCorpus(4, 40, 80, 30, 0.2, 0.1, 21);
  TrainerOptions options{.num_topics = 4, .iterations = 30, .threads = 2, .optimize_alpha = true,
                         .optimize_interval = 5, .optimize_burn_in = 10};
  auto trainer = LdaTrainer::Create(s.corpus, options);
  EXPECT_TRUE(trainer.ok());
  EXPECT_TRUE((*trainer)->Train().ok());
  auto model = (*trainer)->MakeModel(s.corpus.vocab, {.stopwords_language = "", .words_only = false});
  EXPECT_TRUE(model.ok());
  return std::move(*model);
}

TEST(ModelFileTest, RoundTripGivesIdenticalModelAndInference) {
  auto model = TrainSmall();
  const std::string path = wordloom::testing::TempDir() + "/model.wlm";
  ASSERT_TRUE(SaveLdaModel(*model, path).ok());
  auto loaded = LoadLdaModel(path);
  ASSERT_TRUE(loaded.ok()) << loaded.status();
  std::shared_ptr<const LdaModel> copy = std::move(*loaded);
  EXPECT_EQ(copy->data().alpha, model->data().alpha);
  EXPECT_EQ(copy->data().beta, model->data().beta);
  EXPECT_EQ(copy->data().word_topics, model->data().word_topics);
  EXPECT_EQ(copy->data().stats.iterations, 30);
  EXPECT_EQ(copy->data().stats.tokens, 80 * 30);
  EXPECT_EQ(copy->data().text.words_only, false);
  EXPECT_EQ(SerializeLdaModel(*copy), SerializeLdaModel(*model));

  auto a = TopicInferencer::Create(model);
  auto b = TopicInferencer::Create(copy);
  ASSERT_TRUE(a.ok() && b.ok());
  for (const char* text : {"w1 w2 w3 w1 w7", "w30 w31 w39 w30", "nothing known here", ""}) {
    auto ta = (*a)->DetectTopics(text, {});
    auto tb = (*b)->DetectTopics(text, {});
    ASSERT_TRUE(ta.ok() && tb.ok());
    ASSERT_EQ(ta->topics.size(), tb->topics.size()) << text;
    for (size_t i = 0; i < ta->topics.size(); ++i) {
      EXPECT_EQ(ta->topics[i].topic, tb->topics[i].topic);
      EXPECT_EQ(ta->topics[i].proportion, tb->topics[i].proportion);
      EXPECT_EQ(ta->topics[i].terms, tb->topics[i].terms);
    }
  }
  const std::vector<int32_t> ids = {0, 5, 5, 9, 17, 33};
  EXPECT_EQ((*a)->InferIds(ids, {}), (*b)->InferIds(ids, {}));
}

TEST(ModelFileTest, CorruptTruncatedAndForeignFilesGiveClearErrors) {
  auto model = TrainSmall();
  const std::string bytes = SerializeLdaModel(*model);
  // Every truncation is detected.
  for (size_t n : {size_t{0}, size_t{4}, size_t{8}, size_t{12}, size_t{20}, bytes.size() / 2,
                   bytes.size() - 1}) {
    auto parsed = ParseLdaModel(std::string_view(bytes).substr(0, n), "m.wlm");
    ASSERT_FALSE(parsed.ok()) << n;
    EXPECT_THAT(std::string(parsed.status().message()), HasSubstr("m.wlm")) << n;
  }
  // A flipped byte anywhere fails the checksum.
  for (size_t at : {size_t{30}, bytes.size() / 3, bytes.size() - 9}) {
    std::string corrupt = bytes;
    corrupt[at] ^= 0x20;
    auto parsed = ParseLdaModel(corrupt, "m.wlm");
    ASSERT_FALSE(parsed.ok()) << at;
    EXPECT_EQ(parsed.status().code(), absl::StatusCode::kDataLoss) << parsed.status();
  }
  EXPECT_EQ(ParseLdaModel("hello world, not a model", "x").status().code(),
            absl::StatusCode::kInvalidArgument);
  // Another model kind (same container, kind "word2vec").
  std::string other(kModelMagic);
  const uint32_t version = 1, len = 8;
  other.append(reinterpret_cast<const char*>(&version), 4);
  other.append(reinterpret_cast<const char*>(&len), 4);
  other.append("word2vec");
  other.append(64, '\0');
  auto foreign = ParseLdaModel(other, "vectors.wlm");
  EXPECT_EQ(foreign.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(std::string(foreign.status().message()), HasSubstr("'word2vec' model"));
  // A newer format version.
  std::string newer = bytes;
  newer[8] = 2;
  EXPECT_THAT(std::string(ParseLdaModel(newer, "m").status().message()), HasSubstr("version 2"));
  EXPECT_EQ(LoadLdaModel(wordloom::testing::TempDir() + "/missing.wlm").status().code(),
            absl::StatusCode::kNotFound);
}

}  // namespace
}  // namespace wordloom::topics

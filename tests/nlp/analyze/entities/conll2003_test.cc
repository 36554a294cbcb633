// A CI-sized training run on the real CoNLL-2003 English data: the full
// train split for a few epochs, scored on the validation split it never saw.
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "nlp/analyze/entities/conll.h"
#include "nlp/analyze/entities/entity_recognizer.h"
#include "nlp/analyze/entities/entity_trainer.h"
#include "nlp/analyze/entities/evaluate.h"
#include "tests/test_util.h"

namespace wordloom::analyze::entities {
namespace {

TEST(Conll2003Test, TrainedTaggerReachesF1FloorOnValidation) {
  std::string train_path, dev_path;
  WL_REQUIRE_DATA(train_path, "conll2003_en/eng.train");
  WL_REQUIRE_DATA(dev_path, "conll2003_en/eng.testa");
  auto train = ReadConll(train_path);
  auto dev = ReadConll(dev_path);
  ASSERT_TRUE(train.ok()) << train.status();
  ASSERT_TRUE(dev.ok()) << dev.status();
  EXPECT_EQ(train->size(), 14041u);  // MANIFEST: 14,041 sentences
  EXPECT_EQ(dev->size(), 3250u);

  EntityTrainerOptions options;
  options.epochs = 3;
  options.seed = 7;
  auto result = TrainEntityModel(*train, {}, options);
  ASSERT_TRUE(result.ok()) << result.status();
  auto model = EntityRecognizer::Create(std::move(result->model));
  ASSERT_TRUE(model.ok()) << model.status();
  auto eval = EvaluateConll(**model, *dev, 2);
  ASSERT_TRUE(eval.ok()) << eval.status();
  const ChunkScores& s = eval->scores;
  std::printf("%s", FormatScores(s).c_str());
  EXPECT_EQ(s.overall.gold, 5942);  // entities in eng.testa
  EXPECT_GE(s.overall.F1(), 88.0);
  for (const char* type : {"PER", "LOC", "ORG", "MISC"}) {
    EXPECT_GE(s.by_type.at(type).F1(), 80.0) << type;
  }
}

}  // namespace
}  // namespace wordloom::analyze::entities

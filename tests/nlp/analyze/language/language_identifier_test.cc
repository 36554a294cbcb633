#include "nlp/analyze/language/language_identifier.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "nlp/analyze/language/language_trainer.h"
#include "tests/test_util.h"

namespace wordloom::analyze::language {
namespace {

std::unique_ptr<LanguageIdentifier> TinyModel() {
  std::vector<LanguageExample> examples = {
      {"en", "the quick brown fox jumps over the lazy dog and the cat is sleeping"},
      {"en", "everyone has the right to life, liberty and the security of person"},
      {"fr", "le renard brun rapide saute par-dessus le chien paresseux et le chat dort"},
      {"fr", "tout individu a droit à la vie, à la liberté et à la sûreté de sa personne"},
      {"de", "der schnelle braune fuchs springt über den faulen hund und die katze schläft"},
      {"de", "jeder hat das recht auf leben, freiheit und sicherheit der person"},
      {"ru", "каждый человек имеет право на жизнь, на свободу и на личную неприкосновенность"},
  };
  auto data = TrainLanguageModel(examples, {});
  EXPECT_TRUE(data.ok()) << data.status();
  auto model = LanguageIdentifier::Create(*std::move(data));
  EXPECT_TRUE(model.ok()) << model.status();
  return *std::move(model);
}

std::string Top(const LanguageIdentifier& model, std::string_view text) {
  auto r = model.Detect(text);
  EXPECT_TRUE(r.ok()) << r.status();
  return r.ok() && !r->languages.empty() ? r->languages[0].code : "";
}

TEST(LanguageIdentifierTest, TinyModelSeparatesLanguages) {
  auto model = TinyModel();
  EXPECT_EQ(Top(*model, "The dog and the fox have the right to sleep"), "en");
  EXPECT_EQ(Top(*model, "Le chien et le renard ont le droit de dormir"), "fr");
  EXPECT_EQ(Top(*model, "Der Hund und der Fuchs haben das Recht zu schlafen"), "de");
  EXPECT_EQ(Top(*model, "Человек имеет право на свободу"), "ru");
  auto r = model->Detect("the dog and the fox");
  ASSERT_TRUE(r.ok());
  double sum = 0;
  for (const auto& l : r->languages) sum += l.score;
  EXPECT_LE(sum, 1.0 + 1e-9);
  EXPECT_GT(r->languages[0].score, 0.5);
}

TEST(LanguageIdentifierTest, NoEvidenceGivesEmptyResult) {
  auto model = TinyModel();
  for (std::string_view text : {"", "   ", "12345 !!! ...", "😀😀👍", "ქართული ენა"}) {
    auto r = model->Detect(text);
    ASSERT_TRUE(r.ok()) << text;
    EXPECT_TRUE(r->languages.empty()) << text;
  }
}

TEST(LanguageIdentifierTest, RejectsBadUtf8AndOversizedText) {
  auto model = TinyModel();
  EXPECT_EQ(model->Detect("abc \xff def").status().code(), absl::StatusCode::kInvalidArgument);
  const std::string big(100001, 'a');
  auto r = model->Detect(big);
  EXPECT_EQ(r.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(r.status().message().find("over the limit"), absl::string_view::npos);
}

TEST(LanguageIdentifierTest, SaveLoadRoundTripAndCorruptFile) {
  auto model = TinyModel();
  const std::string path = testing::TempDir() + "/lang.wlm";
  ASSERT_TRUE(model->Save(path).ok());
  auto loaded = LanguageIdentifier::Load(path);
  ASSERT_TRUE(loaded.ok()) << loaded.status();
  auto a = model->Detect("le chien dort");
  auto b = (*loaded)->Detect("le chien dort");
  ASSERT_TRUE(a.ok() && b.ok());
  ASSERT_EQ(a->languages.size(), b->languages.size());
  EXPECT_EQ(a->languages[0].code, b->languages[0].code);
  EXPECT_DOUBLE_EQ(a->languages[0].score, b->languages[0].score);
  std::string bytes = testing::ReadFile(path);
  testing::WriteFile(path, bytes.substr(0, bytes.size() / 2));
  EXPECT_EQ(LanguageIdentifier::Load(path).status().code(), absl::StatusCode::kDataLoss);
}

// Held-out accuracy on real data: train on 4 of 5 folds of the UDHR sample,
// test on paragraphs of at least 20 characters of the fifth.
TEST(LanguageIdentifierTest, UdhrHeldOutAccuracy) {
  std::string eng;
  WL_REQUIRE_DATA(eng, "udhr_multilingual/eng.txt");
  const std::string dir = eng.substr(0, eng.rfind('/'));
  auto train = ReadUdhr(dir, {.folds = 5, .fold = 0});
  auto test = ReadUdhr(dir, {.folds = 5, .fold = 0, .heldout = true, .min_chars = 20});
  ASSERT_TRUE(train.ok() && test.ok());
  auto data = TrainLanguageModel(*train, {});
  ASSERT_TRUE(data.ok());
  auto model = LanguageIdentifier::Create(*std::move(data));
  ASSERT_TRUE(model.ok());
  EXPECT_EQ((*model)->codes().size(), 49u);  // yue joins zh-TW
  size_t correct = 0;
  for (const LanguageExample& ex : *test) correct += Top(**model, ex.text) == ex.code;
  const double accuracy = static_cast<double>(correct) / test->size();
  EXPECT_GT(test->size(), 400u);
  EXPECT_GE(accuracy, 0.97) << correct << " of " << test->size();
}

}  // namespace
}  // namespace wordloom::analyze::language

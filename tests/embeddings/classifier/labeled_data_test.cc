#include "embeddings/classifier/labeled_data.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace wordloom::embeddings::classifier {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

TEST(LabeledDataTest, FastTextFormatLabelsAndText) {
  auto data = ParseLabeledData(
      "__label__a __label__b hello world\n\nno label here\n__label__c\n", "x.txt", {});
  ASSERT_TRUE(data.ok()) << data.status();
  ASSERT_EQ(data->examples.size(), 2u);
  EXPECT_THAT(data->examples[0].labels, ElementsAre("a", "b"));
  EXPECT_EQ(data->examples[0].text, "hello world");
  EXPECT_EQ(data->examples[0].line, 1u);
  // Labels only: kept with empty text.
  EXPECT_THAT(data->examples[1].labels, ElementsAre("c"));
  EXPECT_EQ(data->examples[1].text, "");
  EXPECT_EQ(data->examples[1].line, 4u);
  EXPECT_EQ(data->skipped_no_label, 1u);
}

// fastText's Dictionary::getLine takes a `__label__` token as a label
// wherever it stands in the line, not only before the text.
TEST(LabeledDataTest, FastTextLabelsAnywhereInTheLine) {
  auto data = ParseLabeledData(
      "good __label__pos movie\tnight __label__x\n"
      "text first then __label__neg\n"
      "a __label__ b __label__y\n"
      "no label at all __label\n"
      "  __label__p  __label__q\n",
      "mid.txt", {});
  ASSERT_TRUE(data.ok()) << data.status();
  ASSERT_EQ(data->examples.size(), 4u);
  EXPECT_THAT(data->examples[0].labels, ElementsAre("pos", "x"));
  EXPECT_EQ(data->examples[0].text, "good movie\tnight");
  EXPECT_THAT(data->examples[1].labels, ElementsAre("neg"));
  EXPECT_EQ(data->examples[1].text, "text first then");
  // A bare prefix is no label and no word (the featurizer drops it too).
  EXPECT_THAT(data->examples[2].labels, ElementsAre("y"));
  EXPECT_EQ(data->examples[2].text, "a b");
  EXPECT_EQ(data->examples[2].line, 3u);
  EXPECT_THAT(data->examples[3].labels, ElementsAre("p", "q"));
  EXPECT_EQ(data->examples[3].text, "");
  EXPECT_EQ(data->examples[3].line, 5u);
  EXPECT_EQ(data->skipped_no_label, 1u);
}

TEST(LabeledDataTest, EmptyAndUnlabelledInputsAreClearErrors) {
  auto empty = ParseLabeledData("", "empty.txt", {});
  ASSERT_FALSE(empty.ok());
  EXPECT_THAT(empty.status().message(), HasSubstr("empty.txt: empty input"));
  auto unlabeled = ParseLabeledData("just text\nmore text\n", "u.txt", {});
  ASSERT_FALSE(unlabeled.ok());
  EXPECT_THAT(unlabeled.status().message(), HasSubstr("no labelled example (2"));
}

TEST(LabeledDataTest, CsvWithQuotesAndExtraColumns) {
  LabeledDataOptions options;
  options.format = InputFormat::kCsv;
  auto data = ParseLabeledData("pos,\"good, \"\"very\"\" good\"\nneg,bad,worse\r\n", "d.csv",
                               options);
  ASSERT_TRUE(data.ok()) << data.status();
  ASSERT_EQ(data->examples.size(), 2u);
  EXPECT_THAT(data->examples[0].labels, ElementsAre("pos"));
  EXPECT_EQ(data->examples[0].text, "good, \"very\" good");
  EXPECT_EQ(data->examples[1].text, "bad,worse");
}

TEST(LabeledDataTest, ComprehendMultiLabelAndTsv) {
  LabeledDataOptions options;
  options.format = InputFormat::kComprehend;
  auto data = ParseLabeledData("COMEDY|DRAMA,\"a funny\nsad film\"\nACTION,boom\n", "c.csv",
                               options);
  ASSERT_TRUE(data.ok()) << data.status();
  ASSERT_EQ(data->examples.size(), 2u);
  EXPECT_THAT(data->examples[0].labels, ElementsAre("COMEDY", "DRAMA"));
  EXPECT_EQ(data->examples[0].text, "a funny\nsad film");
  EXPECT_EQ(data->examples[1].line, 3u);
  options.format = InputFormat::kTsv;
  auto tsv = ParseLabeledData("x\thello there\n", "t.tsv", options);
  ASSERT_TRUE(tsv.ok());
  EXPECT_EQ(tsv->examples[0].text, "hello there");
}

TEST(LabeledDataTest, UnterminatedQuoteNamesLine) {
  LabeledDataOptions options;
  options.format = InputFormat::kCsv;
  auto data = ParseLabeledData("a,ok\nb,\"never closed\n", "bad.csv", options);
  ASSERT_FALSE(data.ok());
  EXPECT_THAT(data.status().message(), HasSubstr("bad.csv:2: unterminated"));
}

TEST(LabeledDataTest, ParseFormatNames) {
  EXPECT_EQ(*ParseInputFormat("comprehend"), InputFormat::kComprehend);
  EXPECT_FALSE(ParseInputFormat("xml").ok());
}

}  // namespace
}  // namespace wordloom::embeddings::classifier

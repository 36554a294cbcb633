// CoNLL reading and conlleval scoring against hand-computed values.
#include "nlp/analyze/entities/conll.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "nlp/analyze/entities/tag_set.h"

namespace wordloom::analyze::entities {
namespace {

using Tags = std::vector<std::string>;

TEST(ConllTest, ParsesSentencesDocumentsAndTags) {
  const std::string text =
      "-DOCSTART- -X- O O\n\nEU NNP I-NP I-ORG\nrejects VBZ I-VP O\n\n"
      "Peter NNP I-NP I-PER\nBlackburn NNP I-NP I-PER\n\n-DOCSTART- -X- O O\n\n"
      "BRUSSELS NNP I-NP I-LOC\n";
  auto s = ParseConll(text, "t");
  ASSERT_TRUE(s.ok()) << s.status();
  ASSERT_EQ(s->size(), 3u);
  EXPECT_EQ((*s)[0].words, (Tags{"EU", "rejects"}));
  EXPECT_EQ((*s)[0].tags, (Tags{"I-ORG", "O"}));
  EXPECT_EQ((*s)[1].document, 0);
  EXPECT_EQ((*s)[2].document, 1);
  EXPECT_EQ((*s)[2].words, (Tags{"BRUSSELS"}));
}

TEST(ConllTest, BadLinesNameFileAndLine) {
  auto one_column = ParseConll("EU I-ORG\nrejects\n", "data.conll");
  ASSERT_FALSE(one_column.ok());
  EXPECT_EQ(one_column.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(std::string(one_column.status().message()).find("data.conll:2"), std::string::npos);
  auto bad_tag = ParseConll("EU NNP X-ORG\n", "d");
  ASSERT_FALSE(bad_tag.ok());
  EXPECT_NE(std::string(bad_tag.status().message()).find("bad tag 'X-ORG'"), std::string::npos);
  EXPECT_EQ(ReadConll("/nonexistent/x.conll").status().code(), absl::StatusCode::kNotFound);
}

TEST(ConllTest, ChunksFollowConllevalRules) {
  // IOB1: I-X after O starts a chunk; B-X splits two touching chunks.
  EXPECT_EQ(ExtractChunks({"I-PER", "I-PER", "B-PER", "O", "I-LOC"}),
            (std::vector<Chunk>{{0, 2, "PER"}, {2, 3, "PER"}, {4, 5, "LOC"}}));
  // A type change inside I- tags ends one chunk and starts another.
  EXPECT_EQ(ExtractChunks({"I-ORG", "I-LOC"}),
            (std::vector<Chunk>{{0, 1, "ORG"}, {1, 2, "LOC"}}));
  // BILOU reads as IOB2.
  EXPECT_EQ(ExtractChunks({"B-ORG", "L-ORG", "U-ORG", "O"}),
            (std::vector<Chunk>{{0, 2, "ORG"}, {2, 3, "ORG"}}));
  EXPECT_TRUE(ExtractChunks({"O", "O"}).empty());
}

TEST(ConllTest, ScoresMatchHandComputedValues) {
  ChunkScores s;
  // Gold: PER[0,2) LOC[3,4); guess: PER[0,2) correct, LOC[3,4) typed ORG.
  AddSentence({"I-PER", "I-PER", "O", "I-LOC"}, {"B-PER", "I-PER", "O", "B-ORG"}, &s);
  // Gold: MISC[0,1) ORG[1,3); guess: MISC[0,1) correct, ORG[1,2) too short, PER[4,5) spurious.
  AddSentence({"I-MISC", "I-ORG", "I-ORG", "O", "O"}, {"B-MISC", "B-ORG", "O", "O", "B-PER"},
              &s);
  EXPECT_EQ(s.overall.gold, 4);
  EXPECT_EQ(s.overall.guessed, 5);
  EXPECT_EQ(s.overall.correct, 2);
  EXPECT_DOUBLE_EQ(s.overall.Precision(), 40.0);
  EXPECT_DOUBLE_EQ(s.overall.Recall(), 50.0);
  EXPECT_NEAR(s.overall.F1(), 2 * 40.0 * 50.0 / 90.0, 1e-9);  // 44.44
  EXPECT_DOUBLE_EQ(s.by_type["PER"].Precision(), 50.0);
  EXPECT_DOUBLE_EQ(s.by_type["PER"].Recall(), 100.0);
  EXPECT_DOUBLE_EQ(s.by_type["ORG"].Precision(), 0.0);
  EXPECT_DOUBLE_EQ(s.by_type["ORG"].F1(), 0.0);
  EXPECT_DOUBLE_EQ(s.by_type["LOC"].Recall(), 0.0);
  EXPECT_DOUBLE_EQ(s.by_type["MISC"].F1(), 100.0);
  EXPECT_EQ(s.tokens, 9);
  EXPECT_EQ(s.correct_tags, 6);  // all but LOC/ORG; ORG/O and O/PER in sentence 2
  const std::string report = FormatScores(s);
  EXPECT_NE(report.find("FB1:  44.44"), std::string::npos) << report;
}

TEST(TagSetTest, TransitionsFollowBilou) {
  const int b_per = TagSet::Tag(0, TagPart::kB), i_per = TagSet::Tag(0, TagPart::kI);
  const int l_per = TagSet::Tag(0, TagPart::kL), u_loc = TagSet::Tag(1, TagPart::kU);
  const int l_loc = TagSet::Tag(1, TagPart::kL);
  EXPECT_TRUE(TagSet::Allowed(-1, b_per));
  EXPECT_FALSE(TagSet::Allowed(-1, i_per));
  EXPECT_TRUE(TagSet::Allowed(b_per, i_per));
  EXPECT_TRUE(TagSet::Allowed(b_per, l_per));
  EXPECT_FALSE(TagSet::Allowed(b_per, l_loc));
  EXPECT_FALSE(TagSet::Allowed(b_per, 0));
  EXPECT_FALSE(TagSet::Allowed(b_per, -1));
  EXPECT_TRUE(TagSet::Allowed(l_per, u_loc));
  EXPECT_TRUE(TagSet::Allowed(u_loc, -1));
  EXPECT_FALSE(TagSet::Allowed(0, l_per));
  TagSet tags({"LOC", "PER"});
  EXPECT_EQ(tags.num_tags(), 9);
  EXPECT_EQ(tags.Name(TagSet::Tag(1, TagPart::kL)), "L-PER");
  EXPECT_EQ(ComprehendType("MISC"), "OTHER");
  EXPECT_EQ(ComprehendType("ORG"), "ORGANIZATION");
}

}  // namespace
}  // namespace wordloom::analyze::entities

// Tests for Vocabulary: counting, document frequencies, merging, pruning
// with id remapping, and the text format's round trip and errors.
#include "nlp/text/vocabulary.h"

#include <gtest/gtest.h>

#include "gmock/gmock.h"

namespace wordloom::nlp {
namespace {

Vocabulary Sample() {
  Vocabulary v;
  // doc 0: a b a c ; doc 1: b c c ; doc 2: a d
  std::vector<std::vector<std::string>> docs = {{"a", "b", "a", "c"}, {"b", "c", "c"}, {"a", "d"}};
  for (const auto& doc : docs) {
    std::vector<int32_t> ids;
    for (const std::string& term : doc) ids.push_back(v.Add(term));
    v.AddDocument(ids);
  }
  return v;
}

TEST(VocabularyTest, AddFindCounts) {
  Vocabulary v = Sample();
  ASSERT_EQ(v.size(), 4u);
  EXPECT_EQ(v.Find("a"), 0);
  EXPECT_EQ(v.Find("d"), 3);
  EXPECT_EQ(v.Find("zzz"), Vocabulary::kNotFound);
  EXPECT_EQ(v.Term(2), "c");
  EXPECT_EQ(v.Count(v.Find("a")), 3);
  EXPECT_EQ(v.Count(v.Find("c")), 3);
  EXPECT_EQ(v.DocumentFrequency(v.Find("a")), 2);  // duplicates in a doc count once
  EXPECT_EQ(v.DocumentFrequency(v.Find("c")), 2);
  EXPECT_EQ(v.DocumentFrequency(v.Find("d")), 1);
  EXPECT_EQ(v.total_count(), 9);
  EXPECT_EQ(v.num_documents(), 3);
  EXPECT_EQ(v.Add("a", 10), 0);
  EXPECT_EQ(v.Count(0), 13);
}

TEST(VocabularyTest, Merge) {
  Vocabulary a = Sample();
  Vocabulary b;
  std::vector<int32_t> ids = {b.Add("d"), b.Add("e"), b.Add("e")};
  b.AddDocument(ids);
  a.Merge(b);
  EXPECT_EQ(a.size(), 5u);
  EXPECT_EQ(a.Count(a.Find("d")), 2);
  EXPECT_EQ(a.DocumentFrequency(a.Find("d")), 2);
  EXPECT_EQ(a.Count(a.Find("e")), 2);
  EXPECT_EQ(a.DocumentFrequency(a.Find("e")), 1);
  EXPECT_EQ(a.num_documents(), 4);
  EXPECT_EQ(a.total_count(), 12);
}

TEST(VocabularyTest, PruneByCountRenumbersByFrequency) {
  Vocabulary v = Sample();
  v.Add("b", 5);  // b: 7
  std::vector<int32_t> remap = v.Prune({.min_count = 2});
  // Kept: b (7), a (3), c (3) — ties broken by term bytes; d dropped.
  ASSERT_EQ(v.size(), 3u);
  EXPECT_EQ(v.Term(0), "b");
  EXPECT_EQ(v.Term(1), "a");
  EXPECT_EQ(v.Term(2), "c");
  EXPECT_THAT(remap, ::testing::ElementsAre(1, 0, 2, Vocabulary::kNotFound));
  EXPECT_EQ(v.Find("d"), Vocabulary::kNotFound);
  EXPECT_EQ(v.Find("c"), 2);
  EXPECT_EQ(v.DocumentFrequency(1), 2);  // a keeps its document frequency
  EXPECT_EQ(v.num_documents(), 3);
}

TEST(VocabularyTest, PruneByDocumentFractionAndSize) {
  Vocabulary v = Sample();
  // a, b, c are in 2 of 3 documents (> 0.5); only d stays.
  v.Prune({.max_document_fraction = 0.5});
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v.Term(0), "d");

  Vocabulary w = Sample();
  w.Prune({.max_size = 2});
  ASSERT_EQ(w.size(), 2u);
  EXPECT_EQ(w.Term(0), "a");
  EXPECT_EQ(w.Term(1), "c");
}

TEST(VocabularyTest, SerializeParseRoundTrip) {
  Vocabulary v = Sample();
  v.Add("caf\u00E9 \u6771\u4EAC", 4);  // UTF-8 and a space are fine in terms
  const std::string text = v.Serialize();
  EXPECT_EQ(text.substr(0, text.find('\n')), "#wordloom-vocab v1 3");
  auto parsed = Vocabulary::Parse(text, "vocab.txt");
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  ASSERT_EQ(parsed->size(), v.size());
  for (size_t id = 0; id < v.size(); ++id) {
    EXPECT_EQ(parsed->Term(id), v.Term(id));
    EXPECT_EQ(parsed->Count(id), v.Count(id));
    EXPECT_EQ(parsed->DocumentFrequency(id), v.DocumentFrequency(id));
    EXPECT_EQ(parsed->Find(v.Term(id)), static_cast<int32_t>(id));
  }
  EXPECT_EQ(parsed->num_documents(), 3);
  EXPECT_EQ(parsed->total_count(), v.total_count());
  EXPECT_EQ(parsed->Serialize(), text);
  // An empty vocabulary round-trips too.
  auto empty = Vocabulary::Parse(Vocabulary().Serialize(), "e");
  ASSERT_TRUE(empty.ok()) << empty.status();
  EXPECT_EQ(empty->size(), 0u);
}

TEST(VocabularyTest, ParseErrorsNameSourceAndLine) {
  struct Case {
    std::string data;
    std::string where;
  };
  for (const Case& c : std::vector<Case>{
           {"", "src"},
           {"not a header\n", "src:1:"},
           {"#wordloom-vocab v2 3\n", "src:1:"},
           {"#wordloom-vocab v1 x\n", "src:1:"},
           {"#wordloom-vocab v1 3\na\t1\t1\nb\t1\n", "src:3:"},
           {"#wordloom-vocab v1 3\na\t1\t1\nb\tmany\t1\n", "src:3:"},
           {"#wordloom-vocab v1 3\na\t1\t1\nb\t-1\t1\n", "src:3:"},
           {"#wordloom-vocab v1 3\na\t1\t1\nb\t2\t1\na\t3\t1\n", "src:4:"},
       }) {
    auto parsed = Vocabulary::Parse(c.data, "src");
    ASSERT_FALSE(parsed.ok()) << c.data;
    EXPECT_EQ(parsed.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_NE(parsed.status().message().find(c.where), absl::string_view::npos)
        << parsed.status();
  }
}

}  // namespace
}  // namespace wordloom::nlp

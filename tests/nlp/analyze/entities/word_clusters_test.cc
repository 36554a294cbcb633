// Word clusters: words used in the same contexts share a cluster.
#include "nlp/analyze/entities/word_clusters.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"

namespace wordloom::analyze::entities {
namespace {

TEST(WordClustersTest, WordsInSameContextsShareClusters) {
  auto builder = WordClusterBuilder::Create();
  ASSERT_TRUE(builder.ok()) << builder.status();
  const char* cities[] = {"paris", "rome", "berlin", "madrid"};
  const char* names[] = {"john", "mary", "peter", "anna"};
  const char* verbs[] = {"runs", "sleeps", "eats", "sings"};
  for (int rep = 0; rep < 30; ++rep) {
    for (const char* c : cities) {
      for (const char* n : names) {
        (*builder)->AddText(absl::StrCat("she flew to ", c, " with ", n, " today ."));
        (*builder)->AddText(absl::StrCat("mr ", n, " said that ", c, " is big ."));
      }
    }
    for (const char* v : verbs) (*builder)->AddText(absl::StrCat("the dog ", v, " ."));
  }
  (*builder)->AddText("bad \xff utf8 is skipped");
  WordClusterOptions options;
  options.fine = 6;
  options.coarse = 2;
  options.min_count = 2;
  options.contexts = 40;
  options.dims = 32;
  auto map = (*builder)->Build(options);
  ASSERT_TRUE(map.ok()) << map.status();
  auto id = [&](const char* w) { return map->at(ClusterKey(w)); };
  for (const char* c : cities) EXPECT_EQ(id(c), id("paris")) << c;
  for (const char* n : names) EXPECT_EQ(id(n), id("john")) << n;
  EXPECT_NE(id("paris"), id("john"));
  EXPECT_EQ(map->count(ClusterKey("utf8")), 0u);  // seen once: below min_count
  options.fine = 1000;
  EXPECT_EQ((*builder)->Build(options).status().code(), absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace wordloom::analyze::entities

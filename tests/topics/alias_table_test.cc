#include "topics/alias_table.h"

#include <vector>

#include "gtest/gtest.h"

namespace wordloom::topics {
namespace {

TEST(AliasTableTest, SamplesInProportion) {
  const std::vector<double> weights = {1, 0, 3, 6};
  AliasTable table;
  table.Build(weights.data(), 4);
  EXPECT_DOUBLE_EQ(table.total(), 10);
  Rng rng(7);
  std::vector<int> hits(4, 0);
  const int n = 200000;
  for (int i = 0; i < n; ++i) ++hits[table.Sample(rng)];
  EXPECT_EQ(hits[1], 0);
  EXPECT_NEAR(hits[0] / double(n), 0.1, 0.01);
  EXPECT_NEAR(hits[2] / double(n), 0.3, 0.01);
  EXPECT_NEAR(hits[3] / double(n), 0.6, 0.01);
}

TEST(AliasTableTest, AllZeroIsUniform) {
  const std::vector<double> weights = {0, 0};
  AliasTable table;
  table.Build(weights.data(), 2);
  Rng rng(1);
  int ones = 0;
  for (int i = 0; i < 10000; ++i) ones += table.Sample(rng);
  EXPECT_NEAR(ones / 10000.0, 0.5, 0.03);
}

}  // namespace
}  // namespace wordloom::topics

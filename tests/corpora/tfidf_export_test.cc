// `wordloom tfidf --store` path: the fixture indexed pre-tokenized into a
// store, weighted from the store's document frequencies and exported as TSV
// and Matrix Market, equals scikit-learn's values
// (tests/nlp/text/testdata/tfidf_sklearn.tsv).
#include "corpora/tfidf_export.h"

#include <map>
#include <string>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_split.h"
#include "corpora/ingest.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/test_util.h"

namespace wordloom::corpora {
namespace {

using ::wordloom::testing::ReadFile;
using ::wordloom::testing::SourceDir;
using ::wordloom::testing::TempDir;
using Values = std::map<std::pair<int, std::string>, double>;

std::vector<std::vector<std::string>> Rows(const std::string& text) {
  std::vector<std::vector<std::string>> rows;
  for (absl::string_view line : absl::StrSplit(text, '\n', absl::SkipEmpty())) {
    if (line[0] == '#' || line[0] == '%') continue;
    rows.push_back(absl::StrSplit(line, absl::ByAnyChar("\t ")));
  }
  return rows;
}

Values Fixture(const std::string& setting) {
  Values v;
  for (const auto& f : Rows(ReadFile(SourceDir() + "/tests/nlp/text/testdata/tfidf_sklearn.tsv"))) {
    int row = 0;
    double w = 0;
    if (f[0] != setting) continue;
    EXPECT_TRUE(absl::SimpleAtoi(f[1], &row) && absl::SimpleAtod(f[3], &w));
    v[{row, f[2]}] = w;
  }
  return v;
}

std::unique_ptr<StoreReader> IndexFixture(const std::string& dir) {
  IngestOptions o;
  o.inputs = {SourceDir() + "/tests/nlp/text/testdata/tfidf_docs.txt"};
  o.pretokenized = true;
  o.progress_mode = 2;
  o.store.shard_max_docs = 3;
  auto summary = RunIngest(dir + "/store", o);
  EXPECT_TRUE(summary.ok()) << summary.status();
  auto store = StoreReader::Open(dir + "/store");
  EXPECT_TRUE(store.ok()) << store.status();
  return store.ok() ? std::move(*store) : nullptr;
}

void ExpectNear(const Values& got, const Values& want) {
  ASSERT_EQ(got.size(), want.size());
  for (const auto& [key, w] : want) {
    ASSERT_TRUE(got.count(key)) << key.first << " " << key.second;
    EXPECT_NEAR(got.at(key), w, 1e-12) << key.first << " " << key.second;
  }
}

TEST(TfidfExportTest, StoreTsvAndMatrixMarketEqualScikitLearn) {
  for (const std::string setting : {"default", "sublinear"}) {
    const std::string dir = TempDir();
    auto store = IndexFixture(dir);
    ASSERT_NE(store, nullptr);
    TfidfExportOptions out{.rows_path = dir + "/rows.txt", .top_k = 2, .tsv_path = dir + "/w.tsv",
                           .mtx_path = dir + "/w.mtx"};
    nlp::TfidfOptions weighting;
    if (setting == "sublinear") weighting.tf = nlp::TfWeighting::kLog;
    auto docs = ExportStoreTfidf(*store, weighting, out);
    ASSERT_TRUE(docs.ok()) << docs.status();
    EXPECT_EQ(*docs, 10u);
    // Matrix Market: header, then "row col value"; names in .rows / .cols.
    const auto mtx = Rows(ReadFile(dir + "/w.mtx"));
    const auto row_ids = Rows(ReadFile(dir + "/w.mtx.rows"));
    const auto cols = Rows(ReadFile(dir + "/w.mtx.cols"));
    ASSERT_EQ(row_ids.size(), 10u);
    EXPECT_EQ(mtx[0][0], "10");
    EXPECT_EQ(mtx[0][1], std::to_string(cols.size()));
    EXPECT_EQ(mtx[0][2], std::to_string(mtx.size() - 1));
    Values from_mtx, from_tsv;
    std::map<std::string, int> line_of;
    for (size_t i = 0; i < row_ids.size(); ++i) line_of[row_ids[i][0]] = static_cast<int>(i + 1);
    for (size_t i = 1; i < mtx.size(); ++i) {
      int r = 0, c = 0;
      double w = 0;
      ASSERT_TRUE(absl::SimpleAtoi(mtx[i][0], &r) && absl::SimpleAtoi(mtx[i][1], &c) &&
                  absl::SimpleAtod(mtx[i][2], &w));
      from_mtx[{r, cols[c - 1][0]}] = w;
    }
    for (const auto& f : Rows(ReadFile(dir + "/w.tsv"))) {
      double w = 0;
      ASSERT_TRUE(absl::SimpleAtod(f[2], &w));
      from_tsv[{line_of.at(f[0]), f[1]}] = w;
    }
    SCOPED_TRACE(setting);
    ExpectNear(from_mtx, Fixture(setting));
    ExpectNear(from_tsv, Fixture(setting));
    // Top-2 lines: highest weights first (line 5 is "cat cat cat cat dog").
    const auto lines = Rows(ReadFile(dir + "/rows.txt"));
    ASSERT_EQ(lines.size(), 10u);
    EXPECT_EQ(lines[4].size(), 3u);  // "id dog:w cat:w"
    EXPECT_EQ(lines[4][1].substr(0, 4), "cat:");
    EXPECT_EQ(lines[4][2].substr(0, 4), "dog:");
  }
}

}  // namespace
}  // namespace wordloom::corpora

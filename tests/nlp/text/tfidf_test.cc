// TF-IDF weighting and FitTransformLines() against values computed by hand
// and against scikit-learn's TfidfVectorizer on a committed fixture
// (testdata/tfidf_docs.txt -> testdata/tfidf_sklearn.tsv, written by
// testdata/make_tfidf_fixture.py).
#include "nlp/text/tfidf.h"

#include <cmath>
#include <map>
#include <random>
#include <string>
#include <tuple>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_split.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "nlp/text/tfidf_scan.h"
#include "tests/test_util.h"

namespace wordloom::nlp {
namespace {

using ::testing::ElementsAre;
using Values = std::map<std::pair<int, std::string>, double>;  // (line, term) -> weight

Values FromFit(const TfidfFit& fit) {
  Values v;
  for (size_t r = 0; r < fit.matrix.rows(); ++r) {
    for (uint64_t e = fit.matrix.row_begin[r]; e < fit.matrix.row_begin[r + 1]; ++e) {
      v[{static_cast<int>(r + 1), fit.terms[fit.matrix.columns[e]]}] = fit.matrix.values[e];
    }
  }
  return v;
}

Values Fixture(const std::string& setting) {
  const std::string text =
      testing::ReadFile(testing::SourceDir() + "/tests/nlp/text/testdata/tfidf_sklearn.tsv");
  Values v;
  for (absl::string_view line : absl::StrSplit(text, '\n', absl::SkipEmpty())) {
    if (line[0] == '#') continue;
    std::vector<std::string> f = absl::StrSplit(line, '\t');
    int row = 0;
    double w = 0;
    EXPECT_EQ(f.size(), 4u);
    EXPECT_TRUE(absl::SimpleAtoi(f[1], &row) && absl::SimpleAtod(f[3], &w)) << line;
    if (f[0] == setting) v[{row, f[2]}] = w;
  }
  return v;
}

void ExpectSameValues(const Values& got, const Values& want) {
  ASSERT_EQ(got.size(), want.size());
  for (const auto& [key, w] : want) {
    auto it = got.find(key);
    ASSERT_NE(it, got.end()) << "line " << key.first << " term '" << key.second << "' missing";
    EXPECT_NEAR(it->second, w, 1e-12) << "line " << key.first << " term " << key.second;
  }
}

TEST(TfidfTest, HandComputedDefaultSettings) {
  // n = 2; df(a) = 1, df(b) = 2, df(c) = 1; smooth idf = ln(3 / (1 + df)) + 1.
  TfidfFit fit = FitTransformLines("a b a\nb c\n", {}, 1);
  ASSERT_THAT(fit.terms, ElementsAre("a", "b", "c"));
  EXPECT_THAT(fit.document_frequencies, ElementsAre(1, 2, 1));
  const double ia = std::log(1.5) + 1, ib = 1.0;
  EXPECT_DOUBLE_EQ(fit.idf[0], ia);
  EXPECT_DOUBLE_EQ(fit.idf[1], ib);
  Values v = FromFit(fit);
  const double n1 = std::sqrt(4 * ia * ia + ib * ib);
  EXPECT_DOUBLE_EQ((v[{1, "a"}]), 2 * ia / n1);
  EXPECT_DOUBLE_EQ((v[{1, "b"}]), ib / n1);
  const double n2 = std::sqrt(ib * ib + ia * ia);
  EXPECT_DOUBLE_EQ((v[{2, "b"}]), ib / n2);
  EXPECT_DOUBLE_EQ((v[{2, "c"}]), ia / n2);
  EXPECT_EQ(v.size(), 4u);
}

TEST(TfidfTest, HandComputedSublinearPlainIdfNoNorm) {
  TfidfOptions o{.tf = TfWeighting::kLog, .smooth_idf = false, .norm = TfidfNorm::kNone};
  Values v = FromFit(FitTransformLines("a a a b\nb\n", o, 1));
  EXPECT_DOUBLE_EQ((v[{1, "a"}]), (1 + std::log(3.0)) * (std::log(2.0) + 1));
  EXPECT_DOUBLE_EQ((v[{1, "b"}]), 1.0);
  EXPECT_DOUBLE_EQ((v[{2, "b"}]), 1.0);
}

TEST(TfidfTest, EmptyLinesAreEmptyDocumentsAndLastLineNeedsNoNewline) {
  TfidfFit fit = FitTransformLines("a\n\nb", {}, 1);
  ASSERT_EQ(fit.matrix.rows(), 3u);
  EXPECT_EQ(fit.matrix.row_begin[2] - fit.matrix.row_begin[1], 0u);
  EXPECT_DOUBLE_EQ(fit.idf[0], std::log(4.0 / 2.0) + 1);  // n = 3 documents
  EXPECT_DOUBLE_EQ(fit.matrix.values[0], 1.0);
}

TEST(TfidfTest, MatchesScikitLearnDefaultOnFixture) {
  const std::string docs = testing::ReadFile(testing::SourceDir() + "/tests/nlp/text/testdata/tfidf_docs.txt");
  const Values want = Fixture("default");
  ASSERT_GT(want.size(), 30u);
  for (size_t threads : {1, 2, 3, 7}) {
    SCOPED_TRACE(threads);
    ExpectSameValues(FromFit(FitTransformLines(docs, {}, threads)), want);
  }
}

TEST(TfidfTest, MatchesScikitLearnSublinearOnFixture) {
  const std::string docs = testing::ReadFile(testing::SourceDir() + "/tests/nlp/text/testdata/tfidf_docs.txt");
  const Values want = Fixture("sublinear");
  ExpectSameValues(FromFit(FitTransformLines(docs, {.tf = TfWeighting::kLog}, 2)), want);
  // Sublinear differs from raw where a term repeats (fixture sanity).
  EXPECT_NE((want.at({5, "cat"})), (Fixture("default").at({5, "cat"})));
}

TEST(TfidfTest, ColumnsAreInByteOrderLikeScikitLearn) {
  TfidfFit fit = FitTransformLines("b é A a\nZ b\n", {}, 2);
  EXPECT_THAT(fit.terms, ElementsAre("A", "Z", "a", "b", "é"));
}

TEST(TfidfTest, ColumnsOrderPrefixesNulBytesAndLongTermsByBytes) {
  // Terms equal in their first 16 bytes (zero padded) are ordered by length
  // or, past 16 bytes, by the rest: the sort keys must not stop there.
  using namespace std::string_literals;
  const std::string text = "a\0 b a\nabcdefghijklmnopz abcdefghijklmnop a\0\0\n"s +
                           "abcdefghijklmnopa abcdefghijklmno\0 a\n"s;
  for (size_t threads : {1, 2, 3}) {
    TfidfFit fit = FitTransformLines(text, {}, threads);
    EXPECT_THAT(fit.terms, ElementsAre("a", "a\0"s, "a\0\0"s, "abcdefghijklmno\0"s, "abcdefghijklmnop",
                                       "abcdefghijklmnopa", "abcdefghijklmnopz", "b"));
    EXPECT_THAT(fit.document_frequencies, ElementsAre(2, 1, 1, 1, 1, 1, 1, 1));
  }
}

TEST(TfidfTest, WhitespaceIsPythonsIsspace) {
  std::vector<std::string> terms;
  ForEachWhitespaceTerm("a\xc2\xa0" "b\xe2\x80\x83" "c\x1f" "d\xe3\x80\x80" "e\xc2\xa9" "f\xe2\x80\x8b" "g",
                        [&](std::string_view t) { terms.emplace_back(t); });
  // NBSP, EM SPACE, U+001F, IDEOGRAPHIC SPACE split; (C) sign and ZERO WIDTH
  // SPACE (not white space in Python) do not.
  EXPECT_THAT(terms, ElementsAre("a", "b", "c", "d", "e\xc2\xa9" "f\xe2\x80\x8b" "g"));
}

TEST(TfidfTest, TransformOfIdsMatchesWeightCounts) {
  TfidfWeights w({1, 2, 1}, 2, {});
  std::vector<WeightedTerm> row;
  w.Transform(std::vector<int32_t>{0, 1, 0, -1}, &row);
  ASSERT_EQ(row.size(), 2u);
  const double ia = std::log(1.5) + 1;
  EXPECT_DOUBLE_EQ(row[0].weight, 2 * ia / std::sqrt(4 * ia * ia + 1));
  EXPECT_EQ(w.Idf(99), std::log(3.0) + 1);  // unseen term
}

// A reference fit the slow, obvious way: lines split at '\n', terms by
// ForEachWhitespaceTerm, columns from a std::map, WeightCounts() per row.
Values ReferenceFit(const std::string& text, const TfidfOptions& options) {
  std::vector<std::map<std::string, double>> rows;
  std::map<std::string, int64_t> df;
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    rows.emplace_back();
    ForEachWhitespaceTerm(std::string_view(line.data(), line.size()),
                          [&](std::string_view t) { rows.back()[std::string(t)] += 1; });
    for (const auto& [term, count] : rows.back()) ++df[term];
  }
  if (!text.empty() && text.back() == '\n') rows.pop_back();  // no document after the last '\n'
  std::map<std::string, int32_t> column;
  std::vector<int64_t> dfs;
  for (const auto& [term, d] : df) {
    column[term] = static_cast<int32_t>(dfs.size());
    dfs.push_back(d);
  }
  const std::vector<std::string> names = [&] {
    std::vector<std::string> n;
    for (const auto& [term, c] : column) n.push_back(term);
    return n;
  }();
  TfidfWeights weights(dfs, static_cast<int64_t>(rows.size()), options);
  Values v;
  for (size_t r = 0; r < rows.size(); ++r) {
    std::vector<WeightedTerm> row;
    for (const auto& [term, count] : rows[r]) row.push_back({column[term], count});
    weights.WeightCounts(&row);
    for (const WeightedTerm& t : row) v[{static_cast<int>(r + 1), names[t.id]}] = t.weight;
  }
  return v;
}

// Random text that exercises the fast path's corners: > 30,000 distinct
// terms (the term table grows several times), terms longer than 16 bytes
// that share their first 16 bytes, lengths 1..40, UTF-8, Unicode and
// control-character white space, empty lines, and a last line that ends at
// the very end of the buffer.
std::string RandomText(uint32_t seed) {
  std::mt19937 rng(seed);
  const std::vector<std::string> spaces = {" ", " ", " ", "\t", "  ", "\xc2\xa0", "\x1f", "\r", "\xe3\x80\x80"};
  std::string text;
  for (int line = 0; line < 3000; ++line) {
    const int words = static_cast<int>(rng() % 40);
    for (int w = 0; w < words; ++w) {
      std::string term;
      switch (rng() % 5) {
        case 0: term = "w" + std::to_string(rng() % 50); break;                      // frequent
        case 1: term = "rare" + std::to_string(rng() % 100000); break;               // many distinct
        case 2: term = "abcdefghijklmnop" + std::to_string(rng() % 300); break;      // > 16, shared prefix
        case 3: term = std::string(1 + rng() % 40, static_cast<char>('a' + rng() % 3)); break;
        default: term = "\xc3\xa9t\xc3\xa9" + std::string(1, static_cast<char>('\x01' + rng() % 3)); break;
      }
      if (w > 0) text += spaces[rng() % spaces.size()];
      text += term;
    }
    if (line + 1 < 3000) text += '\n';
  }
  return text;
}

TEST(TfidfTest, FastPathMatchesReferenceOnRandomText) {
  for (uint32_t seed : {1u, 2u}) {
    const std::string text = RandomText(seed);
    for (const TfidfOptions& options :
         {TfidfOptions{}, TfidfOptions{.tf = TfWeighting::kLog, .smooth_idf = false},
          TfidfOptions{.tf = TfWeighting::kBoolean, .norm = TfidfNorm::kL1}}) {
      const Values want = ReferenceFit(text, options);
      ASSERT_GT(want.size(), 30000u);
      for (size_t threads : {1, 2, 3}) {
        SCOPED_TRACE(::testing::Message() << "seed " << seed << " threads " << threads);
        ExpectSameValues(FromFit(FitTransformLines(text, options, threads)), want);
      }
    }
  }
}

// The terms and line ends a scanner reports, in order ("\n" for a line end).
template <typename Scan>
std::vector<std::string> ScanEvents(std::string_view text, Scan scan) {
  std::vector<std::string> events;
  scan(text, [&](std::string_view term) { events.emplace_back(term); }, [&] { events.emplace_back("\n"); });
  return events;
}

TEST(TfidfTest, ScannerMatchesScalarScannerAndForEachWhitespaceTerm) {
  // Multi-byte white space and term ends at every offset around the scanner's
  // 64-byte windows, then the random text.
  std::vector<std::string> texts;
  for (size_t pad = 55; pad <= 66; ++pad) {
    texts.push_back(std::string(pad, 'x') + "\xe3\x80\x80y\xc2\xa0z\x01\xe2\x80\x8bq\n\n" + std::string(pad, ' ') + "w");
    texts.push_back(std::string(pad, 'x'));
    texts.push_back(std::string(pad, 'x') + "\n");
  }
  texts.push_back("");
  texts.push_back(RandomText(3));
  for (const std::string& text : texts) {
    SCOPED_TRACE(text.substr(0, 80));
    const auto fast = ScanEvents(text, [](auto t, auto&& f, auto&& g) { tfidf_internal::ScanLines(t, f, g); });
    const auto scalar =
        ScanEvents(text, [](auto t, auto&& f, auto&& g) { tfidf_internal::ScanLinesScalar(t, f, g); });
    ASSERT_EQ(fast, scalar);
    std::vector<std::string> terms, fast_terms = fast;
    ForEachWhitespaceTerm(text, [&](std::string_view t) { terms.emplace_back(t); });
    std::erase(fast_terms, std::string("\n"));
    EXPECT_EQ(fast_terms, terms);
  }
}

}  // namespace
}  // namespace wordloom::nlp

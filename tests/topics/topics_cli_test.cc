// End-to-end tests of the topic commands of the `wordloom` binary:
// train-topics (Comprehend job output files), topics (JSON lines) and
// eval-topics, on small corpora written to a temporary directory.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <cmath>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "gmock/gmock.h"
#include "tests/test_util.h"

namespace wordloom {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

struct Result {
  int exit_code;
  std::string out;
  std::string err;
};

Result RunCli(const std::string& args) {
  Result r;
  r.exit_code = testing::RunCommand(absl::StrCat(testing::BinaryDir(), "/bin/wordloom ", args), &r.out,
                                    &r.err);
  return r;
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines = absl::StrSplit(text, '\n');
  if (!lines.empty() && lines.back().empty()) lines.pop_back();
  return lines;
}

// Two clear themes, alternating lines.
std::string TwoThemeText() {
  const char* themes[] = {"Oil prices rose as crude barrel supply from OPEC producers fell, energy",
                          "The team won the game; the coach praised every player after the season match"};
  std::string text;
  for (int i = 0; i < 60; ++i) absl::StrAppend(&text, themes[i % 2], " ", i, "\n");
  return text;
}

class TopicsCliTest : public ::testing::Test {
 protected:
  std::string File(const std::string& name, const std::string& contents) {
    const std::string path = dir_ + "/" + name;
    testing::WriteFile(path, contents);
    return path;
  }
  std::string dir_ = testing::TempDir();
};

TEST_F(TopicsCliTest, TrainTopicsWritesComprehendJobOutput) {
  const std::string input = File("news.txt", TwoThemeText());
  const std::string out = dir_ + "/job";
  Result r = RunCli(absl::StrCat("train-topics --input ", input, " --topics 2 --out ", out,
                                 " --iterations 50 --threads 2 --seed 7 --max-doc-fraction 1"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(std::filesystem::exists(out + "/model.wlm"));

  const std::vector<std::string> terms = Lines(testing::ReadFile(out + "/topic-terms.csv"));
  ASSERT_FALSE(terms.empty());
  EXPECT_EQ(terms[0], "topic,term,weight");
  EXPECT_EQ(terms.size(), 1u + 2 * 10);  // top 10 terms per topic
  std::map<std::string, std::set<std::string>> by_topic;
  for (size_t i = 1; i < terms.size(); ++i) {
    std::vector<std::string> f = absl::StrSplit(terms[i], ',');
    ASSERT_EQ(f.size(), 3u) << terms[i];
    EXPECT_THAT(f[0], ::testing::AnyOf("000", "001"));
    const double weight = std::stod(f[2]);
    EXPECT_TRUE(weight > 0 && weight < 1) << terms[i];
    by_topic[f[0]].insert(f[1]);
  }
  // The themes separate: "oil" and "coach" lead different topics.
  ASSERT_EQ(by_topic.size(), 2u);
  EXPECT_NE(by_topic["000"].count("oil"), by_topic["001"].count("oil"));
  EXPECT_NE(by_topic["000"].count("oil"), by_topic["000"].count("coach"));

  const std::vector<std::string> docs = Lines(testing::ReadFile(out + "/doc-topics.csv"));
  ASSERT_FALSE(docs.empty());
  EXPECT_EQ(docs[0], "docname,topic,proportion");
  std::map<std::string, double> total;
  for (size_t i = 1; i < docs.size(); ++i) {
    std::vector<std::string> f = absl::StrSplit(docs[i], ',');
    ASSERT_EQ(f.size(), 3u) << docs[i];
    EXPECT_THAT(f[0], StartsWith(input + ":"));
    total[f[0]] += std::stod(f[2]);
  }
  EXPECT_EQ(total.size(), 60u);
  for (const auto& [name, sum] : total) EXPECT_LE(sum, 1.0 + 1e-6) << name;
  EXPECT_TRUE(total.count(input + ":1") && total.count(input + ":60"));
}

TEST_F(TopicsCliTest, TopicsPrintsJsonLinesFromFileAndStdin) {
  const std::string out = dir_ + "/job";
  ASSERT_EQ(RunCli(absl::StrCat("train-topics --quiet --input ", File("news.txt", TwoThemeText()),
                                " --topics 2 --out ", out, " --iterations 50 --max-doc-fraction 1"))
                .exit_code,
            0);
  const std::string queries = File("q.txt", "crude oil and energy prices\n\nthe coach and the player\n");
  for (const std::string& args : {absl::StrCat("--model ", out, "/model.wlm ", queries),
                                  absl::StrCat("--model ", out, "/model.wlm - < ", queries)}) {
    Result r = RunCli("topics --terms 3 " + args);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const std::vector<std::string> lines = Lines(r.out);
    ASSERT_EQ(lines.size(), 3u) << r.out;
    std::vector<int> best;
    for (const std::string& line : lines) {
      nlohmann::json doc = nlohmann::json::parse(line, nullptr, false);
      ASSERT_FALSE(doc.is_discarded()) << line;
      ASSERT_TRUE(doc["Topics"].is_array());
      double last = 1.0;
      for (const auto& topic : doc["Topics"]) {
        const double p = topic["Proportion"];
        EXPECT_TRUE(p > 0 && p <= last) << line;
        last = p;
        EXPECT_EQ(topic["Terms"].size(), 3u);
        EXPECT_TRUE(topic["Terms"][0]["Term"].is_string());
      }
      best.push_back(doc["Topics"].empty() ? -1 : doc["Topics"][0]["Topic"].get<int>());
    }
    // The empty line gets the prior (both topics 0.5); the others differ.
    EXPECT_NE(best[0], best[2]);
    EXPECT_EQ(nlohmann::json::parse(lines[1])["Topics"].size(), 2u);
  }
}

TEST_F(TopicsCliTest, TrainsFromLdaCAndEvaluates) {
  File("vocab.txt", "apple\nbanana\ncherry\ndate\n");
  std::string dat;
  for (int i = 0; i < 40; ++i) dat += i % 2 ? "2 0:3 1:2\n" : "2 2:4 3:1\n";
  const std::string data = File("c.dat", dat);
  const std::string out = dir_ + "/lda";
  Result r = RunCli(absl::StrCat("train-topics --quiet --input ", data, " --topics 2 --out ", out,
                                 " --iterations 30"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(testing::ReadFile(out + "/doc-topics.csv"), HasSubstr(data + ":40,"));
  EXPECT_EQ(Lines(testing::ReadFile(out + "/topic-terms.csv")).size(), 1u + 2 * 4);
  r = RunCli(absl::StrCat("eval-topics --model ", out, "/model.wlm --reference ", data, " --heldout ", data,
                          " --top 2"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  nlohmann::json eval = nlohmann::json::parse(r.out, nullptr, false);
  ASSERT_FALSE(eval.is_discarded()) << r.out;
  EXPECT_EQ(eval["topics"], 2);
  // Each topic's two terms always co-occur: NPMI 1.
  EXPECT_NEAR(eval["npmi"].get<double>(), 1.0, 1e-9);
  EXPECT_TRUE(std::isfinite(eval["umass"].get<double>()));
  EXPECT_GT(eval["perplexity"].get<double>(), 1.0);
  EXPECT_LT(eval["perplexity"].get<double>(), 4.0);
  // The same coherence from exported term lists (as for gensim / scikit-learn).
  r = RunCli(absl::StrCat("eval-topics --terms ", out, "/topic-terms.csv --reference ", data, " --top 2"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  nlohmann::json terms = nlohmann::json::parse(r.out, nullptr, false);
  ASSERT_FALSE(terms.is_discarded()) << r.out;
  EXPECT_EQ(terms["npmi"], eval["npmi"]);
  EXPECT_EQ(terms["umass"], eval["umass"]);
  r = RunCli(absl::StrCat("eval-topics --terms ", File("t.txt", "apple cherry\n"), " --reference ", data));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(nlohmann::json::parse(r.out)["npmi"], -1.0);  // never in the same document
  // Coherence logged during training.
  r = RunCli(absl::StrCat("train-topics --quiet --input ", data, " --topics 2 --out ", out,
                          " --iterations 10 --eval-every 5 --eval-log ", dir_, "/eval.jsonl"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::vector<std::string> log = Lines(testing::ReadFile(dir_ + "/eval.jsonl"));
  ASSERT_EQ(log.size(), 2u);
  EXPECT_EQ(nlohmann::json::parse(log[1])["iteration"], 10);
  EXPECT_TRUE(nlohmann::json::parse(log[1])["npmi"].is_number());
}

TEST_F(TopicsCliTest, BadInputFailsWithClearErrors) {
  const std::string input = File("news.txt", TwoThemeText());
  Result r = RunCli(absl::StrCat("train-topics --input ", input, " --topics 0 --out ", dir_, "/o"));
  EXPECT_NE(r.exit_code, 0);
  EXPECT_THAT(r.err, HasSubstr("number of topics must be at least 1"));
  r = RunCli(absl::StrCat("train-topics --input ", input, " --topics 100000 --out ", dir_, "/o"));
  EXPECT_NE(r.exit_code, 0);
  EXPECT_THAT(r.err, HasSubstr("exceeds the vocabulary size"));
  r = RunCli(absl::StrCat("train-topics --input ", File("empty.txt", ""), " --topics 2 --out ", dir_, "/o"));
  EXPECT_NE(r.exit_code, 0);
  EXPECT_THAT(r.err, HasSubstr("empty corpus"));
  r = RunCli(absl::StrCat("topics --model ", File("bogus.wlm", "not a model at all"), " ", input));
  EXPECT_NE(r.exit_code, 0);
  EXPECT_THAT(r.err, HasSubstr("not a wordloom model file"));
  r = RunCli(absl::StrCat("topics --model ", dir_, "/missing.wlm ", input));
  EXPECT_NE(r.exit_code, 0);
  EXPECT_THAT(r.err, HasSubstr("missing.wlm"));
  EXPECT_EQ(RunCli("train-topics --help").exit_code, 0);
  EXPECT_NE(RunCli("train-topics --topics 2").exit_code, 0);  // --input and --out required
}

}  // namespace
}  // namespace wordloom

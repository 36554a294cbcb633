// End-to-end tests of the `wordloom` binary: tokenize (text and jsonl, files
// and stdin, bad input) and spm-train + tokenize --subword. Each test runs
// the built binary on temporary files.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <random>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "gmock/gmock.h"
#include "tests/test_util.h"

namespace wordloom {
namespace {

using ::testing::HasSubstr;

std::string Binary() { return testing::BinaryDir() + "/bin/wordloom"; }

struct Result {
  int exit_code;
  std::string out;
  std::string err;
};

Result RunCli(const std::string& args) {
  Result r;
  r.exit_code = testing::RunCommand(absl::StrCat(Binary(), " ", args), &r.out, &r.err);
  return r;
}

// Lines of `out`, which must end with a newline (or be empty).
std::vector<std::string> Lines(const std::string& out) {
  if (out.empty()) return {};
  EXPECT_EQ(out.back(), '\n');
  std::vector<std::string> lines = absl::StrSplit(out, '\n');
  lines.pop_back();
  return lines;
}

class CliTest : public ::testing::Test {
 protected:
  std::string File(const std::string& name, const std::string& contents) {
    std::string path = dir_ + "/" + name;
    testing::WriteFile(path, contents);
    return path;
  }
  std::string dir_ = testing::TempDir();
};

TEST_F(CliTest, TokenizeTextOneLinePerInputLine) {
  const std::string input = File("in.txt", "Hello, World!\n\nStraße \uFB01ne 3,000.50\r\nlast\n\n");
  Result r = RunCli("tokenize " + input);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "hello , world !\n\nstrasse fine 3,000.50\nlast\n\n");
  EXPECT_EQ(r.err, "");
}

TEST_F(CliTest, TokenizeJsonl) {
  const std::string text = "Mail bob@example.org \U0001F600\n\nCaf\u00E9 ok.";
  const std::string input = File("in.txt", text);
  Result r = RunCli("tokenize --format jsonl " + input);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::vector<std::string> lines = Lines(r.out);
  ASSERT_EQ(lines.size(), 3u);
  std::vector<std::string> input_lines = absl::StrSplit(text, '\n');
  for (size_t i = 0; i < lines.size(); ++i) {
    nlohmann::json doc = nlohmann::json::parse(lines[i], nullptr, false);
    ASSERT_FALSE(doc.is_discarded()) << lines[i];
    EXPECT_EQ(doc["line"], i + 1);
    for (const auto& token : doc["tokens"]) {
      size_t begin = token["begin"], end = token["end"];
      EXPECT_EQ(token["text"], input_lines[i].substr(begin, end - begin));
    }
  }
  nlohmann::json first = nlohmann::json::parse(lines[0]);
  ASSERT_EQ(first["tokens"].size(), 3u);
  EXPECT_EQ(first["tokens"][0]["norm"], "mail");
  EXPECT_EQ(first["tokens"][1]["class"], "email");
  EXPECT_EQ(first["tokens"][1]["text"], "bob@example.org");
  EXPECT_EQ(first["tokens"][2]["class"], "emoji");
  EXPECT_TRUE(nlohmann::json::parse(lines[1])["tokens"].empty());
  nlohmann::json third = nlohmann::json::parse(lines[2]);
  EXPECT_EQ(third["tokens"][0]["norm"], "caf\u00E9");
  EXPECT_EQ(third["tokens"][0]["end"], 5);
}

TEST_F(CliTest, StdinInput) {
  Result r = RunCli("tokenize < " + File("in.txt", "A b\nC\n"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "a b\nc\n");
  r = RunCli("tokenize - < " + File("in2.txt", "X y"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "x y\n");
  Result piped = testing::RunCommand("printf 'One\\n\\nTwo\\n' | " + Binary() + " tokenize",
                                     nullptr, nullptr) == 0
                     ? RunCli("tokenize < " + File("in3.txt", "One\n\nTwo\n"))
                     : Result{1, "", ""};
  EXPECT_EQ(piped.out, "one\n\ntwo\n");
}

TEST_F(CliTest, SeveralFilesInOrder) {
  Result r = RunCli(absl::StrCat("tokenize ", File("a.txt", "first\n"), " ", File("b.txt", "second\n")));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "first\nsecond\n");
}

TEST_F(CliTest, ManyLinesKeepOrderAndCount) {
  std::string text;
  std::mt19937 rng(7);
  for (int i = 0; i < 20000; ++i) {
    if (rng() % 10 == 0) {
      text += "\n";
    } else {
      absl::StrAppend(&text, "Line ", i, " has words\n");
    }
  }
  Result r = RunCli("tokenize --threads 2 --format jsonl " + File("many.txt", text));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::vector<std::string> lines = Lines(r.out);
  ASSERT_EQ(lines.size(), 20000u);
  for (size_t i = 0; i < lines.size(); i += 997) {
    EXPECT_THAT(lines[i], ::testing::StartsWith(absl::StrCat("{\"line\":", i + 1, ",")));
  }
}

TEST_F(CliTest, HelpExitsZero) {
  Result tokenize = RunCli("tokenize --help");
  EXPECT_EQ(tokenize.exit_code, 0);
  EXPECT_THAT(tokenize.out, HasSubstr("--subword"));
  EXPECT_THAT(tokenize.out, HasSubstr("--format"));
  Result train = RunCli("spm-train --help");
  EXPECT_EQ(train.exit_code, 0);
  EXPECT_THAT(train.out, HasSubstr("--vocab-size"));
  EXPECT_EQ(RunCli("--help").exit_code, 0);
}

TEST_F(CliTest, UsageErrorsFail) {
  EXPECT_NE(RunCli("").exit_code, 0);
  EXPECT_NE(RunCli("no-such-command").exit_code, 0);
  EXPECT_NE(RunCli("tokenize --format xml " + File("in.txt", "x\n")).exit_code, 0);
}

TEST_F(CliTest, MissingFileNamesIt) {
  const std::string missing = dir_ + "/does_not_exist.txt";
  Result r = RunCli("tokenize " + missing);
  EXPECT_NE(r.exit_code, 0);
  EXPECT_THAT(r.err, HasSubstr(missing));
  EXPECT_EQ(r.out, "");
}

TEST_F(CliTest, DirectoryIsAnError) {
  Result r = RunCli("tokenize " + dir_);
  EXPECT_NE(r.exit_code, 0);
  EXPECT_THAT(r.err, HasSubstr(dir_));
}

TEST_F(CliTest, InvalidUtf8NamesFileLineAndByte) {
  const std::string input = File("bad.txt", "good line\nsecond ok\nbad \xFF here\nafter\n");
  Result r = RunCli("tokenize " + input);
  EXPECT_NE(r.exit_code, 0);
  EXPECT_THAT(r.err, HasSubstr(input + ":3"));
  EXPECT_THAT(r.err, HasSubstr("byte 4"));
  // Everything before the bad line was written.
  EXPECT_EQ(r.out, "good line\nsecond ok\n");
}

TEST_F(CliTest, InvalidUtf8Replace) {
  const std::string input = File("bad.txt", "good line\nbad \xFF here\nafter\n");
  Result r = RunCli("tokenize --invalid-utf8 replace " + input);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "good line\nbad \uFFFD here\nafter\n");
}

// A line longer than the in-memory limit (16 MiB) is streamed chunk by
// chunk: same tokens, offsets into the whole line, and an ill-formed byte
// deep inside it is named by its offset within the line.
TEST_F(CliTest, VeryLongLineIsStreamedWithLineOffsets) {
  std::string line;
  while (line.size() < (17u << 20)) line += "Alpha beta, ";
  const std::string input = File("long.txt", "short\n" + line + "\nlast\n");
  Result r = RunCli("tokenize " + input);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::string expected_long;
  for (size_t i = 0; i < line.size() / 12; ++i) absl::StrAppend(&expected_long, i ? " " : "", "alpha beta ,");
  EXPECT_TRUE(r.out == "short\n" + expected_long + "\nlast\n") << r.out.size();

  r = RunCli("tokenize --format jsonl " + input);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::vector<std::string> lines = Lines(r.out);
  ASSERT_EQ(lines.size(), 3u);
  // (Checked as text: parsing 100 MB of JSON would dominate the test.)
  EXPECT_TRUE(lines[1].rfind("{\"line\":2,\"tokens\":[{\"text\":\"Alpha\"", 0) == 0);
  EXPECT_TRUE(absl::EndsWith(lines[1], absl::StrCat("{\"text\":\",\",\"norm\":\",\",\"class\":\"punct\",\"begin\":",
                                                    line.size() - 2, ",\"end\":", line.size() - 1, "}]}")));
  size_t tokens = 0;
  for (size_t at = 0; (at = lines[1].find("{\"text\":", at)) != std::string::npos; ++at) ++tokens;
  EXPECT_EQ(tokens, 3 * (line.size() / 12));

  std::string bad = line;
  bad[(16u << 20) + 7] = '\xC3';  // a lead byte before a space: ill-formed
  const std::string bad_input = File("long_bad.txt", "ok\n" + bad + "\n");
  r = RunCli("tokenize " + bad_input);
  EXPECT_NE(r.exit_code, 0);
  EXPECT_THAT(r.err, HasSubstr(bad_input + ":2"));
  EXPECT_THAT(r.err, HasSubstr(absl::StrCat("byte ", (16u << 20) + 7)));
  EXPECT_TRUE(r.out.rfind("ok\n", 0) == 0);
}

TEST_F(CliTest, EmptyFileGivesNoOutput) {
  Result r = RunCli("tokenize " + File("empty.txt", ""));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "");
  r = RunCli("tokenize --format jsonl < " + File("empty2.txt", ""));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "");
}

TEST_F(CliTest, OptionsChangeOutput) {
  const std::string input = File("in.txt", "The Cat, the HAT!\n");
  EXPECT_EQ(RunCli("tokenize --drop-punctuation " + input).out, "the cat the hat\n");
  EXPECT_EQ(RunCli("tokenize --stopwords en " + input).out, "cat , hat !\n");
  EXPECT_EQ(RunCli("tokenize --no-case-fold " + input).out, "The Cat , the HAT !\n");
  EXPECT_EQ(RunCli("tokenize --no-fast-path " + input).out, "the cat , the hat !\n");
}

// A deterministic pseudo-English training corpus.
std::string SyntheticCorpus() {
  const char* words[] = {"the",   "rights",  "of",      "every",   "person", "shall", "be",
                         "law",   "freedom", "equal",   "dignity", "human",  "family", "peace",
                         "work",  "has",     "right",   "to",      "life",   "liberty", "and"};
  std::mt19937 rng(42);
  std::string corpus;
  for (int line = 0; line < 300; ++line) {
    int n = 4 + static_cast<int>(rng() % 8);
    for (int i = 0; i < n; ++i) {
      absl::StrAppend(&corpus, i ? " " : "", words[rng() % (sizeof(words) / sizeof(*words))]);
    }
    corpus += "\n";
  }
  return corpus;
}

TEST_F(CliTest, SpmTrainThenTokenizeSubword) {
  const std::string corpus = File("corpus.txt", SyntheticCorpus());
  const std::string prefix = dir_ + "/spm";
  Result train = RunCli(absl::StrCat("spm-train --input ", corpus, " --model-prefix ", prefix,
                                  " --vocab-size 60 --model-type bpe --character-coverage 1.0 "
                                  "--threads 2"));
  ASSERT_EQ(train.exit_code, 0) << train.err;
  const std::string input = File("in.txt", "the rights of every person\n\nliberty and peace\n");
  Result r = RunCli(absl::StrCat("tokenize --subword ", prefix, ".model ", input));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::vector<std::string> lines = Lines(r.out);
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_THAT(lines[0], ::testing::StartsWith("\u2581"));
  EXPECT_EQ(lines[1], "");
  // Pieces joined and with the space marks turned back into spaces give the line.
  auto rebuild = [](const std::string& line) {
    return absl::StrReplaceAll(absl::StrReplaceAll(line, {{" ", ""}}), {{"\u2581", " "}});
  };
  EXPECT_EQ(rebuild(lines[0]), " the rights of every person");
  EXPECT_EQ(rebuild(lines[2]), " liberty and peace");

  Result jsonl = RunCli(absl::StrCat("tokenize --format jsonl --subword ", prefix, ".model ", input));
  ASSERT_EQ(jsonl.exit_code, 0) << jsonl.err;
  std::vector<std::string> json_lines = Lines(jsonl.out);
  ASSERT_EQ(json_lines.size(), 3u);
  nlohmann::json doc = nlohmann::json::parse(json_lines[0]);
  ASSERT_FALSE(doc["pieces"].empty());
  EXPECT_EQ(doc["pieces"][0]["begin"], 0);
  EXPECT_EQ(doc["pieces"].back()["end"], 26);

  Result missing = RunCli(absl::StrCat("tokenize --subword ", dir_, "/nope.model ", input));
  EXPECT_NE(missing.exit_code, 0);
  EXPECT_THAT(missing.err, HasSubstr("nope.model"));
}

TEST_F(CliTest, SpmTrainErrors) {
  Result r = RunCli(absl::StrCat("spm-train --input ", dir_, "/missing.txt --model-prefix ", dir_,
                              "/m --vocab-size 100"));
  EXPECT_NE(r.exit_code, 0);
  EXPECT_THAT(r.err, HasSubstr("missing.txt"));
  EXPECT_NE(RunCli("spm-train --model-prefix x --vocab-size 10").exit_code, 0);  // no --input
}

}  // namespace
}  // namespace wordloom

// Tests for SubwordModel (sentencepiece through the shim): train unigram and
// BPE models on a few hundred lines of English, load them, encode with byte
// offsets, decode back, and the errors for bad input and bad model files.
#include "nlp/text/subword.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "core/strings.h"
#include "tests/test_util.h"

namespace wordloom::nlp {
namespace {

namespace fs = std::filesystem;

// Collapses runs of whitespace to one space and trims.
std::string CollapseSpaces(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == ' ' || c == '\t' || c == '\r') {
      if (!out.empty() && out.back() != ' ') out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::string WithoutSpaces(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c != ' ') out.push_back(c);
  }
  return out;
}

// Training lines and trained models, shared by the tests of this file
// (training is the slow part).
struct Fixture {
  std::vector<std::string> lines;  // whitespace-collapsed, non-empty
  std::string corpus_path;
  std::map<std::string, std::string> models;  // model type -> .model path
};

const Fixture& GetFixture(const std::string& source) {
  static Fixture* fixture = [&] {
    auto* f = new Fixture;
    const std::string text = testing::ReadFile(source);
    for (absl::string_view line : absl::StrSplit(text, '\n')) {
      std::string collapsed = CollapseSpaces(ToStd(line));
      if (collapsed.size() > 20) f->lines.push_back(collapsed);
      if (f->lines.size() == 600) break;
    }
    const std::string dir = testing::TempDir();
    f->corpus_path = dir + "/corpus.txt";
    std::string corpus;
    for (const std::string& line : f->lines) absl::StrAppend(&corpus, line, "\n");
    testing::WriteFile(f->corpus_path, corpus);
    for (std::string type : {"unigram", "bpe"}) {
      SubwordTrainOptions options;
      options.inputs = {f->corpus_path};
      options.model_prefix = absl::StrCat(dir, "/", type);
      options.vocab_size = 300;
      options.model_type = type;
      options.character_coverage = 1.0;
      options.threads = 2;
      absl::Status s = SubwordModel::Train(options);
      EXPECT_TRUE(s.ok()) << type << ": " << s;
      f->models[type] = options.model_prefix + ".model";
    }
    return f;
  }();
  return *fixture;
}

class SubwordTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    std::string source;
    WL_REQUIRE_DATA(source, "english_gutenberg_nltk/carroll-alice.txt");
    fixture_ = &GetFixture(source);
    ASSERT_GE(fixture_->lines.size(), 300u);
    const std::string& path = fixture_->models.at(GetParam());
    ASSERT_TRUE(fs::exists(path)) << path;
    ASSERT_TRUE(fs::exists(path.substr(0, path.size() - 6) + ".vocab"));
    auto model = SubwordModel::Load(path);
    ASSERT_TRUE(model.ok()) << model.status();
    model_ = std::move(*model);
  }

  // Checks offsets of `pieces` against `text`; returns the concatenated surfaces.
  std::string CheckPieces(std::string_view text, const std::vector<SubwordPiece>& pieces) {
    std::string surfaces;
    uint64_t previous_end = 0;
    for (const SubwordPiece& p : pieces) {
      EXPECT_LE(p.begin, p.end);
      EXPECT_GE(p.begin, previous_end) << "piece \"" << p.piece << "\"";
      EXPECT_LE(p.end, text.size());
      EXPECT_GE(p.id, 0);
      EXPECT_LT(p.id, model_->vocab_size());
      // An unknown piece (<unk>, id 0) carries its surface text, as
      // sentencepiece's EncodeAsPieces gives it.
      if (p.id == 0) {
        EXPECT_EQ(text.substr(p.begin, p.end - p.begin), p.piece);
      } else {
        EXPECT_EQ(model_->IdToPiece(p.id), p.piece);
      }
      previous_end = p.end;
      surfaces += text.substr(p.begin, p.end - p.begin);
    }
    return surfaces;
  }

  const Fixture* fixture_ = nullptr;
  std::unique_ptr<SubwordModel> model_;
};

TEST_P(SubwordTest, ModelBasics) {
  EXPECT_EQ(model_->vocab_size(), 300);
  EXPECT_EQ(model_->IdToPiece(0), "<unk>");
  EXPECT_EQ(model_->IdToPiece(-1), "");
  EXPECT_EQ(model_->IdToPiece(300), "");
}

TEST_P(SubwordTest, EncodeOffsetsAndDecodeRoundTrip) {
  size_t total_pieces = 0;
  for (const std::string& line : fixture_->lines) {
    auto pieces = model_->Encode(line);
    ASSERT_TRUE(pieces.ok()) << pieces.status();
    ASSERT_FALSE(pieces->empty());
    total_pieces += pieces->size();
    EXPECT_EQ(WithoutSpaces(CheckPieces(line, *pieces)), WithoutSpaces(line)) << line;
    std::vector<int32_t> ids;
    for (const SubwordPiece& p : *pieces) ids.push_back(p.id);
    auto decoded = model_->Decode(ids);
    ASSERT_TRUE(decoded.ok()) << decoded.status();
    EXPECT_EQ(*decoded, line);
  }
  // Subwords: more pieces than words, fewer than characters.
  size_t words = 0, chars = 0;
  for (const std::string& line : fixture_->lines) {
    words += std::count(line.begin(), line.end(), ' ') + 1;
    chars += line.size();
  }
  EXPECT_GT(total_pieces, words);
  EXPECT_LT(total_pieces, chars / 2);
}

TEST_P(SubwordTest, UnseenTextAndSpaces) {
  const std::string text = "  Alice  was   beginning to get very tired ";
  auto pieces = model_->Encode(text);
  ASSERT_TRUE(pieces.ok());
  EXPECT_EQ(WithoutSpaces(CheckPieces(text, *pieces)), WithoutSpaces(text));
  std::vector<int32_t> ids;
  for (const SubwordPiece& p : *pieces) ids.push_back(p.id);
  EXPECT_EQ(*model_->Decode(ids), "Alice was beginning to get very tired");
  // Characters never seen in training map to <unk> but keep their offsets.
  const std::string foreign = "Alice \u6771\u4EAC";
  auto foreign_pieces = model_->Encode(foreign);
  ASSERT_TRUE(foreign_pieces.ok());
  EXPECT_EQ(WithoutSpaces(CheckPieces(foreign, *foreign_pieces)), WithoutSpaces(foreign));
}

TEST_P(SubwordTest, EmptyInput) {
  auto pieces = model_->Encode("");
  ASSERT_TRUE(pieces.ok());
  EXPECT_TRUE(pieces->empty());
  auto decoded = model_->Decode({});
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ(*decoded, "");
}

TEST_P(SubwordTest, InvalidUtf8Rejected) {
  auto pieces = model_->Encode("Alice \xC3(");
  ASSERT_FALSE(pieces.ok());
  EXPECT_EQ(pieces.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(pieces.status().message().find("byte 6"), absl::string_view::npos) << pieces.status();
}

TEST_P(SubwordTest, DecodeRejectsIdsOutOfRange) {
  for (int32_t bad : {-1, 300, 1 << 30}) {
    auto decoded = model_->Decode({5, bad});
    ASSERT_FALSE(decoded.ok());
    EXPECT_EQ(decoded.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_NE(decoded.status().message().find("position 1"), absl::string_view::npos);
  }
}

TEST_P(SubwordTest, LongTextIsEncodedInChunks) {
  std::string text;
  for (size_t i = 0; text.size() < (3 << 20); ++i) {
    absl::StrAppend(&text, fixture_->lines[i % fixture_->lines.size()], " ");
  }
  text.pop_back();
  auto pieces = model_->Encode(text);
  ASSERT_TRUE(pieces.ok());
  EXPECT_EQ(WithoutSpaces(CheckPieces(text, *pieces)), WithoutSpaces(text));
  std::vector<int32_t> ids;
  for (const SubwordPiece& p : *pieces) ids.push_back(p.id);
  auto decoded = model_->Decode(ids);
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ(*decoded, text);
}

TEST_P(SubwordTest, ConcurrentEncode) {
  const std::string& line = fixture_->lines[7];
  auto expected = model_->Encode(line);
  ASSERT_TRUE(expected.ok());
  std::vector<std::thread> threads;
  std::vector<int> mismatches(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 200; ++i) {
        auto got = model_->Encode(line);
        if (!got.ok() || got->size() != expected->size()) ++mismatches[t];
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(mismatches, std::vector<int>(4, 0));
}

INSTANTIATE_TEST_SUITE_P(ModelTypes, SubwordTest, ::testing::Values("unigram", "bpe"));

TEST(SubwordLoadTest, MissingModelIsNotFound) {
  auto model = SubwordModel::Load(testing::TempDir() + "/nope.model");
  ASSERT_FALSE(model.ok());
  EXPECT_EQ(model.status().code(), absl::StatusCode::kNotFound);
  EXPECT_NE(model.status().message().find("nope.model"), absl::string_view::npos);
}

TEST(SubwordLoadTest, GarbageModelIsInvalidArgument) {
  const std::string dir = testing::TempDir();
  for (const std::string& contents :
       {std::string("this is not a sentencepiece model\n"), std::string(), std::string(4096, '\xFF')}) {
    const std::string path = dir + "/garbage.model";
    testing::WriteFile(path, contents);
    auto model = SubwordModel::Load(path);
    ASSERT_FALSE(model.ok());
    EXPECT_EQ(model.status().code(), absl::StatusCode::kInvalidArgument) << model.status();
    EXPECT_NE(model.status().message().find("garbage.model"), absl::string_view::npos);
  }
}

TEST(SubwordTrainTest, BadOptions) {
  SubwordTrainOptions options;
  EXPECT_EQ(SubwordModel::Train(options).code(), absl::StatusCode::kInvalidArgument);
  options.inputs = {testing::TempDir() + "/missing.txt"};
  options.model_prefix = testing::TempDir() + "/m";
  EXPECT_EQ(SubwordModel::Train(options).code(), absl::StatusCode::kNotFound);
  const std::string tiny = testing::TempDir() + "/tiny.txt";
  testing::WriteFile(tiny, "a b c\n");
  options.inputs = {tiny};
  options.vocab_size = 5000;  // far more than three letters allow
  absl::Status s = SubwordModel::Train(options);
  EXPECT_EQ(s.code(), absl::StatusCode::kInternal);
  EXPECT_FALSE(fs::exists(options.model_prefix + ".model"));
}

}  // namespace
}  // namespace wordloom::nlp

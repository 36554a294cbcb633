// End-to-end tests of `wordloom pii`: Comprehend's DetectPiiEntities shape,
// byte offsets, redaction, and bad lines keeping the output aligned.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "absl/strings/str_split.h"
#include "gmock/gmock.h"
#include "tests/test_util.h"

namespace wordloom {
namespace {

using ::testing::HasSubstr;

std::vector<std::string> Lines(const std::string& out) {
  std::vector<std::string> lines = absl::StrSplit(out, '\n', absl::SkipEmpty());
  return lines;
}

class PiiCommandTest : public ::testing::Test {
 protected:
  std::string File(const std::string& contents) {
    const std::string path = dir_ + "/in.txt";
    testing::WriteFile(path, contents);
    return path;
  }
  std::string dir_ = testing::TempDir();
};

TEST_F(PiiCommandTest, EntitiesWithByteOffsetsAndTypes) {
  const std::string line = "Mail jane.doe@example.com, card 4111 1111 1111 1111 today";
  testing::CommandResult r = testing::RunWordloom("pii --no-entities " + File(line + "\n"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::vector<std::string> lines = Lines(r.out);
  ASSERT_EQ(lines.size(), 1u);
  nlohmann::json doc = nlohmann::json::parse(lines[0]);
  ASSERT_EQ(doc["Entities"].size(), 2u) << lines[0];
  const auto& email = doc["Entities"][0];
  EXPECT_EQ(email["Type"], "EMAIL");
  EXPECT_EQ(line.substr(email["BeginOffset"].get<size_t>(),
                        email["EndOffset"].get<size_t>() - email["BeginOffset"].get<size_t>()),
            "jane.doe@example.com");
  EXPECT_GT(email["Score"].get<double>(), 0.0);
  EXPECT_LE(email["Score"].get<double>(), 1.0);
  EXPECT_EQ(doc["Entities"][1]["Type"], "CREDIT_DEBIT_NUMBER");
  EXPECT_FALSE(doc.contains("RedactedText"));
}

TEST_F(PiiCommandTest, LuhnFailureIsNotACardNumber) {
  testing::CommandResult r =
      testing::RunWordloom("pii --no-entities " + File("card 4111 1111 1111 1112\n"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "{\"Entities\":[]}\n");
}

TEST_F(PiiCommandTest, RedactMaskAndType) {
  const std::string input = File("write to a@b.org now\n");
  testing::CommandResult r = testing::RunWordloom("pii --no-entities --redact " + input);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(nlohmann::json::parse(r.out)["RedactedText"], "write to ******* now");
  r = testing::RunWordloom("pii --no-entities --redact --redact-mode type " + input);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(nlohmann::json::parse(r.out)["RedactedText"], "write to [EMAIL] now");
}

TEST_F(PiiCommandTest, BadLineGetsAnErrorObjectAndOthersAreKept) {
  const std::string input = File("a@b.org\nbad \xFF byte\n\nlast 10.0.0.1\n");
  testing::CommandResult r = testing::RunWordloom("pii --no-entities " + input);
  EXPECT_NE(r.exit_code, 0);
  std::vector<std::string> lines = absl::StrSplit(r.out, '\n');
  ASSERT_EQ(lines.size(), 5u) << r.out;  // four lines and the final newline
  EXPECT_THAT(lines[0], HasSubstr("\"EMAIL\""));
  EXPECT_THAT(lines[1], HasSubstr("\"Error\""));
  EXPECT_THAT(lines[3], HasSubstr("\"IP_ADDRESS\""));
  EXPECT_THAT(r.err, HasSubstr(input + ":2"));
}

TEST_F(PiiCommandTest, MissingExplicitEntityModelIsAnError) {
  testing::CommandResult r =
      testing::RunWordloom("pii --entities-model " + dir_ + "/none.wlm " + File("x\n"));
  EXPECT_NE(r.exit_code, 0);
  EXPECT_THAT(r.err, HasSubstr("none.wlm"));
}

}  // namespace
}  // namespace wordloom

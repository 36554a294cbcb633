// The real AWS CLI (Debian's awscli, /usr/bin/aws) against the real wordloomd
// binary on loopback: `aws comprehend <op> --endpoint-url ...` with dummy
// credentials and no AWS configuration must get Comprehend-shaped answers
// and errors; with TLS and a token, the token as AWS_ACCESS_KEY_ID gets in
// and another key is refused. Under CI=true a missing `aws` fails.
#include <string>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "tests/service/server_process.h"
#include "tests/service/test_models.h"
#include "tests/test_util.h"

namespace wordloom::service {
namespace {

using Json = nlohmann::json;

constexpr char kAws[] = "/usr/bin/aws";
constexpr char kToken[] = "aws-cli-test-token-42";

struct AwsResult {
  int exit_code = 0;
  Json json;  // stdout parsed (null when it is not JSON)
  std::string out, err;
};

// Runs `aws comprehend ARGS` against `endpoint` in a clean environment: no
// config or credential files, no instance metadata, one attempt.
AwsResult Aws(const std::string& endpoint, const std::string& args,
              const std::string& access_key = "testing", const std::string& extra_env = "") {
  const std::string home = wordloom::testing::TempDir();
  AwsResult r;
  r.exit_code = wordloom::testing::RunCommand(
      absl::StrCat("env -i PATH=/usr/bin:/bin HOME=", home, " AWS_ACCESS_KEY_ID=", access_key,
                   " AWS_SECRET_ACCESS_KEY=testing AWS_CONFIG_FILE=/dev/null "
                   "AWS_SHARED_CREDENTIALS_FILE=/dev/null AWS_EC2_METADATA_DISABLED=true "
                   "AWS_MAX_ATTEMPTS=1 AWS_PAGER= ",
                   extra_env, " ", kAws, " comprehend ", args, " --endpoint-url ", endpoint,
                   " --region us-east-1 --output json"),
      &r.out, &r.err);
  r.json = Json::parse(r.out, nullptr, false);
  return r;
}

class AwsCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    WL_REQUIRE_PROGRAM(kAws);
    dir_ = wordloom::testing::TempDir();
    wordloom::testing::WriteFile(dir_ + "/models/README", "models of this test\n");
    testing::WriteLanguageModel(dir_ + "/models/language.wlm");
    testing::WriteEntitiesModel(dir_ + "/models/ner.wlm");
    testing::WriteSentimentModel(dir_ + "/models/mood.wlm");
    testing::WriteKeyphrasesModel(dir_ + "/models/background.vocab");
  }
  std::vector<std::string> Flags() const {
    return {"--models", dir_ + "/models", "--threads", "2", "--model-poll-seconds", "0"};
  }
  std::string Log() const { return wordloom::testing::ReadFile(dir_ + "/wordloomd.log"); }

  std::string dir_;
};

// Two tests of three calls each: the CLI takes seconds to start.
TEST_F(AwsCliTest, SentimentEntitiesKeyPhrasesHaveComprehendShape) {
  testing::ServerProcess server;
  ASSERT_TRUE(server.Start(Flags(), dir_ + "/wordloomd.log")) << Log();
  const std::string url = absl::StrCat("http://127.0.0.1:", server.http_port());

  AwsResult r = Aws(url, "detect-sentiment --language-code en --text 'A wonderful film.'");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.json["Sentiment"], "POSITIVE") << r.out;
  for (const char* key : {"Positive", "Negative", "Neutral", "Mixed"}) {
    EXPECT_TRUE(r.json["SentimentScore"][key].is_number()) << key << " " << r.out;
  }

  r = Aws(url, "detect-entities --language-code en --text 'Mary flew to Rome with John .'");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  ASSERT_EQ(r.json["Entities"].size(), 3u) << r.out;
  EXPECT_EQ(r.json["Entities"][1]["Text"], "Rome");
  EXPECT_EQ(r.json["Entities"][1]["Type"], "LOCATION");
  EXPECT_EQ(r.json["Entities"][1]["BeginOffset"], 13);
  EXPECT_EQ(r.json["Entities"][1]["EndOffset"], 17);
  EXPECT_TRUE(r.json["Entities"][1]["Score"].is_number());

  r = Aws(url, "detect-key-phrases --language-code en --text 'Quantum sensors need data.'");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  ASSERT_GE(r.json["KeyPhrases"].size(), 1u) << r.out;
  for (const char* key : {"Text", "Score", "BeginOffset", "EndOffset"}) {
    EXPECT_TRUE(r.json["KeyPhrases"][0].contains(key)) << key << " " << r.out;
  }

  EXPECT_EQ(server.Stop(std::chrono::seconds(10)), 0) << Log();
}

TEST_F(AwsCliTest, LanguagePiiAndBatchSentimentHaveComprehendShape) {
  testing::ServerProcess server;
  ASSERT_TRUE(server.Start(Flags(), dir_ + "/wordloomd.log")) << Log();
  const std::string url = absl::StrCat("http://127.0.0.1:", server.http_port());
  AwsResult r = Aws(url, "detect-dominant-language --text 'Le chat dort sur le canapé de la maison.'");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  ASSERT_GE(r.json["Languages"].size(), 1u) << r.out;
  EXPECT_EQ(r.json["Languages"][0]["LanguageCode"], "fr") << r.out;

  r = Aws(url, "detect-pii-entities --language-code en --text 'Mail bob@example.com today'");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  ASSERT_TRUE(r.json["Entities"].is_array()) << r.out;
  int emails = 0;
  for (const Json& e : r.json["Entities"]) {
    if (e["Type"] != "EMAIL") continue;
    ++emails;
    EXPECT_EQ(e["BeginOffset"], 5);
    EXPECT_EQ(e["EndOffset"], 20);
    EXPECT_TRUE(e["Score"].is_number());
  }
  EXPECT_EQ(emails, 1) << r.out;

  r = Aws(url, "batch-detect-sentiment --language-code en "
               "--text-list 'A superb show.' 'A horrible hotel.'");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  ASSERT_EQ(r.json["ResultList"].size(), 2u) << r.out;
  EXPECT_EQ(r.json["ResultList"][0]["Index"], 0);
  EXPECT_EQ(r.json["ResultList"][0]["Sentiment"], "POSITIVE");
  EXPECT_EQ(r.json["ResultList"][1]["Sentiment"], "NEGATIVE");
  EXPECT_TRUE(r.json["ErrorList"].is_array());
  EXPECT_EQ(server.Stop(std::chrono::seconds(10)), 0) << Log();
}

TEST_F(AwsCliTest, ErrorsReachTheCliByName) {
  testing::ServerProcess server;
  ASSERT_TRUE(server.Start(Flags(), dir_ + "/wordloomd.log")) << Log();
  const std::string url = absl::StrCat("http://127.0.0.1:", server.http_port());
  AwsResult r = Aws(url, absl::StrCat("detect-sentiment --language-code en --text ",
                                      std::string(5001, 'a')));
  EXPECT_NE(r.exit_code, 0);
  EXPECT_TRUE(absl::StrContains(r.err, "(TextSizeLimitExceededException)")) << r.err;
  EXPECT_TRUE(absl::StrContains(r.err, "5000 bytes")) << r.err;
  r = Aws(url, "classify-document --text hello --endpoint-arn "
               "arn:aws:comprehend:us-east-1:000000000000:document-classifier-endpoint/nope");
  EXPECT_NE(r.exit_code, 0);
  EXPECT_TRUE(absl::StrContains(r.err, "(ResourceNotFoundException)")) << r.err;
  EXPECT_EQ(server.Stop(std::chrono::seconds(10)), 0) << Log();
}

TEST_F(AwsCliTest, TlsAndTokenAsAccessKey) {
  std::string err;
  ASSERT_TRUE(testing::WriteSelfSignedCertificate(dir_, &err)) << err;
  wordloom::testing::WriteFile(dir_ + "/token", absl::StrCat(kToken, "\n"));
  std::vector<std::string> flags = Flags();
  flags.insert(flags.end(), {"--tls-cert", dir_ + "/cert.pem", "--tls-key", dir_ + "/key.pem",
                             "--auth-token-file", dir_ + "/token"});
  testing::ServerProcess server;
  ASSERT_TRUE(server.Start(flags, dir_ + "/wordloomd.log")) << Log();
  const std::string url = absl::StrCat("https://127.0.0.1:", server.http_port());
  const std::string ca = absl::StrCat("AWS_CA_BUNDLE=", dir_, "/cert.pem");
  AwsResult r = Aws(url, "detect-sentiment --language-code en --text 'A wonderful film.'",
                    kToken, ca);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.json["Sentiment"], "POSITIVE") << r.out;
  r = Aws(url, "detect-sentiment --language-code en --text 'A wonderful film.'", "testing", ca);
  EXPECT_NE(r.exit_code, 0);
  EXPECT_TRUE(absl::StrContains(r.err, "(UnrecognizedClientException)")) << r.err;
  EXPECT_EQ(server.Stop(std::chrono::seconds(10)), 0) << Log();
}

}  // namespace
}  // namespace wordloom::service
